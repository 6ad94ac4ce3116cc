import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import { FilePdfOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ZExportDeclaration,
  ZPage,
  ZSummaryRun,
  type TExportDeclaration,
  type TSummaryRun,
} from '@crossgate/contract';
import { api, qs } from '../../api/client.ts';
import { useAuth } from '../../auth.tsx';
import { CardTitle } from '../../components/PageTitle.tsx';
import { PagedTable, usePaging } from '../../components/PagedTable.tsx';
import { ErrorState } from '../../pages/States.tsx';
import { amount, beijingTime } from '../../format.ts';
import { formsSummaries, recentMonths, TwoLines, useCodeNames } from './shared.tsx';

interface RunValues {
  month: string;
  summaryFlag: '1' | '2';
  ebcCode?: string;
}

/** Export summary declarations (汇总申报) with their certificates, and forming a month's summaries now. */
export function DeclarationsPage() {
  const { t, i18n } = useTranslation('customs');
  const { me } = useAuth();
  const months = recentMonths(12);
  const [month, setMonth] = useState<string>('');
  const paging = usePaging();
  const { page, pageSize } = paging;
  const countries = useCodeNames('countries');
  const currencies = useCodeNames('currencies');
  const offices = useCodeNames('customs-offices');
  const list = useQuery({
    queryKey: ['customs', 'declarations', month, page, pageSize],
    queryFn: () =>
      api(`/api/v1/export/declarations${qs({ month: month || undefined, page, pageSize })}`, {
        schema: ZPage(ZExportDeclaration),
      }),
  });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="declarations-page">
      {me && formsSummaries(me) ? (
        <RunCard months={months} />
      ) : (
        <Alert type="info" showIcon title={t('declarations.noRight')} />
      )}
      <Card
        title={<CardTitle title={t('declarations.list')} />}
        extra={
          <Select
            aria-label={t('declarations.month')}
            style={{ width: 140 }}
            value={month}
            onChange={paging.filter(setMonth)}
            options={[{ value: '', label: t('common.all') }, ...months.map((m) => ({ value: m, label: m }))]}
          />
        }
      >
        <PagedTable<TExportDeclaration>
          data-testid="declarations-table"
          query={list}
          paging={paging}
          empty={t('declarations.empty')}
          showTotal
          scroll={{ x: 1100 }}
          settingsKey="customs-declarations"
          excel={{
            fileName: t('declarations.list'),
            fetchPage: (p, size) =>
              api(
                `/api/v1/export/declarations${qs({ month: month || undefined, page: p, pageSize: size })}`,
                {
                  schema: ZPage(ZExportDeclaration),
                },
              ),
            columns: [
              { title: t('declarations.declSeqNo'), value: (r) => r.declSeqNo },
              { title: t('declarations.entryId'), value: (r) => r.entryId },
              { title: t('declarations.month'), value: (r) => r.month },
              { title: t('declarations.ebc'), value: (r) => r.ebcName },
              { title: `${t('declarations.ebc')} (code)`, value: (r) => r.ebcCode },
              { title: t('declarations.country'), value: (r) => r.country },
              { title: t('declarations.portCode'), value: (r) => r.portCode },
              { title: t('declarations.invtCount'), value: (r) => r.invtCount },
              {
                title: t('declarations.totals'),
                value: (r) => r.totals.map((x) => `${x.total} ${x.currency}`).join('; '),
              },
              { title: t('declarations.decState'), value: (r) => r.decState },
              { title: t('declarations.certificate'), value: (r) => r.certificateNo },
              { title: t('declarations.createdAt'), value: (r) => beijingTime(r.createdAt) },
            ],
          }}
          columns={[
            {
              title: `${t('declarations.declSeqNo')} / ${t('declarations.entryId')}`,
              key: 'no',
              width: 200,
              render: (_, r) => <TwoLines first={r.declSeqNo} second={r.entryId ?? '—'} />,
            },
            { title: t('declarations.month'), dataIndex: 'month', width: 90 },
            {
              title: t('declarations.ebc'),
              key: 'ebc',
              render: (_, r) => <TwoLines first={r.ebcName} second={r.ebcCode} />,
            },
            { title: t('declarations.country'), key: 'country', render: (_, r) => countries(r.country) },
            { title: t('declarations.portCode'), key: 'port', render: (_, r) => offices(r.portCode) },
            {
              title: t('declarations.invtCount'),
              dataIndex: 'invtCount',
              align: 'right',
              width: 80,
            },
            {
              title: t('declarations.totals'),
              key: 'totals',
              align: 'right',
              render: (_, r) =>
                r.totals.map((x) => (
                  <div key={x.currency}>
                    {amount(x.total, i18n.language)}{' '}
                    <Typography.Text type="secondary">{currencies(x.currency)}</Typography.Text>
                  </div>
                )),
            },
            {
              title: t('declarations.decState'),
              key: 'state',
              render: (_, r) => (
                <Tag color="processing">
                  {t(`declarations.decStates.${r.decState}`, { defaultValue: r.decState })}
                </Tag>
              ),
            },
            {
              title: t('declarations.createdAt'),
              key: 'createdAt',
              width: 170,
              render: (_, r) => beijingTime(r.createdAt),
            },
            {
              title: t('declarations.certificate'),
              key: 'cert',
              fixed: 'right',
              render: (_, r) => (
                <a
                  href={`/api/v1/export/declarations/${r.id}/certificate.pdf`}
                  target="_blank"
                  rel="noreferrer"
                  data-testid="certificate-link"
                >
                  <FilePdfOutlined /> {r.certificateNo}
                </a>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function RunCard({ months }: { months: string[] }) {
  const { t } = useTranslation('customs');
  const { modal } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<RunValues>();
  const [result, setResult] = useState<TSummaryRun | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = (v: RunValues) => {
    setError(null);
    modal.confirm({
      title: t('declarations.runConfirm', { month: v.month }),
      content: t(`declarations.flags.${v.summaryFlag}`),
      okText: t('declarations.run'),
      cancelText: t('action.cancel', { ns: 'common' }),
      onOk: async () => {
        try {
          const run = await api('/api/v1/export/summaries', {
            method: 'POST',
            body: {
              month: v.month,
              summaryFlag: v.summaryFlag,
              ...(v.ebcCode?.trim() ? { ebcCode: v.ebcCode.trim() } : {}),
            },
            schema: ZSummaryRun,
          });
          setResult(run);
          await client.invalidateQueries({ queryKey: ['customs', 'declarations'] });
        } catch (e) {
          setResult(null);
          setError(e);
        }
      },
    });
  };
  return (
    <Card
      title={
        <Space>
          <ThunderboltOutlined />
          {t('declarations.runTitle')}
        </Space>
      }
      data-testid="summary-run"
    >
      <Typography.Paragraph type="secondary">{t('declarations.runHint')}</Typography.Paragraph>
      <Form<RunValues>
        form={form}
        layout="vertical"
        initialValues={{ month: months[1] ?? months[0], summaryFlag: '1' }}
        onFinish={submit}
      >
        <Row gutter={16} align="bottom">
          <Col xs={24} md={6} xl={4}>
            <Form.Item name="month" label={t('declarations.month')} rules={[{ required: true }]}>
              <Select options={months.map((m) => ({ value: m, label: m }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={18} xl={10}>
            <Form.Item name="summaryFlag" label={t('declarations.summaryFlag')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                options={(['1', '2'] as const).map((f) => ({
                  value: f,
                  label: t(`declarations.flags.${f}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="ebcCode" label={t('declarations.ebcCode')} rules={[{ max: 18 }]}>
              <Input maxLength={18} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={4}>
            <Form.Item>
              <Button type="primary" htmlType="submit" block data-testid="summary-run-submit">
                {t('declarations.run')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {error !== null && (
        <div style={{ marginTop: 16 }}>
          <ErrorState error={error} />
        </div>
      )}
      {result && (
        <Alert
          style={{ marginTop: 16 }}
          data-testid="summary-run-result"
          type={result.summaries > 0 ? 'success' : 'info'}
          showIcon
          title={
            result.summaries > 0
              ? t('declarations.runDone', {
                  summaries: result.summaries,
                  declarations: result.declarations,
                  inventories: result.inventories,
                })
              : t('declarations.runNothing', { month: result.month })
          }
          description={
            <div>
              {result.reason && <div>{result.reason}</div>}
              <div>{t('declarations.deadline', { date: result.deadline })}</div>
              {result.sumNos.length > 0 && (
                <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
                  {result.sumNos.map((n) => (
                    <Tag key={n}>{n}</Tag>
                  ))}
                </Space>
              )}
            </div>
          }
        />
      )}
    </Card>
  );
}
