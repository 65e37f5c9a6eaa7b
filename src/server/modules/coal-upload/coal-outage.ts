/**
 * @module Which substation outages explain a silence (issue 22 §2: FZDY/FZSS feed 断网 attribution — a
 * substation's 通信中断 explains its points' silence; MT/T 1201.1-2023 分站实时数据 运行状态, REFERENCE
 * §B6). Pure: a 断线 of a point is explained when its substation reported 通信中断 at some time within the
 * silence; a 断网 of a whole mine when every substation its points hang on did.
 */

/** A reported 通信中断 span of one substation (ms; `to` null while it lasts). */
export interface OutageSpan {
  code: string;
  from: number;
  to: number | null;
}

/** What explains a silence [from, to] (ms; `to` null while it lasts) on these substations. */
export interface SilenceExplanation {
  /** The outages of those substations that overlap the silence. */
  outages: OutageSpan[];
  /** Whether every one of the substations had such an outage (none given: not explained). */
  explained: boolean;
}

export function explainSilence(
  silence: { from: number; to: number | null },
  substations: readonly string[],
  spans: readonly OutageSpan[],
): SilenceExplanation {
  const end = silence.to ?? Number.POSITIVE_INFINITY;
  const wanted = new Set(substations);
  const outages = spans.filter(
    (s) =>
      wanted.has(s.code) && s.from <= end && (s.to ?? Number.POSITIVE_INFINITY) >= silence.from,
  );
  const covered = new Set(outages.map((s) => s.code));
  return {
    outages,
    explained: wanted.size > 0 && [...wanted].every((c) => covered.has(c)),
  };
}
