/**
 * What a superior's answer means for each forwarded file (pure), the retry delays, and writing into a
 * folder whole: delivered, retried (mends by itself) or rejected for good.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoalFileReport } from '../../../shared/coal-upload.schemas.ts';
import { retryDelaySeconds } from './coal-forward.job.ts';
import { folderSender, outcomesOf } from './coal-forward.send.ts';
import { buildCoalFixture } from './coal-file.factory.ts';

const report = (file: string, status: CoalFileReport['status'], problems = []): CoalFileReport => ({
  file,
  type: 'FZDY',
  mineCode: '140981000001',
  status,
  records: 1,
  stored: status === 'stored' ? 1 : 0,
  duplicates: status === 'duplicate' ? 1 : 0,
  refused: 0,
  problems,
  warnings: [],
});

describe('a superior’s answer, file by file', () => {
  const names = ['a.txt', 'b.txt', 'c.txt'];

  it('2xx: stored and duplicate are delivered, a file refused for its content is rejected with the reasons, a 煤矿编码 the superior lacks is retried', () => {
    const body = {
      files: [
        report('c.txt', 'duplicate'),
        report('a.txt', 'stored'),
        {
          ...report('b.txt', 'refused'),
          problems: [{ record: 2, field: '测点值', reason: '须为数字', value: 'x' }],
        },
      ],
    };
    expect(outcomesOf(200, body, '', names)).toEqual([
      { kind: 'delivered' },
      { kind: 'rejected', reason: '上级平台拒收: 第2条 测点值: 须为数字' },
      { kind: 'delivered' },
    ]);
    const unregistered = {
      files: [
        {
          ...report('a.txt', 'refused'),
          problems: [{ record: null, field: '煤矿编码', reason: '煤矿编码 140981000001 未登记' }],
        },
      ],
    };
    expect(outcomesOf(200, unregistered, '', ['a.txt'])).toEqual([
      { kind: 'retry', error: '上级平台: 煤矿编码 140981000001 未登记' },
    ]);
  });

  it('2xx without a report for a file, or an answer that is not a report, is retried', () => {
    expect(outcomesOf(200, { files: [report('a.txt', 'stored')] }, '', ['a.txt', 'b.txt'])).toEqual(
      [{ kind: 'delivered' }, { kind: 'retry', error: '上级平台的答复中没有该文件' }],
    );
    expect(outcomesOf(200, null, '<html>', ['a.txt'])).toEqual([
      { kind: 'retry', error: '上级平台的答复无法识别 (HTTP 200)' },
    ]);
  });

  it('401/403 (the token), 404, 429 and 5xx are retried; 400/413/415/422 reject a file sent alone, and a request of several is retried', () => {
    const err = { code: 'unauthorized', message: '令牌无效' };
    for (const status of [401, 403]) {
      expect(outcomesOf(status, err, '', ['a.txt'])).toEqual([
        { kind: 'retry', error: `上级平台不接受令牌 (HTTP ${status}): 令牌无效` },
      ]);
    }
    for (const status of [404, 429, 500, 502, 503]) {
      expect(outcomesOf(status, null, 'busy', ['a.txt'])[0]).toEqual({
        kind: 'retry',
        error: `上级平台未接收 (HTTP ${status}): busy`,
      });
    }
    for (const status of [400, 413, 415, 422]) {
      expect(outcomesOf(status, { message: '文件过大' }, '', ['a.txt'])).toEqual([
        { kind: 'rejected', reason: `上级平台拒收 (HTTP ${status}): 文件过大` },
      ]);
      expect(outcomesOf(status, { message: '文件过大' }, '', names).map((o) => o.kind)).toEqual([
        'retry',
        'retry',
        'retry',
      ]);
    }
  });

  it('retries wait 30 s, doubling, at most an hour', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map(retryDelaySeconds)).toEqual([
      30, 60, 120, 240, 1920, 3600, 3600,
    ]);
  });
});

describe('writing into a folder', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'coal-forward-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes each file whole under its name (no temporary file left); the same file again is delivered, another of that name waits', async () => {
    const a = buildCoalFixture('FZDY', { time: '2026-11-22 09:00:00' });
    const b = buildCoalFixture('FZSS', { time: '2026-11-22 09:00:10' });
    const send = folderSender(dir);
    expect(await send([a, b])).toEqual([{ kind: 'delivered' }, { kind: 'delivered' }]);
    expect((await readdir(dir)).sort()).toEqual([a.name, b.name].sort());
    expect(await readFile(path.join(dir, a.name))).toEqual(a.data);
    expect(await send([a])).toEqual([{ kind: 'delivered' }]);
    const changed = { name: a.name, data: Buffer.concat([a.data, Buffer.from(' ')]) };
    const later = buildCoalFixture('FZSS', { time: '2026-11-22 09:00:20' });
    expect(await send([changed, later])).toEqual([
      { kind: 'retry', error: '目录中已有同名文件尚未被取走' },
      { kind: 'retry', error: '等待同一煤矿此前的文件' },
    ]);
    expect(await readFile(path.join(dir, a.name))).toEqual(a.data);
  });

  it('a folder it cannot write is retried with the reason; a name that is not a plain file name is refused', async () => {
    const blocked = path.join(dir, 'not-a-dir');
    await writeFile(blocked, 'x');
    const f = buildCoalFixture('FZDY', { time: '2026-11-22 09:01:00' });
    const [o] = await folderSender(blocked)([f]);
    expect(o).toMatchObject({ kind: 'retry', error: expect.stringContaining('无法写入目录') });
    expect(await folderSender(dir)([{ name: '../x.txt', data: f.data }])).toEqual([
      { kind: 'rejected', reason: '文件名不能写入目录: ../x.txt' },
    ]);
  });
});
