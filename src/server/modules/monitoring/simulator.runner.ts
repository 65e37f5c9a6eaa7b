/**
 * @module The in-process demo feed: the simulator's readings go through the engine exactly as a gateway's
 * would (validation, storage, detection, calls), for the active sensors it is given — the demo seed's
 * points, never one a user added — reloaded each minute so archived ones leave. `npm start` runs it for
 * the demo province; `SIMULATE=0` turns it off.
 */
import type { ServiceDeps } from '../../platform/context.ts';
import { systemGatewayPrincipal } from '../access/principal.ts';
import type { MonitoringEngine } from './monitoring.engine.ts';
import { sensorsToSimulate } from './sensor.repository.ts';
import { Simulator, type FaultKind, type SimSensor } from './simulator.ts';
import { MINUTE_MS } from '../../../shared/dates.ts';

export interface SimulatorRunnerOptions {
  /** The sensors to feed (the demo seed's, seed/demo-province.ts demoSensorIds); no other is fed. */
  sensorIds: ReadonlySet<string>;
  tickMs?: number;
  faultsPerHour?: number;
  log?: (msg: string, err?: unknown) => void;
}

/** The active sensors among `sensorIds`, with their mine and county, in a stable order (county, mine, code). */
export async function loadSimSensors(
  deps: ServiceDeps,
  sensorIds: ReadonlySet<string>,
): Promise<(SimSensor & { county: string })[]> {
  const rows = await sensorsToSimulate(deps.db);
  return rows
    .filter((r) => sensorIds.has(r.id))
    .map(({ id: _id, ...r }) => ({ ...r, spec: r.spec }));
}

/**
 * Starts feeding; an excursion on the first gas sensor of the demo county starts after a few readings so
 * a newcomer sees a call go out within the first minute. Returns a function that stops it.
 */
export async function startSimulator(
  deps: ServiceDeps,
  engine: MonitoringEngine,
  options: SimulatorRunnerOptions,
): Promise<() => void> {
  const log = options.log ?? (() => undefined);
  const sensors = await loadSimSensors(deps, options.sensorIds);
  const onFault = (s: SimSensor, kind: FaultKind) =>
    log(`simulator: ${kind} ${s.code} (${s.mineId})`);
  const sim = new Simulator(sensors, Date.now(), {
    seed: Date.now() % 1_000_000,
    faultsPerHour: options.faultsPerHour ?? 0.1,
    onFault,
  });
  let principal = systemGatewayPrincipal(
    'simulator',
    sensors.map((s) => s.mineId),
  );
  const first = sensors.find((s) => s.quantity === 'CH4' && s.county === '140981') ?? sensors[0];
  let pendingFirst = first ? 3 : 0;
  let busy = false;
  let lastReload = Date.now();
  const tick = async () => {
    if (busy) {
      return;
    }
    busy = true;
    try {
      const now = Date.now();
      if (now - lastReload > MINUTE_MS) {
        lastReload = now;
        const fresh = await loadSimSensors(deps, options.sensorIds);
        sim.setSensors(fresh, now);
        principal = systemGatewayPrincipal(
          'simulator',
          fresh.map((s) => s.mineId),
        );
      }
      if (first && pendingFirst > 0 && --pendingFirst === 0) {
        sim.force(first.mineId, first.code, 'excursion', now);
      }
      const readings = sim.step(now);
      if (readings.length) {
        const report = await engine.ingest(principal, readings);
        if (report.rejected.length) {
          log(
            `simulator: ${report.rejected.length} readings refused, e.g. ${report.rejected[0]?.message}`,
          );
        }
      }
    } catch (e) {
      log('simulator tick failed', e);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), options.tickMs ?? 1000);
  timer.unref();
  log(`simulator: ${sim.size} sensors`);
  return () => clearInterval(timer);
}
