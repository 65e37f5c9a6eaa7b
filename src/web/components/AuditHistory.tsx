/**
 * An entity's audit trail: who changed what and when, with the fields that changed.
 */
import { Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { QueryEmpty } from './QueryEmpty.tsx';
import { platformApi } from '../../shared/platform.api.ts';
import type { AuditEntryResponse } from '../../shared/platform.schemas.ts';
import { call } from '../app/api.ts';
import { displayValue } from '../app/format.ts';
import { useI18n } from '../app/i18n.tsx';

/** The fields whose values differ between two snapshots, with both values. */
export function changedFields(
  before: unknown,
  after: unknown,
): { field: string; from: unknown; to: unknown }[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const skip = new Set(['version', 'updatedAt', 'createdAt']);
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => !skip.has(k) && JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((field) => ({ field, from: b[field], to: a[field] }));
}

const show = (v: unknown) => (v === null || v === undefined ? '—' : displayValue(v));

export function AuditHistory({ entityType, entityId }: { entityType: string; entityId: string }) {
  const { t, formatDateTime } = useI18n();
  const {
    data = [],
    isLoading,
    error,
  } = useQuery({
    queryKey: ['audit', entityType, entityId],
    queryFn: () => call(platformApi.auditHistory, { params: { entityType, entityId } }),
  });
  return (
    <Table<AuditEntryResponse>
      data-testid="audit-history"
      size="small"
      rowKey="seq"
      loading={isLoading}
      dataSource={[...data].reverse()}
      pagination={{ pageSize: 10 }}
      locale={{ emptyText: <QueryEmpty error={error} /> }}
      columns={[
        {
          title: t('mine.auditAt'),
          dataIndex: 'at',
          width: 150,
          render: (at: string) => formatDateTime(at),
        },
        { title: t('mine.auditActor'), dataIndex: 'actor', width: 140 },
        {
          title: t('mine.auditType'),
          dataIndex: 'type',
          width: 120,
          render: (type: string) => <Tag>{t(`auditTypes.${type}` as 'auditTypes.x')}</Tag>,
        },
        {
          title: t('mine.auditChanges'),
          render: (_: unknown, e) => {
            const changes = e.before ? changedFields(e.before, e.after) : [];
            if (!changes.length) {
              return <Typography.Text type="secondary">—</Typography.Text>;
            }
            return (
              <ul style={{ margin: 0, paddingLeft: 16 }}>
                {changes.slice(0, 12).map((c) => (
                  <li key={c.field}>
                    <code>{c.field}</code>: {show(c.from)} → <strong>{show(c.to)}</strong>
                  </li>
                ))}
              </ul>
            );
          },
        },
      ]}
    />
  );
}
