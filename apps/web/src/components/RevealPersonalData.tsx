import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Table, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ZPersonalData, type TPersonalData } from '@crossgate/contract';
import { api } from '../api/client.ts';
import { registerTexts } from '../i18n/index.ts';

registerTexts('personal', {
  'zh-CN': {
    button: '查看完整个人信息',
    title: '完整个人信息（已记入审计日志）',
    notice:
      '证件号码、电话、姓名和地址平时均以掩码显示。查看完整信息须填写事由，查看人、时间和事由将记入审计日志（《个人信息保护法》第二十八条、第五十一条）。',
    reason: '查看事由',
    reasonHint: '例如：核验订购人身份',
    reasonRequired: '请填写查看事由（2–200 字）',
    confirm: '查看',
    docType: '单证',
    field: '字段',
    value: '内容',
    docTypes: { inventory: '清单', order: '订单', payment: '支付单', waybill: '运单' },
    fields: {
      buyerName: '订购人姓名',
      buyerIdNumber: '订购人证件号码',
      buyerTelephone: '订购人电话',
      payerName: '支付人姓名',
      payerIdNumber: '支付人证件号码',
      telephone: '支付人电话',
      consignee: '收货人',
      consigneeTelephone: '收货人电话',
      consigneeAddress: '收货地址',
    },
  },
  en: {
    button: 'Show personal data in clear',
    title: 'Personal data in clear (recorded in the audit log)',
    notice:
      'ID numbers, telephones, names and addresses are always shown masked. To see them in clear give a reason; who viewed, when and why is written to the audit log (PIPL arts. 28 and 51).',
    reason: 'Reason',
    reasonHint: 'e.g. verifying the buyer’s identity',
    reasonRequired: 'Give a reason (2–200 characters)',
    confirm: 'Show',
    docType: 'Document',
    field: 'Field',
    value: 'Value',
    docTypes: { inventory: 'Inventory', order: 'Order', payment: 'Payment', waybill: 'Waybill' },
    fields: {
      buyerName: 'Buyer name',
      buyerIdNumber: 'Buyer ID number',
      buyerTelephone: 'Buyer telephone',
      payerName: 'Payer name',
      payerIdNumber: 'Payer ID number',
      telephone: 'Payer telephone',
      consignee: 'Consignee',
      consigneeTelephone: 'Consignee telephone',
      consigneeAddress: 'Consignee address',
    },
  },
});

/**
 * The audited reveal of a parcel's personal data (POST /api/v1/import/inventories/{id}/personal-data), for the
 * roles entitled to it: customs officers and the declaring enterprise's clerks. The caller decides whether to
 * show the button; the server decides whether to answer.
 */
export function RevealPersonalData({ inventoryId }: { inventoryId: string }) {
  const { t } = useTranslation('personal');
  const [open, setOpen] = useState(false);
  const [data, setData] = useState<TPersonalData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  const close = () => {
    setOpen(false);
    setData(null);
    setError(null);
    form.resetFields();
  };
  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      setData(
        await api(`/api/v1/import/inventories/${inventoryId}/personal-data`, {
          method: 'POST',
          body: { reason },
          schema: ZPersonalData,
        }),
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const rows = (data?.documents ?? []).flatMap((d) =>
    d.fields.map((f) => ({ key: `${d.docType}.${f.field}`, docType: d.docType, ...f })),
  );

  return (
    <>
      <Button icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="reveal-personal">
        {t('button')}
      </Button>
      <Modal open={open} title={t('title')} onCancel={close} footer={null} width={720} destroyOnHidden>
        <Alert type="warning" showIcon title={t('notice')} style={{ marginBottom: 16 }} />
        {data ? (
          <Table
            size="small"
            pagination={false}
            dataSource={rows}
            data-testid="personal-data-table"
            columns={[
              { title: t('docType'), dataIndex: 'docType', render: (v: string) => t(`docTypes.${v}`) },
              {
                title: t('field'),
                dataIndex: 'field',
                render: (v: string) => (
                  <span>
                    {t(`fields.${v}`, { defaultValue: v })}{' '}
                    <Typography.Text type="secondary">{v}</Typography.Text>
                  </span>
                ),
              },
              { title: t('value'), dataIndex: 'value' },
            ]}
          />
        ) : (
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
            <Form.Item
              name="reason"
              label={t('reason')}
              rules={[{ required: true, min: 2, max: 200, whitespace: true, message: t('reasonRequired') }]}
            >
              <Input placeholder={t('reasonHint')} maxLength={200} data-testid="reveal-reason" />
            </Form.Item>
            {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
            <Button type="primary" htmlType="submit" loading={busy} data-testid="reveal-confirm">
              {t('confirm')}
            </Button>
          </Form>
        )}
      </Modal>
    </>
  );
}
