import { Tag, type TagProps } from 'antd';

/** Tag colours of a filing's status (enterprise and product filings), the same in every area. */
export const FILING_STATUS_COLOR: Record<string, string> = {
  draft: 'default',
  submitted: 'blue',
  approved: 'green',
  rejected: 'red',
  suspended: 'orange',
  revoked: 'default',
};

/** A filing's status as a coloured tag; the area names it (`children`) in its own words. */
export function FilingStatusTag({ status, ...tag }: TagProps & { status: string }) {
  return <Tag color={FILING_STATUS_COLOR[status] ?? 'default'} {...tag} />;
}
