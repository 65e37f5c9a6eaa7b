/**
 * `npm run eval:leads`: precision and recall of every lead rule on the labelled synthetic set (issue 6
 * “Quality of detection”: recall ≥ 0.95 with precision ≥ 0.8). EVAL_NORMAL / EVAL_PER_RULE / EVAL_SEED
 * change the set; EVAL_VERBOSE=1 lists every miss and false lead.
 */
import { defaultLeadRules } from '../src/server/modules/leads/rules/lead-rules.model.ts';
import { runEvaluation } from '../src/server/modules/leads/evaluation.ts';

const start = Date.parse('2025-01-01T00:00:00+08:00');
const options = {
  seed: Number(process.env.EVAL_SEED ?? 20261123),
  normal: Number(process.env.EVAL_NORMAL ?? 400),
  perRule: Number(process.env.EVAL_PER_RULE ?? 60),
  start,
  days: 365,
};
const t0 = performance.now();
const result = runEvaluation(options, defaultLeadRules);
const seconds = (performance.now() - t0) / 1000;
console.log(
  `evaluation set: ${options.normal} normal mines + ${options.perRule} planted per rule, one year hourly (seed ${options.seed}), ${seconds.toFixed(1)} s`,
);
for (const s of result.scores) {
  console.log(
    `BENCH leads-eval ${s.rule} precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)} (planted ${s.planted}, found ${s.found}, findings ${s.findings}, true ${s.truePositives})`,
  );
}
console.log(`BENCH leads-eval false-leads-on-normal-mines ${result.falseOnNormalMines}`);
if (process.env.EVAL_VERBOSE) {
  console.log('\nmisses:\n' + result.misses.join('\n'));
  console.log('\nfalse leads:\n' + result.falses.join('\n'));
}
