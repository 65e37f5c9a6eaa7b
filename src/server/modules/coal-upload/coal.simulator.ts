/**
 * @module The MT/T 1201 simulator (issue 22 §5): the files a coal mine's KJ safety-monitoring and
 * personnel-positioning systems upload (MT/T 1201.1/.3-2023; REFERENCE §B6), for a list of mines — CDDY
 * with each point's own thresholds, FZDY, RYXX, RYQY, RYJZ; then CDSS snapshots every 10 s, FZSS, JZSS,
 * TJSJ every 5 minutes, RYSS (who is down, per area, leaders and special workers marked) and YCBJ. Every
 * value is a function of the time (and the seed), so the files of a window are the same however the time
 * is cut into calls, and a restart carries on where it left off.
 *
 * Each period (an hour by default) plays the scenarios the issue asks for: every mine calibrates a point
 * (标校: marked, no 超限); the first mine has a methane 超限 at an upper corner and files it in YCBJ with its
 * 异常原因 and 处理措施 (and its calibration); the second has the same 超限 but flags no 报警 in CDSS, files no
 * YCBJ and leaves it out of its TJSJ; the third loses a substation (FZSS 通信中断) and its points go
 * silent. Leaders go down with the shifts by a rota (领导带班下井), the 总工程师 now and then. Pure: the
 * caller gives the times and sends or stores the files (coal.write.ts writes them).
 */
import { DAY_MS, HOUR_MS, MINUTE_MS, shanghaiDayStart } from '../../../shared/dates.ts';
import { createRng } from '../../platform/random.ts';
import type { AnyCoalFile, CoalFile, CoalRecord } from './coal.records.ts';
import type { CoalFileType } from './coal.layouts.ts';
import { writeCoalFile } from './coal.write.ts';
import {
  planMine,
  type SimCoalMine,
  type SimMinePlan,
  type SimPerson,
  type SimPoint,
} from './coal-sim.plan.ts';

export type { SimCoalMine } from './coal-sim.plan.ts';

/** What a mine plays each period. */
export type SimRole = 'reports' | 'conceals' | 'outage' | 'plain';

export interface CoalSimOptions {
  seed: number;
  /** Length of the scenario cycle in minutes (default 60). */
  periodMinutes?: number;
}

export interface WindowOptions {
  /** Seconds of 10-s snapshots per CDSS file (and of FZSS/JZSS states); a divisor of the period. */
  fileSeconds: number;
  /** Seconds between RYSS files. */
  ryssSeconds: number;
  /** Seconds of 5-minute statistics per TJSJ file (default 300: a file each). */
  statsSeconds?: number;
}

/** The live cadence: a CDSS (with FZSS, JZSS) every 30 s, a RYSS every minute. */
export const LIVE_WINDOW: WindowOptions = { fileSeconds: 30, ryssSeconds: 60 };
/** A catch-up's bulk: one CDSS (with FZSS, JZSS) and one RYSS per 5 minutes per mine. */
const BULK_WINDOW: WindowOptions = { fileSeconds: 300, ryssSeconds: 300 };
const BULK_MS = BULK_WINDOW.fileSeconds * 1000;

export const SNAPSHOT_MS = 10_000;
const STATS_MS = 5 * MINUTE_MS;
const SHIFT_MS = 8 * HOUR_MS;
/** Calibration gas of a methane sensor (2 %CH4) while it is 标校. */
const CALIBRATION_GAS = 2;
/** The peak of a 超限 at the upper corner. */
const EXCURSION_PEAK = 1.62;

/** Minutes into the period and length of each scenario. */
export const SCENARIO = {
  calibration: { at: 5, minutes: 2, point: 2 },
  outage: { at: 15, minutes: 5, substation: 'FZ002' },
  reported: { at: 30, minutes: 4, point: 1 },
  concealed: { at: 36, minutes: 4, point: 1 },
  /** The period's YCBJ is filed this many minutes into the next period (within the hour of its 超限). */
  ycbj: { at: 5 },
} as const;

/** A 32-bit mix of integers (for values that depend only on what they describe). */
function mix(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p | 0), 0x01000193);
    h = Math.imul(h ^ Math.floor(p / 4294967296), 0x01000193);
  }
  return h >>> 0;
}

const round = (v: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
};

interface Snapshot {
  value: number;
  status: number;
  /** The value without any scenario (what a concealing mine's statistics show). */
  plain: number;
  /** Calibrating: a marked record, not a reading. */
  marked: boolean;
}

interface Descent {
  person: SimPerson;
  inAt: number;
  outAt: number;
}

export class CoalSimulator {
  readonly plans: SimMinePlan[];
  private readonly periodMs: number;

  constructor(
    mines: SimCoalMine[],
    private readonly options: CoalSimOptions,
  ) {
    this.plans = mines.map((m) => planMine(m, options.seed));
    this.periodMs = (options.periodMinutes ?? 60) * MINUTE_MS;
  }

  /** The first mine reports its 超限, the second conceals it, the third has the substation outage. */
  roleOf(i: number): SimRole {
    return (['reports', 'conceals', 'outage'] as const)[i] ?? 'plain';
  }

  private periodStart(t: number) {
    return Math.floor(t / this.periodMs) * this.periodMs;
  }

  /** Whether `t` is inside a scenario `{ at, minutes }` of its period (for mine `i`'s offset). */
  private inScenario(t: number, s: { at: number; minutes: number }, offsetMin = 0): boolean {
    const m = (t - this.periodStart(t)) / MINUTE_MS - offsetMin;
    return m >= s.at && m < s.at + s.minutes;
  }

  private calibrationOffset(i: number) {
    return (i * 2) % 20;
  }

  /** The definition files of every mine at `at`: CDDY, FZDY, RYXX, RYQY, RYJZ. */
  definitions(at: number): AnyCoalFile[] {
    return this.plans.flatMap((p) => {
      const header = { mineCode: p.mine.coalCode, mineName: p.mine.name, uploadedAt: at };
      const file = <T extends CoalFileType>(
        type: T,
        h: CoalFile<T>['header'],
        records: CoalRecord<T>[],
      ) => ({ type, mineCode: p.mine.coalCode, at, header: h, records }) as CoalFile<T>;
      return [
        file(
          'CDDY',
          {
            ...header,
            systemModel: 'KJ-SIM',
            systemName: '煤矿安全监控系统',
            maker: 'minewatch 模拟',
            date: new Date(at + 8 * HOUR_MS).toISOString().slice(0, 10),
          },
          p.points.map((pt) => ({
            pointCode: pt.code,
            systemCode: '01',
            substationCode: pt.substation,
            sensorType: pt.sensorType,
            valueType: 'MN',
            unit: pt.unit,
            rangeHigh: pt.rangeHigh,
            rangeLow: pt.rangeLow,
            upperAlarm: pt.upperAlarm,
            upperAlarmClear: pt.upperAlarmClear,
            lowerAlarm: null,
            lowerAlarmClear: null,
            upperPowerOff: pt.upperPowerOff,
            upperPowerOn: pt.upperPowerOn,
            lowerPowerOff: null,
            lowerPowerOn: null,
            onText: '',
            offText: '',
            location: pt.location,
            x: null,
            y: null,
            z: null,
            relations: [],
            time: at,
          })),
        ),
        file(
          'FZDY',
          header,
          p.substations.map((s) => ({
            substationCode: s.code,
            location: s.location,
            x: null,
            y: null,
            z: null,
            time: at,
          })),
        ),
        file(
          'RYXX',
          {
            mineCode: p.mine.coalCode,
            header2: p.mine.name,
            header3: '',
            header4: '',
            header5: '',
            header6: '',
            header7: '',
            uploadedAt: at,
          },
          p.people.map((x) => ({
            cardCode: x.card,
            name: x.name,
            jobKind: x.jobKind,
            title: x.title,
            team: x.team,
            birth: x.birth,
            education: x.education,
            isLeader: x.leader ? '1' : '0',
            isSpecial: x.special ? '1' : '0',
          })),
        ),
        file(
          'RYQY',
          header,
          p.areas.map((a) => ({
            areaType: a.type,
            areaCode: a.code,
            quota: a.quota,
            areaName: a.name,
          })),
        ),
        file(
          'RYJZ',
          header,
          p.areas.flatMap((a) =>
            a.stations.map((s) => ({
              stationCode: s.code,
              stationName: s.name,
              x: null,
              y: null,
              z: null,
              note: a.name,
            })),
          ),
        ),
      ];
    });
  }

  /** One point's snapshot at `t` (a multiple of 10 s), or null while its substation is cut off. */
  snapshot(i: number, k: number, t: number): Snapshot | null {
    const plan = this.plans[i] as SimMinePlan;
    const pt = plan.points[k] as SimPoint;
    const role = this.roleOf(i);
    if (
      role === 'outage' &&
      pt.substation === SCENARIO.outage.substation &&
      this.inScenario(t, SCENARIO.outage)
    ) {
      return null;
    }
    const u = createRng(mix(this.options.seed, Number(plan.mine.coalCode), k, t / 1000)).next();
    const plain = round(Math.max(0, pt.base + (u * 2 - 1) * pt.noise), pt.decimals);
    if (
      k === SCENARIO.calibration.point &&
      this.inScenario(t, SCENARIO.calibration, this.calibrationOffset(i))
    ) {
      return {
        value: round(CALIBRATION_GAS + (u - 0.5) * 0.04, 2),
        status: 4,
        plain,
        marked: true,
      };
    }
    let value = plain;
    const excursion =
      k === SCENARIO.reported.point &&
      ((role === 'reports' && SCENARIO.reported) || (role === 'conceals' && SCENARIO.concealed));
    if (excursion && this.inScenario(t, excursion)) {
      // Up over the first minute, held for two, down over the last.
      const m = (t - this.periodStart(t)) / MINUTE_MS - excursion.at;
      const w = Math.max(0, Math.min(1, m, excursion.minutes - m));
      value = round(plain + (EXCURSION_PEAK - pt.base) * w, pt.decimals);
    }
    const status =
      role === 'conceals'
        ? 0
        : pt.upperPowerOff !== null && value >= pt.upperPowerOff
          ? 3
          : value >= pt.upperAlarm
            ? 1
            : 0;
    return { value, status, plain, marked: false };
  }

  /**
   * The real-time files whose name times fall in (from, to]: per mine a CDSS file (and FZSS, JZSS) per
   * `fileSeconds`, a TJSJ per `statsSeconds`, a RYSS per `ryssSeconds`, and the first mine's YCBJ of a
   * period early in the next.
   */
  window(from: number, to: number, o: WindowOptions): AnyCoalFile[] {
    const out: AnyCoalFile[] = [];
    const fileMs = o.fileSeconds * 1000;
    const ryssMs = o.ryssSeconds * 1000;
    for (const [i, plan] of this.plans.entries()) {
      const code = plan.mine.coalCode;
      const file = <T extends CoalFileType>(type: T, at: number, records: CoalRecord<T>[]) => {
        if (records.length) {
          out.push({
            type,
            mineCode: code,
            at,
            header: { mineCode: code, mineName: plan.mine.name, uploadedAt: at },
            records,
          } as unknown as AnyCoalFile);
        }
      };
      for (const b of boundaries(from, to, fileMs)) {
        file('CDSS', b, this.cdss(i, b - fileMs, b));
        const minutes = [...boundaries(b - fileMs - 1, b - 1, MINUTE_MS)];
        file(
          'FZSS',
          b,
          minutes.flatMap((t) =>
            plan.substations.map((s) => {
              const down =
                this.roleOf(i) === 'outage' &&
                s.code === SCENARIO.outage.substation &&
                this.inScenario(t, SCENARIO.outage);
              return {
                substationCode: s.code,
                runStatus: down ? ('1' as const) : ('0' as const),
                powerStatus: down ? ('9' as const) : ('1' as const),
                time: t,
              };
            }),
          ),
        );
        file(
          'JZSS',
          b,
          minutes.flatMap((t) =>
            plan.areas.flatMap((a) =>
              a.stations.map((s) => ({
                stationCode: s.code,
                runStatus: '0' as const,
                powerStatus: '1' as const,
                time: t,
              })),
            ),
          ),
        );
      }
      const statsMs = (o.statsSeconds ?? 300) * 1000;
      for (const b of boundaries(from, to, statsMs)) {
        file(
          'TJSJ',
          b,
          [...boundaries(b - statsMs, b, STATS_MS)].flatMap((e) => this.tjsj(i, e - STATS_MS, e)),
        );
      }
      for (const b of boundaries(from, to, ryssMs)) {
        file('RYSS', b, this.ryss(i, b, b - ryssMs));
      }
      if (this.roleOf(i) === 'reports') {
        for (let p = this.periodStart(from) - this.periodMs; p <= to; p += this.periodMs) {
          const at = p + this.periodMs + SCENARIO.ycbj.at * MINUTE_MS;
          if (at > from && at <= to) {
            file('YCBJ', at, this.ycbj(i, p, at));
          }
        }
      }
    }
    return dedupe(out).sort((a, b) => a.at - b.at);
  }

  /**
   * One RYSS per mine at `at` reporting everyone who came out since `since` and who is down at `at` —
   * with `since` a month back, the backlog of descents (领导带班下井) a mine's positioning system has when
   * the simulation starts, sent in one file as after an outage (断电续传).
   */
  positions(at: number, since: number): AnyCoalFile[] {
    return this.plans.map((plan, i) => ({
      type: 'RYSS',
      mineCode: plan.mine.coalCode,
      at,
      header: { mineCode: plan.mine.coalCode, mineName: plan.mine.name, uploadedAt: at },
      records: this.ryss(i, at, since),
    }));
  }

  private cdss(i: number, from: number, to: number): CoalRecord<'CDSS'>[] {
    const plan = this.plans[i] as SimMinePlan;
    const records: CoalRecord<'CDSS'>[] = [];
    for (let t = Math.ceil(from / SNAPSHOT_MS) * SNAPSHOT_MS; t < to; t += SNAPSHOT_MS) {
      for (const [k, pt] of plan.points.entries()) {
        const s = this.snapshot(i, k, t);
        if (s) {
          records.push({
            pointCode: pt.code,
            sensorTypeName: pt.typeName,
            location: pt.location,
            value: s.value,
            unit: pt.unit,
            status: s.status,
            time: t,
          });
        }
      }
    }
    return records;
  }

  private tjsj(i: number, from: number, to: number): CoalRecord<'TJSJ'>[] {
    const plan = this.plans[i] as SimMinePlan;
    const conceals = this.roleOf(i) === 'conceals';
    return plan.points.flatMap((pt, k) => {
      const values: { t: number; v: number }[] = [];
      for (let t = Math.ceil(from / SNAPSHOT_MS) * SNAPSHOT_MS; t < to; t += SNAPSHOT_MS) {
        const s = this.snapshot(i, k, t);
        if (s && !s.marked) {
          values.push({ t, v: conceals ? s.plain : s.value });
        }
      }
      const st = stats(values);
      return st
        ? [
            {
              pointCode: pt.code,
              sensorTypeName: pt.typeName,
              location: pt.location,
              unit: pt.unit,
              startTime: from,
              endTime: to,
              max: st.max.v,
              maxAt: st.max.t,
              min: st.min.v,
              minAt: st.min.t,
              avg: round(st.avg, 3),
              time: to,
            },
          ]
        : [];
    });
  }

  /** The first mine's abnormal-alarm records of a period: its 超限 and its calibration. */
  private ycbj(i: number, period: number, at: number): CoalRecord<'YCBJ'>[] {
    const plan = this.plans[i] as SimMinePlan;
    const records: CoalRecord<'YCBJ'>[] = [];
    const span = (k: number, fromMin: number, minutes: number, pick: (s: Snapshot) => boolean) => {
      const values: { t: number; v: number }[] = [];
      let end: number | null = null;
      const first = period + fromMin * MINUTE_MS;
      // One minute past the scenario: the first snapshot out of it ends the span.
      for (let t = first; t < first + (minutes + 1) * MINUTE_MS && end === null; t += SNAPSHOT_MS) {
        const s = this.snapshot(i, k, t);
        if (s && pick(s)) {
          values.push({ t, v: s.value });
        } else if (values.length) {
          end = t;
        }
      }
      const st = stats(values);
      return st ? { ...st, start: values[0]?.t ?? first, end } : null;
    };
    const entered = at - MINUTE_MS;
    const clerk = plan.people.find((x) => x.leader && x.title === '安全副矿长')?.name ?? '调度员';
    const exc = plan.points[SCENARIO.reported.point] as SimPoint;
    const over = span(
      SCENARIO.reported.point,
      SCENARIO.reported.at,
      SCENARIO.reported.minutes,
      (s) => s.value >= exc.upperAlarm,
    );
    if (over) {
      records.push({
        pointCode: exc.code,
        sensorTypeName: exc.typeName,
        location: exc.location,
        unit: exc.unit,
        abnormalType: '001',
        startTime: over.start,
        endTime: over.end,
        max: over.max.v,
        maxAt: over.max.t,
        min: over.min.v,
        minAt: over.min.t,
        avg: round(over.avg, 3),
        cause: '采煤机割煤至机尾, 采空区瓦斯涌向上隅角, 上隅角瓦斯积聚',
        measures:
          '停止割煤, 切断工作面非本安电源, 撤出人员, 调整上隅角风帘并加强抽采, 瓦斯降至0.8%以下后恢复生产',
        enteredAt: entered,
        enteredBy: clerk,
        time: at,
      });
    }
    const cal = plan.points[SCENARIO.calibration.point] as SimPoint;
    const marked = span(
      SCENARIO.calibration.point,
      SCENARIO.calibration.at + this.calibrationOffset(i),
      SCENARIO.calibration.minutes,
      (s) => s.marked,
    );
    if (marked) {
      records.push({
        pointCode: cal.code,
        sensorTypeName: cal.typeName,
        location: cal.location,
        unit: cal.unit,
        abnormalType: '007',
        startTime: marked.start,
        endTime: marked.end,
        max: marked.max.v,
        maxAt: marked.max.t,
        min: marked.min.v,
        minAt: marked.min.t,
        avg: round(marked.avg, 3),
        cause: '甲烷传感器定期调校 (2.00%CH4 标准气样)',
        measures: '调校合格, 恢复正常监测',
        enteredAt: entered,
        enteredBy: clerk,
        time: at,
      });
    }
    return records;
  }

  /** Every descent of a mine's people that touches [from, to]. */
  private descents(i: number, from: number, to: number): Descent[] {
    const plan = this.plans[i] as SimMinePlan;
    const seed = this.options.seed;
    const code = Number(plan.mine.coalCode);
    const out: Descent[] = [];
    const leaders = plan.people.filter((x) => x.leader);
    for (let d = shanghaiDayStart(from) - DAY_MS; d <= to; d += DAY_MS) {
      const day = Math.round(d / DAY_MS);
      for (let s = 0; s < 3; s++) {
        const start = d + s * SHIFT_MS;
        for (const x of plan.people) {
          const r = createRng(mix(seed, code, Number(x.card.slice(-5)), day, s));
          if (x.leader) {
            const rota = (day * 3 + s + i) % 3;
            const k = leaders.indexOf(x);
            const onDuty = k === rota || (k === 3 && s === 1 && (day + i) % 7 === 0);
            if (onDuty) {
              const inAt = start + r.int(20, 60) * MINUTE_MS;
              out.push({ person: x, inAt, outAt: inAt + r.int(300, 400) * MINUTE_MS });
            }
          } else if (x.crew === s && !r.chance(0.06)) {
            out.push({
              person: x,
              inAt: start - r.int(8, 20) * MINUTE_MS,
              outAt: start + SHIFT_MS + r.int(5, 30) * MINUTE_MS,
            });
          }
        }
      }
    }
    return out.filter((e) => e.outAt > from && e.inAt <= to);
  }

  /** The RYSS records at `t`: who came out since `since` (出井), then who is down (入井). */
  private ryss(i: number, t: number, since: number): CoalRecord<'RYSS'>[] {
    const plan = this.plans[i] as SimMinePlan;
    const all = this.descents(i, since, t);
    const base = {
      shiftMode: '三八制',
      workStatus: '正常',
      track: '',
    };
    const outs = all
      .filter((e) => e.outAt > since && e.outAt <= t)
      .sort((a, b) => a.outAt - b.outAt)
      .map((e): CoalRecord<'RYSS'> => ({
        cardCode: e.person.card,
        name: e.person.name,
        inOut: '2',
        inAt: e.inAt,
        outAt: e.outAt,
        areaCode: null,
        areaAt: null,
        stationCode: null,
        stationAt: null,
        distance: null,
        isLeader: e.person.leader ? '1' : '0',
        isSpecial: e.person.special ? '1' : '0',
        ...base,
      }));
    const downs = all
      .filter((e) => e.inAt <= t && e.outAt > t)
      .sort((a, b) => (a.person.card < b.person.card ? -1 : 1))
      .map((e): CoalRecord<'RYSS'> => {
        // A leader goes round the areas, 90 minutes each; a worker stays at his own.
        const leg = Math.floor((t - e.inAt) / (90 * MINUTE_MS));
        const area = plan.areas[e.person.leader ? ([1, 2, 3, 4, 0][leg % 5] ?? 0) : e.person.area];
        const at = e.person.leader ? e.inAt + leg * 90 * MINUTE_MS : e.inAt;
        const station = area?.stations[leg % (area?.stations.length ?? 1)] ?? area?.stations[0];
        const r = createRng(mix(this.options.seed, Number(e.person.card.slice(-5)), t / 1000));
        return {
          cardCode: e.person.card,
          name: e.person.name,
          inOut: '1',
          inAt: e.inAt,
          outAt: null,
          areaCode: area?.code ?? null,
          areaAt: at,
          stationCode: station?.code ?? null,
          stationAt: at,
          distance: r.int(3, 150),
          isLeader: e.person.leader ? '1' : '0',
          isSpecial: e.person.special ? '1' : '0',
          ...base,
        };
      });
    return [...outs, ...downs];
  }
}

/** Multiples of `step` in (from, to]. */
function* boundaries(from: number, to: number, step: number): Generator<number> {
  for (let b = Math.floor(from / step) * step + step; b <= to; b += step) {
    yield b;
  }
}

function stats(values: { t: number; v: number }[]) {
  if (!values.length) {
    return null;
  }
  let max = values[0] as { t: number; v: number };
  let min = max;
  let sum = 0;
  for (const x of values) {
    if (x.v > max.v) {
      max = x;
    }
    if (x.v < min.v) {
      min = x;
    }
    sum += x.v;
  }
  return { max, min, avg: sum / values.length };
}

/** One file per name (a type, mine and time named twice keeps its first). */
function dedupe(files: AnyCoalFile[]): AnyCoalFile[] {
  const seen = new Set<string>();
  return files.filter((f) => {
    const k = `${f.mineCode}|${f.type}|${f.at}`;
    const fresh = !seen.has(k);
    seen.add(k);
    return fresh;
  });
}

/** The files as the mines' systems would upload them: name and bytes (the writer of coal.write.ts). */
export function writeCoalFiles(files: AnyCoalFile[]): { name: string; data: Buffer }[] {
  return files.map((f) => writeCoalFile(f));
}

/**
 * The real-time files of (from, to] when catching up: 5-minute files up to the last whole 5 minutes,
 * then at the live cadence (the seed's tail after its hourly files, a restart of the live feed).
 */
export function catchUpFiles(sim: CoalSimulator, from: number, to: number): AnyCoalFile[] {
  const bulkEnd = Math.floor(to / BULK_MS) * BULK_MS;
  return [
    ...(bulkEnd > from ? sim.window(from, bulkEnd, BULK_WINDOW) : []),
    ...sim.window(Math.max(from, bulkEnd), to, LIVE_WINDOW),
  ];
}
