/**
 * The home dashboard's enforcement card: this month's inspections and their 四不两直 share, findings
 * and fines, and the regions flagged 零处罚 / 只检查不处罚 since January.
 */
import { Card, Col, Row, Skeleton, Statistic, Tag } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { inspectionsApi } from '../../../shared/inspections.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';

export function EnforcementCard({ region }: { region: string | undefined }) {
  const { t, v } = useI18n();
  const month = dayjs().format('YYYY-MM');
  const q = { region, from: `${month.slice(0, 4)}-01`, to: month };
  const { data } = useQuery({
    queryKey: ['enforcement-stats', q],
    queryFn: () => call(inspectionsApi.stats, { query: q }),
  });
  const now = data?.months.filter((m) => m.month === month) ?? [];
  const sum = (k: 'inspections' | 'unannounced' | 'findings' | 'penaltyYuan') =>
    now.reduce((a, m) => a + m[k], 0);
  const flagged = data?.regions.filter((r) => r.flags.length > 0) ?? [];
  return (
    <Card
      title={t('enforcement.cardMonth')}
      size="small"
      data-testid="enforcement-card"
      extra={<Link to="/inspections?tab=stats">{t('enforcement.tabStats')}</Link>}
    >
      {!data ? (
        <Skeleton active />
      ) : (
        <>
          <Row gutter={8}>
            <Col span={8}>
              <Statistic title={t('enforcement.inspections')} value={sum('inspections')} />
            </Col>
            <Col span={8}>
              <Statistic
                title={t('enforcement.unannounced')}
                value={
                  sum('inspections')
                    ? Math.round((100 * sum('unannounced')) / sum('inspections'))
                    : 0
                }
                suffix="%"
              />
            </Col>
            <Col span={8}>
              <Statistic title={t('enforcement.penaltyYuan')} value={sum('penaltyYuan')} />
            </Col>
          </Row>
          <div style={{ marginTop: 12 }}>
            {t('enforcement.cardFlags')}:{' '}
            {flagged.length === 0
              ? t('common.none')
              : flagged.map((r) => (
                  <Tag color="red" key={r.code}>
                    {r.name} {r.flags.map((f) => v(f)).join('/')}
                  </Tag>
                ))}
          </div>
        </>
      )}
    </Card>
  );
}
