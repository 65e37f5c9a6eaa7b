/**
 * Benchmark: the strict parser of the national coal upload files on one core (issue 22 target: ≥ 1,000,000
 * CDSS records/s). Parses one generated CDSS file of BENCH_RECORDS records (default 1,000,000: 2,000
 * methane points every 10 s, ~89 MB of UTF-8 with Chinese names) from its bytes — UTF-8 check, decoding,
 * framing, every field checked, typed records — BENCH_RUNS times (default 5) and takes the median; then
 * one realistic file (a mine's 2,000-point snapshot) for scale. Prints
 * `BENCH coal-parse cdss <n> records/s`.
 */
import { buildCdssText } from '../src/server/modules/coal-upload/coal-file.factory.ts';
import { parseCoalFile } from '../src/server/modules/coal-upload/coal.parse.ts';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const NAME = '140981000001_CDSS_20261122100000.txt';

const gc = (globalThis as { gc?: () => void }).gc;
const data = Buffer.from(buildCdssText(RECORDS), 'utf8');
const snapshot = Buffer.from(buildCdssText(2000), 'utf8');

function parse(bytes: Buffer, expected: number): number {
  const start = performance.now();
  const r = parseCoalFile(NAME, bytes);
  const ms = performance.now() - start;
  if (!r.ok || r.file.records.length !== expected) {
    throw new Error(
      `parse failed: ${JSON.stringify(r.ok ? r.file.records.length : r.problems[0])}`,
    );
  }
  return ms;
}

// Warm-up: the parser compiled and optimised before the timed runs.
for (let i = 0; i < 50; i++) {
  parse(snapshot, 2000);
}
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  gc?.();
  times.push(parse(data, RECORDS));
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;
const small: number[] = [];
for (let i = 0; i < 200; i++) {
  small.push(parse(snapshot, 2000));
}
small.sort((a, b) => a - b);
console.log(
  `${RECORDS} CDSS records, ${(data.length / 1e6).toFixed(0)} MB: median ${median.toFixed(0)} ms of ${RUNS} runs (${times.map((t) => t.toFixed(0)).join(', ')} ms)`,
);
console.log(
  `one mine's 2,000-point CDSS file (${(snapshot.length / 1e3).toFixed(0)} kB): median ${(small[100] ?? 0).toFixed(2)} ms`,
);
console.log(`BENCH coal-parse cdss ${Math.round((RECORDS / median) * 1000)} records/s`);
