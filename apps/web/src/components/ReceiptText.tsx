import type { CSSProperties, ReactNode } from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { findingText, oneLanguage, receiptText } from '@crossgate/contract';
import { registerTexts } from '../i18n/index.ts';

/**
 * Receipts and match findings in the UI language (decision 0039). The e-port's and customs' returnInfo is
 * Chinese and the domain's rule texts are English sentences; both stay as they are on the wire. These
 * components say them from the catalogue (packages/contract receipt-texts.ts), one language at a time, and keep
 * the raw text under a closed "技术细节 / Technical detail".
 */

registerTexts('receipt', {
  'zh-CN': { said: '填写的原因', colon: '：', field: '字段', rule: '规则', code: '代码' },
  en: { said: 'Reason as written', colon: ': ', field: 'Field', rule: 'Rule', code: 'Code' },
});

const lang = (language: string) => (language === 'en' ? 'en' : 'zh-CN');

/** What a person typed, as written; one language of it when written `中文 (English)`. */
export const asWritten = (text: string, language: string): string =>
  oneLanguage(text, lang(language)) ?? text;

/** The closed technical detail under a clerk text: what the server sent, as it sent it. */
export function TechnicalDetail({ lines, testId }: { lines: string[]; testId: string }) {
  const { t } = useTranslation('common');
  if (lines.length === 0) return null;
  return (
    <details data-testid={testId} style={{ marginTop: 2 }}>
      <summary style={{ cursor: 'pointer', color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
        {t('state.technical')}
      </summary>
      <pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: 12, margin: '2px 0 0' }}>
        {lines.join('\n')}
      </pre>
    </details>
  );
}

/**
 * A receipt (returnStatus + returnInfo) as a clerk reads it: what happened and what to do in the UI language,
 * what a person typed with it (an officer's reason) as written, and the raw returnInfo under technical detail.
 */
export function ReceiptText({
  status,
  returnInfo,
  testId = 'receipt-text',
  style,
}: {
  status: string;
  returnInfo: string;
  testId?: string;
  style?: CSSProperties;
}) {
  const { t, i18n } = useTranslation('receipt');
  const words = receiptText(status, returnInfo, lang(i18n.language));
  return (
    <div data-testid={testId} data-known={words.known} style={{ overflowWrap: 'anywhere', ...style }}>
      <span data-testid="receipt-clerk">{words.text}</span>
      {words.said !== undefined && (
        <div data-testid="receipt-said">
          <Typography.Text type="secondary">
            {t('said')}
            {t('colon')}
          </Typography.Text>
          {words.said}
        </div>
      )}
      {returnInfo.trim() !== '' && (
        <TechnicalDetail
          lines={[`returnStatus: ${status}`, `returnInfo: ${returnInfo}`]}
          testId="receipt-technical"
        />
      )}
    </div>
  );
}

/** A match finding as a clerk reads it: where (document, line, field) and the rule in the UI language. */
export function useFindingWords() {
  const { i18n } = useTranslation('receipt');
  return (finding: { code?: string | undefined; field?: string | undefined; rule: string }) =>
    findingText(finding, lang(i18n.language));
}

/** The technical lines of a finding: its code, field path, the domain's rule, expected and actual. */
export function findingTechnical(finding: {
  code?: string | undefined;
  field?: string | undefined;
  rule: string;
  expected?: string | undefined;
  actual?: string | undefined;
}): string[] {
  return [
    ...(finding.code ? [`code: ${finding.code}`] : []),
    ...(finding.field ? [`field: ${finding.field}`] : []),
    `rule: ${finding.rule}`,
    ...(finding.expected !== undefined ? [`expected: ${finding.expected}`] : []),
    ...(finding.actual !== undefined ? [`actual: ${finding.actual}`] : []),
  ];
}

/** A finding in one line: "清单第2项 商品名称：清单商品名称与订单…", the raw finding under technical detail. */
export function FindingText({
  finding,
  testId = 'finding-text',
  prefix,
}: {
  finding: {
    code?: string | undefined;
    field?: string | undefined;
    rule: string;
    expected?: string | undefined;
    actual?: string | undefined;
  };
  testId?: string;
  prefix?: ReactNode;
}) {
  const { t } = useTranslation('receipt');
  const words = useFindingWords()(finding);
  return (
    <div data-testid={testId} data-known={words.known} style={{ overflowWrap: 'anywhere' }}>
      {prefix}
      {words.where !== undefined && (
        <Typography.Text strong>
          {words.where}
          {t('colon')}
        </Typography.Text>
      )}
      <span data-testid="finding-clerk">{words.text}</span>
      <TechnicalDetail lines={findingTechnical(finding)} testId="finding-technical" />
    </div>
  );
}
