/**
 * The mine page's 合规 tab (issue 9 §3–4): each qualification or contractor finding with its rule and
 * source; those matching a major-hazard criterion are marked as hazard candidates with a link to report.
 */
import { Alert, Button, Table, Tag, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { accountabilityApi } from '../../../shared/accountability.api.ts';
import type { ComplianceFindingResponse } from '../../../shared/accountability.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';

export function ComplianceTab({ mineId }: { mineId: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { data, error, isLoading } = useQuery({
    queryKey: ['compliance', mineId],
    queryFn: () => call(accountabilityApi.mineCompliance, { params: { id: mineId } }),
  });
  if (error) {
    return <QueryError error={error} />;
  }
  return (
    <>
      {data && data.findings.length === 0 && (
        <Alert type="success" message={t('compliance.none')} style={{ marginBottom: 12 }} />
      )}
      <Table<ComplianceFindingResponse>
        size="small"
        rowKey={(f) => `${f.rule}${f.subject}${f.message}`}
        loading={isLoading}
        dataSource={data?.findings ?? []}
        pagination={false}
        data-testid="compliance-findings"
        columns={[
          { title: t('compliance.rule'), dataIndex: 'rule', width: 160 },
          { title: t('compliance.finding'), dataIndex: 'message' },
          {
            title: t('compliance.source'),
            dataIndex: 'source',
            width: 220,
            render: (s: string) => (
              <Tooltip title={s}>{s.length > 30 ? `${s.slice(0, 30)}…` : s}</Tooltip>
            ),
          },
          {
            title: t('compliance.candidate'),
            dataIndex: 'criterion',
            width: 200,
            render: (c: string | null) =>
              c ? (
                <>
                  <Tag color="red">{c}</Tag>
                  {can('hazards.report') && (
                    <Link to={`/hazards/new?mineId=${mineId}`}>
                      <Button size="small">{t('compliance.report')}</Button>
                    </Link>
                  )}
                </>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </>
  );
}
