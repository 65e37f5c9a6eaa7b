/**
 * @module Alarms as people handle them: the board (unanswered first), one alarm with its timeline,
 * 叫应确认 (web, API, or a signed one-time link), 回应 (what was checked), the 响应 record (停产撤人) for
 * 红色/橙色, and manual closing with a disposal note. Each change is audited and on the timeline, in one
 * transaction.
 */
import { MINUTE_MS, addDays, shanghaiMidnight, todayIn } from '../../../shared/dates.ts';
import type { AlarmListQuery, AlarmSummaryResponse } from '../../../shared/monitoring.schemas.ts';
import { recordAudit } from './monitoring.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { sha256Hex } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import {
  AppError,
  AppErrorCode,
  invalidField,
  notFound,
  checkDateWindows,
} from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { mineScopeCondition, visibleByMine } from '../registry/registry.scope.ts';
import { useAckToken } from './alarm-call.repository.ts';
import { verifyAckToken } from './alarm.calls.ts';
import { presentAlarm, presentAlarmDetail, presentAlarmSummary } from './alarm.presenter.ts';
import * as repo from './alarm.repository.ts';
import { alarms } from './monitoring.table.ts';
import { monitoringSettings } from './monitoring.settings.ts';
import { MonitoringPermission } from './monitoring.permissions.ts';
import { DateWindows } from '../../../shared/date-windows.ts';

/** The board: open alarms first, unanswered before answered, then the highest level, then the oldest. */
export async function listAlarms(
  deps: ServiceDeps,
  principal: Principal,
  q: AlarmListQuery & {
    /** Live alarms (which call people) opened at or after this instant (a duty officer's home). */
    liveSince?: Date | undefined;
  },
) {
  requirePermission(principal, MonitoringPermission.Read);
  const rows = await repo.listAlarms(
    deps.db,
    {
      mineScope: mineScopeCondition(principal.scope),
      region: q.region,
      mineId: q.mineId,
      sensorId: q.sensorId,
      open: q.open === undefined ? undefined : q.open === 'true',
      kind: q.kind,
      level: q.level,
      liveSince: q.liveSince,
      state: q.state,
      q: q.q,
      openedFrom: q.from ? shanghaiMidnight(q.from) : undefined,
      openedBefore: q.to ? shanghaiMidnight(addDays(q.to, 1)) : undefined,
    },
    q.limit,
  );
  const policies = await getSetting(deps.db, monitoringSettings.callPolicies);
  return rows.map((r) => presentAlarm(r, policies));
}

/** An alarm at a mine the caller may see (with its mine's name and sensor's code), or 404. */
export function loadVisibleAlarm(db: Db, principal: Principal, id: string, lock = false) {
  return visibleByMine(db, principal, alarms, id, {
    entity: 'alarm',
    lock,
    select: repo.alarmSelect(db),
  });
}

/** One alarm with its timeline; webhook and e-mail deliveries of its calls are shown with their outcome. */
export async function getAlarm(deps: ServiceDeps, principal: Principal, id: string) {
  requirePermission(principal, MonitoringPermission.Read);
  const row = await loadVisibleAlarm(deps.db, principal, id);
  const events = await repo.alarmEventsOf(deps.db, id, 2000);
  const deliveries = await repo.deliveriesOf(deps.db, id);
  const policies = await getSetting(deps.db, monitoringSettings.callPolicies);
  return presentAlarmDetail(row, policies, events, deliveries);
}

async function acknowledge(tx: Db, a: repo.AlarmRow, by: string, via: string, at: Date) {
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
  await repo.updateAlarm(tx, a.id, {
    state: '已叫应',
    acknowledgedAt: at,
    acknowledgedBy: by,
    responseDueAt: due,
    nextCallAt: a.suppressed ? null : due,
  });
  await repo.addEvent(tx, a.id, at, 'acknowledged', { via }, a.level, by);
}

/** 叫应确认 by a signed-in user (web or API). */
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
    const t = await useAckToken(tx, sha256Hex(token), at);
    if (!t) {
      throw new AppError(AppErrorCode.Conflict, '确认链接已使用或已过期');
    }
    const a = await repo.lockAlarm(tx, t.alarmId);
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
    await repo.updateAlarm(tx, id, { state: '已回应', respondedAt: at, nextCallAt: null });
    await repo.addEvent(tx, id, at, 'responded', { note }, a.level, principal.displayName);
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
    checkDateWindows(todayIn(deps.clock), {
      completedAt: [input.completedAt, DateWindows.happened],
    });
    await repo.updateAlarm(tx, id, {
      state: '已响应',
      nextCallAt: null,
      respondedAt: a.respondedAt ?? at,
    });
    await repo.addEvent(tx, id, at, 'response_recorded', input, a.level, principal.displayName);
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
    await repo.updateAlarm(tx, id, {
      closedAt: at,
      closeReason: '人工关闭',
      closeNote: note,
      nextCallAt: null,
      state: '已解除',
    });
    await repo.addEvent(tx, id, at, 'closed', { note }, a.level, principal.displayName);
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

/** Mines with open alarms, for the dashboard card: counts by level. */
export async function alarmSummary(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined },
): Promise<AlarmSummaryResponse> {
  requirePermission(principal, MonitoringPermission.Read);
  const rows = await repo.openAlarmCounts(deps.db, {
    mineScope: mineScopeCondition(principal.scope),
    region: q.region,
  });
  return presentAlarmSummary(rows);
}
