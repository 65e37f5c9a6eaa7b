/**
 * @module The 叫应 call-out shared by monitoring alarms (alarm.calls.ts) and regulators' warnings
 * (warnings/warning.calls.ts): who a step of a call policy reaches at a mine, the signed one-time
 * acknowledgement links, when the next step or renotification falls due (the durable timer each called
 * row carries), and the delivery of one call — in-app notifications, e-mail over SMTP, the webhook event
 * for SMS / voice gateways — written in the caller's transaction. Policies: settings
 * `monitoring.callPolicies` and `warnings.callPolicy` (山西《关于推进全省矿山做好气象灾害风险监测预警和应急防范工作的通知》;
 * 《2024年矿山安全生产工作要点》第31条).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { HOUR_MS, MINUTE_MS } from '../../../shared/dates.ts';
import type { CallStep } from '../../../shared/monitoring.policy.ts';
import { roleNames } from '../../../shared/access.enums.ts';
import type { Db } from '../../platform/db/client.ts';
import { enqueueEmail } from '../notifications/email.service.ts';
import { enqueueWebhook, insertNotifications } from '../notifications/notification.service.ts';
import { callableUsers, minePeopleInRoles } from './alarm-call.repository.ts';

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
export const ACK_LINK_TTL_MS = 24 * HOUR_MS;

export interface Recipient {
  kind: 'user' | 'person';
  /** Whose side the person is on: the mine's (its enterprise, its registered people) or a regulator unit's. */
  side: 'mine' | 'regulator';
  id: string;
  name: string;
  role: string;
  /** The role as people read it (Chinese), for the call timeline. */
  roleName: string;
  phone: string | null;
  email: string | null;
}

/** The mine a call is about, as the recipients' resolution needs it. */
export interface CalledMine {
  id: string;
  name: string;
  enterpriseId: string;
  countyCode: string;
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
        side: u.kind === 'regulator' ? 'regulator' : 'mine',
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
        side: 'mine',
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

/**
 * What a link acknowledges: `ack` an alarm (the prefix links already sent carry), `warn` a warning's call
 * to one mine — so a link of one kind never passes as the other.
 */
export type AckPurpose = 'ack' | 'warn';

/** HMAC-SHA256 truncated to 128 bits (the link must stay under the router's 100-character limit). */
const ackMac = (secret: Buffer, purpose: AckPurpose, id: string, raw: string) =>
  createHmac('sha256', secret).update(`${purpose}.${id}.${raw}`).digest().subarray(0, 16);

/** A signed one-time link token: `<id>.<random>.<HMAC>`; only its SHA-256 is stored. */
export function signAckToken(secret: Buffer, id: string, purpose: AckPurpose = 'ack'): string {
  const raw = randomBytes(12).toString('base64url');
  return `${id}.${raw}.${ackMac(secret, purpose, id, raw).toString('base64url')}`;
}

/** The id a token names, if its signature is right (it must still be found unused in its table). */
export function verifyAckToken(
  secret: Buffer,
  token: string,
  purpose: AckPurpose = 'ack',
): string | null {
  const parts = token.split('.');
  if (parts.length !== 3 || token.length > 200) {
    return null;
  }
  const [id = '', raw = '', mac = ''] = parts;
  const want = ackMac(secret, purpose, id, raw);
  const got = Buffer.from(mac, 'base64url');
  return got.length === want.length && timingSafeEqual(got, want) ? id : null;
}

/** Where a called row stands on its policy's steps (the columns it keeps with its timer). */
export interface CallTimer {
  callStep: number;
  stepStartedAt: Date | null;
  callRound: number;
}

/** What a due timer does now, and where it goes next. */
export interface CallMove {
  type: 'called' | 'renotified' | 'escalated';
  stepIndex: number;
  step: CallStep;
  stepStartedAt: Date;
  callRound: number;
  /** The timer's next firing: the step's deadline or the next renotification; null when none. */
  nextCallAt: Date | null;
}

/**
 * The next move of an unacknowledged row whose timer fired: the first call; the next step once nobody
 * acknowledged within the step's ackWithinMinutes; else the same people again.
 */
export function nextCallMove(timer: CallTimer, steps: readonly CallStep[], at: Date): CallMove {
  // A policy shortened since the call began: its last step, not a step that is gone.
  let stepIndex = Math.min(timer.callStep, steps.length - 1);
  let started = timer.stepStartedAt;
  let type: CallMove['type'];
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
  stepIndex = Math.min(stepIndex, steps.length - 1);
  const step = steps[stepIndex] as CallStep;
  const deadline = started.getTime() + step.ackWithinMinutes * MINUTE_MS;
  const renotify =
    step.renotifyEveryMinutes > 0 ? at.getTime() + step.renotifyEveryMinutes * MINUTE_MS : Infinity;
  const last = stepIndex + 1 >= steps.length;
  const next = Math.min(renotify, last ? Infinity : Math.max(deadline, at.getTime() + 1000));
  return {
    type,
    stepIndex,
    step,
    stepStartedAt: started,
    callRound: type === 'renotified' ? timer.callRound + 1 : 1,
    nextCallAt: Number.isFinite(next) ? new Date(next) : null,
  };
}

/** One call to deliver: its subject, words, people and the gateway event's own fields. */
export interface CallDelivery {
  /** The notifications' subject (`alarm`, `warning_call` …). */
  subjectType: string;
  subjectId: string;
  title: string;
  body: string;
  recipients: Recipient[];
  /** The signed one-time link per recipient id (none when the subject has no link). */
  links: ReadonlyMap<string, string>;
  channels: CallStep['channels'];
  /** The webhook event without its channels, recipients and time (`type`, ids, stage …). */
  event: Record<string, unknown>;
  /** The alarm an e-mail belongs to (its timeline shows the delivery). */
  emailAlarmId?: string;
}

/** Writes one call's notifications, e-mails and webhook event in the caller's transaction. */
export async function deliverCall(tx: Db, opts: CallOptions, d: CallDelivery, at: Date) {
  const ackText = (id: string) => d.links.get(id) ?? '';
  if (d.channels.includes('in_app')) {
    for (const r of d.recipients.filter((x) => x.kind === 'user')) {
      const link = ackText(r.id);
      await insertNotifications(
        tx,
        [r.id],
        {
          subjectType: d.subjectType,
          subjectId: d.subjectId,
          title: d.title,
          body: link ? `${d.body} 确认链接: ${link}` : d.body,
        },
        at,
      );
    }
  }
  if (opts.smtp && d.channels.includes('email')) {
    for (const r of d.recipients) {
      if (r.email) {
        const link = ackText(r.id);
        await enqueueEmail(
          tx,
          {
            to: r.email,
            subject: d.title,
            text: `${r.name}:\n\n${d.body}\n\n${link ? `确认 (叫应): ${link}\n\n` : ''}minewatch`,
            ...(d.emailAlarmId ? { alarmId: d.emailAlarmId } : {}),
          },
          at,
        );
      }
    }
  }
  // The gateway gets SMS/voice — and e-mail too when minewatch has no SMTP server of its own.
  const outward = d.channels.filter((c) => c !== 'in_app' && !(opts.smtp && c === 'email'));
  if (outward.length && d.recipients.length) {
    await enqueueWebhook(
      tx,
      {
        ...d.event,
        channels: outward,
        title: d.title,
        body: d.body,
        createdAt: at.toISOString(),
        recipients: d.recipients.map((r) => ({
          kind: r.kind,
          id: r.id,
          name: r.name,
          role: r.role,
          phone: r.phone,
          email: r.email,
          ackUrl: d.links.get(r.id),
        })),
      },
      at,
    );
  }
}
