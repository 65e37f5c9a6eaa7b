/**
 * @module FZDY 分站定义 and FZSS 分站实时 (MT/T 1201.1-2023), and JZSS 基站实时 (MT/T 1201.3-2023; REFERENCE
 * §B6): the mine's substations and their reported 运行状态/供电状态, once per device and time. A
 * substation's 通信中断 explains its points' silence (coal-device.service.ts reads the spans).
 */
import type { MapContext, Tally } from './coal-map.ts';
import * as repo from './coal-device.repository.ts';
import type { FzdyRecord, FzssRecord, JzssRecord } from './coal.records.ts';

/** Maps a FZDY file's records in the file's transaction: a newer definition replaces the stored one. */
export async function mapFzdy(ctx: MapContext, records: FzdyRecord[], tally: Tally): Promise<void> {
  const known = await repo.substationsOf(ctx.tx, ctx.mine.id);
  for (const r of records) {
    const values = { location: r.location, x: r.x, y: r.y, z: r.z, definedAt: new Date(r.time) };
    const before = known.get(r.substationCode);
    if (!before) {
      const row = await repo.insertSubstation(ctx.tx, {
        mineId: ctx.mine.id,
        code: r.substationCode,
        ...values,
      });
      known.set(r.substationCode, row);
      tally.stored++;
    } else if (
      r.time > before.definedAt.getTime() &&
      (before.location !== r.location || before.x !== r.x || before.y !== r.y || before.z !== r.z)
    ) {
      await repo.updateSubstation(ctx.tx, before.id, values);
      known.set(r.substationCode, { ...before, ...values });
      tally.stored++;
    } else {
      tally.duplicates++;
    }
  }
}

/** Maps a FZSS or JZSS file's records: each state once per device and time. */
export async function mapDeviceStates(
  ctx: MapContext,
  device: 'substation' | 'station',
  records: (FzssRecord | JzssRecord)[],
  tally: Tally,
): Promise<void> {
  const rows = records.map((r) => ({
    mineId: ctx.mine.id,
    device,
    code: 'substationCode' in r ? r.substationCode : r.stationCode,
    at: new Date(r.time),
    runStatus: r.runStatus,
    powerStatus: r.powerStatus,
  }));
  // One device's state twice at one time in the same file: the first one counts.
  const seen = new Set<string>();
  const unique = rows.filter((r) => {
    const key = `${r.code}|${r.at.getTime()}`;
    const fresh = !seen.has(key);
    seen.add(key);
    return fresh;
  });
  const n = await repo.insertStates(ctx.tx, unique);
  tally.stored += n;
  tally.duplicates += rows.length - n;
}
