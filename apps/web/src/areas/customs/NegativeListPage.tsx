import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Tag,
  Tooltip,
} from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ZNegativeListEntry, ZPage, type TNegativeListEntry } from '@crossgate/contract';
import { api, qs } from '../../api/client.ts';
import { useAuth } from '../../auth.tsx';
import { useModalForm } from '../../components/useModalForm.ts';
import { CardTitle } from '../../components/PageTitle.tsx';
import { PagedTable, usePaging } from '../../components/PagedTable.tsx';
import { SearchInput } from '../../components/SearchInput.tsx';
import { ErrorState } from '../../pages/States.tsx';
import { beijingTime } from '../../format.ts';
import { keepsNegativeList, TwoLines } from './shared.tsx';

type Active = 'true' | 'false' | '';

/** 信用负面清单: list, add (enterprise by code, person by ID), delist with a reason, export. */
export function NegativeListPage() {
  const { t } = useTranslation('customs');
  const { me } = useAuth();
  const [active, setActive] = useState<Active>('true');
  const [q, setQ] = useState('');
  const paging = usePaging();
  const { page, pageSize } = paging;
  const [adding, setAdding] = useState(false);
  const [delisting, setDelisting] = useState<TNegativeListEntry | null>(null);
  const writes = me ? keepsNegativeList(me) : false;
  const list = useQuery({
    queryKey: ['customs', 'negative', active, q, page, pageSize],
    queryFn: () =>
      api(`/api/v1/negative-list${qs({ active: active || undefined, q, page, pageSize })}`, {
        schema: ZPage(ZNegativeListEntry),
      }),
  });
  return (
    <Card
      data-testid="negative-page"
      title={<CardTitle title={t('negative.title')} subtitle={t('negative.subtitle')} />}
      extra={
        <Space>
          <Button
            icon={<DownloadOutlined />}
            href={`/api/v1/negative-list/export.xlsx${qs({ active: active || undefined, q })}`}
            data-testid="negative-export"
          >
            {t('negative.export')}
          </Button>
          {writes && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              data-testid="negative-add"
            >
              {t('negative.add')}
            </Button>
          )}
        </Space>
      }
    >
      {!writes && <Alert style={{ marginBottom: 16 }} type="info" showIcon title={t('negative.noRight')} />}
      <Space wrap style={{ marginBottom: 16 }}>
        <Radio.Group
          aria-label={t('negative.active')}
          optionType="button"
          value={active}
          onChange={(e) => {
            setActive(e.target.value as Active);
            paging.setPage(1);
          }}
          options={[
            { value: 'true', label: t('negative.activeTrue') },
            { value: 'false', label: t('negative.activeFalse') },
            { value: '', label: t('common.all') },
          ]}
        />
        <SearchInput label={t('negative.q')} style={{ width: 320 }} onSearch={paging.filter(setQ)} />
      </Space>
      <PagedTable<TNegativeListEntry>
        data-testid="negative-table"
        query={list}
        paging={paging}
        showTotal
        columns={[
          {
            title: t('negative.subjectType'),
            key: 'type',
            width: 90,
            render: (_, r) => (
              <Tag color={r.subjectType === 'enterprise' ? 'geekblue' : 'purple'}>
                {t(`negative.${r.subjectType}`)}
              </Tag>
            ),
          },
          {
            title: `${t('negative.name')} / ${t('negative.subject')}`,
            key: 'name',
            render: (_, r) => (
              <TwoLines
                first={r.name}
                second={r.subjectType === 'enterprise' ? r.subjectKey : t('negative.personHidden')}
              />
            ),
          },
          { title: t('negative.reason'), dataIndex: 'reason' },
          { title: t('negative.authority'), dataIndex: 'authority', width: 140 },
          {
            title: t('negative.listedAt'),
            key: 'listedAt',
            width: 170,
            render: (_, r) => beijingTime(r.listedAt),
          },
          {
            title: t('negative.validUntil'),
            key: 'validUntil',
            width: 110,
            render: (_, r) => r.validUntil ?? '—',
          },
          {
            title: t('negative.active'),
            key: 'state',
            width: 110,
            render: (_, r) =>
              r.delistedAt ? (
                <Tooltip
                  title={`${t('negative.delistedAt')} ${beijingTime(r.delistedAt)} · ${r.delistReason ?? ''}`}
                >
                  <Tag>{t('negative.activeFalse')}</Tag>
                </Tooltip>
              ) : (
                <Tag color="red">{t('negative.activeTrue')}</Tag>
              ),
          },
          ...(writes
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, r: TNegativeListEntry) =>
                    r.delistedAt ? null : (
                      <Button size="small" danger onClick={() => setDelisting(r)}>
                        {t('negative.delist')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <AddModal open={adding} onClose={() => setAdding(false)} />
      <DelistModal entry={delisting} onClose={() => setDelisting(null)} />
    </Card>
  );
}

/** The rules of a reason (listing or delisting): 2–500 characters. */
const useReasonRules = () => {
  const { t } = useTranslation('customs');
  return [
    { required: true, whitespace: true, message: t('common.reasonRequired') },
    { min: 2, max: 500, message: t('common.reasonLength') },
  ];
};

/** A modal that changes the list: refreshes the negative list when done. */
const useListChange = <V,>(onClose: () => void, post: (values: V) => Promise<unknown>, done: string) =>
  useModalForm<V>(onClose, post, done, ['customs', 'negative']);

interface AddValues {
  subjectType: 'enterprise' | 'person';
  code?: string;
  idType?: string;
  idNumber?: string;
  name: string;
  reason: string;
  authority: string;
  validUntil?: { format(f: string): string } | null;
}

function AddModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('customs');
  const { me } = useAuth();
  const reasonRules = useReasonRules();
  const { form, error, submit, modal } = useListChange<AddValues>(
    onClose,
    (v) =>
      api('/api/v1/negative-list', {
        method: 'POST',
        body: {
          subjectType: v.subjectType,
          ...(v.subjectType === 'enterprise'
            ? { code: v.code?.trim() }
            : { idType: v.idType, idNumber: v.idNumber?.trim() }),
          name: v.name.trim(),
          reason: v.reason.trim(),
          authority: v.authority.trim(),
          ...(v.validUntil ? { validUntil: v.validUntil.format('YYYY-MM-DD') } : {}),
        },
        schema: ZNegativeListEntry,
      }),
    t('negative.addDone'),
  );
  const subjectType = Form.useWatch('subjectType', form);
  return (
    <Modal open={open} title={t('negative.add')} okText={t('action.submit', { ns: 'common' })} {...modal}>
      <Form<AddValues>
        form={form}
        layout="vertical"
        data-testid="negative-form"
        initialValues={{
          subjectType: 'enterprise',
          idType: '1',
          authority: me?.organisation.nameZh ?? '',
        }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="subjectType" label={t('negative.subjectType')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'enterprise', label: t('negative.enterprise') },
              { value: 'person', label: t('negative.person') },
            ]}
          />
        </Form.Item>
        {subjectType === 'person' ? (
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item
              name="idType"
              label={t('negative.idType')}
              style={{ width: 140 }}
              rules={[{ required: true }]}
            >
              <Select options={['1', '2'].map((c) => ({ value: c, label: t(`negative.idTypes.${c}`) }))} />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label={t('negative.idNumber')}
              extra={t('negative.idNumberHelp')}
              style={{ flex: 1 }}
              rules={[
                { required: true, whitespace: true, message: t('negative.idNumberRequired') },
                { max: 30 },
              ]}
            >
              <Input autoComplete="off" maxLength={30} />
            </Form.Item>
          </div>
        ) : (
          <Form.Item
            name="code"
            label={t('negative.code')}
            rules={[{ required: true, whitespace: true, message: t('negative.codeRequired') }, { max: 18 }]}
          >
            <Input maxLength={18} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('negative.name')}
          rules={[{ required: true, whitespace: true, message: t('negative.nameRequired') }, { max: 100 }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="reason" label={t('negative.reason')} rules={reasonRules}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Space style={{ width: '100%' }} align="start" wrap>
          <Form.Item
            name="authority"
            label={t('negative.authority')}
            rules={[
              { required: true, whitespace: true, message: t('negative.authorityRequired') },
              { min: 2, max: 100 },
            ]}
          >
            <Input style={{ width: 260 }} maxLength={100} />
          </Form.Item>
          <Form.Item name="validUntil" label={t('negative.validUntil')}>
            <DatePicker style={{ width: 180 }} />
          </Form.Item>
        </Space>
        {error !== null && <ErrorState error={error} />}
      </Form>
    </Modal>
  );
}

function DelistModal({ entry, onClose }: { entry: TNegativeListEntry | null; onClose: () => void }) {
  const { t } = useTranslation('customs');
  const reasonRules = useReasonRules();
  const { form, error, submit, modal } = useListChange<{ reason: string }>(
    onClose,
    (v) =>
      api(`/api/v1/negative-list/${entry?.id}/delist`, {
        method: 'POST',
        body: { reason: v.reason.trim() },
        schema: ZNegativeListEntry,
      }),
    t('negative.delistDone'),
  );
  return (
    <Modal
      open={entry !== null}
      title={t('negative.delistTitle', { name: entry?.name ?? '' })}
      okText={t('negative.delist')}
      okButtonProps={{ danger: true }}
      {...modal}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          if (entry) void submit(v);
        }}
      >
        <Form.Item name="reason" label={t('negative.delistReason')} rules={reasonRules}>
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
        </Form.Item>
        {error !== null && <ErrorState error={error} />}
      </Form>
    </Modal>
  );
}
