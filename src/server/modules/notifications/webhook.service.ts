/**
 * @module Signed webhook delivery of notifications to an SMS or messaging gateway (issue 4 §4). The
 * outbox is written with the notifications (same transaction), so nothing is lost in a crash; this
 * job POSTs each event as JSON, signed like
 *   X-Minewatch-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
 * with X-Minewatch-Delivery: <outbox id> for the receiver to deduplicate (delivery is at-least-once).
 * A failed attempt is retried after 1, 2, 4 … minutes (at most 6 h apart); after 12 attempts the event
 * is marked failed and kept for inspection.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ServiceDeps } from '../../platform/context.ts';
import type { OutboxChannel } from './notification.table.ts';
import * as outbox from './outbox.repository.ts';
import type { OutboxRow } from './outbox.repository.ts';

export interface WebhookTarget {
  url: string;
  secret: string;
}

export const WEBHOOK_MAX_ATTEMPTS = 12;
const BATCH = 50;
const MAX_BATCHES = 40;
/** How long a claimed row waits for its sender (a batch's sends, each bounded by TIMEOUT_MS) before another may take it. */
const CLAIM_MS = 10 * 60_000;
const TIMEOUT_MS = 10_000;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** What a receiver runs: true when the signature header matches the body and secret. */
export function verifyWebhook(secret: string, header: string, body: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1) {
    return false;
  }
  const expected = Buffer.from(signWebhook(secret, t, body).split('v1=')[1] ?? '', 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Minutes to wait after the n-th failed attempt (n ≥ 1). */
export function backoffMinutes(attempts: number): number {
  return Math.min(2 ** (attempts - 1), 360);
}

/** Sends one outbox row; returns null when it was accepted, else why not. */
export type OutboxSender = (row: OutboxRow, now: Date) => Promise<string | null>;

/** One delivery attempt of an outbox row, recorded on the row. */
async function attempt(
  deps: ServiceDeps,
  send: OutboxSender,
  row: OutboxRow,
): Promise<'delivered' | 'retry' | 'failed'> {
  const now = deps.clock();
  let error: string | null;
  try {
    error = await send(row, now);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const attempts = row.attempts + 1;
  if (error === null) {
    await outbox.markOutboxDelivered(deps.db, row.id, attempts, now);
    return 'delivered';
  }
  const giveUp = attempts >= WEBHOOK_MAX_ATTEMPTS;
  await outbox.markOutboxFailed(
    deps.db,
    row.id,
    { attempts, error: error.slice(0, 500), giveUp, retryMinutes: backoffMinutes(attempts) },
    now,
  );
  return giveUp ? 'failed' : 'retry';
}

/** Delivers the due rows of one channel with `send`, batch after batch, retrying with backoff. */
export async function deliverOutbox(
  deps: ServiceDeps,
  channel: OutboxChannel,
  send: OutboxSender,
): Promise<{ delivered: number; failed: number }> {
  let delivered = 0;
  let failed = 0;
  // Batch after batch until nothing is due (a failed event is due again only after its backoff).
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const now = deps.clock();
    const leaseUntil = new Date(now.getTime() + CLAIM_MS);
    const due = await outbox.claimDueOutbox(deps.db, channel, now, BATCH, leaseUntil);
    for (const row of due) {
      const outcome = await attempt(deps, send, row);
      delivered += outcome === 'delivered' ? 1 : 0;
      failed += outcome === 'failed' ? 1 : 0;
    }
    if (due.length < BATCH) {
      break;
    }
  }
  return { delivered, failed };
}

/** Delivers the due events; does nothing when no gateway is configured. */
export async function deliverWebhooks(
  deps: ServiceDeps,
  target: WebhookTarget | undefined,
  send: typeof fetch = fetch,
): Promise<{ delivered: number; failed: number }> {
  if (!target) {
    return { delivered: 0, failed: 0 };
  }
  return deliverOutbox(deps, 'webhook', async (row, now) => {
    const body = JSON.stringify({ id: row.id, ...(row.payload as object) });
    const res = await send(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-minewatch-delivery': String(row.id),
        'x-minewatch-signature': signWebhook(target.secret, Math.floor(now.getTime() / 1000), body),
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return res.ok ? null : `HTTP ${res.status}`;
  });
}
