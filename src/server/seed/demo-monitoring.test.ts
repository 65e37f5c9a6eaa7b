/**
 * The demo province's monitoring and the simulated feed through the real engine: the seed registers
 * facilities and points with the standards' presets (《煤矿安全规程》 methane by location, GB 51108-2015
 * 条文说明 8.3 浸润线 orange = 1.1 × red), the feed's readings are all accepted, and a forced gas
 * excursion opens an 超限 alarm that climbs 黄色 → 红色, calls, and resolves by itself once the clear
 * condition has held. The same seeded province also carries the planted accountability breaches
 * the 合规 pages show.
 */
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  engines,
  type TestDatabase,
} from '../../../test/helpers/test-database.ts';
import { SensorSpec } from '../../shared/monitoring.schemas.ts';
import { alarmEvents, alarms, monitoringSensors } from '../modules/monitoring/monitoring.table.ts';
import {
  createMonitoring,
  type MonitoringRuntime,
} from '../modules/monitoring/monitoring.runtime.ts';
import { loadSimSensors } from '../modules/monitoring/simulator.runner.ts';
import { systemGatewayPrincipal, systemPrincipal } from '../modules/access/principal.ts';
import { Simulator } from '../modules/monitoring/simulator.ts';
import { users } from '../modules/access/access.table.ts';
import { DEMO_INTERVAL_SECONDS } from './demo-monitoring.ts';
import { regionCompliance } from '../modules/accountability/compliance.service.ts';
import { demoSensorIds, holdsDemo } from './demo-province.ts';
import { findUserWithOrg } from '../modules/access/access.repository.ts';
import { userPrincipal } from '../modules/access/principal.ts';
import { createSensor } from '../modules/monitoring/sensor.service.ts';
import { monitoringFacilities } from '../modules/monitoring/monitoring.table.ts';
import { UPLOAD_FACILITY } from '../modules/coal-upload/cddy.map.ts';
import { leads } from '../modules/leads/leads.table.ts';
import { stoppedWorkDeclarations } from '../modules/stopped/stopped.table.ts';
import { DAY_MS, shanghaiMidnight } from '../../shared/dates.ts';

describe.each(engines)('demo monitoring and the simulated feed (%s)', (engine) => {
  let t: TestDatabase;
  let monitoring: MonitoringRuntime;

  beforeAll(async () => {
    const empty = await createTestDatabase(engine);
    expect(await holdsDemo(empty.deps)).toBe(false);
    await empty.close();
    // seedDemoProvince at the test clock, run once by global setup (test/helpers/global-setup.ts).
    t = await createTestDatabase(engine, 'demo');
    monitoring = createMonitoring(t.deps, { publicUrl: 'http://127.0.0.1:8080' });
  }, 120_000);
  afterAll(async () => {
    monitoring?.close();
    await t?.close();
  });

  it('marks the database as holding the demo, so the feed may run there only', async () => {
    expect(await holdsDemo(t.deps)).toBe(true);
  });

  it('registers points with valid specs and the standards’ presets', async () => {
    // The seed's own points (those of the coal mines' uploaded definitions follow the files).
    const own = await demoSensorIds(t.deps);
    const rows = (await t.deps.db.select().from(monitoringSensors)).filter((r) => own.has(r.id));
    expect(rows.length).toBeGreaterThan(50);
    for (const r of rows) {
      expect(SensorSpec.safeParse(r.spec).success, r.code).toBe(true);
      expect(r.spec.intervalSeconds).toBe(DEMO_INTERVAL_SECONDS);
    }
    const gas = rows.filter((r) => r.location === '采煤工作面');
    expect(gas.length).toBeGreaterThan(0);
    // 《煤矿安全规程》: 采煤工作面 报警 ≥1.0 %, 断电 ≥1.5 %, 复电 <1.0 %.
    for (const r of gas) {
      expect(r.spec.thresholds).toEqual({ 黄色: 1.0, 红色: 1.5 });
      expect(r.spec.clear).toEqual({ 黄色: 1.0, 红色: 1.0 });
    }
    // Every 甲烷 point is a low-concentration sensor, 0–4 % (the sensor type catalogue's default):
    // an impossible 55 % is 数据异常, not a gas alarm.
    for (const r of rows.filter((x) => x.quantity === 'CH4')) {
      expect(r.spec, r.code).toMatchObject({
        sensorType: '低浓度甲烷传感器',
        rangeMin: 0,
        rangeMax: 4,
      });
    }
    // GB 51108-2015 条文说明 8.3: 浸润线 orange = 1.1 × red (red at the demo's 6 m).
    const phreatic = rows.filter((r) => r.quantity === '浸润线埋深');
    expect(phreatic.length).toBeGreaterThan(0);
    for (const r of phreatic) {
      expect(r.spec.thresholds.红色).toBe(6);
      expect(r.spec.thresholds.橙色).toBeCloseTo(6.6, 10);
    }
  });

  it('gives the duty officer’s mine points to watch', async () => {
    const [duty] = await t.deps.db.select().from(users).where(eq(users.username, 'mine.duty'));
    const own = await t.deps.db
      .select()
      .from(monitoringSensors)
      .where(eq(monitoringSensors.mineId, duty?.mineId ?? ''));
    expect(own.map((s) => s.quantity)).toEqual(expect.arrayContaining(['CH4', 'CO', '井下人数']));
  });

  it('feeds only the seed’s points: a sensor a user registers on the demo database is never simulated (issue 21 §9)', async () => {
    // The active points, but those the coal mines' files defined (fed by their MT/T 1201 uploads).
    const seeded = await t.deps.db
      .select({ id: monitoringSensors.id })
      .from(monitoringSensors)
      .innerJoin(monitoringFacilities, eq(monitoringFacilities.id, monitoringSensors.facilityId))
      .where(
        and(
          isNull(monitoringSensors.archivedAt),
          ne(monitoringFacilities.code, UPLOAD_FACILITY.code),
        ),
      );
    // The enterprise admin registers its own gateway's point at one of its demo mines.
    const owner = await findUserWithOrg(t.deps.db, { username: 'ent.admin' });
    const [duty] = await t.deps.db.select().from(users).where(eq(users.username, 'mine.duty'));
    const [facility] = await t.deps.db
      .select()
      .from(monitoringFacilities)
      .where(eq(monitoringFacilities.mineId, duty?.mineId ?? ''));
    if (!owner || !facility) {
      throw new Error('no demo enterprise admin or facility');
    }
    const own = await createSensor(t.deps, userPrincipal(owner, null), {
      facilityId: facility.id,
      code: 'GW-CH4-REAL',
      name: '自有网关甲烷',
      quantity: 'CH4',
      preset: '甲烷:采煤工作面',
    });
    // What the feed loads when the server starts (again): the seed's points, not the user's.
    const fed = await loadSimSensors(t.deps, await demoSensorIds(t.deps));
    expect(fed).toHaveLength(seeded.length);
    expect(fed.some((s) => s.mineId === own.mineId && s.code === own.code)).toBe(false);
  });

  it('feeds every point through the engine; a forced excursion climbs 黄色 → 红色 and resolves', async () => {
    const sensors = await loadSimSensors(t.deps, await demoSensorIds(t.deps));
    const principal = systemGatewayPrincipal(
      'simulator',
      sensors.map((s) => s.mineId),
    );
    const sim = new Simulator(sensors, t.deps.clock().getTime(), { faultsPerHour: 0 });
    const target = sensors.find((s) => s.quantity === 'CH4' && s.county === '140981');
    expect(target).toBeDefined();
    let stored = 0;
    const feed = async (intervals: number) => {
      for (let i = 0; i < intervals; i++) {
        t.deps.clock.advance(DEMO_INTERVAL_SECONDS * 1000);
        const report = await monitoring.engine.ingest(
          principal,
          sim.step(t.deps.clock().getTime()),
        );
        expect(report.rejected).toEqual([]);
        stored += report.stored;
      }
    };
    await feed(3);
    sim.force(target?.mineId ?? '', target?.code ?? '', 'excursion', t.deps.clock().getTime());
    await feed(20);
    expect(stored).toBe(sensors.length * 23);
    const [sensor] = await t.deps.db
      .select()
      .from(monitoringSensors)
      .where(
        and(
          eq(monitoringSensors.mineId, target?.mineId ?? ''),
          eq(monitoringSensors.code, target?.code ?? ''),
        ),
      );
    const [alarm] = await t.deps.db
      .select()
      .from(alarms)
      .where(and(eq(alarms.sensorId, sensor?.id ?? ''), eq(alarms.kind, '超限')));
    expect(alarm?.peakLevel).toBe('红色');
    const events = await t.deps.db
      .select({ type: alarmEvents.type, level: alarmEvents.level })
      .from(alarmEvents)
      .where(eq(alarmEvents.alarmId, alarm?.id ?? ''));
    expect(events).toEqual(
      expect.arrayContaining([
        { type: 'opened', level: '黄色' },
        { type: 'level_changed', level: '红色' },
      ]),
    );
    await monitoring.tick();
    const [called] = await t.deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(alarmEvents)
      .where(and(eq(alarmEvents.alarmId, alarm?.id ?? ''), eq(alarmEvents.type, 'called')));
    expect(called?.n).toBeGreaterThan(0);
    // Back below the 复电 value: after monitoring.autoResolveSeconds (300 s) it resolves itself.
    await feed(35);
    await monitoring.tick();
    const open = await t.deps.db
      .select()
      .from(alarms)
      .where(and(eq(alarms.id, alarm?.id ?? ''), isNull(alarms.closedAt)));
    expect(open).toEqual([]);
  }, 120_000);

  it('batches committed together each report the alarms their own readings opened', async () => {
    const sensors = (await loadSimSensors(t.deps, await demoSensorIds(t.deps))).filter(
      (x) => x.quantity === 'CH4',
    );
    const principal = systemGatewayPrincipal(
      'simulator',
      sensors.map((x) => x.mineId),
    );
    const probes = sensors.slice(1, 5);
    expect(probes).toHaveLength(4);
    t.deps.clock.advance(60_000);
    const at = t.deps.clock().toISOString();
    // The first batch starts the writer; the others queue behind it and commit as one group.
    const reports = await Promise.all(
      probes.map((x) =>
        monitoring.engine.ingest(principal, [
          { mine: x.mineId, sensor: x.code, ts: at, value: 2.0 },
        ]),
      ),
    );
    // Each reading opens two: 超限 (2.0 ≥ 断电 1.5, C1) and 数据异常 (a jump from ~0.3 past the spike
    // check of the demo spec). The old attribution gave a group's first batch all of them.
    expect(reports.map((r) => [r.stored, r.alarmsOpened])).toEqual(probes.map(() => [1, 2]));
    const opened = await t.deps.db
      .select({ kind: alarms.kind })
      .from(alarms)
      .innerJoin(monitoringSensors, eq(monitoringSensors.id, alarms.sensorId))
      .where(
        and(
          inArray(
            monitoringSensors.code,
            probes.map((x) => x.code),
          ),
          inArray(
            monitoringSensors.mineId,
            probes.map((x) => x.mineId),
          ),
          isNull(alarms.closedAt),
          eq(alarms.triggeredAt, new Date(at)),
        ),
      );
    expect(opened.map((o) => o.kind).sort()).toEqual(
      [...probes.map(() => '超限'), ...probes.map(() => '数据异常')].sort(),
    );
  });

  it('plants 原平 mines breaking each qualification, contractor and 项目部 rule (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第1、2、18条, 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第20条) for the 合规 pages', async () => {
    const found = await regionCompliance(t.deps, systemPrincipal('test:demo'), {
      region: '140981',
    });
    const rules = found.byRule.map((r) => r.rule);
    for (const rule of [
      '承包单位数量',
      '爆破作业外包',
      '地区外包禁令',
      '承包项目部人员配备',
      '承包项目部人员用工',
      '承包项目部人员任职条件',
      '承包项目部人员兼职',
      '人员兼职',
      '证件异常',
      '特种作业人员文化程度',
      '五职矿长配备',
      '五职矿长任职条件',
      '年度安全培训',
      '证书有效期',
    ]) {
      expect(rules, rule).toContain(rule);
    }
  });

  it('plants one 停产迎检 lead naming the inspection its mine stopped for (《2024年矿山安全生产工作要点》第41条)', async () => {
    const found = await t.deps.db.select().from(leads).where(eq(leads.rule, '停产迎检'));
    expect(found).toHaveLength(1);
    const evidence = found[0]?.evidence as {
      breaches: { factor: string }[];
      inspections: unknown[];
    };
    expect(evidence.breaches.map((b) => b.factor)).toEqual(['用电量', '井下人数']);
    expect(evidence.inspections).toHaveLength(1);
  });

  it('plants a 明停暗开 lead that begins where the mine’s declared 排水 ends and names it (《2024年矿山安全生产工作要点》第18条)', async () => {
    const [lead] = await t.deps.db.select().from(leads).where(eq(leads.rule, '明停暗开'));
    const declared = await t.deps.db
      .select()
      .from(stoppedWorkDeclarations)
      .where(eq(stoppedWorkDeclarations.mineId, lead?.mineId ?? ''));
    expect(declared).toHaveLength(1);
    const [d] = declared;
    const end = shanghaiMidnight(d?.endsOn ?? '').getTime() + DAY_MS;
    // The declared nights are explained: the evidence starts at the first night after them.
    const evidence = lead?.evidence as { breaches: { factor: string; from: string }[] };
    const first = Math.min(...evidence.breaches.map((b) => Date.parse(b.from)));
    expect(first).toBeGreaterThanOrEqual(end);
    expect(new Set(evidence.breaches.map((b) => b.factor))).toEqual(new Set(['用电量']));
    expect(lead?.summary).toContain(`已申报作业说明的部分不计: 排水 ${d?.startsOn}`);
  });
});
