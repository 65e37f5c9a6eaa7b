/**
 * @module The JetStream message of admitted readings: one mine's readings, at most MESSAGE_READINGS_MAX
 * of them, as compact JSON (the sensors' ids once, then an index per reading). Its `Nats-Msg-Id` is a
 * digest of the bytes, so a batch sent again — the same readings of the same mine — is the same message,
 * which the stream reports as a duplicate within its duplicate window (and past it, the readings' key
 * (sensor, time) in PostgreSQL still stores each once).
 */
import { createHash } from 'node:crypto';
import type { AdmittedBatch } from '../modules/monitoring/monitoring.engine.ts';

/** Readings per message: keeps a message well under NATS's default max_payload of 1 MB. */
export const MESSAGE_READINGS_MAX = 5000;

interface Wire {
  m: string;
  s: string[];
  i: number[];
  t: number[];
  v: number[];
}

/** Splits a mine's readings into messages, each with its id. */
export function encodeReadings(
  b: AdmittedBatch,
): { data: Uint8Array; msgId: string; count: number }[] {
  const out: { data: Uint8Array; msgId: string; count: number }[] = [];
  for (let from = 0; from < b.sensorIds.length; from += MESSAGE_READINGS_MAX) {
    const to = Math.min(from + MESSAGE_READINGS_MAX, b.sensorIds.length);
    const index = new Map<string, number>();
    const wire: Wire = { m: b.mineId, s: [], i: [], t: [], v: [] };
    for (let k = from; k < to; k++) {
      const id = b.sensorIds[k] as string;
      let at = index.get(id);
      if (at === undefined) {
        at = wire.s.length;
        index.set(id, at);
        wire.s.push(id);
      }
      wire.i.push(at);
      wire.t.push(b.times[k] as number);
      wire.v.push(b.values[k] as number);
    }
    const data = Buffer.from(JSON.stringify(wire));
    out.push({
      data,
      msgId: createHash('sha256').update(data).digest('base64url'),
      count: to - from,
    });
  }
  return out;
}

/** A message back into a mine's readings; throws on a message that is not one. */
export function decodeReadings(data: Uint8Array): AdmittedBatch {
  const w = JSON.parse(Buffer.from(data).toString('utf8')) as Partial<Wire>;
  const { m, s, i, t, v } = w;
  if (
    typeof m !== 'string' ||
    !Array.isArray(s) ||
    !Array.isArray(i) ||
    !Array.isArray(t) ||
    !Array.isArray(v) ||
    i.length !== t.length ||
    t.length !== v.length
  ) {
    throw new Error('not a readings message');
  }
  return { mineId: m, sensorIds: i.map((k) => s[k] as string), times: t, values: v };
}
