/**
 * What the coal screens compute from the API's answers (pure, tested without a browser): the colour and
 * order of a mine's upload state, which alarm value applies to a point and why (the stricter of the
 * mine's own 报警 and minewatch's first level — 《煤矿安全规程》 sets the limits a mine must not exceed, so a
 * mine may alarm earlier, never later; REFERENCE §C1), where in a file a problem lies, and the months a
 * leader's descents can be asked for.
 */
import type { CoalFeedState } from '../../../shared/coal-upload.enums.ts';
import type {
  CoalMineFeedsResponse,
  CoalPointResponse,
} from '../../../shared/coal-upload.schemas.ts';
import type { MessageKey } from '../../app/i18n.tsx';

export const feedStateColors: Record<CoalFeedState, string> = {
  未配置煤矿编码: 'purple',
  从未上传: 'red',
  上传延迟: 'orange',
  有拒收文件: 'gold',
  正常: 'green',
};

/** The states of mines that are not uploading (no code, nothing ever, or late). */
export const notUploading: readonly CoalFeedState[] = ['未配置煤矿编码', '从未上传', '上传延迟'];

/** How many mines are in each state, in the API's order of states. */
export function countByState(mines: readonly CoalMineFeedsResponse[]) {
  const out = new Map<CoalFeedState, number>();
  for (const m of mines) {
    out.set(m.state, (out.get(m.state) ?? 0) + 1);
  }
  return out;
}

/** Seconds since a mine's newest accepted file (of any type), as the server judged them. */
export function newestDelay(m: Pick<CoalMineFeedsResponse, 'feeds'>): number {
  const delays = m.feeds.flatMap((f) => (f.delaySeconds === null ? [] : [f.delaySeconds]));
  return delays.length ? Math.min(...delays) : 0;
}

/** Which alarm value applies to a point, and the sentence that says why. */
export function appliesReason(
  p: Pick<CoalPointResponse, 'applies' | 'mineThresholds' | 'minewatchThresholds'>,
): { key: MessageKey; value: number | null } {
  const { stricter, value } = p.applies;
  const direction = p.minewatchThresholds?.direction ?? 'upper';
  const mineAlarm =
    direction === 'upper' ? p.mineThresholds?.upperAlarm : p.mineThresholds?.lowerAlarm;
  const ours = Object.values(p.minewatchThresholds?.thresholds ?? {}).length > 0;
  switch (stricter) {
    case null:
      return { key: 'coal.appliesNone', value: null };
    case 'same':
      return { key: 'coal.appliesSame', value };
    case 'mine':
      return { key: ours ? 'coal.appliesMine' : 'coal.appliesMineOnly', value };
    case 'minewatch':
      return {
        key:
          mineAlarm === null || mineAlarm === undefined
            ? 'coal.appliesMinewatchOnly'
            : 'coal.appliesMinewatch',
        value,
      };
  }
}

/** Where a problem lies: the file as a whole, its header, or record n. */
export function problemPlace(
  p: CoalMineFeedsResponse['refusedFiles'][number]['problems'][number],
  t: (key: MessageKey, vars?: Record<string, string | number>) => string,
): string {
  if (p.record === null) {
    return t('coal.wholeFile');
  }
  return p.record === 0 ? t('coal.header') : t('coal.record', { n: p.record });
}

/** The month of `today` (YYYY-MM-DD) and the `count - 1` before it, newest first (YYYY-MM). */
export function recentMonths(today: string, count: number): string[] {
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}
