/**
 * Keyset pagination in the UI: a stack of cursors (one per page visited), reset whenever the query
 * changes, with Previous / Next buttons and the total.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Button, Space, Typography } from 'antd';
import { useI18n } from '../app/i18n.tsx';

export interface CursorPages {
  /** The cursor of the page on screen (undefined = first page). */
  cursor: string | undefined;
  canGoBack: boolean;
  back: () => void;
  forward: (next: string) => void;
}

/** Pages of a list whose query is identified by `resetKey`; a new key starts at the first page. */
export function useCursorPages(resetKey: string): CursorPages {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  useEffect(() => setCursors([undefined]), [resetKey]);
  return {
    cursor: cursors[cursors.length - 1],
    canGoBack: cursors.length > 1,
    back: () => setCursors((c) => c.slice(0, -1)),
    forward: (next) => setCursors((c) => [...c, next]),
  };
}

export function CursorPager(props: {
  pages: CursorPages;
  total: number | undefined;
  nextCursor: string | null | undefined;
  /** Extra controls before the buttons (e.g. page size). */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const { pages, nextCursor } = props;
  return (
    <div className="page-header" style={{ marginTop: 12 }}>
      <Typography.Text data-testid="list-total">
        {t('common.total', { count: props.total ?? 0 })}
      </Typography.Text>
      <Space>
        {props.children}
        <Button disabled={!pages.canGoBack} onClick={pages.back}>
          {t('common.previous')}
        </Button>
        <Button disabled={!nextCursor} onClick={() => nextCursor && pages.forward(nextCursor)}>
          {t('common.next')}
        </Button>
      </Space>
    </div>
  );
}
