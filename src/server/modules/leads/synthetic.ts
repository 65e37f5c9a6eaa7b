/**
 * @module The labelled synthetic mine series (issue 6 “Quality of detection”): a year (or any span) of
 * hourly power, headcount per area, monitoring activity and daily production, transport, explosives
 * and air volume, with seasonality, shift patterns, weekends, holidays, meter glitches and gaps (with
 * the catch-up reading after a gap), stopped periods and genuine restarts after approved resumption —
 * and planted cases of each rule, labelled with their window. `npm run eval:leads`, the 20,000-mine
 * benchmark and the demo province all draw from it.
 */
import { LeadRule } from '../../../shared/leads.enums.ts';
import { MineKind, MineStatus } from '../../../shared/registry.enums.ts';
import { createRng, type Rng } from '../../platform/random.ts';
import { SHANGHAI_OFFSET_MS, DAY_MS, HOUR_MS, shanghaiDate } from '../../../shared/dates.ts';
import { type FrameInspection, type MineFrame, at } from './rules/frame.ts';

export interface PlantedCase {
  rule: LeadRule;
  from: number;
  to: number;
  note: string;
}

export interface SyntheticMine {
  frame: MineFrame;
  planted: PlantedCase[];
}

export interface SyntheticOptions {
  mineId: string;
  countyCode?: string;
  /** A China midnight. */
  start: number;
  days: number;
  /** The case to plant, or none (a normal mine, possibly with a genuine stop and restart). */
  plant?: LeadRule | undefined;
  kind?: MineKind;
  designCapacityTpa?: number;
  approvedStaff?: number;
  /** The registry's status per day (the demo); otherwise producing, with a random stop now and then. */
  dayStatus?: MineStatus[];
  /** Where the planted case starts (day index), how long it lasts, and which variant it is. */
  caseFrom?: number;
  caseDays?: number;
  variant?: number;
}

const AREA_FACES = ['1101采煤工作面', '1203掘进工作面', '-350中段采场', '-410中段采场'];
const AREA_AUX = ['井底车场', '中央水泵房'] as const;

/** Day-of-year (0-based) and weekday (0 = Sunday) of a China day. */
function calendar(ms: number) {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
  return {
    doy: Math.floor((d.getTime() - jan1) / DAY_MS),
    weekday: d.getUTCDay(),
    month: d.getUTCMonth(),
  };
}

/** Share of normal output on a day: weekends a little lower, 春节 (about 10 days) and 国庆 much lower. */
function dayActivity(ms: number): number {
  const { doy, weekday, month } = calendar(ms);
  if (doy >= 30 && doy < 40) {
    return 0.08;
  }
  if (month === 9 && doy >= 273 && doy < 276) {
    return 0.5;
  }
  return weekday === 0 ? 0.85 : 1;
}

/** Shift profile: three 8-hour shifts, the day shift busiest, the hour of handover a little fuller. */
function hourShare(localHour: number): number {
  const base = localHour >= 8 && localHour < 16 ? 1 : localHour >= 16 ? 0.85 : 0.7;
  return localHour % 8 === 0 ? base * 1.08 : base;
}

const gauss = (rng: Rng) => {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
};

/** A small stable hash of a mine's id (its inspections draw from their own generator). */
function hashOf(text: string): number {
  let h = 2_166_136_261;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 16_777_619);
  }
  return h >>> 0;
}

/**
 * The mine's recorded inspections: one every 20–45 days on working days outside 春节, drawn from a
 * generator of the mine's own (so adding them changed no other series), plus the planted one (day
 * `planted`, or none when −1) with no other within 20 days of it.
 */
function syntheticInspections(o: SyntheticOptions, dayStatus: MineStatus[], planted: number) {
  const irng = createRng(hashOf(o.mineId));
  const out: FrameInspection[] = [];
  const add = (d: number) => {
    const on = o.start + d * DAY_MS;
    out.push({ id: `${o.mineId}-i${d}`, on, label: `${shanghaiDate(on)} 县应急管理局常规检查` });
  };
  for (let d = irng.int(5, 40); d < o.days; d += irng.int(20, 45)) {
    const ms = o.start + d * DAY_MS;
    const near = planted >= 0 && Math.abs(d - planted) < 20;
    if (!near && dayActivity(ms) > 0.3 && dayStatus[d] === MineStatus.Producing) {
      add(d);
    }
  }
  if (planted >= 0) {
    add(planted);
  }
  return out.sort((a, b) => a.on - b.on);
}

export function syntheticMine(rng: Rng, o: SyntheticOptions): SyntheticMine {
  const days = o.days;
  const hours = days * 24;
  const kind =
    o.kind ??
    rng.pick([MineKind.CoalUnderground, MineKind.UndergroundMetal, MineKind.UndergroundMetal]);
  const coal = kind === MineKind.CoalUnderground;
  const design = o.designCapacityTpa ?? rng.pick([60_000, 150_000, 300_000, 600_000, 900_000]);
  const staff = o.approvedStaff ?? Math.round(40 + design / 6000 + rng.int(0, 30));
  const utilisation = 0.7 + rng.next() * 0.22;
  const kwhPerT = coal ? 18 + rng.next() * 12 : 25 + rng.next() * 20;
  const baseKw = 150 + design / 1500 + rng.next() * 200;
  const kgPerT = coal ? 0.08 + rng.next() * 0.06 : 0.25 + rng.next() * 0.2;
  const air = 2000 + design / 200 + rng.next() * 2000;
  const withAreas = rng.chance(0.5) || o.plant === LeadRule.HiddenFace;
  const faces = AREA_FACES.slice(0, rng.int(2, 4));
  const planted: PlantedCase[] = [];

  // Status: producing; some normal mines stop for a while and restart after acceptance.
  const dayStatus: MineStatus[] = o.dayStatus
    ? [...o.dayStatus]
    : new Array<MineStatus>(days).fill(MineStatus.Producing);
  let stopFrom = -1;
  let stopTo = -1;
  if (o.dayStatus) {
    stopFrom = dayStatus.findIndex((st) => st !== MineStatus.Producing);
    stopTo = stopFrom < 0 ? -1 : days;
  } else if (o.plant === LeadRule.StoppedButWorking || (!o.plant && rng.chance(0.25))) {
    stopFrom = rng.int(20, Math.max(21, days - 120));
    stopTo = Math.min(days, stopFrom + rng.int(60, 110));
    for (let d = stopFrom; d < stopTo; d++) {
      dayStatus[d] = rng.chance(0.5) ? MineStatus.SuspendedForRectification : MineStatus.Stopped;
    }
    dayStatus.fill(dayStatus[stopFrom] ?? MineStatus.Stopped, stopFrom, stopTo);
  }
  const stopped = (d: number) => dayStatus[d] !== MineStatus.Producing;

  // Planted windows (day indices).
  let caseFrom = -1;
  let caseTo = -1;
  let variant = 0;
  if (o.plant === LeadRule.StoppedButWorking) {
    caseFrom = rng.int(stopFrom + 10, Math.max(stopFrom + 11, stopTo - 12));
    caseTo = Math.min(stopTo, caseFrom + rng.int(2, 8));
    variant = rng.int(0, 3); // 0 all, 1 power only, 2 people only, 3 explosives only
  } else if (o.plant) {
    caseFrom = rng.int(70, Math.max(71, days - 40));
    caseTo = Math.min(days, caseFrom + rng.int(5, 25));
    variant = rng.int(0, 3);
  }
  if (o.plant && o.caseFrom !== undefined) {
    caseFrom = o.caseFrom;
    caseTo = Math.min(days, caseFrom + (o.caseDays ?? 7));
  }
  variant = o.variant ?? variant;
  if (o.plant === LeadRule.InspectionDodge && o.caseDays === undefined) {
    // Down from 1–3 days before the inspection through its day (caseTo − 1 is the inspection's day).
    caseTo = Math.min(days - 4, caseFrom + 2 + (variant % 3));
  }
  const inCase = (d: number) => d >= caseFrom && d < caseTo;

  // Daily production and its companions.
  const production = new Float64Array(days);
  const transport = new Float64Array(days);
  const explosives = new Float64Array(days);
  const airVolume = new Float64Array(days);
  const extraPower = new Float64Array(days);
  let monthBoost = -1;
  if (o.plant === LeadRule.OverCapacity) {
    // Either one month far above its share, or a whole year over design.
    monthBoost = variant % 2 === 0 ? calendar(o.start + caseFrom * DAY_MS).month : -2;
  }
  for (let d = 0; d < days; d++) {
    const ms = o.start + d * DAY_MS;
    const season = 1 + 0.06 * Math.sin((2 * Math.PI * calendar(ms).doy) / 365);
    let p = stopped(d) ? 0 : (design / 365) * utilisation * dayActivity(ms) * season;
    if (monthBoost === -2 && !stopped(d)) {
      p = (design / 365) * (1.32 + rng.next() * 0.12) * dayActivity(ms) * season;
    } else if (monthBoost >= 0 && calendar(ms).month === monthBoost && !stopped(d)) {
      p = ((design * (coal ? 0.125 : 0.24)) / 30) * dayActivity(ms) * 1.05;
    }
    p *= 1 + 0.05 * gauss(rng);
    production[d] = Math.max(0, p);
    transport[d] = Math.max(0, p * (1 + 0.04 * gauss(rng)));
    explosives[d] = Math.max(0, p * kgPerT * (1 + 0.05 * gauss(rng)));
    airVolume[d] = air * (stopped(d) ? 0.6 : 1) * (1 + 0.015 * gauss(rng));
    if (o.plant === LeadRule.HiddenFace && inCase(d) && variant !== 3) {
      const lift = 0.3 + rng.next() * 0.25;
      const normalPower = baseKw * 24 + p * kwhPerT;
      if (variant === 0 || variant === 1) {
        extraPower[d] = normalPower * lift;
      }
      if (variant === 0 || variant === 2) {
        explosives[d] = at(explosives, d) * (1 + lift * 1.4);
        airVolume[d] = at(airVolume, d) * (1 + lift * 0.8);
      }
      if (variant === 2) {
        transport[d] = at(transport, d) * (1 + lift);
      }
    }
  }
  if (o.plant === LeadRule.HiddenFace) {
    planted.push({
      rule: LeadRule.HiddenFace,
      from: o.start + caseFrom * DAY_MS,
      to: o.start + caseTo * DAY_MS,
      note: ['用电量与民爆、风量', '用电量', '民爆、风量与运输量', '未登记区域有人'][variant] ?? '',
    });
  }
  if (o.plant === LeadRule.OverCapacity) {
    if (monthBoost >= 0) {
      const first = calendar(o.start + caseFrom * DAY_MS);
      const monthStart =
        Date.UTC(
          new Date(o.start + caseFrom * DAY_MS + SHANGHAI_OFFSET_MS).getUTCFullYear(),
          first.month,
          1,
        ) - SHANGHAI_OFFSET_MS;
      planted.push({
        rule: LeadRule.OverCapacity,
        from: monthStart,
        to: monthStart + 31 * DAY_MS,
        note: '月产量',
      });
    } else {
      planted.push({
        rule: LeadRule.OverCapacity,
        from: o.start,
        to: o.start + days * DAY_MS,
        note: '年产量',
      });
    }
  }

  // Hourly power, headcount per area, monitoring activity.
  const power = new Float64Array(hours);
  const people = new Float64Array(hours);
  const readings = new Float64Array(hours);
  const moving = new Float64Array(hours);
  const sensors = rng.int(8, 30);
  const areaNames = [...faces, ...AREA_AUX];
  const areas = new Map(areaNames.map((a) => [a, new Float64Array(hours)]));
  const hidden = '采空区旧巷';
  const area = (name: string) => {
    const series = areas.get(name) ?? new Float64Array(hours);
    areas.set(name, series);
    return series;
  };
  if (withAreas && o.plant === LeadRule.HiddenFace && variant === 3) {
    areas.set(hidden, new Float64Array(hours));
  }
  const localHour0 = Math.round(((o.start + SHANGHAI_OFFSET_MS) % DAY_MS) / HOUR_MS);
  for (let h = 0; h < hours; h++) {
    const d = Math.floor(h / 24);
    const ms = o.start + h * HOUR_MS;
    const lh = (localHour0 + h) % 24;
    const season = 1 + 0.12 * Math.cos((2 * Math.PI * calendar(ms).doy) / 365); // winter heating
    const share = hourShare(lh);
    const act = dayActivity(o.start + d * DAY_MS);
    let kw: number;
    let crew: number;
    if (stopped(d)) {
      kw = baseKw * 0.7 * season;
      crew = rng.int(2, 7);
    } else {
      kw =
        baseKw * season +
        ((at(production, d) * kwhPerT) / 24) * (share / 0.85) +
        at(extraPower, d) / 24;
      crew = Math.round(staff * (0.72 + 0.08 * rng.next()) * share * (act < 0.3 ? 0.15 : act));
    }
    if (o.plant === LeadRule.InspectionDodge && inCase(d)) {
      // Stopped for the inspection: only drainage and a reduced fan run, a few people on duty. The
      // dispatch report (production) is the mine's own and, hiding the stop, goes on as usual.
      kw = baseKw * 0.35 * season;
      crew = rng.int(2, 6);
    }
    if (o.plant === LeadRule.StoppedButWorking && inCase(d) && (lh >= 20 || lh < 5)) {
      // Night work in a stopped mine.
      if (variant === 0 || variant === 1) {
        kw =
          baseKw * season +
          (((design / 365) * utilisation * kwhPerT) / 24) * (1.2 + rng.next() * 0.6);
      }
      if (variant === 0 || variant === 2) {
        crew = rng.int(14, 35);
      }
    }
    if (
      o.plant === LeadRule.OverStaffing &&
      inCase(d) &&
      lh >= 8 &&
      lh < 16 &&
      (variant !== 1 || d % 2 === 0)
    ) {
      crew = Math.round(staff * (1.08 + rng.next() * 0.3));
    }
    power[h] = Math.max(0, kw * (1 + 0.05 * gauss(rng)));
    people[h] = Math.max(0, crew);
    readings[h] = sensors * 180 - rng.int(0, 20);
    moving[h] = sensors - (rng.chance(0.1) ? 1 : 0);
    // Distribute the crew: mostly to faces, a few in auxiliary areas.
    let left = crew;
    const aux = Math.min(left, rng.int(1, 4));
    area(AREA_AUX[0])[h] = aux;
    left -= aux;
    if (
      o.plant === LeadRule.HiddenFace &&
      variant === 3 &&
      inCase(d) &&
      lh >= 8 &&
      lh < 16 &&
      !stopped(d)
    ) {
      const n = Math.min(left, rng.int(4, 12));
      area(hidden)[h] = n;
      left -= n;
    }
    // A stopped mine's few people (and any secret crew) work at one place.
    const spread = stopped(d) ? 1 : faces.length;
    faces.forEach((f, i) => {
      const n = i >= spread - 1 ? (i === spread - 1 ? left : 0) : Math.floor(left / (spread - i));
      area(f)[h] = n;
      left -= n;
    });
  }
  if (o.plant === LeadRule.StoppedButWorking) {
    if (variant === 0 || variant === 3) {
      for (let d = caseFrom; d < caseTo; d += 2) {
        explosives[d] = rng.int(20, 120);
      }
    }
    planted.push({
      rule: LeadRule.StoppedButWorking,
      from: o.start + caseFrom * DAY_MS,
      to: o.start + caseTo * DAY_MS,
      note: ['用电、人员与民爆', '用电', '人员', '民爆'][variant] ?? '',
    });
  }
  if (o.plant === LeadRule.OverStaffing) {
    planted.push({
      rule: LeadRule.OverStaffing,
      from: o.start + caseFrom * DAY_MS,
      to: o.start + caseTo * DAY_MS,
      note: '白班超员',
    });
  }
  if (o.plant === LeadRule.FalsifiedMonitoring) {
    for (let d = caseFrom; d < caseTo; d++) {
      const from = d * 24 + 9 + rng.int(0, 3);
      const len = rng.int(4, 9);
      for (let h = from; h < Math.min(from + len, hours); h++) {
        if (variant % 2 === 0) {
          moving[h] = 0;
        } else {
          readings[h] = 0;
          moving[h] = 0;
        }
      }
    }
    planted.push({
      rule: LeadRule.FalsifiedMonitoring,
      from: o.start + caseFrom * DAY_MS,
      to: o.start + caseTo * DAY_MS,
      note: variant % 2 === 0 ? '平线' : '无数据',
    });
  }

  // Noise the rules must ignore: single glitchy hours, meter gaps with a catch-up reading, a short
  // monitoring outage, one mistyped production figure.
  for (let g = rng.int(4, 14); g > 0; g--) {
    const h = rng.int(0, hours - 1);
    power[h] = at(power, h) * (3 + rng.next() * 15);
  }
  for (let g = rng.int(2, 8); g > 0; g--) {
    const h = rng.int(0, hours - 1);
    people[h] = at(people, h) * 3 + 20;
  }
  for (let g = rng.int(1, 4); g > 0; g--) {
    const from = rng.int(0, hours - 80);
    const len = rng.int(6, 72);
    let owed = 0;
    for (let h = from; h < from + len; h++) {
      owed += at(power, h);
      power[h] = NaN;
    }
    power[from + len] = at(power, from + len) + owed;
  }
  for (let g = rng.int(0, 2); g > 0; g--) {
    const h = rng.int(0, hours - 3);
    readings[h] = 0;
    moving[h] = 0;
  }
  if (rng.chance(0.3)) {
    const d = rng.int(0, days - 1);
    production[d] = at(production, d) * 10;
  }

  if (o.plant === LeadRule.InspectionDodge) {
    planted.push({
      rule: LeadRule.InspectionDodge,
      from: o.start + caseFrom * DAY_MS,
      to: o.start + (caseTo + 1) * DAY_MS,
      note: `检查前 ${caseTo - 1 - caseFrom} 天起停产`,
    });
  }
  const inspections = syntheticInspections(
    o,
    dayStatus,
    o.plant === LeadRule.InspectionDodge ? caseTo - 1 : -1,
  );

  return {
    frame: {
      mineId: o.mineId,
      kind,
      countyCode: o.countyCode ?? '140981',
      designCapacityTpa: design,
      approvedStaff: staff,
      start: o.start,
      days,
      dayStatus,
      hourly: { 用电量: power, 井下人数: people, 监测读数: readings, 监测变化测点数: moving },
      daily: { 产量: production, 运输量: transport, 民爆使用量: explosives, 风量: airVolume },
      areas: withAreas ? areas : new Map<string, Float64Array>(),
      registeredAreas: withAreas
        ? new Map(areaNames.map((a) => [a, { sealed: false }]))
        : new Map<string, { sealed: boolean }>(),
      monitored: true,
      inspections,
    },
    planted,
  };
}
