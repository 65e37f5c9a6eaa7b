/**
 * @module 断电 runs (pure): a point's records in 断电, in time order, joined while closer than the gap; each
 * run is one 断电 whose 馈电 is judged once (馈电异常, REFERENCE §C2, AQ 1029-2019).
 */

export interface PowerOffRun {
  pointId: string;
  /** The run's first record (ms). */
  from: number;
  /** Its last record (ms). */
  to: number;
}

export function powerOffRuns(
  records: readonly { pointId: string; ts: number }[],
  gapMs: number,
): PowerOffRun[] {
  const sorted = [...records].sort(
    (a, b) => (a.pointId < b.pointId ? -1 : a.pointId > b.pointId ? 1 : 0) || a.ts - b.ts,
  );
  const runs: PowerOffRun[] = [];
  let open: PowerOffRun | undefined;
  for (const r of sorted) {
    if (open && open.pointId === r.pointId && r.ts - open.to <= gapMs) {
      open.to = r.ts;
      continue;
    }
    open = { pointId: r.pointId, from: r.ts, to: r.ts };
    runs.push(open);
  }
  return runs;
}
