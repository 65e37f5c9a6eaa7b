/**
 * @module The 叫应 loop (山西《关于推进全省矿山做好气象灾害风险监测预警和应急防范工作的通知》; policy in settings
 * `monitoring.callPolicies`). Every open alarm that is due carries its own durable timer
 * (`next_call_at`) and the step it is on. One transaction per alarm locks the row, writes the call
 * (in-app notifications, the webhook event for SMS / voice / e-mail gateways with a signed one-time
 * acknowledgement link per person, the timeline entry) and moves the timer — so after a crash a
 * step is either fully done or not done, never lost or repeated.
 */
import { HOUR_MS, MINUTE_MS } from '../../../shared/dates.ts';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CallStep } from '../../../shared/monitoring.policy.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { sha256Hex } from '../../platform/crypto.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { enqueueEmail } from '../notifications/email.service.ts';
import { enqueueWebhook, insertNotifications } from '../notifications/notification.service.ts';
import {
  callableUsers,
  callContext,
  dueCallAlarms,
  insertAckTokens,
  lockDueCallAlarm,
  minePeopleInRoles,
} from './alarm-call.repository.ts';
import { addEvent, updateAlarm, type AlarmRow } from './alarm.repository.ts';
import { monitoringSettings } from './monitoring.settings.ts';
import { roleNames } from '../../../shared/access.enums.ts';

export interface CallOptions {
  /** Base URL of the web app, for acknowledgement links in messages. */
  publicUrl: string;
  /**
   * Whether minewatch sends e-mail itself (SMTP_URL set): then the e-mail channel goes to users' own
   * addresses over SMTP; otherwise it is left to the webhook gateway, named in the event's channels.
   */
  smtp?: boolean;
}

/** How long an acknowledgement link stays valid. */
const ACK_LINK_TTL_MS = 24 * HOUR_MS;

interface Recipient {
  kind: 'user' | 'person';
  id: string;
  name: string;
  role: string;
  /** The role as people read it (Chinese), for the call timeline. */
  roleName: string;
  phone: string | null;
  email: string | null;
}

/**
 * Who a step reaches at a mine (主要负责人 + 安全矿长 + county regulator contact: minewatch's model, not a
 * text's — UNVERIFIED, see docs/sources.md).
 */
export async function resolveRecipients(
  tx: Db,
  mine: { id: string; enterpriseId: string; countyCode: string },
  step: CallStep,
): Promise<Recipient[]> {
  const out: Recipient[] = [];
  const a = new Set(step.audiences);
  const regions: string[] = [];
  if (a.has('county')) {
    regions.push(mine.countyCode);
  }
  if (a.has('city')) {
    regions.push(`${mine.countyCode.slice(0, 4)}00`);
  }
  if (a.has('province')) {
    regions.push(`${mine.countyCode.slice(0, 2)}0000`);
  }
  const userRows = await callableUsers(tx, mine, [mine.countyCode, ...regions]);
  for (const u of userRows) {
    const take =
      (a.has('mine_duty') && u.role === 'mine_duty_officer' && u.mineId === mine.id) ||
      (a.has('enterprise') &&
        u.kind === 'enterprise' &&
        u.enterpriseId === mine.enterpriseId &&
        (u.role === 'enterprise_admin' || u.role === 'safety_officer')) ||
      (u.kind === 'regulator' &&
        regions.includes(u.regionCode ?? '') &&
        (u.role === 'regulator_admin' || u.role === 'inspector'));
    if (take) {
      out.push({
        kind: 'user',
        id: u.id,
        name: u.name,
        role: u.role,
        roleName: roleNames[u.role],
        phone: u.phone,
        email: u.email,
      });
    }
  }
  const roles = [
    ...(a.has('principal') ? ['主要负责人'] : []),
    ...(a.has('safety_chief') ? ['安全副矿长'] : []),
  ];
  if (roles.length) {
    const ps = await minePeopleInRoles(tx, mine.id, roles);
    for (const p of ps) {
      const held = p.roles.filter((r) => roles.includes(r)).join('、');
      out.push({
        kind: 'person',
        id: p.id,
        name: p.name,
        role: held,
        roleName: held,
        phone: p.phone,
        email: null,
      });
    }
  }
  return out;
}

/** HMAC-SHA256 truncated to 128 bits (the link must stay under the router's 100-character limit). */
const ackMac = (secret: Buffer, alarmId: string, raw: string) =>
  createHmac('sha256', secret).update(`ack.${alarmId}.${raw}`).digest().subarray(0, 16);

/** A signed one-time link token: `<alarm>.<random>.<HMAC>`; only its SHA-256 is stored. */
export function signAckToken(secret: Buffer, alarmId: string): string {
  const raw = randomBytes(12).toString('base64url');
  return `${alarmId}.${raw}.${ackMac(secret, alarmId, raw).toString('base64url')}`;
}

/** The alarm a token names, if its signature is right (it must still be found unused in the table). */
export function verifyAckToken(secret: Buffer, token: string): string | null {
  const parts = token.split('.');
  if (parts.length !== 3 || token.length > 200) {
    return null;
  }
  const [alarmId = '', raw = '', mac = ''] = parts;
  const want = ackMac(secret, alarmId, raw);
  const got = Buffer.from(mac, 'base64url');
  return got.length === want.length && timingSafeEqual(got, want) ? alarmId : null;
}

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
  if (step.channels.includes('in_app')) {
    const userIds = recipients.filter((r) => r.kind === 'user').map((r) => r.id);
    for (const uid of userIds) {
      await insertNotifications(
        tx,
        [uid],
        {
          subjectType: 'alarm',
          subjectId: alarm.id,
          title,
          body: `${body} 确认链接: ${links.get(uid) ?? ''}`,
        },
        at,
      );
    }
  }
  if (opts.smtp && step.channels.includes('email')) {
    for (const r of recipients) {
      if (r.email) {
        await enqueueEmail(
          tx,
          {
            to: r.email,
            subject: title,
            text: `${r.name}:\n\n${body}\n\n确认 (叫应): ${links.get(r.id) ?? ''}\n\nminewatch`,
            alarmId: alarm.id,
          },
          at,
        );
      }
    }
  }
  // The gateway gets SMS/voice — and e-mail too when minewatch has no SMTP server of its own.
  const outward = step.channels.filter((c) => c !== 'in_app' && !(opts.smtp && c === 'email'));
  if (outward.length && recipients.length) {
    await enqueueWebhook(
      tx,
      {
        type: 'alarm_call',
        channels: outward,
        alarmId: alarm.id,
        stage: step.stage,
        step: stepIndex,
        call: type,
        level: alarm.level,
        kind: alarm.kind,
        mine: ctx.name,
        title,
        body,
        createdAt: at.toISOString(),
        recipients: recipients.map((r) => ({
          kind: r.kind,
          id: r.id,
          name: r.name,
          role: r.role,
          phone: r.phone,
          email: r.email,
          ackUrl: links.get(r.id),
        })),
      },
      at,
    );
  }
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
    let stepIndex = alarm.callStep;
    let started = alarm.stepStartedAt;
    let type: 'called' | 'renotified' | 'escalated';
    if (!started) {
      type = 'called';
      started = at;
    } else if (
      at.getTime() >=
        started.getTime() + (steps[stepIndex] as CallStep).ackWithinMinutes * MINUTE_MS &&
      stepIndex + 1 < steps.length
    ) {
      type = 'escalated';
      stepIndex++;
      started = at;
    } else {
      type = 'renotified';
    }
    const step = steps[Math.min(stepIndex, steps.length - 1)] as CallStep;
    await call(deps, tx, opts, alarm, step, stepIndex, type, at);
    const deadline = started.getTime() + step.ackWithinMinutes * MINUTE_MS;
    const renotify =
      step.renotifyEveryMinutes > 0
        ? at.getTime() + step.renotifyEveryMinutes * MINUTE_MS
        : Infinity;
    const last = stepIndex + 1 >= steps.length;
    const next = Math.min(renotify, last ? Infinity : Math.max(deadline, at.getTime() + 1000));
    await set({
      callStep: stepIndex,
      stepStartedAt: started,
      callRound: type === 'renotified' ? alarm.callRound + 1 : 1,
      nextCallAt: Number.isFinite(next) ? new Date(next) : null,
      responseDueAt:
        alarm.responseDueAt ??
        new Date(alarm.openedAt.getTime() + policy.respondWithinMinutes * MINUTE_MS),
    });
    return type;
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
