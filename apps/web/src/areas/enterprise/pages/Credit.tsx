import { Button } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ZCreditRecord } from '@crossgate/contract';
import { api } from '../../../api/client.ts';
import { ErrorState, Loading } from '../../../pages/States.tsx';
import { CreditRecordView } from '../components/CreditRecord.tsx';

/** 信用档案: the enterprise's own credit record, with its credit report as a PDF. */
export function CreditPage() {
  const { t } = useTranslation('enterprise');
  const record = useQuery({
    queryKey: ['enterprise', 'credit'],
    queryFn: () => api('/api/v1/credit/me', { schema: ZCreditRecord }),
  });
  if (record.isLoading) return <Loading />;
  if (record.isError || !record.data)
    return <ErrorState error={record.error} onRetry={() => void record.refetch()} />;
  return (
    <CreditRecordView
      record={record.data}
      extra={
        <Button icon={<FilePdfOutlined />} href="/api/v1/credit/me/report.pdf" target="_blank">
          {t('credit.report')}
        </Button>
      }
    />
  );
}
