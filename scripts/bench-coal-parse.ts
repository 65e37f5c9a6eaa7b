/**
 * Benchmark: the strict parser of the national coal upload files on one core (issue 22 target: ≥ 1,000,000
 * CDSS records/s). Parses one generated CDSS file of BENCH_RECORDS records (default 1,000,000: 2,000
 * methane points every 10 s, ~89 MB of UTF-8 with Chinese names) from its bytes — UTF-8 check, decoding,
 * framing, every field checked, typed records kept — BENCH_RUNS times (default 5) and takes the median;
 * then one realistic file (a mine's 2,000-point snapshot) for scale. The npm script runs Node with
 * --single-threaded-gc, so the garbage collector works on the same thread and the process's CPU time is
 * one core's time: the rate is given per CPU second (what one core does, whatever else the machine runs)
 * and per wall-clock second (the same on an idle machine). Prints
 * `BENCH coal-parse cdss <n> records/s` (per CPU second).
 */
import { buildCdssText } from '../src/server/modules/coal-upload/coal-file.factory.ts';
import { parseCoalFile } from '../src/server/modules/coal-upload/coal.parse.ts';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const NAME = '140981000001_CDSS_20261122100000.txt';

const gc = (globalThis as { gc?: () => void }).gc;
const data = Buffer.from(buildCdssText(RECORDS), 'utf8');
const snapshot = Buffer.from(buildCdssText(2000), 'utf8');

/** Parses `bytes` once: wall-clock and CPU milliseconds. */
function parse(bytes: Buffer, expected: number): { wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const r = parseCoalFile(NAME, bytes);
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  if (!r.ok || r.file.records.length !== expected) {
    throw new Error(
      `parse failed: ${JSON.stringify(r.ok ? r.file.records.length : r.problems[0])}`,
    );
  }
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

// Warm-up: the parser compiled and optimised before the timed runs.
for (let i = 0; i < 50; i++) {
  parse(snapshot, 2000);
}
const runs: { wall: number; cpu: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  gc?.();
  runs.push(parse(data, RECORDS));
}
const cpu = median(runs.map((r) => r.cpu));
const wall = median(runs.map((r) => r.wall));
const small = median(Array.from({ length: 200 }, () => parse(snapshot, 2000).cpu));
console.log(
  `${RECORDS} CDSS records, ${(data.length / 1e6).toFixed(0)} MB, ${RUNS} runs: median ${cpu.toFixed(0)} ms CPU (${runs.map((r) => r.cpu.toFixed(0)).join(', ')}), ${wall.toFixed(0)} ms wall-clock (${runs.map((r) => r.wall.toFixed(0)).join(', ')})`,
);
console.log(`per wall-clock second: ${Math.round((RECORDS / wall) * 1000)} records/s`);
console.log(
  `one mine's 2,000-point CDSS file (${(snapshot.length / 1e3).toFixed(0)} kB): median ${small.toFixed(2)} ms CPU`,
);
console.log(`BENCH coal-parse cdss ${Math.round((RECORDS / cpu) * 1000)} records/s`);
