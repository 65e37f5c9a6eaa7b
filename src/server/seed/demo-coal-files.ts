/**
 * @module The demo province's coal mines upload MT/T 1201 files (issue 22 §5): a few of its producing
 * underground coal mines get the files the simulator writes (coal.simulator.ts) for the last hours, and a
 * month of positioning history, taken in through the real ingest (ingestCoalFiles) — so their points with
 * the mine's own thresholds, the 井下人员 view, 领导带班下井, the 数据接入 feeds, the 超限 one mine filed and
 * the one another concealed are there on first start. The server's demo feed carries on from there
 * (coal-sim.runner.ts).
 */
import { DAY_MS, HOUR_MS } from '../../shared/dates.ts';
import { MineKind, MineStatus } from '../../shared/registry.enums.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { systemGatewayPrincipal } from '../modules/access/principal.ts';
import { ingestCoalFiles } from '../modules/coal-upload/coal-ingest.service.ts';
import { recordUnreportedOverLimits } from '../modules/coal-upload/coal-unreported.job.ts';
import {
  CoalSimulator,
  catchUpFiles,
  writeCoalFiles,
} from '../modules/coal-upload/coal.simulator.ts';
import { MonitoringEngine } from '../modules/monitoring/monitoring.engine.ts';

/** The simulator's seed for the demo (the seed and the server's feed must agree: same people, same points). */
export const DEMO_COAL_SEED = 2026;

/** How far back the seed's real-time files go: two periods, so one concealed 超限 is past the YCBJ limit. */
export const DEMO_COAL_HOURS = 2;
/** Days of positioning history (领导带班下井 of this month and the last). */
export const DEMO_COAL_HISTORY_DAYS = 31;

/** The real-time files' cadence in the seed (larger files than a live upload, the same records). */
const SEED_WINDOW = { fileSeconds: 3600, ryssSeconds: 1800, statsSeconds: 3600 };
const RYSS_MS = SEED_WINDOW.ryssSeconds * 1000;

export interface DemoCoalMine {
  id: string;
  name: string;
  kind: string;
  countyCode: string;
  status: string;
  coalCode?: string | undefined;
}

/**
 * The demo mines that upload: producing underground coal mines with a 煤矿编码 — the demo enterprise's
 * mine first when it is one (its users see their own mine's files), then 原平市's, then one in another
 * county; four in all. The first plays the mine that reports its 超限, the second the one that
 * conceals it, the third the substation outage (CoalSimulator.roleOf).
 */
export function demoCoalMines<M extends DemoCoalMine>(all: M[], keep: string): M[] {
  const eligible = all.filter(
    (m) => m.kind === MineKind.CoalUnderground && m.status === MineStatus.Producing && m.coalCode,
  );
  const byCode = (a: M, b: M) => ((a.coalCode ?? '') < (b.coalCode ?? '') ? -1 : 1);
  const own = eligible.filter((m) => m.id === keep);
  const yuanping = eligible.filter((m) => m.id !== keep && m.countyCode === '140981').sort(byCode);
  const others = new Map<string, M>();
  for (const m of eligible.filter((x) => x.countyCode !== '140981').sort(byCode)) {
    if (!others.has(m.countyCode)) {
      others.set(m.countyCode, m);
    }
  }
  return [...own, ...yuanping.slice(0, 3 - own.length), ...others.values()].slice(0, 4);
}

/** Ingests the demo coal mines' files up to the clock's now; returns how many files were stored. */
export async function seedDemoCoalFiles(
  deps: ServiceDeps,
  mines: (DemoCoalMine & { coalCode: string })[],
): Promise<number> {
  if (!mines.length) {
    return 0;
  }
  // The files name whole seconds.
  const now = Math.floor(deps.clock().getTime() / 1000) * 1000;
  const start = now - DEMO_COAL_HOURS * HOUR_MS;
  const sim = new CoalSimulator(mines, { seed: DEMO_COAL_SEED });
  const files = writeCoalFiles([
    ...sim.definitions(start),
    ...sim.positions(start, start - DEMO_COAL_HISTORY_DAYS * DAY_MS),
    ...sim.window(start, now, SEED_WINDOW),
    // The hourly files end at the last whole hour; the rest up to now, so a first start finds no gap.
    ...catchUpFiles(sim, Math.floor(now / HOUR_MS) * HOUR_MS, now),
    // Who is down right now, so the 井下人员 view is current at first start.
    ...(now % RYSS_MS === 0 ? [] : sim.positions(now, Math.floor(now / RYSS_MS) * RYSS_MS)),
  ]);
  const engine = new MonitoringEngine(deps);
  try {
    const principal = systemGatewayPrincipal(
      'demo:mt1201',
      mines.map((m) => m.id),
    );
    const reports = await ingestCoalFiles(deps, engine, principal, files, 'http');
    const refused = reports.filter((r) => r.status === 'refused' || r.refused > 0);
    if (refused.length) {
      throw new Error(`demo seed: coal files refused: ${JSON.stringify(refused.slice(0, 3))}`);
    }
    await recordUnreportedOverLimits(deps);
    return reports.filter((r) => r.status === 'stored').length;
  } finally {
    engine.close();
  }
}
