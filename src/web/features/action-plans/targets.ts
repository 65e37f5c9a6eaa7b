/**
 * The 目标 tab's pure parts: the goals of an indicator as tags (one tag per year and goal, however many
 * plans set it), a plan's name with its years said once, and whether a trend has any figure.
 */
import type { IndicatorWithTargetsResponse } from '../../../shared/action-plans.schemas.ts';

type Target = IndicatorWithTargetsResponse['targets'][number];

/** One goal as shown: its year, figure and state, and every region and source that sets it. */
export interface GoalTag {
  year: number;
  goal: number;
  met: boolean | null;
  setBy: { region: string; source: string }[];
}

/**
 * The goals of an indicator, one per year and figure: the county's 2025 ≥100% and the nation's 2025
 * ≥100% are one goal set twice (both named in its tooltip), not two tags; by year, then figure.
 */
export function goalTags(targets: readonly Target[]): GoalTag[] {
  const byGoal = new Map<string, GoalTag>();
  for (const t of targets) {
    const key = `${t.year}:${t.goal}`;
    const tag = byGoal.get(key) ?? { year: t.year, goal: t.goal, met: t.met, setBy: [] };
    tag.setBy.push({ region: t.region, source: t.source });
    byGoal.set(key, tag);
  }
  return [...byGoal.values()].sort((a, b) => a.year - b.year || a.goal - b.goal);
}

/** A plan's name with its years, unless its title already says them (…三年行动 (2024—2026年)). */
export function planLabel(p: { title: string; fromYear: number; toYear: number }): string {
  return p.title.includes(String(p.fromYear)) && p.title.includes(String(p.toYear))
    ? p.title
    : `${p.title} (${p.fromYear}–${p.toYear})`;
}

/** Whether a trend has any figure to draw (an indicator with nothing to count has none). */
export function hasFigures(points: readonly { value: number | null }[]): boolean {
  return points.some((p) => p.value !== null);
}
