/**
 * @module Replay (issue 20 §5): history — a meter export, a gateway's backlog, the readings before an
 * accident — fed through the same engine in event time, the readings in their own order, without
 * paging anyone: every alarm it finds is a 历史告警 with its whole course. The mines' series of the
 * replayed period are then rolled up and the lead rules run over it (the leads module, as for a series
 * import), so the report also names the periods evaluated and the leads found. The tool a regulator uses
 * to reconstruct what happened at a mine.
 */
import type {
  AlarmCloseReason,
  AlarmKind,
  WarningLevel,
} from '../../../shared/monitoring.enums.ts';
import { systemGatewayPrincipal } from '../access/principal.ts';
import type { SeriesImportEvaluation } from '../../../shared/leads.schemas.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { evaluateMonitoredHistory } from '../leads/series.service.ts';
import { alarmsFoundBetween } from './alarm.repository.ts';
import { formatOf, parseBatch, parseTime, type RawRecord } from './ingest.parse.ts';
import { MonitoringEngine } from './monitoring.engine.ts';

/** Readings fed to the engine at a time (its writer commits up to 200,000 together). */
export const REPLAY_BATCH = 50_000;

export interface ReplayReport {
  received: number;
  stored: number;
  duplicates: number;
  rejected: { index: number; field: string; message: string }[];
  from: string | null;
  to: string | null;
  seconds: number;
  alarms: {
    sensorCode: string | null;
    kind: AlarmKind;
    level: WarningLevel;
    peakLevel: WarningLevel;
    triggeredAt: string;
    closedAt: string | null;
    closeReason: AlarmCloseReason | null;
    detail: string;
  }[];
  /** The lead rules over the replayed period: the periods evaluated and the leads found; null when nothing was replayed. */
  leads: SeriesImportEvaluation | null;
}

/** The format of a replay file by its name: .csv, .ndjson / .jsonl, or .json. */
export function replayFormat(fileName: string) {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const format = formatOf(
    ext === 'csv'
      ? 'text/csv'
      : ext === 'ndjson' || ext === 'jsonl'
        ? 'application/x-ndjson'
        : ext === 'json'
          ? 'application/json'
          : undefined,
  );
  if (!format) {
    throw invalidField('file', '回放文件须为 .csv、.ndjson (.jsonl) 或 .json', fileName);
  }
  return format;
}

/**
 * Replays a file's readings for the mines named, oldest first, through a replay engine, and reports
 * what was stored, every alarm the readings gave in their time span, and what the lead rules found
 * over that span.
 */
export async function replay(
  deps: ServiceDeps,
  input: { mineIds: string[]; fileName: string; body: string },
): Promise<ReplayReport> {
  if (input.mineIds.length === 0) {
    throw invalidField('mine', '须指明回放数据所属的矿山');
  }
  const { records, rejected: pre } = parseBatch(replayFormat(input.fileName), input.body);
  // Event time: the readings go in their own order, whatever the file's.
  const times: number[] = [];
  const order: number[] = [];
  /** Records whose time cannot be read: they go through once, for their refusal by index. */
  const unordered: number[] = [];
  for (const [i, r] of records.entries()) {
    const t = r ? parseTime(r.ts) : Number.NaN;
    times.push(typeof t === 'number' ? t : Number.NaN);
    if (!Number.isNaN(times[i])) {
      order.push(i);
    } else if (r) {
      unordered.push(i);
    }
  }
  order.sort((a, b) => (times[a] as number) - (times[b] as number));
  const engine = new MonitoringEngine(deps, { replay: true });
  const principal = systemGatewayPrincipal('replay', input.mineIds);
  const report: ReplayReport = {
    received: records.length,
    stored: 0,
    duplicates: 0,
    rejected: [...pre],
    from: null,
    to: null,
    seconds: 0,
    alarms: [],
    leads: null,
  };
  const started = performance.now();
  try {
    for (const slice of [unordered, ...chunk(order, REPLAY_BATCH)]) {
      if (slice.length === 0) {
        continue;
      }
      const r = await engine.ingest(
        principal,
        slice.map((i) => records[i] as RawRecord),
      );
      report.stored += r.stored;
      report.duplicates += r.duplicates;
      for (const x of r.rejected) {
        report.rejected.push({ ...x, index: slice[x.index] as number });
      }
    }
    await engine.runDeferred();
  } finally {
    engine.close();
  }
  report.seconds = (performance.now() - started) / 1000;
  report.rejected.sort((a, b) => a.index - b.index);
  const first = order[0];
  const last = order[order.length - 1];
  if (first !== undefined && last !== undefined) {
    const from = new Date(times[first] as number);
    const to = new Date(times[last] as number);
    report.from = from.toISOString();
    report.to = to.toISOString();
    report.alarms = (await alarmsFoundBetween(deps.db, input.mineIds, from, to)).map((a) => ({
      sensorCode: a.sensorCode,
      kind: a.kind,
      level: a.level,
      peakLevel: a.peakLevel,
      triggeredAt: a.triggeredAt.toISOString(),
      closedAt: a.closedAt?.toISOString() ?? null,
      closeReason: a.closeReason,
      detail: a.detail,
    }));
    report.leads = await evaluateMonitoredHistory(deps, { mineIds: input.mineIds, from, to });
  }
  return report;
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) {
    out.push(xs.slice(i, i + n));
  }
  return out;
}
