import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import './table-texts.ts';

/**
 * A list cell's value on one line: cut with an ellipsis when the column is narrower, the full value on hover
 * (tooltip) and a copy button (numbers are copied into other systems all day). `children` shows the value
 * differently (a link) while the tooltip and the copy keep the plain value.
 */
export function CellText({
  value,
  copy = true,
  children,
  secondary,
}: {
  value: string | null | undefined;
  copy?: boolean;
  children?: ReactNode;
  secondary?: boolean;
}) {
  const { t } = useTranslation('table');
  if (value === null || value === undefined || value === '') return <span className="cg-cell-empty">—</span>;
  return (
    <Typography.Text
      className="cg-cell"
      type={secondary ? 'secondary' : undefined}
      style={{ maxWidth: '100%' }}
      ellipsis={{ tooltip: value }}
      copyable={copy ? { text: value, tooltips: [t('copy'), t('copied')] } : false}
    >
      {children ?? value}
    </Typography.Text>
  );
}

/** Anything on one line in a list cell (a tag, a name with its code): clipped with an ellipsis, whole on hover. */
export function Clip({ title, children }: { title: string; children: ReactNode }) {
  return (
    <span
      className="cg-cell-clip"
      title={title}
      style={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
    >
      {children}
    </span>
  );
}
