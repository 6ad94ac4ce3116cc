import { useEffect } from 'react';
import { Button, Card, Descriptions, Form, Grid, Input, Result } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ZCertificateVerification } from '@crossgate/contract';
import { api, ApiError, qs } from '../../api/client.ts';
import { ErrorState, Loading } from '../../pages/States.tsx';
import { beijingTime } from '../../format.ts';

interface Values {
  no: string;
  code: string;
}

/**
 * /public/certificates?no=…&code=…: whether a declaration certificate (报关单证明联) is genuine. The QR code
 * on the certificate carries the number and the code; typed in by hand, they are checked the same way.
 */
export function CertificatePage() {
  const { t } = useTranslation('public');
  const [params, setParams] = useSearchParams();
  const no = (params.get('no') ?? '').trim();
  const code = (params.get('code') ?? '').trim();
  const [form] = Form.useForm<Values>();
  useEffect(() => form.setFieldsValue({ no, code }), [form, no, code]);
  const q = useQuery({
    queryKey: ['public-certificate', no, code],
    queryFn: () =>
      api(`/api/v1/public/certificates/${encodeURIComponent(no)}${qs({ code })}`, {
        schema: ZCertificateVerification,
      }),
    enabled: no !== '' && code !== '',
    retry: false,
  });
  const notFound = q.error instanceof ApiError && q.error.status === 404;
  const c = q.data;
  // On a phone the two fields stack (an inline form is wider than the screen).
  const phone = Grid.useBreakpoint().sm !== true;
  return (
    <Card title={t('certificates.title')}>
      <Form<Values>
        form={form}
        layout={phone ? 'vertical' : 'inline'}
        initialValues={{ no, code }}
        onFinish={(v) => setParams({ no: v.no.trim(), code: v.code.trim() })}
        style={{ rowGap: 12, maxWidth: '100%' }}
      >
        <Form.Item
          name="no"
          label={t('certificates.no')}
          rules={[{ required: true, whitespace: true, message: t('certificates.noRequired') }]}
        >
          <Input
            placeholder={t('certificates.noPlaceholder')}
            style={{ width: 240, maxWidth: '100%' }}
            data-testid="cert-no"
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('certificates.code')}
          rules={[{ required: true, whitespace: true, message: t('certificates.codeRequired') }]}
        >
          <Input
            placeholder={t('certificates.codePlaceholder')}
            style={{ width: 300, maxWidth: '100%' }}
            data-testid="cert-code"
          />
        </Form.Item>
        <Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SafetyCertificateOutlined />}
            loading={q.isFetching}
            data-testid="cert-verify"
          >
            {t('certificates.verify')}
          </Button>
        </Form.Item>
      </Form>
      <div style={{ marginTop: 16 }}>
        {q.isLoading && <Loading />}
        {notFound && (
          <Result
            status="error"
            data-testid="cert-invalid"
            title={t('certificates.invalid')}
            subTitle={
              <>
                {t('certificates.no')}：{no}
                <br />
                {t('certificates.invalidHint')}
              </>
            }
          />
        )}
        {q.error && !notFound && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
        {c && (
          <>
            {c.entryId ? (
              <Result
                status="success"
                data-testid="cert-valid"
                title={t('certificates.valid')}
                subTitle={`${t('certificates.no')}：${c.certificateNo} · ${t('certificates.validHint')}`}
                style={{ paddingBottom: 8 }}
              />
            ) : (
              // No 报关单号 yet: customs has not finished the declaration, so the certificate is provisional.
              <Result
                status="warning"
                data-testid="cert-provisional"
                title={t('certificates.provisional')}
                subTitle={`${t('certificates.no')}：${c.certificateNo} · ${t('certificates.provisionalHint')}`}
                style={{ paddingBottom: 8 }}
              />
            )}
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'no', label: t('certificates.no'), children: c.certificateNo },
                { key: 'declSeqNo', label: t('certificates.declSeqNo'), children: c.declSeqNo },
                {
                  key: 'entryId',
                  label: t('certificates.entryId'),
                  children: c.entryId ?? t('certificates.entryPending'),
                },
                { key: 'ebcName', label: t('certificates.ebcName'), children: c.ebcName },
                { key: 'customsCode', label: t('certificates.customsCode'), children: c.customsCode },
                { key: 'portCode', label: t('certificates.portCode'), children: c.portCode },
                { key: 'tradeMode', label: t('certificates.tradeMode'), children: c.tradeMode },
                { key: 'month', label: t('certificates.month'), children: c.month },
                { key: 'invtCount', label: t('certificates.invtCount'), children: c.invtCount },
                {
                  key: 'totals',
                  label: t('certificates.totals'),
                  children: c.totals.map((x) => `${x.total}（${x.currency}）`).join('；'),
                },
                { key: 'issuedAt', label: t('certificates.issuedAt'), children: beijingTime(c.issuedAt) },
              ]}
            />
          </>
        )}
      </div>
    </Card>
  );
}
