/**
 * @module E-mail over SMTP (issue 5 §6: calls go out "in-app, by a signed webhook for SMS and voice
 * gateways, by e-mail over SMTP"). A message is written to the outbox (channel 'email') in the same
 * transaction as the call that needs it, so a crash loses none; this job sends the due ones through
 * SMTP_URL, retrying with the webhook's backoff and giving up after as many attempts.
 */
import { createTransport, type Transporter } from 'nodemailer';
import type { ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { insertOutbox } from './outbox.repository.ts';
import { deliverOutbox } from './webhook.service.ts';

export interface EmailTarget {
  /** smtp://user:password@host:port or smtps://… */
  url: string;
  /** The sender, e.g. "minewatch <alarms@example.org>". */
  from: string;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** The alarm it belongs to (its timeline shows the delivery). */
  alarmId?: string;
}

/** Queues an e-mail in the caller's transaction (sent by the delivery job). */
export async function enqueueEmail(tx: Db, message: EmailMessage, at: Date): Promise<void> {
  await insertOutbox(tx, 'email', message, at);
}

const transports = new Map<string, Transporter>();

function transportFor(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    t = createTransport(url);
    transports.set(url, t);
  }
  return t;
}

/** Sends the due e-mails; does nothing when no SMTP server is configured. */
export async function deliverEmails(
  deps: ServiceDeps,
  target: EmailTarget | undefined,
): Promise<{ delivered: number; failed: number }> {
  if (!target) {
    return { delivered: 0, failed: 0 };
  }
  const transport = transportFor(target.url);
  return deliverOutbox(deps, 'email', async (row) => {
    const m = row.payload as EmailMessage;
    const info = await transport.sendMail({
      from: target.from,
      to: m.to,
      subject: m.subject,
      text: m.text,
      headers: { 'X-Minewatch-Delivery': String(row.id) },
    });
    const rejected = (info.rejected ?? []).map(String);
    return rejected.length ? `rejected: ${rejected.join(', ')}` : null;
  });
}
