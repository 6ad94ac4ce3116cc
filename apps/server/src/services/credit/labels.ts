import { FILING_STATUS_LABELS, type FilingStatus } from '@crossgate/domain';

/** The Chinese name of an organisation's filing status; `none` (never filed) is not a filing state. */
export const filingLabel = (status: string): string =>
  status === 'none' ? '未备案' : (FILING_STATUS_LABELS[status as FilingStatus]?.zh ?? status);
