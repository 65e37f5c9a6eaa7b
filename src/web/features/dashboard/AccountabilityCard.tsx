/**
 * The home dashboard's accountability card: this year's accidents and deaths, 举报 waiting or overdue,
 * and the mines with qualification or contractor findings (hazard candidates first).
 */
import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { accountabilityApi } from '../../../shared/accountability.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';

export function AccountabilityCard({ region }: { region: string | undefined }) {
  const { t } = useI18n();
  const { can } = useSession();
  const year = new Date().getFullYear();
  const accidents = useQuery({
    queryKey: ['accident-stats', region, year, year],
    queryFn: () =>
      call(accountabilityApi.accidentStats, { query: { region, fromYear: year, toYear: year } }),
  });
  const cases = useQuery({
    queryKey: ['public-reports', undefined],
    enabled: can('public_reports.read'),
    queryFn: () => call(accountabilityApi.publicReports),
  });
  const compliance = useQuery({
    queryKey: ['compliance-summary', region],
    queryFn: () => call(accountabilityApi.regionCompliance, { query: { region } }),
  });
  const thisYear = accidents.data?.byYear[0];
  const open = (cases.data ?? []).filter((c) => !['已反馈', '不予受理'].includes(c.state));
  return (
    <Card
      title={t('compliance.cardTitle')}
      size="small"
      data-testid="accountability-card"
      extra={<Link to="/accidents">{t('nav.accidents')}</Link>}
    >
      {!accidents.data || !compliance.data ? (
        <Skeleton active />
      ) : (
        <Row gutter={8}>
          <Col span={8}>
            <Statistic title={`${year} ${t('accidents.count')}`} value={thisYear?.accidents ?? 0} />
          </Col>
          <Col span={8}>
            <Statistic
              title={t('accidents.deaths')}
              value={thisYear?.deaths ?? 0}
              valueStyle={{ color: '#cf1322' }}
            />
          </Col>
          {can('public_reports.read') && (
            <Col span={8}>
              <Statistic
                title={t('nav.publicReports')}
                value={open.length}
                suffix={
                  open.some((c) => c.overdue)
                    ? `(${open.filter((c) => c.overdue).length} ↑)`
                    : undefined
                }
              />
            </Col>
          )}
          <Col span={8}>
            <Statistic title={t('compliance.mines')} value={compliance.data.withFindings.length} />
          </Col>
          <Col span={8}>
            <Statistic
              title={t('compliance.candidates')}
              value={compliance.data.withFindings.reduce((a, m) => a + m.hazardCandidates, 0)}
              valueStyle={{ color: '#cf1322' }}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}
