/**
 * The MT/T 1201 simulator (issue 22 §5): every file it writes parses with no problem (written by
 * coal.write.ts, read by coal.parse.ts — the field lists of REFERENCE §B6), it is deterministic and the
 * same however the time is cut, and each period holds the scenarios: calibrations (测点状态 4), a
 * substation's 通信中断 with its points silent, a 超限 filed in YCBJ with its 异常原因 and 处理措施 beside one
 * that is neither flagged nor filed, and leaders going down with the shifts (领导带班下井).
 */
import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../shared/dates.ts';
import { CoalSimulator, SCENARIO, writeCoalFiles } from './coal.simulator.ts';
import { parseCoalFile } from './coal.parse.ts';
import type { AnyCoalFile, CoalFile } from './coal.records.ts';
import type { CoalFileType } from './coal.layouts.ts';

const mines = [
  { coalCode: '140981000023', name: '甲煤矿' },
  { coalCode: '140981000024', name: '乙煤矿' },
  { coalCode: '140981000025', name: '丙煤矿' },
  { coalCode: '140123000002', name: '丁煤矿' },
];
/** 10:00 Beijing, a period boundary. */
const NOW = Date.parse('2026-11-22T10:00:00+08:00');
const START = NOW - 60 * MINUTE_MS;
const live = { fileSeconds: 30, ryssSeconds: 60 };

const sim = new CoalSimulator(mines, { seed: 7 });
const files = [
  ...sim.definitions(START),
  ...sim.positions(START, START - 31 * 24 * 60 * MINUTE_MS),
  ...sim.window(START, NOW, live),
];
const written = writeCoalFiles(files);

function ofType<T extends CoalFileType>(type: T, code?: string): CoalFile<T>[] {
  return files.filter(
    (f): f is AnyCoalFile & CoalFile<T> =>
      f.type === type && (code === undefined || f.mineCode === code),
  );
}
const [reports, conceals, outage, plain] = mines.map((m) => m.coalCode) as [
  string,
  string,
  string,
  string,
];

describe('the MT/T 1201 simulator', () => {
  it('writes every file type for every mine, each parsing back with no problem', () => {
    for (const w of written) {
      const r = parseCoalFile(w.name, w.data);
      expect(r.ok ? [] : r.problems, w.name).toEqual([]);
    }
    for (const m of mines) {
      const types = new Set(files.filter((f) => f.mineCode === m.coalCode).map((f) => f.type));
      const expected: CoalFileType[] = ['CDDY', 'CDSS', 'TJSJ', 'FZDY', 'FZSS'];
      expected.push('RYXX', 'RYQY', 'RYJZ', 'RYSS', 'JZSS');
      expect([...types].sort()).toEqual(
        (m.coalCode === reports ? [...expected, 'YCBJ'] : expected).sort(),
      );
    }
    expect(new Set(written.map((w) => w.name)).size).toBe(written.length);
  });

  it('is the same for the same seed, however the time is cut into calls', () => {
    const again = new CoalSimulator(mines, { seed: 7 });
    const cut = [
      ...again.window(START, START + 7 * MINUTE_MS + 13_000, live),
      ...again.window(START + 7 * MINUTE_MS + 13_000, NOW, live),
    ];
    const whole = files.filter((f) => f.at > START);
    expect(cut.length).toBe(whole.length);
    expect(writeCoalFiles(cut).map((w) => w.data.toString())).toEqual(
      writeCoalFiles(whole).map((w) => w.data.toString()),
    );
    const other = new CoalSimulator(mines, { seed: 8 }).window(START, NOW, live);
    expect(writeCoalFiles(other)[0]?.data).not.toEqual(
      written.find((w) => w.name.includes('CDSS'))?.data,
    );
  });

  it('defines each point with the mine’s own thresholds of the 规程 for its place', () => {
    const cddy = ofType('CDDY', reports)[0]?.records ?? [];
    const corner = cddy.find((r) => r.location === '1101采煤工作面上隅角');
    expect(corner).toMatchObject({ sensorType: '0001', upperPowerOff: 1.5, upperPowerOn: 1 });
    expect([0.8, 1]).toContain(corner?.upperAlarm);
    expect(cddy.find((r) => r.sensorType === '0004')).toMatchObject({ upperAlarm: 24 });
  });

  it('calibrates a point at every mine: 测点状态 标校 at the calibration gas', () => {
    for (const m of mines) {
      const marked = ofType('CDSS', m.coalCode).flatMap((f) =>
        f.records.filter((r) => r.status === 4),
      );
      expect(marked.length, m.coalCode).toBeGreaterThanOrEqual(SCENARIO.calibration.minutes * 6);
      expect(marked.every((r) => r.value > 1.9 && r.value < 2.1)).toBe(true);
    }
  });

  it('cuts a substation off at one mine: FZSS 通信中断 and its points silent meanwhile', () => {
    const down = ofType('FZSS', outage).flatMap((f) =>
      f.records.filter((r) => r.runStatus === '1'),
    );
    expect(down.length).toBe(SCENARIO.outage.minutes);
    expect(new Set(down.map((r) => r.substationCode))).toEqual(new Set(['FZ002']));
    const cddy = ofType('CDDY', outage)[0]?.records ?? [];
    const silent = new Set(
      cddy.filter((r) => r.substationCode === 'FZ002').map((r) => r.pointCode),
    );
    const from = Math.min(...down.map((r) => r.time));
    const readings = ofType('CDSS', outage).flatMap((f) => f.records);
    expect(
      readings.filter(
        (r) => silent.has(r.pointCode) && r.time >= from && r.time < from + 5 * MINUTE_MS,
      ),
    ).toEqual([]);
    expect(readings.filter((r) => silent.has(r.pointCode)).length).toBeGreaterThan(0);
    for (const m of [reports, conceals, plain]) {
      expect(
        ofType('FZSS', m)
          .flatMap((f) => f.records)
          .every((r) => r.runStatus === '0'),
      ).toBe(true);
    }
  });

  it('one mine flags its 超限 and files it in YCBJ with 异常原因 and 处理措施; another does neither', () => {
    const over = (code: string) =>
      ofType('CDSS', code).flatMap((f) =>
        f.records.filter((r) => r.unit === '%CH4' && r.value >= 1.5 && r.status !== 4),
      );
    expect(over(reports).length).toBeGreaterThan(0);
    expect(over(reports).every((r) => r.status === 3)).toBe(true);
    expect(over(conceals).length).toBeGreaterThan(0);
    expect(over(conceals).every((r) => r.status === 0)).toBe(true);
    const ycbj = ofType('YCBJ').flatMap((f) => f.records.map((r) => ({ ...r, mine: f.mineCode })));
    expect(new Set(ycbj.map((r) => r.mine))).toEqual(new Set([reports]));
    const filed = ycbj.find((r) => r.abnormalType === '001');
    expect(filed?.cause).not.toBe('');
    expect(filed?.measures).not.toBe('');
    expect(filed?.max).toBeGreaterThanOrEqual(1.5);
    expect(ycbj.some((r) => r.abnormalType === '007')).toBe(true);
    // The concealing mine's statistics leave its 超限 out; the reporting mine's show it.
    const maxOf = (code: string) =>
      Math.max(
        ...ofType('TJSJ', code).flatMap((f) =>
          f.records.filter((r) => r.unit === '%CH4').map((r) => r.max),
        ),
      );
    expect(maxOf(reports)).toBeGreaterThanOrEqual(1.5);
    expect(maxOf(conceals)).toBeLessThan(1);
  });

  it('has people underground per area within 核定人数, leaders and special workers marked', () => {
    const ryss = ofType('RYSS', plain).at(-1);
    const areas = ofType('RYQY', plain)[0]?.records ?? [];
    const down = (ryss?.records ?? []).filter((r) => r.inOut === '1');
    expect(down.length).toBeGreaterThan(15);
    expect(down.filter((r) => r.isLeader === '1').length).toBeGreaterThanOrEqual(1);
    expect(down.some((r) => r.isSpecial === '1')).toBe(true);
    for (const a of areas) {
      expect(down.filter((r) => r.areaCode === a.areaCode).length).toBeLessThanOrEqual(a.quota);
    }
  });

  it('sends the leaders down by a rota: each shift has one, the 总工程师 now and then', () => {
    const history = ofType('RYSS', plain)[0]?.records ?? [];
    const leaders = (ofType('RYXX', plain)[0]?.records ?? []).filter((r) => r.isLeader === '1');
    expect(leaders.map((r) => r.title)).toEqual(['矿长', '安全副矿长', '生产副矿长', '总工程师']);
    const days = (card: string) =>
      new Set(
        history
          .filter((r) => r.cardCode === card && r.inAt !== null)
          .map((r) => new Date((r.inAt ?? 0) + 8 * 60 * MINUTE_MS).toISOString().slice(0, 10)),
      ).size;
    const [head, , , chief] = leaders.map((l) => days(l.cardCode));
    expect(head).toBeGreaterThan(20);
    expect(chief).toBeGreaterThan(0);
    expect(chief).toBeLessThan(head ?? 0);
  });
});
