/**
 * @module The small HTML page a one-time acknowledgement link opens (alarms' `/ack/:token`, warnings'
 * `/ack/warning/:token`): GET shows a button — link scanners must not acknowledge —, POST answers here.
 */
import type { FastifyReply } from 'fastify';
import { AppError, AppErrorCode } from '../../platform/errors.ts';

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A page with a title and a body of trusted HTML (escape anything else with escapeHtml). */
export function ackPage(title: string, body: string) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}button{font-size:1.2rem;padding:.6rem 1.6rem}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/** Answers a POST of an acknowledgement link with the page of its outcome (an error's own status). */
export async function sendAckOutcome(
  reply: FastifyReply,
  acknowledge: () => Promise<{ acknowledged: boolean; message: string }>,
) {
  try {
    const res = await acknowledge();
    return reply
      .type('text/html; charset=utf-8')
      .send(ackPage(res.acknowledged ? '已确认' : '无需确认', `<p>${escapeHtml(res.message)}</p>`));
  } catch (e) {
    const err = e instanceof AppError ? e : new AppError(AppErrorCode.Internal, '确认失败');
    return reply
      .status(err.status)
      .type('text/html; charset=utf-8')
      .send(ackPage('无法确认', `<p>${escapeHtml(err.message)}</p>`));
  }
}
