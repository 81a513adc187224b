/** Previous / Next over an offset-paged list; `children` go between the two buttons, `after` after them. */
import type { ReactNode } from 'react';

export function Pager({
  label,
  offset,
  pageSize,
  shown,
  busy,
  onOffset,
  children,
  after,
}: {
  label: string;
  offset: number;
  pageSize: number;
  /** How many rows the current page holds: fewer than a page means there is no next one. */
  shown: number;
  busy: boolean;
  onOffset: (offset: number) => void;
  children?: ReactNode;
  after?: ReactNode;
}) {
  return (
    <nav className="pager" aria-label={label}>
      <button
        type="button"
        className="button"
        disabled={offset === 0 || busy}
        onClick={() => onOffset(Math.max(0, offset - pageSize))}
      >
        Previous
      </button>{' '}
      {children}
      {children ? ' ' : null}
      <button
        type="button"
        className="button"
        disabled={shown < pageSize || busy}
        onClick={() => onOffset(offset + pageSize)}
      >
        Next
      </button>
      {after ? <> {after}</> : null}
    </nav>
  );
}
