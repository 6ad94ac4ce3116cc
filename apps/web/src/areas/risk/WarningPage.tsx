import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Table,
  Timeline,
} from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { z } from 'zod';
import { ZRiskOfficer, ZWarningDetail, type TWarningDetail } from '@crossgate/contract';
import { api } from '../../api/client.ts';
import { useAuth } from '../../auth.tsx';
import { CardTitle } from '../../components/PageTitle.tsx';
import { beijingTime } from '../../format.ts';
import { ActionError, ErrorState } from '../../pages/States.tsx';
import { writesRisk } from './shared.tsx';
import { SeverityTag, WarningStatus } from './WarningsPage.tsx';
import './warning-texts.ts';

const AGENCIES = [
  'inspection',
  'commerce',
  'tax',
  'forex',
  'market_supervision',
  'statistics',
  'public_security',
] as const;

/**
 * One warning (decision 0047): the evidence (figures, parcels linked to the parcel page), assignment, the disposal
 * form (dismiss, or confirm with the negative list, a credit event, a referral), the review by a second officer
 * and the history.
 */
export function WarningPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('risk');
  const en = i18n.language === 'en';
  const { me } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const writes = me ? writesRisk(me) : false;
  const myId = me?.user?.id;
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<'dismissed' | 'confirmed'>('confirmed');
  const [note, setNote] = useState('');
  const [negativeList, setNegativeList] = useState(false);
  const [creditEvent, setCreditEvent] = useState(false);
  const [agency, setAgency] = useState<string | undefined>();
  const [referralNote, setReferralNote] = useState('');
  const [reviewNote, setReviewNote] = useState('');
  const warning = useQuery({
    queryKey: ['risk', 'warning', id],
    queryFn: () => api(`/api/v1/risk/warnings/${id}`, { schema: ZWarningDetail }),
  });
  const officers = useQuery({
    queryKey: ['risk', 'officers'],
    queryFn: () => api('/api/v1/risk/officers', { schema: z.array(ZRiskOfficer) }),
    enabled: writes,
  });
  const send = async (path: string, body: unknown, ok: string) => {
    setBusy(true);
    setError(null);
    try {
      const next = await api(`/api/v1/risk/warnings/${id}/${path}`, {
        method: 'POST',
        body,
        schema: ZWarningDetail,
      });
      client.setQueryData(['risk', 'warning', id], next);
      await client.invalidateQueries({ queryKey: ['risk', 'warnings'] });
      void message.success(ok);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  if (warning.error) return <ErrorState error={warning.error} onRetry={() => void warning.refetch()} />;
  const w: TWarningDetail | undefined = warning.data;
  if (!w) return <Card loading />;
  const canDispose =
    writes && (w.status === 'open' || w.status === 'assigned') && (!w.assignee || w.assignee.id === myId);
  const canReview = writes && w.status === 'disposed' && w.disposedBy?.id !== myId;
  const actionsText = (d: TWarningDetail) => {
    const a = d.disposalActions;
    if (!a) return t('warn.none');
    const parts = [
      a.negativeList ? t('warn.negativeList') : null,
      a.creditEvent ? t('warn.creditEvent') : null,
      a.referral ? `${t('warn.referral')}：${t(`agency.${a.referral.agency}`)}（${a.referral.note}）` : null,
    ].filter(Boolean);
    return parts.length > 0 ? parts.join('；') : t('warn.none');
  };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="risk-warning-page">
      <Card
        title={
          <CardTitle
            title={t('warn.detail', { typology: t(`typology.${w.typology}`) })}
            subtitle={en ? w.en : w.zh}
          />
        }
        extra={
          <Link to="/risk/warnings">
            <ArrowLeftOutlined /> {t('warn.back')}
          </Link>
        }
      >
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" bordered>
          <Descriptions.Item label={t('warn.severity')}>
            <SeverityTag severity={w.severity} />
          </Descriptions.Item>
          <Descriptions.Item label={t('warn.status')}>
            <WarningStatus status={w.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('warn.subject')}>
            {t(`subjectType.${w.subjectType}`)}{' '}
            {w.subjectName ? `${w.subjectName} (${w.subject})` : w.subject}
          </Descriptions.Item>
          <Descriptions.Item label={t('warn.period')}>{w.period}</Descriptions.Item>
          <Descriptions.Item label={t('warn.assignee')}>{w.assignee?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('warn.createdAt')}>{beijingTime(w.createdAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('warn.evidence')} size="small">
        <Descriptions
          column={{ xs: 1, md: 2, xl: 4 }}
          size="small"
          bordered
          title={t('warn.figures')}
          data-testid="warning-figures"
        >
          {Object.entries(w.evidence.figures).map(([k, v]) => (
            <Descriptions.Item key={k} label={t(`figure.${k}`, { defaultValue: k })}>
              <span data-testid={`warning-figure-${k}`}>{String(v)}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
        <p style={{ marginTop: 12 }}>
          {t('warn.buyers', { count: w.evidence.buyers })}
          {w.evidence.sellers.length > 0 && ` · ${t('warn.sellers')}：${w.evidence.sellers.join('、')}`}
        </p>
        <Table
          size="small"
          rowKey="id"
          data-testid="warning-parcels"
          dataSource={w.evidence.parcels}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            {
              title: t('warn.invtNo'),
              key: 'invtNo',
              render: (_, p) =>
                p.invtNo ? (
                  <Link to={`/customs/parcels/${p.id}`}>{p.invtNo}</Link>
                ) : (
                  <span>{p.id.slice(0, 8)}</span>
                ),
            },
          ]}
        />
      </Card>
      <ActionError error={error} />
      {!writes && <Alert type="info" showIcon title={t('warn.readOnly')} />}
      {writes && (w.status === 'open' || w.status === 'assigned') && (
        <Card title={t('warn.assign')} size="small">
          <Space wrap>
            <span>{t('warn.assignTo')}</span>
            <Select
              style={{ width: 220 }}
              data-testid="warning-assignee"
              value={w.assignee?.id}
              options={(officers.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              onChange={(v: string) => void send('assign', { assignee: v }, t('warn.assigned'))}
              disabled={busy}
            />
          </Space>
        </Card>
      )}
      {canDispose && (
        <Card title={t('warn.dispose')} size="small" data-testid="warning-dispose">
          <Form layout="vertical">
            <Form.Item label={t('warn.outcome')}>
              <Radio.Group
                value={outcome}
                onChange={(e) => setOutcome(e.target.value as 'dismissed' | 'confirmed')}
                options={[
                  { value: 'confirmed', label: t('warn.confirmed') },
                  { value: 'dismissed', label: t('warn.dismissed') },
                ]}
                data-testid="warning-outcome"
              />
            </Form.Item>
            {outcome === 'confirmed' && (
              <Form.Item>
                <Space direction="vertical">
                  <Checkbox
                    checked={negativeList}
                    onChange={(e) => setNegativeList(e.target.checked)}
                    data-testid="warning-negative-list"
                  >
                    {t('warn.negativeList')}
                  </Checkbox>
                  <Checkbox
                    checked={creditEvent}
                    onChange={(e) => setCreditEvent(e.target.checked)}
                    data-testid="warning-credit-event"
                  >
                    {t('warn.creditEvent')}
                  </Checkbox>
                  <Space wrap>
                    <span>{t('warn.referral')}</span>
                    <Select
                      allowClear
                      style={{ width: 200 }}
                      value={agency}
                      onChange={setAgency}
                      options={AGENCIES.map((a) => ({ value: a, label: t(`agency.${a}`) }))}
                    />
                    {agency && (
                      <Input
                        style={{ width: 320 }}
                        placeholder={t('warn.referralNote')}
                        value={referralNote}
                        onChange={(e) => setReferralNote(e.target.value)}
                      />
                    )}
                  </Space>
                </Space>
              </Form.Item>
            )}
            <Form.Item label={t('warn.note')} required>
              <Input.TextArea
                rows={3}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                data-testid="warning-note"
              />
            </Form.Item>
            <Button
              type="primary"
              loading={busy}
              data-testid="warning-submit-disposal"
              onClick={() => {
                if (!note.trim()) {
                  void message.error(t('warn.noteRequired'));
                  return;
                }
                void send(
                  'dispose',
                  {
                    outcome,
                    note,
                    ...(outcome === 'confirmed'
                      ? {
                          actions: {
                            negativeList,
                            creditEvent,
                            ...(agency && referralNote.trim()
                              ? { referral: { agency, note: referralNote } }
                              : {}),
                          },
                        }
                      : {}),
                  },
                  t('warn.disposedOk'),
                );
              }}
            >
              {t('warn.submitDisposal')}
            </Button>
          </Form>
        </Card>
      )}
      {w.disposal && (
        <Card title={t('warn.disposal')} size="small" data-testid="warning-disposal">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('warn.outcome')}>{t(`warn.${w.disposal}`)}</Descriptions.Item>
            <Descriptions.Item label={t('warn.dispose')}>{actionsText(w)}</Descriptions.Item>
            <Descriptions.Item label={t('warn.note')}>{w.disposalNote}</Descriptions.Item>
            <Descriptions.Item label={t('warn.disposedBy')}>
              {w.disposedBy?.name} · {beijingTime(w.disposedAt)}
            </Descriptions.Item>
            {w.reviewedBy && (
              <Descriptions.Item label={t('warn.reviewedBy')}>
                {w.reviewedBy.name} · {beijingTime(w.reviewedAt)} {w.reviewNote ? `· ${w.reviewNote}` : ''}
              </Descriptions.Item>
            )}
          </Descriptions>
          {writes && w.status === 'disposed' && w.disposedBy?.id === myId && (
            <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('warn.ownDisposal')} />
          )}
          {canReview && (
            <Space style={{ marginTop: 12 }} wrap data-testid="warning-review">
              <Input
                style={{ width: 320 }}
                placeholder={t('warn.reviewNote')}
                value={reviewNote}
                onChange={(e) => setReviewNote(e.target.value)}
              />
              <Button
                type="primary"
                loading={busy}
                data-testid="warning-approve"
                onClick={() =>
                  void send(
                    'review',
                    { decision: 'approved', note: reviewNote || undefined },
                    t('warn.reviewedOk'),
                  )
                }
              >
                {t('warn.approve')}
              </Button>
              <Button
                loading={busy}
                data-testid="warning-return"
                onClick={() =>
                  void send(
                    'review',
                    { decision: 'returned', note: reviewNote || undefined },
                    t('warn.reviewedOk'),
                  )
                }
              >
                {t('warn.returnIt')}
              </Button>
            </Space>
          )}
        </Card>
      )}
      <Card title={t('warn.history')} size="small">
        <Timeline
          data-testid="warning-history"
          items={w.history.map((h) => ({
            children: (
              <span>
                {beijingTime(h.at)} · {t(`warn.action.${h.action}`, { defaultValue: h.action })}
                {h.actor ? ` · ${h.actor.name}` : ''}
                {h.note ? ` · ${h.note}` : ''}
              </span>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
