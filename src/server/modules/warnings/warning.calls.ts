/**
 * @module The 叫应 loop of regulators' warnings (《2024年矿山安全生产工作要点》第31条: "完善应急叫应回响应机制 …
 * 及时启动临警、预警、响警、处警、应警机制"; steps in setting warnings.callPolicy). Each call to a mine carries its own
 * durable timer (next_call_at) and the step it is on, as an alarm does, and moves through the same
 * call-out (monitoring/call-out.ts: recipients, next move, delivery). One transaction per call locks the
 * row, writes the notifications and the webhook event, audits an escalation and moves the timer — so a
 * step is done once, never lost or repeated after a crash. The first step is called in the issuing
 * transaction; the loop runs on the monitoring tick (the job warnings.runDueCalls).
 */
import type { CallStep } from '../../../shared/monitoring.policy.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { escalationActor } from '../../platform/escalation/escalation.runner.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { callContext } from '../monitoring/alarm-call.repository.ts';
import { sha256Hex } from '../../platform/crypto.ts';
import {
  ACK_LINK_TTL_MS,
  deliverCall,
  nextCallMove,
  resolveRecipients,
  signAckToken,
  type CallMove,
  type CallOptions,
} from '../monitoring/call-out.ts';
import { recordAudit } from './warnings.audit.ts';
import * as repo from './warning.repository.ts';
import { warningsSettings } from './warnings.settings.ts';

/** The warning's words as a call carries them. */
export interface CalledWarning {
  id: string;
  kind: string;
  title: string;
  content: string;
  issuingUnit: string;
}

/**
 * Makes the due move of one unacknowledged call (the first call, a renotification, or the next step
 * when the step's time ran out) and moves its timer, in the caller's transaction.
 */
export async function runCallStep(
  tx: Db,
  secret: Buffer,
  opts: CallOptions,
  w: CalledWarning,
  c: repo.WarningCallRow,
  steps: readonly CallStep[],
  at: Date,
): Promise<CallMove | null> {
  const mine = await callContext(tx, c.mineId, null);
  if (!mine) {
    return null;
  }
  const move = nextCallMove(c, steps, at);
  const recipients = await resolveRecipients(tx, mine, move.step);
  // A signed one-time link per person of the mine (only its digest is stored): acknowledging needs no
  // sign-in. The regulators a step reaches get the notice without one: 叫应 is the mine's answer.
  const links = new Map<string, string>();
  const tokens = recipients
    .filter((r) => r.side === 'mine')
    .map((r) => ({ r, token: signAckToken(secret, c.id, 'warn') }));
  await repo.insertAckTokens(
    tx,
    tokens.map(({ r, token }) => ({
      tokenHash: sha256Hex(token),
      callId: c.id,
      recipient: r.id,
      recipientName: r.name,
      expiresAt: new Date(at.getTime() + ACK_LINK_TTL_MS),
    })),
  );
  for (const { r, token } of tokens) {
    links.set(
      r.id,
      `${opts.publicUrl.replace(/\/$/, '')}/ack/warning/${encodeURIComponent(token)}`,
    );
  }
  const title =
    move.type === 'escalated'
      ? `【${move.step.stage}·未确认】${mine.name} 未确认${w.issuingUnit}发布的${w.kind}预警`
      : `【${move.step.stage}·${w.kind}】${w.issuingUnit}: ${w.title}`;
  const body =
    move.type === 'escalated'
      ? `${mine.name} 超过时限未确认 (叫应) 预警「${w.title}」, 请督促落实。`
      : `${mine.name}: ${w.content} 请立即确认 (叫应), 并回报撤人和处置情况 (回应)。`;
  await deliverCall(
    tx,
    opts,
    {
      // The inbox opens the warning's page (its per-mine table).
      subjectType: 'warning',
      subjectId: w.id,
      title,
      body,
      recipients,
      links,
      channels: move.step.channels,
      event: {
        type: 'warning_call',
        warningId: w.id,
        callId: c.id,
        stage: move.step.stage,
        step: move.stepIndex,
        call: move.type,
        kind: w.kind,
        mine: mine.name,
      },
    },
    at,
  );
  await repo.updateCall(tx, c.id, {
    callStep: move.stepIndex,
    stepStartedAt: move.stepStartedAt,
    callRound: move.callRound,
    nextCallAt: move.nextCallAt,
    ...(move.type === 'escalated' && !c.escalatedAt ? { escalatedAt: at } : {}),
  });
  if (move.type === 'escalated') {
    await recordAudit(tx, escalationActor, at, {
      type: 'warnings.call.escalated',
      entityId: c.id,
      after: {
        stage: move.step.stage,
        step: move.stepIndex,
        recipients: recipients.map((r) => `${r.name} (${r.roleName})`),
      },
    });
  }
  return move;
}

/** One call's due move in its own transaction; null when it was not (or no longer) due. */
async function runOne(deps: ServiceDeps, opts: CallOptions, id: string) {
  return deps.db.transaction(async (tx) => {
    const at = deps.clock();
    const due = await repo.lockDueCall(tx, id, at);
    if (!due) {
      return null;
    }
    const head = await repo.findWarning(tx, due.w.id);
    const { steps } = await getSetting(tx, warningsSettings.callPolicy);
    const move = await runCallStep(
      tx,
      deps.secret,
      opts,
      { ...due.w, issuingUnit: head?.issuingUnit ?? '' },
      due.c,
      steps,
      at,
    );
    return move?.type ?? null;
  });
}

/** Runs every due warning call (the job warnings.runDueCalls, on the monitoring tick). */
export async function runDueWarningCalls(
  deps: ServiceDeps,
  opts: CallOptions,
): Promise<{ called: number; renotified: number; escalated: number }> {
  const out = { called: 0, renotified: 0, escalated: 0 };
  for (let round = 0; round < 50; round++) {
    const due = await repo.dueCalls(deps.db, deps.clock(), 200);
    for (const { id } of due) {
      const r = await runOne(deps, opts, id);
      if (r) {
        out[r]++;
      }
    }
    if (due.length < 200) {
      break;
    }
  }
  return out;
}
