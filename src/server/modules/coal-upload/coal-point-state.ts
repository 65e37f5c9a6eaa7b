/**
 * @module The states of points that feed no minewatch point (开关量, 累计量, unmapped types), kept as their
 * changes: of a file's records, those whose value or 测点状态 differs from the point's state just before
 * (the stored one for its first record). Pure.
 */
import type { PointState } from './coal-point.repository.ts';

export function stateChanges(
  records: readonly PointState[],
  before: ReadonlyMap<string, PointState>,
): PointState[] {
  const sorted = [...records].sort(
    (a, b) =>
      (a.pointId < b.pointId ? -1 : a.pointId > b.pointId ? 1 : 0) ||
      a.ts.getTime() - b.ts.getTime(),
  );
  const out: PointState[] = [];
  let prev: PointState | undefined;
  for (const r of sorted) {
    if (prev?.pointId !== r.pointId) {
      prev = before.get(r.pointId);
    }
    if (prev?.pointId === r.pointId && prev.ts.getTime() === r.ts.getTime()) {
      continue; // the same point at the same time twice: the first one counts
    }
    if (!prev || prev.value !== r.value || prev.status !== r.status) {
      out.push(r);
    }
    prev = r;
  }
  return out;
}
