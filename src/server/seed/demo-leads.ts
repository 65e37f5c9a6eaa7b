/**
 * @module The demo province's multi-factor series (issue 6 §5): 90 days of hourly power and headcount
 * and daily production, transport, explosives and air volume for underground mines the live simulator
 * does not feed (and one monitored mine for 监控造假), drawn from the labelled synthetic generator with one planted case of each rule among
 * normal noise (glitches, gaps, weekends, shifts), and for 停产迎检 the recorded inspection the mine stopped for. Meters and working faces are registered so the
 * imports and the comparison view have something to show. The seed then runs the evaluation once, so
 * the leads are there on first start.
 */
import { LeadRule, type Factor } from '../../shared/leads.enums.ts';
import { MineKind, MineStatus, type MineStatus as Status } from '../../shared/registry.enums.ts';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { organisations, users } from '../modules/access/access.table.ts';
import { insertInspection } from '../modules/inspections/records/inspection.repository.ts';
import { createRng } from '../platform/random.ts';
import { insertAreas, insertMeters } from '../modules/leads/meter.repository.ts';
import { mines } from '../modules/registry/mine.table.ts';
import { insertDeclaration, insertPlan } from '../modules/stopped/stopped.repository.ts';
import {
  SHANGHAI_OFFSET_MS,
  shanghaiDayStart,
  DAY_MS,
  HOUR_MS,
  shanghaiDate,
  shanghaiMidnight,
} from '../../shared/dates.ts';
import { upsertSeries, type SeriesRow } from '../modules/leads/series.repository.ts';
import { syntheticMine } from '../modules/leads/synthetic.ts';

export interface LeadDemoMine {
  id: string;
  name: string;
  kind: MineKind;
  countyCode: string;
  status: Status;
  statusSince: string;
  designCapacityTpa?: number | null | undefined;
  approvedUndergroundStaff?: number | null | undefined;
}

const DAYS = 90;
/** The day (index) of the inspection the 停产迎检 mine stopped for. */
const DODGE_DAY = DAYS - 8;
const underground = new Set<string>([MineKind.CoalUnderground, MineKind.UndergroundMetal]);
const stoppedStatuses = new Set<string>([MineStatus.SuspendedForRectification, MineStatus.Stopped]);

/** Which mines get series and what is planted where (pure, for the seed and its test). */
export function leadDemoPlan(
  all: LeadDemoMine[],
  monitored: ReadonlySet<string>,
  /** Counties whose unit has an inspector (停产迎检 needs an inspection recorded at its mine). */
  inspected: ReadonlySet<string> = new Set(),
) {
  const usable = (m: LeadDemoMine) =>
    underground.has(m.kind) && Boolean(m.designCapacityTpa) && Boolean(m.approvedUndergroundStaff);
  // Prefer 原平市 (where yp.admin works), then the rest.
  const order = (a: LeadDemoMine, b: LeadDemoMine) =>
    Number(b.countyCode === '140981') - Number(a.countyCode === '140981');
  const candidates = all.filter((m) => usable(m) && !monitored.has(m.id)).sort(order);
  const stopped = candidates.find((m) => stoppedStatuses.has(m.status));
  const producing = candidates.filter((m) => m.status === MineStatus.Producing);
  // 监控造假 needs safety-monitoring points: one of the monitored mines.
  const watched = all
    .filter((m) => usable(m) && monitored.has(m.id) && m.status === MineStatus.Producing)
    .sort(order)[0];
  const plan: { mine: LeadDemoMine; plant?: LeadRule }[] = [];
  if (stopped) {
    plan.push({ mine: stopped, plant: LeadRule.StoppedButWorking });
  }
  const planted = [LeadRule.HiddenFace, LeadRule.OverStaffing, LeadRule.OverCapacity];
  producing.slice(0, planted.length).forEach((mine, i) => plan.push({ mine, plant: planted[i] }));
  const dodging = producing.slice(planted.length).find((m) => inspected.has(m.countyCode));
  if (dodging) {
    plan.push({ mine: dodging, plant: LeadRule.InspectionDodge });
  }
  if (watched) {
    plan.push({ mine: watched, plant: LeadRule.FalsifiedMonitoring });
  }
  producing
    .slice(planted.length)
    .filter((m) => m !== dodging)
    .slice(0, 5)
    .forEach((mine) => plan.push({ mine }));
  return plan;
}

/** The first day (index) of the planted 明停暗开 case at a mine stopped from day `stopDay`. */
const stoppedCaseFrom = (stopDay: number) => Math.max(stopDay + 12, DAYS - 12);
/** How many of the 明停暗开 case's days the mine declared as 排水 beforehand. */
export const DECLARED_DAYS = 2;

/**
 * The 明停暗开 mine's 整改方案 and the 排水 it declared for the case's first DECLARED_DAYS days, with the power
 * it draws then as the declared hourly maximum (《2024年矿山安全生产工作要点》第18条 定时、定量、定人、定措施): those
 * nights are explained, the nights after them are the lead, which names the declaration.
 */
async function declareDemoWork(
  tx: Db,
  mineId: string,
  power: Float64Array | undefined,
  start: number,
  caseFrom: number,
) {
  const [filer] = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .innerJoin(mines, eq(mines.enterpriseId, organisations.enterpriseId))
    .where(eq(mines.id, mineId))
    .orderBy(asc(users.username))
    .limit(1);
  if (!filer || !power) {
    return;
  }
  let peak = 0;
  for (let h = caseFrom * 24; h < (caseFrom + DECLARED_DAYS) * 24; h++) {
    const kwh = power[h] ?? NaN;
    if (Number.isFinite(kwh)) {
      peak = Math.max(peak, kwh); // a gap in the meter's series is no power
    }
  }
  const day = (d: number) => shanghaiDate(start + d * DAY_MS);
  const filedAt = new Date(start + (caseFrom - 1) * DAY_MS + 9 * HOUR_MS);
  const plan = await insertPlan(tx, {
    mineId,
    measures: '排查井下积水与供电线路, 制定排水方案, 定时、定量、定人、定措施',
    responsiblePerson: '矿长',
    completeBy: day(caseFrom + 30),
    filedBy: filer.id,
    filedAt: new Date(filedAt.getTime() - DAY_MS),
  });
  await insertDeclaration(tx, {
    mineId,
    planId: plan.id,
    purpose: '排水',
    description: '-1中段水泵房夜间排水, 每班不超过9人',
    sites: [{ place: '-1中段水泵房', people: 9 }],
    maxPowerKwh: Math.ceil(peak / 10) * 10,
    startsOn: day(caseFrom),
    endsOn: day(caseFrom + DECLARED_DAYS - 1),
    perSiteLimit: 9,
    state: '已申报',
    filedBy: filer.id,
    filedAt,
  });
}

/** The demo's inspectors (the first of each unit's region), for the inspection 停产迎检 needs. */
async function inspectorsByRegion(tx: Db) {
  const rows = await tx
    .select({
      id: users.id,
      organisationId: users.organisationId,
      region: organisations.regionCode,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(users.role, 'inspector'), eq(organisations.kind, 'regulator')))
    .orderBy(asc(users.username));
  const out = new Map<string, { id: string; organisationId: string }>();
  for (const r of rows) {
    if (r.region && !out.has(r.region)) {
      out.set(r.region, { id: r.id, organisationId: r.organisationId });
    }
  }
  return out;
}

/** The inspection the 停产迎检 mine stopped for: by an inspector of its county's unit, 四不两直. */
async function recordDodgedInspection(
  tx: Db,
  mine: LeadDemoMine,
  inspector: { id: string; organisationId: string },
  on: string,
  at: Date,
) {
  await insertInspection(tx, {
    mineId: mine.id,
    organisationId: inspector.organisationId,
    kind: '常规',
    inspectedOn: on,
    teamUserIds: [inspector.id],
    checklist: [],
    summary: '现场检查时井下无人作业, 主要设备停运',
    createdBy: inspector.id,
    createdAt: at,
    updatedAt: at,
  });
}

export async function seedDemoLeads(
  tx: Db,
  at: Date,
  all: LeadDemoMine[],
  monitored: ReadonlySet<string>,
): Promise<number> {
  const rng = createRng(20_261_123);
  const end = shanghaiDayStart(at.getTime()) + DAY_MS;
  const start = end - DAYS * DAY_MS;
  const lastHour = Math.floor(at.getTime() / HOUR_MS) * HOUR_MS;
  const sinceDay = (date: string) =>
    Math.max(0, Math.round((shanghaiMidnight(date).getTime() - start) / DAY_MS));
  let written = 0;
  const inspectors = await inspectorsByRegion(tx);
  const plan = leadDemoPlan(all, monitored, new Set(inspectors.keys()));
  for (const [n, { mine, plant }] of plan.entries()) {
    const stopDay = stoppedStatuses.has(mine.status) ? sinceDay(mine.statusSince) : DAYS;
    const dayStatus = Array.from({ length: DAYS }, (_, d) =>
      d >= stopDay ? mine.status : MineStatus.Producing,
    );
    const lastMonthStart = (() => {
      const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
      return Math.round(
        (Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1) -
          SHANGHAI_OFFSET_MS -
          start) /
          DAY_MS,
      );
    })();
    const caseAt: Partial<
      Record<LeadRule, { caseFrom: number; caseDays: number; variant: number }>
    > = {
      // Power only (variant 1): its first DECLARED_DAYS nights are declared 排水, the rest is the lead.
      明停暗开: { caseFrom: stoppedCaseFrom(stopDay), caseDays: 4, variant: 1 },
      隐蔽工作面: { caseFrom: DAYS - 14, caseDays: 9, variant: 0 },
      超定员: { caseFrom: DAYS - 6, caseDays: 4, variant: 0 },
      超能力: { caseFrom: lastMonthStart, caseDays: 30, variant: 0 },
      监控造假: { caseFrom: DAYS - 4, caseDays: 2, variant: 1 },
      // Down two days before the inspection (day DODGE_DAY) and on its day, back the day after.
      停产迎检: { caseFrom: DODGE_DAY - 2, caseDays: 3, variant: 0 },
    };
    const { frame } = syntheticMine(rng, {
      mineId: mine.id,
      countyCode: mine.countyCode,
      start,
      days: DAYS,
      plant,
      kind: mine.kind,
      ...(mine.designCapacityTpa ? { designCapacityTpa: mine.designCapacityTpa } : {}),
      ...(mine.approvedUndergroundStaff ? { approvedStaff: mine.approvedUndergroundStaff } : {}),
      dayStatus,
      ...(plant ? caseAt[plant] : {}),
    });
    const rows: SeriesRow[] = [];
    const push = (
      factor: Factor,
      granularity: 'hour' | 'day',
      values: Float64Array,
      source: string,
    ) => {
      const step = granularity === 'hour' ? HOUR_MS : DAY_MS;
      values.forEach((v, i) => {
        const t = start + i * step;
        if (Number.isFinite(v) && t + step <= lastHour + HOUR_MS) {
          rows.push({
            mineId: mine.id,
            factor,
            area: '',
            granularity,
            periodStart: new Date(t),
            value: Math.round(v * 10) / 10,
            source,
          });
        }
      });
    };
    // The meters' numbers: the county's and the mine's place in the plan (no "DEMO" on screen).
    const code = `${mine.countyCode}${String(n + 1).padStart(3, '0')}`;
    for (const [factor, values] of Object.entries(frame.hourly)) {
      // The monitoring counts only where the mine really has safety-monitoring points.
      if (
        plant === LeadRule.FalsifiedMonitoring ||
        (factor !== '监测读数' && factor !== '监测变化测点数')
      ) {
        push(factor as Factor, 'hour', values, factor === '用电量' ? `import:${code}-PWR` : 'seed');
      }
    }
    for (const [factor, values] of Object.entries(frame.daily)) {
      push(factor as Factor, 'day', values, 'seed');
    }
    written += (await upsertSeries(tx, rows, at)).inserted;
    if (plant === LeadRule.StoppedButWorking) {
      await declareDemoWork(tx, mine.id, frame.hourly.用电量, start, stoppedCaseFrom(stopDay));
    }
    const inspector = inspectors.get(mine.countyCode);
    if (plant === LeadRule.InspectionDodge && inspector) {
      const on = shanghaiDate(start + DODGE_DAY * DAY_MS);
      await recordDodgedInspection(tx, mine, inspector, on, at);
    }
    await insertMeters(tx, [
      {
        mineId: mine.id,
        code: `${code}-PWR`,
        factor: '用电量',
        granularity: 'hour',
        provider: '国网山西省电力公司',
        createdAt: at,
      },
      {
        mineId: mine.id,
        code: `${code}-OUT`,
        factor: '产量',
        granularity: 'day',
        provider: '矿山调度日报',
        createdAt: at,
      },
      {
        mineId: mine.id,
        code: `${code}-WB`,
        factor: '运输量',
        granularity: 'day',
        provider: '地磅',
        createdAt: at,
      },
      {
        mineId: mine.id,
        code: `${code}-EXP`,
        factor: '民爆使用量',
        granularity: 'day',
        provider: '公安民爆台账',
        createdAt: at,
      },
    ]);
    await insertAreas(
      tx,
      [...frame.registeredAreas.keys()].map((name) => ({
        mineId: mine.id,
        name,
        kind: /工作面|采场/.test(name) ? ('采掘工作面' as const) : ('辅助区域' as const),
        state: '在用' as const,
        createdAt: at,
        updatedAt: at,
      })),
    );
  }
  return written;
}
