/**
 * The home dashboard's plans card: how many of the region's targets are met and not met today, the
 * indicators that miss a goal, and the tasks of the caller's plans with the overdue ones.
 */
import { Card, Col, Row, Skeleton, Statistic, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { actionPlansApi } from '../../../shared/action-plans.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';

export function PlanCard({ region }: { region: string | undefined }) {
  const { t } = useI18n();
  const targets = useQuery({
    queryKey: ['targets', region],
    queryFn: () => call(actionPlansApi.targetBoard, { query: { region } }),
  });
  const plans = useQuery({
    queryKey: ['work-plans-with-tasks'],
    queryFn: async () => {
      const list = await call(actionPlansApi.listPlans);
      return Promise.all(list.map((p) => call(actionPlansApi.getPlan, { params: { id: p.id } })));
    },
  });
  const goals = (targets.data?.indicators ?? []).flatMap((i) =>
    i.targets.map((g) => ({ name: i.name, met: g.met })),
  );
  const missed = (targets.data?.indicators ?? []).filter((i) =>
    i.targets.some((g) => g.met === false),
  );
  const tasks = (plans.data ?? []).flatMap((p) => p.tasks);
  return (
    <Card
      title={t('plans.cardTitle')}
      size="small"
      data-testid="plan-card"
      extra={<Link to="/plans?tab=targets">{t('plans.tabTargets')}</Link>}
    >
      {!targets.data || !plans.data ? (
        <Skeleton active />
      ) : (
        <>
          <Row gutter={8}>
            <Col span={6}>
              <Statistic
                title={t('plans.met')}
                value={goals.filter((g) => g.met === true).length}
                valueStyle={{ color: '#389e0d' }}
              />
            </Col>
            <Col span={6}>
              <Statistic
                title={t('plans.notMet')}
                value={goals.filter((g) => g.met === false).length}
                valueStyle={{ color: '#cf1322' }}
              />
            </Col>
            <Col span={6}>
              <Statistic title={t('plans.tasksTotal')} value={tasks.length} />
            </Col>
            <Col span={6}>
              <Statistic
                title={t('plans.overdueTasks')}
                value={tasks.filter((x) => x.overdue).length}
                valueStyle={{ color: '#cf1322' }}
              />
            </Col>
          </Row>
          <div style={{ marginTop: 12 }}>
            {missed.map((i) => (
              <Tag color="red" key={i.key}>
                {i.name} {i.value === null ? '—' : `${i.value}%`}
              </Tag>
            ))}
          </div>
        </>
      )}
    </Card>
  );
}
