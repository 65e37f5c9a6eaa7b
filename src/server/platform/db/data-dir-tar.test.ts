/**
 * The data folder as a streamed tar (the embedded database's backup format): a folder comes back as it
 * was, and an archive that would write outside the folder, or that was cut short, is refused.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDataDirTar, writeDataDirTar } from './data-dir-tar.ts';

/** A one-file ustar archive as another tool could write it. */
function tarOf(name: string, content: Buffer): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100);
  h.write('0000644\0', 100);
  h.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.fill(0x20, 148, 156);
  h.write('0', 156);
  h.write('ustar\0' + '00', 257);
  const sum = h.reduce((a, b) => a + b, 0);
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const pad = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([h, content, pad, Buffer.alloc(1024)]);
}

async function listing(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const name = rel ? `${rel}/${e.name}` : e.name;
    out.push(e.isDirectory() ? `${name}/` : name);
    if (e.isDirectory()) {
      out.push(...(await listing(dir, name)));
    }
  }
  return out.sort();
}

describe('the data folder as a tar stream', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mw-tar-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('comes back as it was: files, empty folders, empty files, long paths, large files', async () => {
    const src = path.join(dir, 'src');
    const long = `base/${'d'.repeat(90)}/${'f'.repeat(60)}`;
    await mkdir(path.join(src, 'pg_tblspc'), { recursive: true });
    await mkdir(path.join(src, path.dirname(long)), { recursive: true });
    await writeFile(path.join(src, 'PG_VERSION'), '17\n');
    await writeFile(path.join(src, 'base/empty'), '');
    await writeFile(path.join(src, long), 'long');
    const big = randomBytes(3 * 1024 * 1024 + 7);
    await writeFile(path.join(src, 'base/1259'), big);

    const archive = path.join(dir, 'a.tgz');
    await writeDataDirTar(src, createWriteStream(archive));
    const dst = path.join(dir, 'dst');
    await extractDataDirTar(createReadStream(archive), dst, true);

    expect(await listing(dst)).toEqual(await listing(src));
    expect(readFileSync(path.join(dst, 'base/1259')).equals(big)).toBe(true);
    expect(readFileSync(path.join(dst, long), 'utf8')).toBe('long');
    expect(readFileSync(path.join(dst, 'PG_VERSION'), 'utf8')).toBe('17\n');
  });

  it('refuses an entry that would be written outside the folder', async () => {
    const dst = path.join(dir, 'inside');
    const archive = gzipSync(tarOf('../escaped', Buffer.from('x')));
    await expect(extractDataDirTar(Readable.from([archive]), dst, true)).rejects.toThrow(
      '越出数据目录',
    );
    expect(existsSync(path.join(dir, 'escaped'))).toBe(false);
  });

  it('refuses an archive that was cut short', async () => {
    const whole = tarOf('PG_VERSION', randomBytes(5000));
    await expect(
      extractDataDirTar(Readable.from([whole.subarray(0, 3000)]), path.join(dir, 'cut'), false),
    ).rejects.toThrow('不完整');
  });
});
