/**
 * @module How a coal mine's uploads stand (the 数据接入 page): a feed is late when its type is judged
 * (setting coalUpload.feedStaleMinutes; the upload periods of MT/T 1201.1/.3-2023 are NOT FOUND, REFERENCE
 * §B6) and its newest file is missing or older than allowed; a mine's state is the worst that applies
 * (coalFeedStates, worst first), and the page lists the worst mines first.
 */
import { coalFeedStates, type CoalFeedState } from '../../../shared/coal-upload.enums.ts';
import { MINUTE_MS } from '../../../shared/dates.ts';

/** Whether a feed is late at `now`: judged (a limit set) and its newest file missing or too old. */
export function feedIsStale(
  lastFileAt: Date | null,
  staleAfterMinutes: number | null,
  now: number,
): boolean {
  if (staleAfterMinutes === null) {
    return false;
  }
  return lastFileAt === null || now - lastFileAt.getTime() > staleAfterMinutes * MINUTE_MS;
}

/**
 * A mine's state from its code, its feeds (the newest accepted file of each type) and its refusals of the
 * last day: a mine whose every file is refused is late, not silent.
 */
export function mineFeedState(m: {
  coalCode: string | null;
  feeds: readonly { lastFileAt: string | null; stale: boolean }[];
  refusedLastDay: number;
}): CoalFeedState {
  if (m.coalCode === null) {
    return '未配置煤矿编码';
  }
  if (m.feeds.every((f) => f.lastFileAt === null) && m.refusedLastDay === 0) {
    return '从未上传';
  }
  if (m.feeds.some((f) => f.stale)) {
    return '上传延迟';
  }
  return m.refusedLastDay > 0 ? '有拒收文件' : '正常';
}

/** Mines the worst first, in their given order within a state. */
export function worstFirst<T extends { state: CoalFeedState }>(mines: readonly T[]): T[] {
  const rank = (s: CoalFeedState) => coalFeedStates.indexOf(s);
  return mines
    .map((m, i) => ({ m, i }))
    .sort((a, b) => rank(a.m.state) - rank(b.m.state) || a.i - b.i)
    .map((x) => x.m);
}
