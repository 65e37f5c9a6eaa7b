/**
 * @module The labelled evaluation set and its scoring (issue 6 “Quality of detection”). A finding is a
 * true positive when it names a mine and rule with a planted case whose window it overlaps (one day of
 * slack each side); a planted case is found when any finding matches it.
 */
import { detectedRules, type LeadRule } from '../../../shared/leads.enums.ts';
import type { LeadRules } from './rules/lead-rules.model.ts';
import { createRng } from '../../platform/random.ts';
import { evaluateMine } from './rules/evaluate.ts';
import { DAY_MS } from '../../../shared/dates.ts';
import { type Finding } from './rules/frame.ts';
import { syntheticMine, type SyntheticMine } from './synthetic.ts';

export interface EvaluationSetOptions {
  seed: number;
  /** Mines with nothing planted (some stop and restart genuinely). */
  normal: number;
  /** Mines per rule with one planted case. */
  perRule: number;
  /** A China midnight. */
  start: number;
  days: number;
}

export function* evaluationSet(o: EvaluationSetOptions): Generator<SyntheticMine> {
  const rng = createRng(o.seed);
  const plan: (LeadRule | undefined)[] = [
    ...Array.from({ length: o.normal }, () => undefined),
    ...detectedRules.flatMap((r) => Array.from({ length: o.perRule }, () => r)),
  ];
  let i = 0;
  for (const plant of plan) {
    i++;
    yield syntheticMine(rng, {
      mineId: `mine-${String(i).padStart(6, '0')}`,
      start: o.start,
      days: o.days,
      plant,
    });
  }
}

/** A finding matches a planted case of its mine and rule whose window it overlaps (± one day). */
const matches = (f: Finding, c: SyntheticMine['planted'][number]) =>
  f.rule === c.rule && f.from < c.to + DAY_MS && f.to > c.from - DAY_MS;

export interface RuleScore {
  rule: LeadRule | 'overall';
  planted: number;
  found: number;
  findings: number;
  truePositives: number;
  precision: number;
  recall: number;
}

export class Scoreboard {
  private readonly rows = new Map<LeadRule, Omit<RuleScore, 'rule' | 'precision' | 'recall'>>(
    detectedRules.map((r) => [r, { planted: 0, found: 0, findings: 0, truePositives: 0 }]),
  );
  /** Findings on mines with nothing planted (what glitches, gaps and restarts cost). */
  falseOnNormalMines = 0;

  private row(rule: LeadRule) {
    const row = this.rows.get(rule) ?? { planted: 0, found: 0, findings: 0, truePositives: 0 };
    this.rows.set(rule, row);
    return row;
  }

  add(mine: SyntheticMine, findings: Finding[]) {
    for (const c of mine.planted) {
      const row = this.row(c.rule);
      row.planted++;
      if (findings.some((f) => matches(f, c))) {
        row.found++;
      }
    }
    for (const f of findings) {
      const row = this.row(f.rule);
      row.findings++;
      if (mine.planted.some((c) => matches(f, c))) {
        row.truePositives++;
      } else if (mine.planted.length === 0) {
        this.falseOnNormalMines++;
      }
    }
  }

  scores(): RuleScore[] {
    const rate = (a: number, b: number) => (b === 0 ? 1 : a / b);
    const rows: RuleScore[] = [...this.rows].map(([rule, r]) => ({
      rule,
      ...r,
      precision: rate(r.truePositives, r.findings),
      recall: rate(r.found, r.planted),
    }));
    const sum = (k: 'planted' | 'found' | 'findings' | 'truePositives') =>
      rows.reduce((acc, r) => acc + r[k], 0);
    rows.push({
      rule: 'overall',
      planted: sum('planted'),
      found: sum('found'),
      findings: sum('findings'),
      truePositives: sum('truePositives'),
      precision: rate(sum('truePositives'), sum('findings')),
      recall: rate(sum('found'), sum('planted')),
    });
    return rows;
  }
}

/** Generates the set, runs every rule on it and scores the findings. */
export function runEvaluation(o: EvaluationSetOptions, rules: LeadRules) {
  const board = new Scoreboard();
  const misses: string[] = [];
  const falses: string[] = [];
  for (const mine of evaluationSet(o)) {
    const findings = evaluateMine(mine.frame, rules);
    board.add(mine, findings);
    for (const c of mine.planted) {
      if (!findings.some((f) => matches(f, c))) {
        misses.push(`${mine.frame.mineId} ${c.rule} ${c.note}`);
      }
    }
    for (const f of findings) {
      if (!mine.planted.some((c) => matches(f, c))) {
        falses.push(`${mine.frame.mineId} ${f.rule} ${f.summary}`);
      }
    }
  }
  return { scores: board.scores(), falseOnNormalMines: board.falseOnNormalMines, misses, falses };
}
