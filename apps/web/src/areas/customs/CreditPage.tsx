import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  ZCreditListItem,
  ZCreditRecord,
  ZCreditScore,
  ZPage,
  type TCreditRecord,
  type TPage,
} from '@crossgate/contract';
import type { z } from 'zod';
import { api, qs } from '../../api/client.ts';
import { useAuth } from '../../auth.tsx';
import { useModalForm } from '../../components/useModalForm.ts';
import { CellText, Clip } from '../../components/CellText.tsx';
import { CardTitle } from '../../components/PageTitle.tsx';
import { PagedTable, usePaging } from '../../components/PagedTable.tsx';
import { SearchInput } from '../../components/SearchInput.tsx';
import { FilingStatusTag } from '../../components/StatusTag.tsx';
import { ErrorState, Loading } from '../../pages/States.tsx';
import { beijingDate, number } from '../../format.ts';
import { CreditRecordView, LEVEL_COLOR } from '../enterprise/components/CreditRecord.tsx';
import { setsCustomsLevel } from './shared.tsx';
import './credit-texts.ts';

type TCreditListItem = z.infer<typeof ZCreditListItem>;
type Level = 'A' | 'B' | 'C' | 'D' | '';

/** One page of the credit list as the server filters it (the list and its Excel export read the same). */
const creditPage = (filters: { level: Level; q: string }, page: number, pageSize: number) =>
  api(
    `/api/v1/credit/enterprises${qs({ level: filters.level || undefined, q: filters.q, page, pageSize })}`,
    {
      schema: ZPage(ZCreditListItem),
    },
  ) as Promise<TPage<TCreditListItem>>;

/**
 * 企业信用管理 (customs, the zone office and the other regulators): every enterprise with its composite level and
 * score, searchable by name or code and filtered by level, each opening its credit record.
 */
export function CreditListPage() {
  const { t } = useTranslation('credit');
  const { t: te, i18n } = useTranslation('enterprise');
  const lng = i18n.language;
  const [level, setLevel] = useState<Level>('');
  const [q, setQ] = useState('');
  const paging = usePaging();
  const { page, pageSize } = paging;
  const filters = { level, q };
  const list = useQuery({
    queryKey: ['credit', 'enterprises', level, q, page, pageSize],
    queryFn: () => creditPage(filters, page, pageSize),
  });
  const filing = (s: string) => te(`filing.status.${s}`, { defaultValue: s });
  const levelName = (l: string | null) => (l ? te(`credit.levels.${l}`, { defaultValue: l }) : t('noScore'));
  return (
    <Card data-testid="credit-list-page" title={<CardTitle title={t('title')} subtitle={t('subtitle')} />}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Radio.Group
          aria-label={t('level')}
          optionType="button"
          value={level}
          data-testid="credit-level-filter"
          onChange={(e) => paging.filter(setLevel)(e.target.value as Level)}
          options={[
            { value: '', label: t('allLevels') },
            ...(['A', 'B', 'C', 'D'] as const).map((l) => ({ value: l, label: l })),
          ]}
        />
        <SearchInput
          label={t('q')}
          style={{ width: 440 }}
          data-testid="credit-search"
          onSearch={paging.filter(setQ)}
        />
      </Space>
      <PagedTable<TCreditListItem>
        data-testid="credit-list"
        rowKey="orgId"
        tableLayout="fixed"
        query={list}
        paging={paging}
        settingsKey="credit-enterprises"
        showTotal={(total) => t('total', { total })}
        excel={{
          fileName: t('fileName'),
          fetchPage: (p, size) => creditPage(filters, p, size),
          columns: [
            { title: t('name'), value: (r) => r.nameZh },
            { title: t('code'), value: (r) => r.code },
            { title: t('uscc'), value: (r) => r.uscc },
            { title: t('filingStatus'), value: (r) => filing(r.filingStatus) },
            { title: t('level'), value: (r) => r.level },
            { title: t('score'), value: (r) => r.score },
            { title: t('asOf'), value: (r) => r.asOf },
          ],
        }}
        columns={[
          {
            title: t('name'),
            key: 'name',
            render: (_, r) => (
              <CellText value={r.nameZh} copy={false}>
                <Link to={`/customs/credit/${r.orgId}`} data-testid={`credit-open-${r.code}`}>
                  {r.nameZh}
                </Link>
              </CellText>
            ),
          },
          { title: t('code'), key: 'code', width: 130, render: (_, r) => <CellText value={r.code} /> },
          {
            title: t('uscc'),
            key: 'uscc',
            width: 215,
            render: (_, r) => <CellText value={r.uscc} />,
          },
          {
            title: t('filingStatus'),
            key: 'filing',
            width: 96,
            render: (_, r) => (
              <FilingStatusTag status={r.filingStatus}>{filing(r.filingStatus)}</FilingStatusTag>
            ),
          },
          {
            title: t('level'),
            key: 'level',
            width: 130,
            render: (_, r) => (
              <Clip title={levelName(r.level)}>
                <Tag color={r.level ? LEVEL_COLOR[r.level] : 'default'} data-testid="credit-row-level">
                  {levelName(r.level)}
                </Tag>
              </Clip>
            ),
          },
          {
            title: t('score'),
            key: 'score',
            width: 80,
            align: 'right',
            render: (_, r) => (r.score ? number(r.score, lng) : '—'),
          },
          {
            title: t('asOf'),
            key: 'asOf',
            width: 110,
            render: (_, r) => (r.asOf ? beijingDate(r.asOf) : '—'),
          },
          {
            title: t('actions'),
            key: 'actions',
            width: 96,
            render: (_, r) => <Link to={`/customs/credit/${r.orgId}`}>{t('open')}</Link>,
          },
        ]}
      />
    </Card>
  );
}

/** One enterprise's credit record for a regulator, with customs' level adjustment for its officers. */
export function CreditRecordPage() {
  const { t } = useTranslation('credit');
  const { orgId = '' } = useParams();
  const { me } = useAuth();
  const [setting, setSetting] = useState(false);
  const record = useQuery({
    queryKey: ['credit', 'record', orgId],
    queryFn: () => api(`/api/v1/credit/enterprises/${orgId}`, { schema: ZCreditRecord }),
  });
  if (record.isLoading) return <Loading />;
  if (record.isError || !record.data)
    return <ErrorState error={record.error} onRetry={() => void record.refetch()} />;
  const r = record.data;
  return (
    <>
      <CreditRecordView
        record={r}
        regulator
        testId="credit-record"
        title={t('recordTitle', { name: r.nameZh })}
        extra={
          <Space wrap>
            <Link to="/customs/credit">
              <Button icon={<ArrowLeftOutlined />}>{t('back')}</Button>
            </Link>
            {me && setsCustomsLevel(me) && (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => setSetting(true)}
                data-testid="credit-set-level"
              >
                {t('setLevel')}
              </Button>
            )}
          </Space>
        }
      />
      <CustomsLevelModal record={r} open={setting} onClose={() => setSetting(false)} />
    </>
  );
}

interface LevelValues {
  level: 'advanced_certified' | 'general' | 'dishonest';
  validFrom: { format(f: string): string };
  source: string;
}

/** The levels customs decides today (一般认证企业 is kept for history only: the server refuses it). */
const CURRENT_LEVELS = ['advanced_certified', 'general', 'dishonest'] as const;

function CustomsLevelModal({
  record,
  open,
  onClose,
}: {
  record: TCreditRecord;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('credit');
  const { t: te } = useTranslation('enterprise');
  const { form, error, submit, modal } = useModalForm<LevelValues>(
    onClose,
    (v) =>
      api(`/api/v1/credit/enterprises/${record.orgId}/customs-level`, {
        method: 'PUT',
        body: { level: v.level, validFrom: v.validFrom.format('YYYY-MM-DD'), source: v.source.trim() },
        schema: ZCreditScore,
      }),
    t('setLevelDone'),
    ['credit'],
  );
  return (
    <Modal
      open={open}
      title={t('setLevelTitle', { name: record.nameZh })}
      okText={t('action.submit', { ns: 'common' })}
      {...modal}
    >
      <Typography.Paragraph type="secondary">{t('setLevelHelp')}</Typography.Paragraph>
      <Form<LevelValues>
        form={form}
        layout="vertical"
        data-testid="credit-level-form"
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="level"
          label={t('newLevel')}
          rules={[{ required: true, message: t('levelRequired') }]}
        >
          <Select
            data-testid="credit-level-select"
            options={CURRENT_LEVELS.map((l) => ({ value: l, label: te(`credit.customsLevels.${l}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="validFrom"
          label={t('validFrom')}
          rules={[{ required: true, message: t('validFromRequired') }]}
        >
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="source"
          label={t('source')}
          rules={[
            { required: true, whitespace: true, message: t('sourceRequired') },
            { min: 2, max: 200, message: t('sourceRequired') },
          ]}
        >
          <Input maxLength={200} placeholder={t('sourcePlaceholder')} />
        </Form.Item>
        {error !== null && <ErrorState error={error} />}
      </Form>
    </Modal>
  );
}
