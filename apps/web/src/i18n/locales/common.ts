import { REFUSED_BY_EPORT_ZH, STATUS_NAMES_ZH } from '@crossgate/ceb/status-codes';

/**
 * Names of the CEB returnStatus codes (spec 202205 §7) as the areas show them; the Chinese ones are the
 * codec's own table. `negative`: a refusal by the e-port (any negative code). The areas put them in their
 * namespaces under `status`.
 */
export const RETURN_STATUS = {
  'zh-CN': { ...STATUS_NAMES_ZH, negative: REFUSED_BY_EPORT_ZH },
  en: {
    '1': 'Saved at the e-port',
    '2': 'Declaring',
    '3': 'Sent to customs',
    '4': 'Sending to customs failed',
    '100': 'Refused by customs',
    '120': 'Accepted by customs',
    '300': 'Manual review',
    '399': 'Concluded',
    '400': 'Awaiting arrival',
    '500': 'Inspection',
    '501': 'Detained: clearance',
    '502': 'Detained: anti-smuggling',
    '503': 'Detained: legal',
    '599': 'Detained: other',
    '700': 'Returned',
    '800': 'Released',
    '899': 'Closed',
    negative: 'Refused by the e-port',
  },
};

/** Texts shared by the whole app: layout, login, states, common actions. */
export default {
  'zh-CN': {
    app: { name: '跨境电子商务单一窗口', zone: '焦作跨境电子商务综合试验区', short: 'Crossgate 单一窗口' },
    nav: {
      home: '首页',
      enterprise: '企业服务',
      customs: '海关作业',
      dashboard: '综试区大屏',
      public: '公共服务',
    },
    login: {
      title: '登录单一窗口',
      username: '用户名',
      password: '密码',
      submit: '登录',
      usernameRequired: '请输入用户名',
      passwordRequired: '请输入密码',
      failed: '登录失败',
      demo: '演示账号：seller / customs / zone 等，密码见启动输出',
      publicLinks: '无需登录：',
    },
    user: { logout: '退出登录', language: 'English' },
    state: { loading: '加载中…', empty: '暂无数据', error: '加载失败', retry: '重试' },
    list: { total: '共 {{total}} 条' },
    action: {
      search: '查询',
      reset: '重置',
      submit: '提交',
      save: '保存',
      cancel: '取消',
      view: '查看',
      download: '下载',
      back: '返回',
    },
    home: { welcome: '欢迎，{{name}}', org: '所属单位：{{org}}', pick: '请从左侧菜单选择要办理的业务。' },
    roles: { enterprise: '企业', agency: '监管部门', bank: '银行', zone_office: '综试区办公室' },
    notFound: '页面不存在',
  },
  en: {
    app: {
      name: 'Cross-border E-commerce Single Window',
      zone: 'Jiaozuo CBEC Comprehensive Pilot Zone',
      short: 'Crossgate Single Window',
    },
    nav: {
      home: 'Home',
      enterprise: 'Enterprise',
      customs: 'Customs',
      dashboard: 'Zone dashboard',
      public: 'Public services',
    },
    login: {
      title: 'Sign in to the single window',
      username: 'Username',
      password: 'Password',
      submit: 'Sign in',
      usernameRequired: 'Enter your username',
      passwordRequired: 'Enter your password',
      failed: 'Sign-in failed',
      demo: 'Demo users: seller / customs / zone …, password printed at start',
      publicLinks: 'Without signing in:',
    },
    user: { logout: 'Sign out', language: '中文' },
    state: { loading: 'Loading…', empty: 'No data', error: 'Could not load', retry: 'Retry' },
    list: { total: '{{total}} in all' },
    action: {
      search: 'Search',
      reset: 'Reset',
      submit: 'Submit',
      save: 'Save',
      cancel: 'Cancel',
      view: 'View',
      download: 'Download',
      back: 'Back',
    },
    home: {
      welcome: 'Welcome, {{name}}',
      org: 'Organisation: {{org}}',
      pick: 'Choose a task from the menu on the left.',
    },
    roles: { enterprise: 'Enterprise', agency: 'Agency', bank: 'Bank', zone_office: 'Zone office' },
    notFound: 'Page not found',
  },
};
