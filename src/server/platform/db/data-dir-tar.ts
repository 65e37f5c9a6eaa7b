/**
 * @module A PGlite data folder as a gzipped tar stream and back, file by file, so that a backup of a
 * large database needs no more memory than one buffer (PGlite's own dumpDataDir builds the whole archive
 * in memory). The archive is plain ustar, the layout PGlite's dumpDataDir writes and loadDataDir reads.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

const BLOCK = 512;

function writeString(h: Buffer, offset: number, length: number, value: string): void {
  h.write(value, offset, length, 'utf8');
}

function writeOctal(h: Buffer, offset: number, length: number, value: number): void {
  h.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'ascii');
}

/** A ustar header; names longer than 100 bytes are split into prefix and name at a slash. */
function tarHeader(name: string, size: number, mode: number, mtime: Date, dir: boolean): Buffer {
  const h = Buffer.alloc(BLOCK);
  let prefix = '';
  let rest = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 155);
    prefix = name.slice(0, cut);
    rest = name.slice(cut + 1);
    if (cut < 0 || Buffer.byteLength(prefix) > 155 || Buffer.byteLength(rest) > 100) {
      throw new Error(`path too long for a tar archive: ${name}`);
    }
  }
  writeString(h, 0, 100, rest);
  writeOctal(h, 100, 8, mode & 0o7777);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeOctal(h, 124, 12, size);
  writeOctal(h, 136, 12, Math.floor(mtime.getTime() / 1000));
  h.fill(0x20, 148, 156);
  h.write(dir ? '5' : '0', 156, 1, 'ascii');
  h.write('ustar\0', 257, 6, 'ascii');
  h.write('00', 263, 2, 'ascii');
  writeString(h, 345, 155, prefix);
  let sum = 0;
  for (const b of h) {
    sum += b;
  }
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return h;
}

/**
 * Writes the folder `dir` as a gzipped tar into `out` (and ends it). The caller keeps the database from
 * writing meanwhile (backup.ts holds PGlite's mutexes).
 */
export async function writeDataDirTar(dir: string, out: Writable): Promise<void> {
  // The fastest level: the database waits while its folder is read (a tenth larger than level 6, half the time).
  const gzip = zlib.createGzip({ level: zlib.constants.Z_BEST_SPEED });
  const done = pipeline(gzip, out);
  const put = async (chunk: Buffer) => {
    if (!gzip.write(chunk)) {
      await once(gzip, 'drain');
    }
  };
  const chunk = Buffer.alloc(1 << 20);
  const walk = async (rel: string): Promise<void> => {
    const entries = await fs.promises.readdir(path.join(dir, rel), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const name = rel ? `${rel}/${e.name}` : e.name;
      const full = path.join(dir, name);
      const st = await fs.promises.stat(full);
      if (e.isDirectory()) {
        await put(tarHeader(name, 0, st.mode, st.mtime, true));
        await walk(name);
      } else if (e.isFile()) {
        await put(tarHeader(name, st.size, st.mode, st.mtime, false));
        const fh = await fs.promises.open(full, 'r');
        try {
          let left = st.size;
          while (left > 0) {
            const { bytesRead } = await fh.read(chunk, 0, Math.min(chunk.length, left), null);
            if (bytesRead === 0) {
              throw new Error(`${full} shrank while it was archived`);
            }
            await put(Buffer.from(chunk.subarray(0, bytesRead)));
            left -= bytesRead;
          }
        } finally {
          await fh.close();
        }
        const pad = (BLOCK - (st.size % BLOCK)) % BLOCK;
        if (pad) {
          await put(Buffer.alloc(pad));
        }
      }
    }
  };
  try {
    await walk('');
    gzip.end(Buffer.alloc(2 * BLOCK));
  } catch (e) {
    gzip.destroy(e as Error);
  }
  await done;
}

function readString(h: Buffer, offset: number, length: number): string {
  const end = h.indexOf(0, offset);
  return h.toString('utf8', offset, end < 0 || end > offset + length ? offset + length : end);
}

/** The place inside `dir` of an archived path; refuses paths that would leave it. */
function entryPath(dir: string, name: string): string {
  const rel = path.posix.normalize(name.replace(/^\/+/, ''));
  if (rel === '.' || rel === '') {
    return dir;
  }
  if (rel.startsWith('../') || rel === '..' || name.includes('\0')) {
    throw new Error(`备份中有越出数据目录的路径 (a path outside the folder): ${name}`);
  }
  return path.join(dir, ...rel.split('/'));
}

/**
 * Unpacks a tar of a data folder (gzipped or not) into the new folder `dir`: files and folders only
 * (links and devices are refused), every path inside `dir`.
 */
export async function extractDataDirTar(
  input: Readable,
  dir: string,
  gzipped: boolean,
): Promise<void> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  let pending: Buffer = Buffer.alloc(0);
  let file: { fd: number; left: number; pad: number } | undefined;
  let skip = 0;
  let ended = false;
  const consume = (data: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, data]) : data;
    for (;;) {
      if (ended) {
        return;
      }
      if (skip > 0) {
        const n = Math.min(skip, pending.length);
        pending = pending.subarray(n);
        skip -= n;
        if (skip > 0) {
          return;
        }
      }
      if (file) {
        const n = Math.min(file.left, pending.length);
        fs.writeSync(file.fd, pending, 0, n);
        pending = pending.subarray(n);
        file.left -= n;
        if (file.left > 0) {
          return;
        }
        fs.closeSync(file.fd);
        skip = file.pad;
        file = undefined;
        continue;
      }
      if (pending.length < BLOCK) {
        return;
      }
      const h = pending.subarray(0, BLOCK);
      pending = pending.subarray(BLOCK);
      if (h.every((b) => b === 0)) {
        ended = true;
        return;
      }
      const size = parseInt(readString(h, 124, 12).trim() || '0', 8);
      const type = String.fromCharCode(h[156] ?? 0);
      const magic = h.toString('ascii', 257, 262);
      const prefix = magic === 'ustar' ? readString(h, 345, 155) : '';
      const name = prefix ? `${prefix}/${readString(h, 0, 100)}` : readString(h, 0, 100);
      if (!Number.isFinite(size) || size < 0) {
        throw new Error(`备份中的条目大小无效 (bad entry size): ${name}`);
      }
      const pad = (BLOCK - (size % BLOCK)) % BLOCK;
      if (type === '5') {
        fs.mkdirSync(entryPath(dir, name), { recursive: true, mode: 0o700 });
      } else if (type === '0' || type === '\0') {
        const target = entryPath(dir, name);
        fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
        file = { fd: fs.openSync(target, 'wx', 0o600), left: size, pad };
        if (size === 0) {
          fs.closeSync(file.fd);
          file = undefined;
          skip = pad;
        }
      } else if (type === 'x' || type === 'g') {
        skip = size + pad; // pax headers: nothing a data folder needs
      } else {
        throw new Error(`备份中有数据目录不应有的条目 (type ${type}): ${name}`);
      }
    }
  };
  try {
    const source = gzipped ? input.pipe(zlib.createGunzip()) : input;
    input.on('error', (e) => source.destroy(e));
    for await (const data of source) {
      consume(data as Buffer);
    }
  } finally {
    if (file) {
      fs.closeSync(file.fd);
    }
  }
  if (!ended) {
    throw new Error('备份文件不完整 (the archive is truncated)');
  }
}
