/**
 * @module The in-process demo feed of MT/T 1201 files: the demo coal mines the seed gave files to keep
 * uploading — a CDSS (with FZSS, JZSS) every 30 s, RYSS every minute, TJSJ every 5 minutes, YCBJ once an
 * hour — written by the simulator (coal.simulator.ts) and taken in through the real ingest, as a mine's
 * upload would be; so their points do not fall silent and the 井下人员 view stays current. Runs only
 * beside the demo feed of the demo province (server.ts); the mines are those the demo seed created that
 * have points defined by files. At start it first catches up from the newest stored CDSS (the seed's, or
 * the last before a stop; at most CATCH_UP_MAX_MS back) to now, before the first silence check, so a
 * restart leaves no gap that would page people for 断线 (the seed's files end at its own now).
 */
import type { ServiceDeps } from '../../platform/context.ts';
import { systemGatewayPrincipal } from '../access/principal.ts';
import type { MonitoringEngine } from '../monitoring/monitoring.engine.ts';
import { ingestCoalFiles } from './coal-ingest.service.ts';
import { uploadingMines } from './coal-point.repository.ts';
import { MINUTE_MS } from '../../../shared/dates.ts';
import { lastFileAt } from './coal-file.repository.ts';
import { CoalSimulator, catchUpFiles, writeCoalFiles } from './coal.simulator.ts';

/**
 * How far back a start catches up, before it listens (a longer stop leaves its gap: the points were
 * silent meanwhile, and the alarms say so).
 */
const CATCH_UP_MAX_MS = 10 * MINUTE_MS;

export interface CoalFeedOptions {
  /** The mines that may be fed (the demo seed's); only those with points defined by files are. */
  mineIds: ReadonlySet<string>;
  /** The simulator's seed: the demo seed's, so the people and points are the ones it defined. */
  seed: number;
  tickMs?: number;
  log?: (msg: string, err?: unknown) => void;
}

/** Starts the feed; returns a function that stops it (undefined when there is no mine to feed). */
export async function startCoalFeed(
  deps: ServiceDeps,
  engine: MonitoringEngine,
  options: CoalFeedOptions,
): Promise<(() => void) | undefined> {
  const log = options.log ?? (() => undefined);
  const mines = (await uploadingMines(deps.db)).filter((m) => options.mineIds.has(m.id));
  if (!mines.length) {
    return undefined;
  }
  const sim = new CoalSimulator(mines, { seed: options.seed });
  const principal = systemGatewayPrincipal(
    'demo:mt1201',
    mines.map((m) => m.id),
  );
  const stored = await lastFileAt(
    deps.db,
    mines.map((m) => m.id),
    'CDSS',
  );
  let last = Math.max(stored ?? deps.clock().getTime(), deps.clock().getTime() - CATCH_UP_MAX_MS);
  let busy = false;
  const tick = async () => {
    if (busy) {
      return;
    }
    busy = true;
    try {
      const now = deps.clock().getTime();
      const files = writeCoalFiles(catchUpFiles(sim, last, now));
      last = now;
      if (files.length) {
        const reports = await ingestCoalFiles(deps, engine, principal, files, 'http');
        const refused = reports.filter((r) => r.status === 'refused' || r.refused > 0);
        if (refused.length) {
          log(`coal feed: ${refused.length} files refused, e.g. ${JSON.stringify(refused[0])}`);
        }
      }
    } catch (e) {
      log('coal feed tick failed', e);
    } finally {
      busy = false;
    }
  };
  await tick(); // the catch-up, before the scheduler's first silence check
  const timer = setInterval(() => void tick(), options.tickMs ?? 5000);
  timer.unref();
  log(`coal feed: ${mines.length} coal mines (MT/T 1201)`);
  return () => clearInterval(timer);
}
