/**
 * @module Alarm rows → the API's shapes: an alarm on the board (with the stage of its call step), one
 * alarm with its timeline (its own entries and the outcome of its webhook and e-mail deliveries), the
 * open-alarm counts of the dashboard card, and the marks on a sensor's chart.
 */
import type { CallPolicy } from '../../../shared/monitoring.policy.ts';
import type {
  AlarmDetailResponse,
  AlarmResponse,
  AlarmSummaryResponse,
  SensorReadingsResponse,
} from '../../../shared/monitoring.schemas.ts';
import type {
  AlarmCountRow,
  AlarmDeliveryRow,
  AlarmEventRow,
  AlarmJoinedRow,
  AlarmMarkRow,
  AlarmRow,
} from './alarm.repository.ts';

/** The stage (临警 …) of the call step an alarm is on, or null before its first call. */
function stageOf(policies: CallPolicy, a: AlarmRow): string | null {
  const steps = policies[a.level].steps;
  return a.stepStartedAt ? (steps[Math.min(a.callStep, steps.length - 1)]?.stage ?? null) : null;
}

/** An alarm as the board lists it. */
export function presentAlarm(
  { a, mineName, sensorCode }: AlarmJoinedRow,
  policies: CallPolicy,
): AlarmResponse {
  return {
    id: a.id,
    mineId: a.mineId,
    mineName,
    sensorId: a.sensorId,
    facilityId: a.facilityId,
    sensorCode,
    kind: a.kind,
    level: a.level,
    peakLevel: a.peakLevel,
    state: a.state,
    detail: a.detail,
    openedAt: a.openedAt.toISOString(),
    triggeredAt: a.triggeredAt.toISOString(),
    lastValue: a.lastValue,
    suppressed: a.suppressed,
    historic: a.historic,
    callStep: a.callStep,
    stage: stageOf(policies, a),
    nextCallAt: a.nextCallAt?.toISOString() ?? null,
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: a.acknowledgedBy,
    respondedAt: a.respondedAt?.toISOString() ?? null,
    closedAt: a.closedAt?.toISOString() ?? null,
    closeReason: a.closeReason,
    closeNote: a.closeNote,
  };
}

/**
 * One alarm with its timeline: its own entries, and each finished delivery of its calls (negative
 * ids) with its outcome, in time order.
 */
export function presentAlarmDetail(
  row: AlarmJoinedRow,
  policies: CallPolicy,
  events: AlarmEventRow[],
  deliveries: AlarmDeliveryRow[],
): AlarmDetailResponse {
  const timeline = [
    ...events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      type: e.type,
      level: e.level,
      actor: e.actor,
      detail: e.detail as Record<string, unknown>,
    })),
    ...deliveries
      .filter((d) => d.deliveredAt || d.failedAt)
      .map((d) => ({
        id: -d.id,
        at: (d.deliveredAt ?? d.failedAt ?? d.createdAt).toISOString(),
        type:
          d.channel === 'email'
            ? d.deliveredAt
              ? 'email_delivered'
              : 'email_failed'
            : d.deliveredAt
              ? 'delivered'
              : 'delivery_failed',
        level: null,
        actor: null,
        detail: {
          ...(d.channel === 'email'
            ? { to: (d.payload as { to?: unknown }).to }
            : { channels: (d.payload as { channels?: unknown }).channels }),
          attempts: d.attempts,
          ...(d.lastError ? { error: d.lastError } : {}),
        },
      })),
  ].sort((x, y) => x.at.localeCompare(y.at) || Math.abs(x.id) - Math.abs(y.id));
  return { ...presentAlarm(row, policies), timeline };
}

/**
 * The dashboard card: open alarms by level and kind, the unanswered ones and the oldest of them (a
 * 历史告警 calls nobody, so it is never unanswered).
 */
export function presentAlarmSummary(rows: AlarmCountRow[]): AlarmSummaryResponse {
  const byLevel: Record<string, number> = { 蓝色: 0, 黄色: 0, 橙色: 0, 红色: 0 };
  const byKind: Record<string, number> = {};
  let unanswered = 0;
  let oldest: number | null = null;
  for (const r of rows) {
    byLevel[r.level] = (byLevel[r.level] ?? 0) + r.n;
    byKind[r.kind] = (byKind[r.kind] ?? 0) + r.n;
    if (r.state === '待叫应' && !r.historic) {
      unanswered += r.n;
      const at = r.oldest ? new Date(r.oldest).getTime() : null;
      oldest = at !== null && (oldest === null || at < oldest) ? at : oldest;
    }
  }
  return {
    open: rows.reduce((s, r) => s + r.n, 0),
    unanswered,
    byLevel,
    byKind,
    oldestUnansweredAt: oldest === null ? null : new Date(oldest).toISOString(),
  };
}

/** An alarm as a mark on a sensor's chart. */
export function presentAlarmMark(m: AlarmMarkRow): SensorReadingsResponse['alarms'][number] {
  return {
    id: m.id,
    kind: m.kind,
    level: m.level,
    at: m.triggeredAt.toISOString(),
    closedAt: m.closedAt?.toISOString() ?? null,
  };
}
