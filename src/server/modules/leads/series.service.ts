/**
 * @module Mine-level series: the comparison view's read, and imports of meter exports (表号, 时段, 数值)
 * from CSV or xlsx. Every row is checked first and each bad row and field reported (422); only a clean
 * file is written, in one transaction, so an import never half-writes. Importing a period again
 * replaces its value (the audit event records the file's digest). In the same transaction the lead
 * rules run over the periods written (lead.detect.ts evaluateImportedPeriods), so imported history —
 * a past year the scheduled job never frames — is evaluated, and the report says what was found. A
 * replay of monitoring history has its period rolled up and evaluated the same way
 * (evaluateMonitoredHistory).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { factors, type Factor } from '../../../shared/leads.enums.ts';
import type { SeriesImportEvaluation, SeriesQuery } from '../../../shared/leads.schemas.ts';
import { SeriesLimits } from '../../../shared/limits.ts';
import { recordAudit } from './leads.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, invalidField, type ErrorDetail } from '../../platform/errors.ts';
import { detectFormat, readTable } from '../../platform/tabular/read-table.ts';
import { loadVisibleMine } from '../registry/mine.service.ts';
import { findFrameMine, statusChanges } from './frame.repository.ts';
import { mineScopeCondition } from '../registry/registry.scope.ts';
import { liveMetersByCode } from './meter.repository.ts';
import { shanghaiDayStart, DAY_MS, HOUR_MS } from '../../../shared/dates.ts';
import { evaluateImportedPeriods, yearStartOf, type TouchedPeriod } from './lead.detect.ts';
import { parsePeriod } from './series.period.ts';
import { readSeriesRows, upsertSeries, type SeriesRow } from './series.repository.ts';
import { rollupMonitoringSpan } from './series.rollup.ts';
import { LeadPermission } from './leads.permissions.ts';
import { presentImportEvaluation, presentStatusChange } from './series.presenter.ts';

/** Accepted headers per field (the sources' exports name them differently). */
export const seriesImportHeaders = {
  meter: ['表号', '计量点编号', '电表号', 'meter', 'meter_id'],
  period: ['时段', '时间', '日期', 'period'],
  value: ['数值', '读数', '用量', 'value'],
} as const;

export async function readMineSeries(
  deps: ServiceDeps,
  principal: Principal,
  mineId: string,
  q: z.infer<typeof SeriesQuery>,
) {
  requirePermission(principal, LeadPermission.Read);
  await loadVisibleMine(deps.db, principal, mineId);
  const from = new Date(q.from);
  const to = new Date(q.to);
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  const maxDays =
    q.granularity === 'hour' ? SeriesLimits.hourRangeDaysMax : SeriesLimits.dayRangeDaysMax;
  if (!(days > 0)) {
    throw invalidField('to', '结束时间须晚于开始时间', q.to);
  }
  if (days > maxDays) {
    throw invalidField(
      'to',
      `${q.granularity === 'hour' ? '小时' : '日'}数据一次最多查询 ${maxDays} 天`,
      q.to,
    );
  }
  const rows = await readSeriesRows(deps.db, mineId, from, to, q.factors);
  interface Group {
    factor: Factor;
    area: string;
    /** Values as reported at the wanted granularity. */
    direct: Map<number, number>;
    /** Hourly values folded into China days (daily view only). */
    hours: Map<number, number[]>;
    /** Daily values, shown in the hourly view when a factor has no hourly values (production …). */
    days: Map<number, number>;
  }
  const groups = new Map<string, Group>();
  for (const r of rows) {
    if (r.area !== '' && q.areas !== 'true') {
      continue;
    }
    const factor = r.factor;
    const key = `${factor}\u0000${r.area}`;
    const g: Group = groups.get(key) ?? {
      factor,
      area: r.area,
      direct: new Map<number, number>(),
      hours: new Map<number, number[]>(),
      days: new Map<number, number>(),
    };
    groups.set(key, g);
    const t = r.periodStart.getTime();
    if (r.granularity === q.granularity) {
      g.direct.set(t, r.value);
    } else if (q.granularity === 'hour') {
      g.days.set(t, r.value);
    } else {
      const day = shanghaiDayStart(t);
      const list: number[] = g.hours.get(day) ?? [];
      list.push(r.value);
      g.hours.set(day, list);
    }
  }
  const fold = (factor: Factor, vs: number[]) => {
    const f = factors[factor].fold;
    const sum = vs.reduce((a, b) => a + b, 0);
    return f === 'sum' ? sum : f === 'max' ? Math.max(...vs) : sum / vs.length;
  };
  const pointsOf = (g: Group): [string, number][] => {
    const merged = new Map(g.direct.size === 0 ? g.days : g.direct);
    for (const [day, vs] of g.hours) {
      if (!merged.has(day)) {
        merged.set(day, fold(g.factor, vs));
      }
    }
    return [...merged].sort((a, b) => a[0] - b[0]).map(([t, v]) => [new Date(t).toISOString(), v]);
  };
  const statusRows = await statusChanges(deps.db, mineId);
  return {
    mineId,
    granularity: q.granularity,
    from: from.toISOString(),
    to: to.toISOString(),
    series: [...groups.values()]
      .map((g) => ({
        factor: g.factor,
        area: g.area,
        unit: factors[g.factor].unit,
        granularity: g.direct.size === 0 && g.days.size > 0 ? ('day' as const) : q.granularity,
        points: pointsOf(g),
      }))
      .filter((s) => s.points.length > 0),
    statusChanges: statusRows.map(presentStatusChange),
  };
}

function headerOf(headers: string[], field: keyof typeof seriesImportHeaders) {
  return headers.find((h) => (seriesImportHeaders[field] as readonly string[]).includes(h));
}

/** Imports a CSV/xlsx export of meter readings: 表号, 时段, 数值 per row. */
export async function importSeries(
  deps: ServiceDeps,
  principal: Principal,
  file: { data: Buffer; filename?: string | undefined },
) {
  requirePermission(principal, LeadPermission.SeriesWrite);
  const table = await readTable(
    file.data,
    detectFormat(file.filename, file.data),
    SeriesLimits.importRowsMax,
  );
  const columns = {
    meter: headerOf(table.headers, 'meter'),
    period: headerOf(table.headers, 'period'),
    value: headerOf(table.headers, 'value'),
  };
  const missing = (Object.keys(columns) as (keyof typeof columns)[]).filter((k) => !columns[k]);
  if (missing.length) {
    throw new AppError(
      AppErrorCode.ImportInvalid,
      `缺少列: ${missing.map((k) => seriesImportHeaders[k][0]).join('、')}`,
      missing.map((k) => ({
        row: 1,
        path: seriesImportHeaders[k][0],
        message: `缺少该列 (可用列名: ${seriesImportHeaders[k].join('、')})`,
      })),
    );
  }
  const meterCol = columns.meter ?? '';
  const periodCol = columns.period ?? '';
  const valueCol = columns.value ?? '';
  const used = new Set(Object.values(columns));
  const ignoredColumns = table.headers.filter((h) => h && !used.has(h));
  const codes = [
    ...new Set(table.rows.map((r) => String(r.cells[meterCol] ?? '').trim()).filter((c) => c)),
  ];
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    // Meters outside the caller's jurisdiction read as unknown (their existence is not disclosed).
    const meters = await liveMetersByCode(tx, codes, mineScopeCondition(principal.scope));
    const byCode = new Map(meters.map((m) => [m.code, m]));
    const errors: ErrorDetail[] = [];
    const rows: SeriesRow[] = [];
    const seen = new Map<string, number>();
    for (const { row, cells } of table.rows) {
      const code = String(cells[meterCol] ?? '').trim();
      const meter = byCode.get(code);
      if (!meter) {
        errors.push({
          row,
          path: meterCol,
          message: code ? '表号未登记, 已停用或不在管辖范围内' : '不能为空',
          value: code,
        });
        continue;
      }
      const period = parsePeriod(cells[periodCol], meter.granularity);
      if (!period.ok) {
        errors.push({
          row,
          path: periodCol,
          message: period.message,
          value: cells[periodCol],
        });
        continue;
      }
      if (period.at.getTime() > now.getTime()) {
        errors.push({
          row,
          path: periodCol,
          message: '时段在未来',
          value: cells[periodCol],
        });
        continue;
      }
      const raw = cells[valueCol];
      const value =
        typeof raw === 'number'
          ? raw
          : typeof raw === 'string' && raw.trim() !== ''
            ? Number(raw.trim())
            : NaN;
      const factor = meter.factor;
      if (!Number.isFinite(value)) {
        errors.push({ row, path: valueCol, message: '不是数字', value: raw });
        continue;
      }
      if (value < 0 || value > factors[factor].max) {
        errors.push({
          row,
          path: valueCol,
          message: `${factor}须在 0 到 ${factors[factor].max} ${factors[factor].unit} 之间`,
          value,
        });
        continue;
      }
      const key = `${code}\u0000${period.at.getTime()}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        errors.push({
          row,
          path: periodCol,
          message: `与第 ${earlier} 行的表号和时段重复`,
          value: cells[periodCol],
        });
        continue;
      }
      seen.set(key, row);
      rows.push({
        mineId: meter.mineId,
        factor,
        area: meter.area,
        granularity: meter.granularity,
        periodStart: period.at,
        value,
        source: `import:${code}`,
      });
    }
    if (errors.length) {
      throw new AppError(
        AppErrorCode.ImportInvalid,
        `${errors.length} 行有错误, 未导入任何数据`,
        errors.slice(0, 1000),
      );
    }
    if (rows.length === 0) {
      throw new AppError(AppErrorCode.ImportInvalid, '文件没有数据行', [
        { row: 2, path: 'file', message: '表头之后没有数据' },
      ]);
    }
    const written = await upsertSeries(tx, rows, now);
    // Per mine and calendar year, the span of periods written (one pass: imports may be large).
    const touched = new Map<string, TouchedPeriod>();
    const mineIds = new Set<string>();
    let first = Infinity;
    let last = -Infinity;
    for (const r of rows) {
      const from = r.periodStart.getTime();
      const to = from + (r.granularity === 'hour' ? HOUR_MS : DAY_MS);
      first = Math.min(first, from);
      last = Math.max(last, from);
      mineIds.add(r.mineId);
      const key = `${r.mineId}|${yearStartOf(from)}`;
      const t = touched.get(key);
      if (t) {
        t.from = Math.min(t.from, from);
        t.to = Math.max(t.to, to);
      } else {
        touched.set(key, { mineId: r.mineId, from, to });
      }
    }
    await recordAudit(tx, actorOf(principal), now, {
      type: 'leads.series.imported',
      entityId: randomUUID(),
      after: {
        filename: file.filename ?? null,
        sha256: createHash('sha256').update(file.data).digest('hex'),
        rows: rows.length,
        ...written,
        meters: [...new Set(rows.map((r) => r.source.slice('import:'.length)))],
        mineIds: [...mineIds],
        from: new Date(first).toISOString(),
        to: new Date(last).toISOString(),
      },
    });
    // The lead rules over what was written, history included (the job's own range is this year and
    // its look-back), in this transaction: the report says what was evaluated and found, or the
    // import fails whole. Only the mines of the caller's own meters are touched.
    return {
      imported: written.inserted,
      replaced: written.replaced,
      meters: new Set(rows.map((r) => r.source)).size,
      mines: mineIds.size,
      ignoredColumns,
      evaluation: await evaluateWritten(tx, [...touched.values()], now),
    };
  });
}

/** The lead rules over periods just written (evaluateImportedPeriods), as the report says them. */
async function evaluateWritten(
  tx: Db,
  touched: TouchedPeriod[],
  now: Date,
): Promise<SeriesImportEvaluation> {
  const evaluation = await evaluateImportedPeriods(tx, touched, now);
  const names = new Map<string, string>();
  for (const mineId of new Set(touched.map((t) => t.mineId))) {
    names.set(mineId, (await findFrameMine(tx, mineId))?.name ?? '');
  }
  return presentImportEvaluation(evaluation, names);
}

/**
 * After history was fed through the monitoring engine (minewatch replay): folds the mines' readings
 * of [from, to] into their hourly series (mine-level points, the safety points' activity) and runs
 * the lead rules over that period, as a series import does — the replay's report says which periods
 * were evaluated and what was found. The caller names only mines it may write for.
 */
export async function evaluateMonitoredHistory(
  deps: ServiceDeps,
  input: { mineIds: string[]; from: Date; to: Date },
): Promise<SeriesImportEvaluation> {
  const now = deps.clock();
  const from = Math.floor(input.from.getTime() / HOUR_MS) * HOUR_MS;
  const to = Math.floor(input.to.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS;
  return deps.db.transaction(async (tx) => {
    await rollupMonitoringSpan(tx, input.mineIds, new Date(from), new Date(to), now);
    return evaluateWritten(
      tx,
      input.mineIds.map((mineId) => ({ mineId, from, to })),
      now,
    );
  });
}

/**
 * Writes series another module derives from data it holds (the positioning files' hourly headcounts, the
 * 超限 a mine did not report) in that module's transaction; a period written again is replaced. The rows'
 * source names where they come from.
 */
export async function writeDerivedSeries(tx: Db, rows: SeriesRow[], at: Date): Promise<void> {
  if (rows.length) {
    await upsertSeries(tx, rows, at);
  }
}
