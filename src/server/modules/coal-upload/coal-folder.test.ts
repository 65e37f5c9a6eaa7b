/**
 * The drop folder (issue 22 §3b) in-process on both engines: settled files taken in the time of their
 * names, definitions first; each one's report beside it in done/ or rejected/; a file still being
 * written left for later; and a pass cut off between storing a file and moving it (a crash) loses and
 * duplicates nothing — the file answers as a duplicate, its first report is kept.
 */
import { mkdtemp, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.ts';
import {
  createWorldDatabase,
  engines,
  type TestDatabase,
} from '../../../../test/helpers/test-database.ts';
import type { World } from '../../../../test/helpers/world.ts';
import { queryRows } from '../../platform/db/client.ts';
import { writeZip } from '../../platform/files/zip.ts';
import type { MonitoringEngine } from '../monitoring/monitoring.engine.ts';
import { buildCoalFixture } from './coal-file.factory.ts';
import { processFolder } from './coal-folder.ts';
import { CODE_A, connectWorld } from './coal-upload.fixtures.ts';

describe.each(engines)('the drop folder (%s)', (engine) => {
  let t: TestDatabase;
  let world: World;
  let engineOf: MonitoringEngine;
  let close: () => Promise<void>;
  let dir: string;
  const count = async (q: string) =>
    (await queryRows<{ n: number }>(t.database.db, sql.raw(q)))[0]?.n ?? 0;
  const drop = async (name: string, data: Buffer | string, ageMs = 60_000) => {
    const file = path.join(dir, name);
    await writeFile(file, data);
    const at = new Date(Date.now() - ageMs);
    await utimes(file, at, at);
  };

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    const built = await createTestApp(t);
    engineOf = built.ctx.monitoring.engine;
    close = () => built.app.close();
    await connectWorld(t.deps, world);
    dir = await mkdtemp(path.join(tmpdir(), 'mw-drop-'));
  });
  afterAll(async () => {
    await close?.();
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('takes settled files in name-time order, definitions first, and moves each with its report to done/ or rejected/', async () => {
    const def = buildCoalFixture('CDDY', {
      mineCode: CODE_A,
      time: '2026-11-22 09:00:00',
      records: [
        {
          测点编码: 'W01',
          传感器类型: '0001',
          数值类型: 'MN',
          上限报警门限: '1.0',
          上限断电门限: '1.5',
        },
      ],
    });
    const reading = (time: string) =>
      buildCoalFixture('CDSS', {
        mineCode: CODE_A,
        time,
        records: [{ 测点编码: 'W01', 测点值: '0.4', 测点状态: '0', 数据时间: time }],
      });
    const second = reading('2026-11-22 09:59:20');
    const first = reading('2026-11-22 09:00:00');
    await drop(second.name, second.data);
    await drop(first.name, first.data);
    await drop(def.name, def.data);
    // A ZIP of one file, a file refused whole, and one still being written (changed just now).
    const zipped = reading('2026-11-22 09:59:30');
    await drop('batch-0959.zip', writeZip([{ name: zipped.name, data: zipped.data }]));
    await drop('140981000001_CDSS_20261122095940.txt', 'not a coal file');
    const fresh = reading('2026-11-22 09:59:50');
    await drop(fresh.name, fresh.data, 0);
    await drop('.upload.part', 'x');

    const pass = await processFolder(t.deps, engineOf, dir, { settleMs: 5_000 });
    // The ZIP's file (09:59:30) is taken in its time, among the others.
    expect(pass.files.map((f) => [f.name, f.to])).toEqual([
      [def.name, 'done'],
      [first.name, 'done'],
      [second.name, 'done'],
      ['batch-0959.zip', 'done'],
      ['140981000001_CDSS_20261122095940.txt', 'rejected'],
    ]);
    expect(pass.waiting).toBe(1);
    expect(pass.files[3]?.reports).toEqual([
      expect.objectContaining({ file: zipped.name, status: 'stored', stored: 1 }),
    ]);
    const done = await readdir(path.join(dir, 'done'));
    expect(done.sort()).toEqual(
      ['batch-0959.zip', def.name, first.name, second.name]
        .flatMap((n) => [n, `${n}.report.json`])
        .sort(),
    );
    const report = JSON.parse(
      await readFile(path.join(dir, 'done', `${first.name}.report.json`), 'utf8'),
    ) as {
      reports: { status: string; stored: number }[];
    };
    expect(report.reports).toEqual([expect.objectContaining({ status: 'stored', stored: 1 })]);
    const rejected = JSON.parse(
      await readFile(
        path.join(dir, 'rejected', '140981000001_CDSS_20261122095940.txt.report.json'),
        'utf8',
      ),
    ) as { reports: { problems: { reason: string }[] }[] };
    expect(rejected.reports[0]?.problems[0]?.reason).toContain('末尾没有结束标志');
    // The file still being written stays for a later pass.
    expect((await readdir(dir)).filter((n) => n.endsWith('.txt'))).toEqual([fresh.name]);
  });

  it('a pass cut off after storing a file but before moving it: the next pass stores nothing twice and keeps the first report', async () => {
    const f = buildCoalFixture('CDSS', {
      mineCode: CODE_A,
      time: '2026-11-22 09:58:00',
      records: [{ 测点编码: 'W01', 测点值: '0.5', 测点状态: '0', 数据时间: '2026-11-22 09:58:00' }],
    });
    await drop(f.name, f.data);
    await processFolder(t.deps, engineOf, dir, { settleMs: 5_000 });
    const before = {
      files: await count('SELECT count(*)::int AS n FROM coal_files'),
      readings: await count('SELECT count(*)::int AS n FROM readings'),
    };
    // The crash: the report is written, the file was never moved.
    await rename(path.join(dir, 'done', f.name), path.join(dir, f.name));
    const again = await processFolder(t.deps, engineOf, dir, { settleMs: 5_000 });
    expect(again.files.find((x) => x.name === f.name)?.reports[0]?.status).toBe('duplicate');
    expect({
      files: await count('SELECT count(*)::int AS n FROM coal_files'),
      readings: await count('SELECT count(*)::int AS n FROM readings'),
    }).toEqual(before);
    const kept = JSON.parse(
      await readFile(path.join(dir, 'done', `${f.name}.report.json`), 'utf8'),
    ) as {
      reports: { status: string }[];
    };
    expect(kept.reports[0]?.status).toBe('stored');
    expect(await readdir(path.join(dir, 'done'))).not.toContain(`${f.name}.1`);
  });
});
