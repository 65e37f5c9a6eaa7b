/**
 * `npm run bench:leads`: every lead rule over one year of hourly series for 20,000 mines (issue 6). The
 * series come from the labelled synthetic generator; generating 20,000 distinct years would take longer
 * than evaluating them, so BENCH_POOL distinct mines (default 1,000, about 6 % of them with a planted
 * case) are generated first, untimed, and the 20,000 evaluations cycle through them. The rules keep no
 * state between mines, so each evaluation does the full work. BENCH_MINES changes the count.
 */
import { defaultLeadRules } from '../src/server/modules/leads/rules/lead-rules.model.ts';
import { evaluationSet } from '../src/server/modules/leads/evaluation.ts';
import { evaluateMine } from '../src/server/modules/leads/rules/evaluate.ts';

const mines = Number(process.env.BENCH_MINES ?? 20_000);
const pool = Number(process.env.BENCH_POOL ?? 1_000);
const start = Date.parse('2025-01-01T00:00:00+08:00');
const perRule = Math.max(1, Math.round(pool * 0.012));
const frames = [
  ...evaluationSet({ seed: 7, normal: pool - 5 * perRule, perRule, start, days: 365 }),
].map((m) => m.frame);
console.log(`generated ${frames.length} distinct mine-years of hourly series (untimed)`);

let findings = 0;
const t0 = performance.now();
for (let i = 0; i < mines; i++) {
  const frame = frames[i % frames.length];
  findings += frame ? evaluateMine(frame, defaultLeadRules).length : 0;
}
const seconds = (performance.now() - t0) / 1000;
console.log(`${mines} mines × 365 days × 24 h, all five rules: ${findings} findings`);
console.log(`BENCH leads-evaluate-20000-mine-years ${seconds.toFixed(1)} s`);
console.log(`BENCH leads-evaluate-per-mine-year ${((seconds * 1e3) / mines).toFixed(2)} ms`);
