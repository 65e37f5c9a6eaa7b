/**
 * One alarm: what was detected, the point's chart around it, where it is in the 叫应 → 回应 → 响应 loop, and its whole timeline —
 * every call and re-call, escalation, webhook delivery, acknowledgement, response and closing — and what
 * the mine's own system reported about it (MineReportCard).
 */
import { useState } from 'react';
import { App, Button, Card, Descriptions, Skeleton, Space, Tag, Timeline } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { monitoringApi } from '../../../shared/monitoring.api.ts';
import type { AlarmDetailResponse } from '../../../shared/monitoring.schemas.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { AlarmActionDialog, type AlarmStep } from './AlarmActionDialog.tsx';
import { AlarmChart } from './AlarmChart.tsx';
import { AlarmStateTag } from './AlarmStateTag.tsx';
import { BOARD_REFRESH_MS } from './AlarmBoardPage.tsx';
import { LevelTag, levelColors } from './LevelTag.tsx';
import { MineReportCard } from './MineReportCard.tsx';
import { BackLink } from '../../components/BackLink.tsx';

/** The steps the alarm's state allows now (the API checks again). */
export function allowedSteps(a: AlarmDetailResponse): ('acknowledge' | AlarmStep)[] {
  if (a.closedAt) {
    return [];
  }
  if (a.state === '待叫应') {
    return ['acknowledge', 'close'];
  }
  const steps: ('acknowledge' | AlarmStep)[] = [];
  if (!a.respondedAt) {
    steps.push('respond');
  }
  if (a.state !== '已响应' && (a.peakLevel === '红色' || a.peakLevel === '橙色')) {
    steps.push('response');
  }
  steps.push('close');
  return steps;
}

export function AlarmDetailPage() {
  const { id = '' } = useParams();
  const { t, v, formatDateTime } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const [step, setStep] = useState<AlarmStep | null>(null);
  const qc = useQueryClient();
  const { data: a, error } = useQuery({
    queryKey: ['alarm', id],
    queryFn: () => call(monitoringApi.alarm, { params: { id } }),
    refetchInterval: BOARD_REFRESH_MS,
    staleTime: 0,
  });
  const ack = useMutation({
    mutationFn: () => call(monitoringApi.acknowledge, { params: { id } }),
    onSuccess: () => qc.invalidateQueries(),
    onError: (e) => void message.error(e.message),
  });
  usePageTitle(a ? `${t('monitoring.alarm')}: ${a.mineName}` : t('monitoring.alarm'));
  if (error) {
    return <QueryError error={error} />;
  }
  if (!a) {
    return <Skeleton active />;
  }
  const steps = can('monitoring.alarm.handle') ? allowedSteps(a) : [];
  return (
    <div>
      <BackLink to="/monitoring" label={t('nav.monitoring')} />
      <div className="page-header">
        <h1>
          <LevelTag level={a.level} /> {a.mineName} · {v(a.kind)}
          {a.sensorCode ? ` · ${a.sensorCode}` : ''}
        </h1>
        <Space wrap>
          {steps.map((s) => (
            <Button
              key={s}
              type={s === 'close' ? 'default' : 'primary'}
              danger={s === 'acknowledge'}
              loading={s === 'acknowledge' && ack.isPending}
              onClick={() => (s === 'acknowledge' ? ack.mutate() : setStep(s))}
              data-testid={`alarm-${s}`}
            >
              {t(`monitoring.${s}`)}
            </Button>
          ))}
        </Space>
      </div>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('monitoring.state')}>
          <AlarmStateTag alarm={a} /> {a.suppressed && <Tag>{t('monitoring.suppressed')}</Tag>}
          {a.historic && <Tag color="default">{t('monitoring.historic')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('monitoring.step')}>
          {a.stage ? v(a.stage) : '—'} · {t('monitoring.stepNo', { n: a.callStep + 1 })}
          {a.nextCallAt && !a.closedAt
            ? ` · ${t('monitoring.nextCallAt')} ${formatDateTime(a.nextCallAt)}`
            : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('hazard.mine')}>
          <Link to={`/mines/${a.mineId}`}>{a.mineName}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('monitoring.sensor')}>
          {a.sensorId ? <Link to={`/monitoring/sensors/${a.sensorId}`}>{a.sensorCode}</Link> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('monitoring.detail')} span={2}>
          {a.detail}
        </Descriptions.Item>
        <Descriptions.Item label={t('monitoring.peakLevel')}>
          <LevelTag level={a.peakLevel} />
        </Descriptions.Item>
        <Descriptions.Item label={t('monitoring.lastValue')}>
          {a.lastValue ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('monitoring.openedAt')}>
          {/* The time of the readings it is about; a late or back-filled one arrived later. */}
          {formatDateTime(a.triggeredAt)}
          {Date.parse(a.openedAt) - Date.parse(a.triggeredAt) > 60_000
            ? ` (${t('monitoring.receivedAt')} ${formatDateTime(a.openedAt)})`
            : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('monitoring.acknowledgedAt')}>
          {a.acknowledgedAt ? `${formatDateTime(a.acknowledgedAt)} ${a.acknowledgedBy ?? ''}` : '—'}
        </Descriptions.Item>
        {a.closedAt && (
          <Descriptions.Item label={t('monitoring.closedAt')} span={2}>
            {formatDateTime(a.closedAt)} {a.closeReason ? v(a.closeReason) : ''} {a.closeNote ?? ''}
          </Descriptions.Item>
        )}
      </Descriptions>
      <AlarmChart alarm={a} />
      <MineReportCard alarmId={a.id} />
      <Card size="small" title={t('monitoring.timeline')}>
        <Timeline
          data-testid="alarm-timeline"
          items={a.timeline.map((e) => ({
            key: e.id,
            color: e.level ? levelColors[e.level] : 'gray',
            children: (
              <span data-event={e.type}>
                <strong>{formatDateTime(e.at)}</strong> {v(e.type)}
                {e.actor ? ` · ${e.actor}` : ''}
                {describe(e.detail, v)}
              </span>
            ),
          }))}
        />
      </Card>
      <AlarmActionDialog alarmId={a.id} step={step} onClose={() => setStep(null)} />
    </div>
  );
}

/** The interesting parts of an event's detail in one line. */
function describe(detail: Record<string, unknown>, v: (s: string) => string): string {
  const parts: string[] = [];
  if (typeof detail.stage === 'string') {
    parts.push(v(detail.stage));
  }
  if (Array.isArray(detail.recipients) && detail.recipients.length) {
    parts.push(detail.recipients.join('、'));
  }
  if (Array.isArray(detail.channels)) {
    parts.push(detail.channels.map((c) => v(String(c))).join('/'));
  }
  for (const key of [
    'detail',
    'note',
    'action',
    'reason',
    'warning',
    'error',
    'via',
    'to',
  ] as const) {
    if (typeof detail[key] === 'string') {
      parts.push(detail[key]);
    }
  }
  if (typeof detail.peopleWithdrawn === 'number') {
    parts.push(`${v('撤出人数')} ${detail.peopleWithdrawn}`);
  }
  return parts.length ? ` — ${parts.join(' · ')}` : '';
}
