/**
 * @module Alarms as people handle them: the board (unanswered first), one alarm with its timeline,
 * 叫应确认 (web, API, or a signed one-time link), 回应 (what was checked), the 响应 record (停产撤人) for
 * 红色/橙色, manual closing with a disposal note, and maintenance windows. Each change is audited and on
 * the timeline, in one transaction.
 */
import { DAY_MS, MINUTE_MS } from '../../../shared/dates.ts';
import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AlarmKind, WarningLevel } from '../../../shared/monitoring.enums.ts';
import { recordAudit } from './monitoring.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { sha256Hex } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, invalidField, notFound } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import type { CallPolicy } from '../../../shared/monitoring.policy.ts';
import type { AlarmSummaryResponse } from '../../../shared/monitoring.schemas.ts';
import { webhookOutbox } from '../notifications/notification.table.ts';
import { loadMineForInput } from '../registry/mine.service.ts';
import { mines } from '../registry/mine.table.ts';
import {
  allOf,
  mineInRegion,
  mineScopeCondition,
  visibleByMine,
} from '../registry/registry.scope.ts';
import { verifyAckToken } from './alarm.calls.ts';
import { addEvent } from './alarm.writer.ts';
import {
  alarmAckTokens,
  alarmEvents,
  alarms,
  maintenanceWindows,
  monitoringSensors,
} from './monitoring.table.ts';
import { loadVisibleFacility, loadVisibleSensor } from './sensor.service.ts';
import { monitoringSettings } from './monitoring.settings.ts';
import { MonitoringPermission } from './monitoring.permissions.ts';

type AlarmRow = typeof alarms.$inferSelect;

/** The stage (临警 …) of the call step an alarm is on, or null before its first call. */
function stageOf(policies: CallPolicy, a: AlarmRow): string | null {
  const steps = policies[a.level].steps;
  return a.stepStartedAt ? (steps[Math.min(a.callStep, steps.length - 1)]?.stage ?? null) : null;
}

function present(a: AlarmRow, mineName: string, sensorCode: string | null, stage: string | null) {
  return {
    id: a.id,
    mineId: a.mineId,
    mineName,
    sensorId: a.sensorId,
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
    callStep: a.callStep,
    stage,
    nextCallAt: a.nextCallAt?.toISOString() ?? null,
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: a.acknowledgedBy,
    respondedAt: a.respondedAt?.toISOString() ?? null,
    closedAt: a.closedAt?.toISOString() ?? null,
    closeNote: a.closeNote,
  };
}

/** The board: open alarms first, unanswered before answered, then the highest level, then the oldest. */
export async function listAlarms(
  deps: ServiceDeps,
  principal: Principal,
  q: {
    region?: string | undefined;
    mineId?: string | undefined;
    sensorId?: string | undefined;
    open?: 'true' | 'false' | undefined;
    kind?: AlarmKind | undefined;
    level?: WarningLevel | undefined;
    limit: number;
  },
) {
  requirePermission(principal, MonitoringPermission.Read);
  const rows = await deps.db
    .select({ a: alarms, mineName: mines.name, sensorCode: monitoringSensors.code })
    .from(alarms)
    .innerJoin(mines, eq(mines.id, alarms.mineId))
    .leftJoin(monitoringSensors, eq(monitoringSensors.id, alarms.sensorId))
    .where(
      allOf(
        mineScopeCondition(principal.scope),
        mineInRegion(q.region),
        q.mineId ? eq(alarms.mineId, q.mineId) : undefined,
        q.sensorId ? eq(alarms.sensorId, q.sensorId) : undefined,
        q.open === 'true'
          ? isNull(alarms.closedAt)
          : q.open === 'false'
            ? sql`${alarms.closedAt} IS NOT NULL`
            : undefined,
        q.kind ? eq(alarms.kind, q.kind) : undefined,
        q.level ? eq(alarms.level, q.level) : undefined,
      ),
    )
    .orderBy(
      sql`(${alarms.closedAt} IS NULL) DESC`,
      sql`(${alarms.state} = '待叫应') DESC`,
      sql`array_position(ARRAY['红色','橙色','黄色','蓝色'], ${alarms.level})`,
      asc(alarms.openedAt),
    )
    .limit(q.limit);
  const policies = await getSetting(deps.db, monitoringSettings.callPolicies);
  return rows.map(({ a, mineName, sensorCode }) =>
    present(a, mineName, sensorCode, stageOf(policies, a)),
  );
}

function loadVisibleAlarm(db: Db, principal: Principal, id: string, lock = false) {
  return visibleByMine(db, principal, alarms, id, {
    entity: 'alarm',
    lock,
    select: db
      .select({ a: alarms, mineName: mines.name, sensorCode: monitoringSensors.code })
      .from(alarms)
      .innerJoin(mines, eq(mines.id, alarms.mineId))
      .leftJoin(monitoringSensors, eq(monitoringSensors.id, alarms.sensorId))
      .$dynamic(),
  });
}

/** One alarm with its timeline; webhook and e-mail deliveries of its calls are shown with their outcome. */
export async function getAlarm(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, MonitoringPermission.Read);
  const { a, mineName, sensorCode } = await loadVisibleAlarm(deps.db, principal, id);
  const events = await deps.db
    .select()
    .from(alarmEvents)
    .where(eq(alarmEvents.alarmId, id))
    .orderBy(asc(alarmEvents.id))
    .limit(2000);
  const deliveries = await deps.db
    .select()
    .from(webhookOutbox)
    .where(sql`${webhookOutbox.payload}->>'alarmId' = ${id}`)
    .orderBy(asc(webhookOutbox.id));
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
  const policies = await getSetting(deps.db, monitoringSettings.callPolicies);
  return { ...present(a, mineName, sensorCode, stageOf(policies, a)), timeline };
}

async function acknowledge(tx: Db, a: AlarmRow, by: string, via: string, at: Date) {
  if (a.closedAt) {
    throw new AppError(AppErrorCode.Conflict, '告警已解除');
  }
  if (a.state !== '待叫应') {
    throw new AppError(AppErrorCode.Conflict, `告警已确认 (${a.acknowledgedBy ?? ''})`);
  }
  const policies = await getSetting(tx, monitoringSettings.callPolicies);
  const due =
    a.responseDueAt ??
    new Date(a.openedAt.getTime() + policies[a.level].respondWithinMinutes * MINUTE_MS);
  await tx
    .update(alarms)
    .set({
      state: '已叫应',
      acknowledgedAt: at,
      acknowledgedBy: by,
      responseDueAt: due,
      nextCallAt: a.suppressed ? null : due,
    })
    .where(eq(alarms.id, a.id));
  await addEvent(tx, a.id, at, 'acknowledged', { via }, a.level, by);
}

export async function acknowledgeAlarm(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, MonitoringPermission.AlarmHandle);
  await deps.db.transaction(async (tx) => {
    const { a } = await loadVisibleAlarm(tx, principal, id, true);
    const at = deps.clock();
    await acknowledge(tx, a, principal.displayName, 'web/API', at);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'monitoring.alarm.acknowledged',
      entityId: id,
    });
  });
  return getAlarm(deps, principal, id);
}

/** 叫应确认 through the one-time link of a message: no login, the link is the proof. */
export async function acknowledgeByToken(deps: ServiceDeps, token: string) {
  const alarmId = verifyAckToken(deps.secret, token);
  if (!alarmId) {
    throw new AppError(AppErrorCode.NotFound, '确认链接无效');
  }
  return deps.db.transaction(async (tx) => {
    const at = deps.clock();
    const [t] = await tx
      .update(alarmAckTokens)
      .set({ usedAt: at })
      .where(
        and(
          eq(alarmAckTokens.tokenHash, sha256Hex(token)),
          isNull(alarmAckTokens.usedAt),
          gt(alarmAckTokens.expiresAt, at),
        ),
      )
      .returning();
    if (!t) {
      throw new AppError(AppErrorCode.Conflict, '确认链接已使用或已过期');
    }
    const [a] = await tx.select().from(alarms).where(eq(alarms.id, t.alarmId)).for('update');
    if (!a) {
      throw notFound('alarm', t.alarmId);
    }
    if (a.state !== '待叫应' || a.closedAt) {
      return {
        alarmId: a.id,
        acknowledged: false,
        message: `告警已由 ${a.acknowledgedBy ?? '他人'} 确认或已解除`,
      };
    }
    await acknowledge(tx, a, t.recipientName, '短信/消息确认链接', at);
    await recordAudit(tx, { actorId: null, actorLabel: `link:${t.recipientName}`, ip: null }, at, {
      type: 'monitoring.alarm.acknowledged',
      entityId: a.id,
      after: { via: 'link', recipient: t.recipient },
    });
    return { alarmId: a.id, acknowledged: true, message: `已确认: ${t.recipientName}` };
  });
}

/** 回应: what was checked on site and what was done. */
export async function respondAlarm(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  note: string,
) {
  requirePermission(principal, MonitoringPermission.AlarmHandle);
  await deps.db.transaction(async (tx) => {
    const { a } = await loadVisibleAlarm(tx, principal, id, true);
    if (a.state === '待叫应') {
      throw new AppError(AppErrorCode.Conflict, '请先确认 (叫应) 再回应');
    }
    if (a.respondedAt) {
      throw new AppError(AppErrorCode.Conflict, '已回应');
    }
    const at = deps.clock();
    await tx
      .update(alarms)
      .set({ state: '已回应', respondedAt: at, nextCallAt: null })
      .where(eq(alarms.id, id));
    await addEvent(tx, id, at, 'responded', { note }, a.level, principal.displayName);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'monitoring.alarm.responded',
      entityId: id,
      after: { note },
    });
  });
  return getAlarm(deps, principal, id);
}

/** 响应: for 红色/橙色 the 停产撤人 record (山西《关于推进全省矿山做好气象灾害风险监测预警和应急防范工作的通知》). */
export async function recordResponse(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  input: { action: string; peopleWithdrawn: number; completedAt: string; note: string },
) {
  requirePermission(principal, MonitoringPermission.AlarmHandle);
  await deps.db.transaction(async (tx) => {
    const { a } = await loadVisibleAlarm(tx, principal, id, true);
    const at = deps.clock();
    if (a.state === '待叫应') {
      throw new AppError(AppErrorCode.Conflict, '请先确认 (叫应)');
    }
    if (new Date(input.completedAt) > at) {
      throw invalidField('completedAt', '完成时间不能晚于现在', input.completedAt);
    }
    await tx
      .update(alarms)
      .set({ state: '已响应', nextCallAt: null, respondedAt: a.respondedAt ?? at })
      .where(eq(alarms.id, id));
    await addEvent(tx, id, at, 'response_recorded', input, a.level, principal.displayName);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'monitoring.alarm.response_recorded',
      entityId: id,
      after: input,
    });
  });
  return getAlarm(deps, principal, id);
}

/** Closes an alarm by hand; the disposal note is required, and 红色/橙色 need their 响应 record first. */
export async function closeAlarm(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
  note: string,
) {
  requirePermission(principal, MonitoringPermission.AlarmHandle);
  const a = await deps.db.transaction(async (tx) => {
    const { a } = await loadVisibleAlarm(tx, principal, id, true);
    if (a.closedAt) {
      throw new AppError(AppErrorCode.Conflict, '告警已解除');
    }
    const policies = await getSetting(tx, monitoringSettings.callPolicies);
    if (policies[a.peakLevel].responseRequired && a.state !== '已响应') {
      throw new AppError(AppErrorCode.Conflict, `${a.peakLevel}告警须先登记响应 (停产撤人) 记录`, [
        { path: 'state', message: `当前状态 ${a.state}` },
      ]);
    }
    const at = deps.clock();
    await tx
      .update(alarms)
      .set({
        closedAt: at,
        closeReason: '人工关闭',
        closeNote: note,
        nextCallAt: null,
        state: '已解除',
      })
      .where(eq(alarms.id, id));
    await addEvent(tx, id, at, 'closed', { note }, a.level, principal.displayName);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'monitoring.alarm.closed',
      entityId: id,
      after: { note },
    });
    return a;
  });
  deps.events.publish('monitoring.alarm.closed', {
    alarmId: a.id,
    sensorId: a.sensorId,
    kind: a.kind,
  });
  return getAlarm(deps, principal, id);
}

function presentWindow(w: typeof maintenanceWindows.$inferSelect) {
  return {
    id: w.id,
    mineId: w.mineId,
    sensorId: w.sensorId,
    facilityId: w.facilityId,
    reason: w.reason,
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    cancelledAt: w.cancelledAt?.toISOString() ?? null,
  };
}

export async function createMaintenance(
  deps: ServiceDeps,
  principal: Principal,
  input: {
    mineId: string;
    sensorId?: string | undefined;
    facilityId?: string | undefined;
    reason: string;
    startsAt: string;
    endsAt: string;
  },
) {
  requirePermission(principal, MonitoringPermission.Manage);
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) {
    throw invalidField('endsAt', '结束时间须晚于开始时间', input.endsAt);
  }
  if (endsAt.getTime() - startsAt.getTime() > 7 * DAY_MS) {
    throw invalidField('endsAt', '维护期最长 7 天', input.endsAt);
  }
  return deps.db.transaction(async (tx) => {
    await loadMineForInput(tx, principal, input.mineId);
    if (input.sensorId) {
      const { sensor } = await loadVisibleSensor(tx, principal, input.sensorId).catch(() => {
        throw invalidField('sensorId', '测点不存在或不在管辖范围内', input.sensorId);
      });
      if (sensor.mineId !== input.mineId) {
        throw invalidField('sensorId', '测点不属于该矿山', input.sensorId);
      }
    }
    if (input.facilityId) {
      const { facility } = await loadVisibleFacility(tx, principal, input.facilityId, 'facilityId');
      if (facility.mineId !== input.mineId) {
        throw invalidField('facilityId', '设施不属于该矿山', input.facilityId);
      }
    }
    const at = deps.clock();
    const [w] = await tx
      .insert(maintenanceWindows)
      .values({
        mineId: input.mineId,
        sensorId: input.sensorId ?? null,
        facilityId: input.facilityId ?? null,
        reason: input.reason,
        startsAt,
        endsAt,
        createdBy: principal.username,
        createdAt: at,
      })
      .returning();
    if (!w) {
      throw new AppError(AppErrorCode.Internal, 'maintenance window not stored');
    }
    const after = presentWindow(w);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'monitoring.maintenance.created',
      entityId: w.id,
      after,
    });
    return after;
  });
}

export async function listMaintenance(deps: ServiceDeps, principal: Principal, mineId?: string) {
  requirePermission(principal, MonitoringPermission.Read);
  const rows = await deps.db
    .select({ w: maintenanceWindows })
    .from(maintenanceWindows)
    .innerJoin(mines, eq(mines.id, maintenanceWindows.mineId))
    .where(
      allOf(
        mineScopeCondition(principal.scope),
        mineId ? eq(maintenanceWindows.mineId, mineId) : undefined,
      ),
    )
    .orderBy(desc(maintenanceWindows.startsAt))
    .limit(500);
  return rows.map((r) => presentWindow(r.w));
}

/** A maintenance window at a mine the caller may see, or 404. */
async function loadVisibleWindow(db: Db, principal: Principal, id: string) {
  const { row } = await visibleByMine(db, principal, maintenanceWindows, id, {
    entity: 'maintenance_window',
  });
  return { w: row };
}

export async function cancelMaintenance(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, MonitoringPermission.Manage);
  return deps.db.transaction(async (tx) => {
    const row = await loadVisibleWindow(tx, principal, id);
    if (row.w.cancelledAt) {
      throw new AppError(AppErrorCode.Conflict, '维护期已结束');
    }
    const at = deps.clock();
    const [w] = await tx
      .update(maintenanceWindows)
      .set({ cancelledAt: at, endsAt: row.w.endsAt < at ? row.w.endsAt : at })
      .where(eq(maintenanceWindows.id, id))
      .returning();
    const after = presentWindow(w as typeof maintenanceWindows.$inferSelect);
    await recordAudit(tx, actorOf(principal), at, {
      type: 'monitoring.maintenance.cancelled',
      entityId: id,
      before: presentWindow(row.w),
      after,
    });
    return after;
  });
}

/** Visibility checks for the audit trail's history routes. */
export const auditVisibility = (deps: ServiceDeps) => ({
  alarm: (p: Principal, id: string) => loadVisibleAlarm(deps.db, p, id),
  sensor: (p: Principal, id: string) => loadVisibleSensor(deps.db, p, id),
  monitoring_facility: (p: Principal, id: string) => loadVisibleFacility(deps.db, p, id),
  maintenance_window: (p: Principal, id: string) => loadVisibleWindow(deps.db, p, id),
});

/** Mines with open alarms, for the dashboard card: counts by level. */
export async function alarmSummary(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined },
): Promise<AlarmSummaryResponse> {
  requirePermission(principal, MonitoringPermission.Read);
  const rows = await deps.db
    .select({
      level: alarms.level,
      kind: alarms.kind,
      state: alarms.state,
      n: sql<number>`count(*)::int`,
      oldest: sql<string | null>`min(${alarms.openedAt})`,
    })
    .from(alarms)
    .innerJoin(mines, eq(mines.id, alarms.mineId))
    .where(
      allOf(mineScopeCondition(principal.scope), mineInRegion(q.region), isNull(alarms.closedAt)),
    )
    .groupBy(alarms.level, alarms.kind, alarms.state);
  const byLevel: Record<string, number> = { 蓝色: 0, 黄色: 0, 橙色: 0, 红色: 0 };
  const byKind: Record<string, number> = {};
  let unanswered = 0;
  let oldest: number | null = null;
  for (const r of rows) {
    byLevel[r.level] = (byLevel[r.level] ?? 0) + r.n;
    byKind[r.kind] = (byKind[r.kind] ?? 0) + r.n;
    if (r.state === '待叫应') {
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
