/**
 * @module The 叫应 loop (山西《关于推进全省矿山做好气象灾害风险监测预警和应急防范工作的通知》; policy in settings
 * `monitoring.callPolicies`). Every open alarm that is due carries its own durable timer
 * (`next_call_at`) and the step it is on. One transaction per alarm locks the row, writes the call
 * (in-app notifications, the webhook event for SMS / voice / e-mail gateways with a signed one-time
 * acknowledgement link per person, the timeline entry) and moves the timer — so after a crash a
 * step is either fully done or not done, never lost or repeated.
 */
import { MINUTE_MS } from '../../../shared/dates.ts';
import type { CallStep } from '../../../shared/monitoring.policy.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { sha256Hex } from '../../platform/crypto.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import {
  callContext,
  dueCallAlarms,
  insertAckTokens,
  lockDueCallAlarm,
} from './alarm-call.repository.ts';
import { addEvent, updateAlarm, type AlarmRow } from './alarm.repository.ts';
import {
  ACK_LINK_TTL_MS,
  deliverCall,
  nextCallMove,
  resolveRecipients,
  signAckToken,
  type CallOptions,
} from './call-out.ts';
import { monitoringSettings } from './monitoring.settings.ts';

export { resolveRecipients, signAckToken, verifyAckToken, type CallOptions } from './call-out.ts';

/** Calls one step's people: notifications, webhook event with links, timeline. */
async function call(
  deps: ServiceDeps,
  tx: Db,
  opts: CallOptions,
  alarm: AlarmRow,
  step: CallStep,
  stepIndex: number,
  type: 'called' | 'renotified' | 'escalated' | 'response_overdue',
  at: Date,
) {
  const ctx = await callContext(tx, alarm.mineId, alarm.sensorId);
  if (!ctx) {
    return;
  }
  const recipients = await resolveRecipients(tx, ctx, step);
  const what = ctx.sensorCode ? `${ctx.sensorName} (${ctx.sensorCode})` : '全矿监测数据';
  const title = `【${step.stage}·${alarm.level}】${ctx.name} ${what} ${alarm.kind}`;
  const links = new Map<string, string>();
  if (recipients.length) {
    const tokens = recipients.map((r) => ({ r, token: signAckToken(deps.secret, alarm.id) }));
    await insertAckTokens(
      tx,
      tokens.map(({ r, token }) => ({
        tokenHash: sha256Hex(token),
        alarmId: alarm.id,
        recipient: r.id,
        recipientName: r.name,
        expiresAt: new Date(at.getTime() + ACK_LINK_TTL_MS),
      })),
    );
    for (const { r, token } of tokens) {
      links.set(r.id, `${opts.publicUrl.replace(/\/$/, '')}/ack/${encodeURIComponent(token)}`);
    }
  }
  const body = `${alarm.detail}。请立即核查并确认 (叫应), 回报核查处置情况 (回应)。`;
  await deliverCall(
    tx,
    opts,
    {
      subjectType: 'alarm',
      subjectId: alarm.id,
      title,
      body,
      recipients,
      links,
      channels: step.channels,
      event: {
        type: 'alarm_call',
        alarmId: alarm.id,
        stage: step.stage,
        step: stepIndex,
        call: type,
        level: alarm.level,
        kind: alarm.kind,
        mine: ctx.name,
      },
      emailAlarmId: alarm.id,
    },
    at,
  );
  await addEvent(
    tx,
    alarm.id,
    at,
    type,
    {
      stage: step.stage,
      step: stepIndex,
      channels: step.channels,
      recipients: recipients.map((r) => `${r.name} (${r.roleName})`),
      ...(recipients.length === 0 ? { warning: '该步骤未找到可叫应人员' } : {}),
    },
    alarm.level,
  );
}

/** One alarm's due step, in its own transaction; false when it was not (or no longer) due. */
async function runOne(deps: ServiceDeps, opts: CallOptions, id: string): Promise<string | null> {
  return deps.db.transaction(async (tx) => {
    const at = deps.clock();
    const alarm = await lockDueCallAlarm(tx, id, at);
    if (!alarm) {
      return null;
    }
    const policies = await getSetting(tx, monitoringSettings.callPolicies);
    const policy = policies[alarm.level];
    const steps = policy.steps;
    const set = (s: Partial<AlarmRow>) => updateAlarm(tx, id, s);
    if (alarm.state !== '待叫应') {
      // Acknowledged: the timer was the 回应 deadline. Nobody reported back: tell the next step up.
      if (alarm.state === '已叫应' && !alarm.respondedAt) {
        const up = Math.min(alarm.callStep + 1, steps.length - 1);
        await call(deps, tx, opts, alarm, steps[up] as CallStep, up, 'response_overdue', at);
      }
      await set({ nextCallAt: null });
      return 'response_overdue';
    }
    const move = nextCallMove(alarm, steps, at);
    await call(deps, tx, opts, alarm, move.step, move.stepIndex, move.type, at);
    await set({
      callStep: move.stepIndex,
      stepStartedAt: move.stepStartedAt,
      callRound: move.callRound,
      nextCallAt: move.nextCallAt,
      responseDueAt:
        alarm.responseDueAt ??
        new Date(alarm.openedAt.getTime() + policy.respondWithinMinutes * MINUTE_MS),
    });
    return move.type;
  });
}

/** Runs every due call step (the monitoring job, and right after ingest raised alarms). */
export async function runDueCalls(
  deps: ServiceDeps,
  opts: CallOptions,
): Promise<{ called: number; renotified: number; escalated: number; responseOverdue: number }> {
  const out = { called: 0, renotified: 0, escalated: 0, responseOverdue: 0 };
  for (let round = 0; round < 50; round++) {
    const due = await dueCallAlarms(deps.db, deps.clock(), 200);
    for (const { id } of due) {
      const r = await runOne(deps, opts, id);
      if (r === 'called') {
        out.called++;
      } else if (r === 'renotified') {
        out.renotified++;
      } else if (r === 'escalated') {
        out.escalated++;
      } else if (r === 'response_overdue') {
        out.responseOverdue++;
      }
    }
    if (due.length < 200) {
      break;
    }
  }
  return out;
}
