import { registerTexts } from '../i18n/index.ts';

/** Texts of the list tools (namespace 'table'): columns, density, copy, Excel export. */
registerTexts('table', {
  'zh-CN': {
    columns: '列设置',
    columnsReset: '恢复默认',
    density: '密度',
    large: '宽松',
    middle: '默认',
    small: '紧凑',
    copy: '复制',
    copied: '已复制',
    export: '导出 Excel',
    exporting: '正在导出：已取得 {{done}} / {{total}} 条',
    exportTitle: '导出 Excel',
    exportDone: '已导出 {{total}} 条',
    exportFailed: '导出失败',
    exportEmpty: '没有可导出的记录',
    exportCapped: '结果共 {{total}} 条，只导出前 {{cap}} 条；请缩小查询条件后分批导出。',
    cancel: '取消',
  },
  en: {
    columns: 'Columns',
    columnsReset: 'Reset',
    density: 'Density',
    large: 'Comfortable',
    middle: 'Default',
    small: 'Compact',
    copy: 'Copy',
    copied: 'Copied',
    export: 'Export to Excel',
    exporting: 'Exporting: {{done}} of {{total}} rows fetched',
    exportTitle: 'Export to Excel',
    exportDone: '{{total}} rows exported',
    exportFailed: 'The export failed',
    exportEmpty: 'Nothing to export',
    exportCapped:
      'The result has {{total}} rows; only the first {{cap}} are exported. Narrow the search to export the rest.',
    cancel: 'Cancel',
  },
});
