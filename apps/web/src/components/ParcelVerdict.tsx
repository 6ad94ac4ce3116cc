import { Alert, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { registerTexts } from '../i18n/index.ts';
import { FindingText, ReceiptText } from './ReceiptText.tsx';

/**
 * The verdict at the top of a parcel page, taken from the parcel's real state — its returnStatus, whether it
 * was cancelled, the match findings and the timeline — never from the findings alone: a parcel refused for its
 * quota or its stock has no match finding, and must still read as refused (issue 17 item 9).
 */
export type VerdictKind =
  | 'refused'
  | 'eportRefused'
  | 'detained'
  | 'returned'
  | 'cancelled'
  | 'inspection'
  | 'review'
  | 'awaitingArrival'
  | 'released'
  | 'accepted'
  | 'waiting';

export interface VerdictInput {
  status: string;
  cancelled: boolean;
  issues: {
    severity: string;
    field?: string | undefined;
    rule: string;
    code?: string | undefined;
    expected?: string | undefined;
    actual?: string | undefined;
  }[];
  timeline: { status: string; returnInfo: string }[];
}

export interface Verdict {
  kind: VerdictKind;
  type: 'success' | 'info' | 'warning' | 'error';
  /** what the authority or the platform said with the state (the timeline's last entry of that state) */
  reason?: string;
  /** the returnStatus of the entry the reason comes from (worded from the catalogue, decision 0039) */
  reasonStatus?: string;
  /** the refusing findings: where (field) and which rule */
  refusals: {
    field?: string | undefined;
    rule: string;
    code?: string | undefined;
    expected?: string | undefined;
    actual?: string | undefined;
  }[];
  warnings: number;
}

const TYPE: Record<VerdictKind, Verdict['type']> = {
  refused: 'error',
  eportRefused: 'error',
  detained: 'error',
  returned: 'warning',
  cancelled: 'info',
  inspection: 'warning',
  review: 'warning',
  awaitingArrival: 'info',
  released: 'success',
  accepted: 'success',
  waiting: 'info',
};

function kindOf(status: string, cancelled: boolean): VerdictKind {
  if (cancelled) return 'cancelled';
  if (status.startsWith('-')) return 'eportRefused';
  switch (status) {
    case '100':
    case '4':
      return 'refused';
    case '501':
    case '502':
    case '503':
    case '599':
      return 'detained';
    case '700':
      return 'returned';
    case '500':
      return 'inspection';
    case '300':
      return 'review';
    case '400':
      return 'awaitingArrival';
    case '399':
    case '800':
    case '899':
      return 'released';
    case '120':
      return 'accepted';
    default:
      return 'waiting';
  }
}

/** The verdict of a parcel in this state (pure; the page shows it). */
export function parcelVerdict(input: VerdictInput): Verdict {
  const kind = kindOf(input.status, input.cancelled);
  const latest = [...input.timeline].reverse().find((e) => e.status === input.status && e.returnInfo);
  const refusals = input.issues
    .filter((i) => i.severity === 'refuse')
    .map((i) => ({ field: i.field, rule: i.rule, code: i.code, expected: i.expected, actual: i.actual }));
  return {
    kind,
    type: TYPE[kind],
    ...(latest && kind !== 'waiting' && kind !== 'accepted'
      ? { reason: latest.returnInfo, reasonStatus: latest.status }
      : {}),
    refusals: kind === 'refused' || kind === 'eportRefused' ? refusals : [],
    warnings: input.issues.filter((i) => i.severity === 'warn').length,
  };
}

registerTexts('verdict', {
  'zh-CN': {
    refused: '已退单：本清单未通过审核',
    refusedHint: '请按下列原因修改后重新申报',
    eportRefused: '电子口岸未受理：报文被拒收',
    eportRefusedHint: '请按下列原因修改后重新发送',
    detained: '已扣留：货物被海关扣留',
    returned: '已退运',
    cancelled: '已撤销：本清单已撤销申报',
    inspection: '待查验：海关布控查验，结果出来前不能放行',
    review: '人工审核中：等待海关关员处理',
    awaitingArrival: '待运抵：等待货物运抵监管场所',
    released: '已放行',
    accepted: '三单比对通过，海关已入库',
    waiting: '等待三单到齐：订单、支付单、运单和清单到齐后自动比对',
    reason: '原因',
    field: '字段',
    rule: '规则',
    warnings: '另有 {{count}} 条提示，见下方“比对结果”',
    colon: '：',
    hintSep: '，',
    issuesNoneButRefused: '三单比对未发现单证问题；退单原因见页首',
  },
  en: {
    refused: 'Refused: this inventory did not pass',
    refusedHint: 'Correct what is listed below and declare again',
    eportRefused: 'Not accepted by the e-port: the message was refused',
    eportRefusedHint: 'Correct what is listed below and send it again',
    detained: 'Detained: customs holds the goods',
    returned: 'Returned abroad',
    cancelled: 'Cancelled: the declaration of this inventory was withdrawn',
    inspection: 'Awaiting inspection: customs selected it; it is not released before the result',
    review: 'Under manual review: waiting for a customs officer',
    awaitingArrival: 'Awaiting arrival: waiting for the goods to reach the supervised site',
    released: 'Released',
    accepted: 'The documents match; accepted by customs',
    waiting:
      'Waiting for all documents: the order, payment, waybill and inventory are matched once all are in',
    reason: 'Reason',
    field: 'Field',
    rule: 'Rule',
    warnings: '{{count}} more notes, see the match results below',
    colon: ': ',
    hintSep: '; ',
    issuesNoneButRefused:
      'The document match found nothing; the reason for the refusal is at the top of the page',
  },
});

/** The verdict banner: red for a refusal or a detention, with the reason, each refusing field and its rule. */
export function ParcelVerdict({
  input,
  audience = 'enterprise',
}: {
  input: VerdictInput;
  /** the declarant is told how to fix a refusal; an officer is not */
  audience?: 'enterprise' | 'customs';
}) {
  const { t } = useTranslation('verdict');
  const v = parcelVerdict(input);
  const hasBody = v.reason !== undefined || v.refusals.length > 0 || v.warnings > 0;
  return (
    <Alert
      data-testid="parcel-verdict"
      data-verdict={v.kind}
      type={v.type}
      showIcon
      style={{ margin: '8px 0 12px' }}
      title={
        <Typography.Text strong>
          {t(v.kind)}
          {audience === 'enterprise' && (v.kind === 'refused' || v.kind === 'eportRefused')
            ? `${t('hintSep')}${t(`${v.kind}Hint`)}`
            : ''}
        </Typography.Text>
      }
      description={
        hasBody ? (
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            {v.reason !== undefined && (
              <div data-testid="parcel-verdict-reason" style={{ overflowWrap: 'anywhere' }}>
                <Typography.Text strong>
                  {t('reason')}
                  {t('colon')}
                </Typography.Text>
                <ReceiptText status={v.reasonStatus ?? input.status} returnInfo={v.reason} />
              </div>
            )}
            {v.refusals.map((r, n) => (
              <FindingText
                key={n}
                testId="parcel-verdict-refusal"
                finding={r}
                prefix={<Tag color="red">{t('rule')}</Tag>}
              />
            ))}
            {v.warnings > 0 && (
              <Typography.Text type="secondary">{t('warnings', { count: v.warnings })}</Typography.Text>
            )}
          </Space>
        ) : undefined
      }
    />
  );
}
