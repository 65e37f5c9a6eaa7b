/**
 * The unit's yearly inspection schedule (年度计划) as a calendar of twelve months: each planned visit with its date
 * (every visit is 四不两直, 《2024年矿山安全生产工作要点》第41条: the dates are regulators' eyes only), done or not, the inspector-days used against capacity,
 * and the mines the capacity could not cover. Administrators generate (or regenerate) it here.
 */
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  InputNumber,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { inspectionsApi } from '../../../shared/inspections.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { QueryError } from '../../layout/ErrorPage.tsx';

export function ScheduleCalendar() {
  const { t, v } = useI18n();
  const { can, me } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const [capacity, setCapacity] = useState(20);
  const schedules = useQuery({
    queryKey: ['inspection-schedules', year],
    queryFn: () => call(inspectionsApi.listSchedules, { query: { year } }),
  });
  const [chosen, setChosen] = useState<string | undefined>();
  // The caller's own unit's schedule first, else the first unit's in the jurisdiction.
  const scheduleId =
    (schedules.data?.some((p) => p.id === chosen) ? chosen : undefined) ??
    schedules.data?.find((p) => p.organisationId === me?.organisationId)?.id ??
    schedules.data?.[0]?.id;
  const schedule = useQuery({
    queryKey: ['inspection-schedule', scheduleId],
    enabled: Boolean(scheduleId),
    queryFn: () => call(inspectionsApi.getSchedule, { params: { id: scheduleId ?? '' } }),
  });
  if (schedules.error || schedule.error) {
    return <QueryError error={schedules.error ?? schedule.error} />;
  }
  const generate = async () => {
    try {
      await call(inspectionsApi.saveSchedule, {
        body: {
          year,
          capacityPerMonth: Array.from({ length: 12 }, () => capacity),
        },
      });
      await qc.invalidateQueries();
      void message.success(t('common.saved'));
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Form.Item label={t('enforcement.year')} style={{ marginBottom: 0 }}>
          <InputNumber min={2020} max={2100} value={year} onChange={(n) => setYear(n ?? year)} />
        </Form.Item>
        {(schedules.data?.length ?? 0) > 1 && (
          <Select
            style={{ width: 200 }}
            value={scheduleId}
            onChange={setChosen}
            options={(schedules.data ?? []).map((p) => ({ value: p.id, label: p.regionName }))}
            aria-label={t('enforcement.region')}
          />
        )}
        {can('inspections.schedule') && (
          <>
            <Form.Item label={t('enforcement.capacity')} style={{ marginBottom: 0 }}>
              <InputNumber
                min={0}
                max={10000}
                value={capacity}
                onChange={(n) => setCapacity(n ?? 0)}
              />
            </Form.Item>
            <Button type="primary" onClick={() => void generate()} data-testid="generate-plan">
              {t('enforcement.generateSchedule')}
            </Button>
          </>
        )}
      </Space>
      {!scheduleId || !schedule.data ? (
        <Empty description={t('enforcement.noSchedule')} />
      ) : (
        <>
          <Typography.Paragraph>
            {t('enforcement.scheduleVisits', { count: schedule.data.visits.length })}{' '}
            <Tag color="red">{v('四不两直')}</Tag>
            <Typography.Text type="secondary">
              {t('enforcement.allPlannedUnannounced')}
            </Typography.Text>
          </Typography.Paragraph>
          <Row gutter={[8, 8]} data-testid="plan-calendar">
            {Array.from({ length: 12 }, (_, m) => {
              const visits = schedule.data.visits.filter((x) => x.month === m + 1);
              return (
                <Col xs={24} sm={12} lg={8} xl={6} key={m}>
                  <Card
                    size="small"
                    title={t('enforcement.month', { month: m + 1 })}
                    extra={`${t('enforcement.load')} ${schedule.data.load[m] ?? 0}/${schedule.data.capacityPerMonth[m] ?? 0}`}
                  >
                    {visits.map((x) => (
                      <div key={x.id} style={{ fontSize: 12 }}>
                        {x.plannedOn.slice(5)}{' '}
                        {x.inspectionId ? (
                          <Link to={`/inspections/${x.inspectionId}`}>{x.mineName} ✓</Link>
                        ) : (
                          x.mineName
                        )}
                      </div>
                    ))}
                  </Card>
                </Col>
              );
            })}
          </Row>
          {schedule.data.shortfall.length > 0 && (
            <Typography.Paragraph type="warning" style={{ marginTop: 12 }}>
              {t('enforcement.shortfall')}: {schedule.data.shortfall.length}
            </Typography.Paragraph>
          )}
        </>
      )}
    </div>
  );
}
