/**
 * @module Reading a ZIP archive (PKWARE APPNOTE 6.3: end of central directory, central directory, local
 * headers; stored or deflated entries) whole in memory, defensively: every declared size is checked
 * against the limits before anything is inflated, inflation stops at the declared size, and each entry's
 * CRC-32 must match. Encrypted entries, ZIP64, nested archives, split archives and other compression
 * methods are refused with the entry's name and why; nothing of a refused archive is returned.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { AppError, AppErrorCode } from '../errors.ts';

/** How much an archive may hold. */
export interface ZipLimits {
  /** Entries (files; folders not counted). */
  entriesMax: number;
  /** Bytes one entry may inflate to. */
  entryBytesMax: number;
  /** Bytes all entries together may inflate to. */
  totalBytesMax: number;
}

export interface ZipEntry {
  /** The entry's name without its folders. */
  name: string;
  data: Buffer;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Whether bytes begin like a ZIP archive (a local header or an empty archive's end record). */
export function looksLikeZip(data: Uint8Array): boolean {
  return (
    data.length >= 4 &&
    data[0] === 0x50 &&
    data[1] === 0x4b &&
    ((data[2] === 3 && data[3] === 4) || (data[2] === 5 && data[3] === 6))
  );
}

function refuse(archive: string, message: string, tooLarge = false): AppError {
  return new AppError(
    tooLarge ? AppErrorCode.PayloadTooLarge : AppErrorCode.ValidationFailed,
    `压缩包 ${archive} 无法接收: ${message}`,
    [{ path: 'file', message, value: archive }],
  );
}

/** The files of a ZIP archive, or the 400/413 naming what is wrong with it. */
export function readZip(archive: string, data: Buffer, limits: ZipLimits): ZipEntry[] {
  const end = findEnd(data);
  if (end < 0) {
    throw refuse(archive, '不是完整的 ZIP 文件 (找不到中央目录结束记录)');
  }
  const disk = data.readUInt16LE(end + 4);
  const cdDisk = data.readUInt16LE(end + 6);
  const count = data.readUInt16LE(end + 10);
  const cdSize = data.readUInt32LE(end + 12);
  const cdOffset = data.readUInt32LE(end + 16);
  if (disk !== 0 || cdDisk !== 0) {
    throw refuse(archive, '不支持分卷压缩包');
  }
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw refuse(archive, '不支持 ZIP64 格式');
  }
  if (cdOffset + cdSize > end) {
    throw refuse(archive, '中央目录超出文件范围');
  }
  if (count > limits.entriesMax) {
    throw refuse(archive, `文件数 ${count} 超过上限 ${limits.entriesMax}`, true);
  }
  const planned: {
    name: string;
    method: number;
    crc: number;
    comp: number;
    size: number;
    local: number;
  }[] = [];
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || data.readUInt32LE(p) !== CENTRAL) {
      throw refuse(archive, `中央目录第 ${i + 1} 项损坏`);
    }
    const flags = data.readUInt16LE(p + 8);
    const method = data.readUInt16LE(p + 10);
    const crc = data.readUInt32LE(p + 16);
    const comp = data.readUInt32LE(p + 20);
    const size = data.readUInt32LE(p + 24);
    const nameLen = data.readUInt16LE(p + 28);
    const extraLen = data.readUInt16LE(p + 30);
    const commentLen = data.readUInt16LE(p + 32);
    const local = data.readUInt32LE(p + 42);
    const rawName = data.subarray(p + 46, p + 46 + nameLen);
    const fullName = rawName.toString(flags & 0x800 ? 'utf8' : 'latin1');
    p += 46 + nameLen + extraLen + commentLen;
    if (fullName.endsWith('/')) {
      continue;
    }
    const name = fullName.slice(
      Math.max(fullName.lastIndexOf('/'), fullName.lastIndexOf('\\')) + 1,
    );
    if (flags & 0x1) {
      throw refuse(archive, `${name} 已加密`);
    }
    if (method !== 0 && method !== 8) {
      throw refuse(archive, `${name} 的压缩方法 ${method} 不受支持 (仅支持存储与 Deflate)`);
    }
    if (comp === 0xffffffff || size === 0xffffffff) {
      throw refuse(archive, '不支持 ZIP64 格式');
    }
    if (size > limits.entryBytesMax) {
      throw refuse(
        archive,
        `${name} 解压后 ${size} 字节, 超过单个文件上限 ${limits.entryBytesMax}`,
        true,
      );
    }
    total += size;
    if (total > limits.totalBytesMax) {
      throw refuse(archive, `解压后总大小超过上限 ${limits.totalBytesMax} 字节`, true);
    }
    planned.push({ name, method, crc, comp, size, local });
  }
  return planned.map((e) => {
    if (e.local + 30 > data.length || data.readUInt32LE(e.local) !== LOCAL) {
      throw refuse(archive, `${e.name} 的本地文件头损坏`);
    }
    const start = e.local + 30 + data.readUInt16LE(e.local + 26) + data.readUInt16LE(e.local + 28);
    if (start + e.comp > data.length) {
      throw refuse(archive, `${e.name} 的数据超出文件范围`);
    }
    const raw = data.subarray(start, start + e.comp);
    let out: Buffer;
    try {
      out =
        e.method === 0
          ? Buffer.from(raw)
          : inflateRawSync(raw, { maxOutputLength: Math.max(e.size, 1) });
    } catch {
      throw refuse(archive, `${e.name} 解压失败或大于其声明的大小`);
    }
    if (out.length !== e.size || crc32(out) !== e.crc) {
      throw refuse(archive, `${e.name} 的大小或校验码与目录不符`);
    }
    if (looksLikeZip(out)) {
      throw refuse(archive, `${e.name} 是压缩包: 不接收嵌套的压缩包`);
    }
    return { name: e.name, data: out };
  });
}

function findEnd(data: Buffer): number {
  const stop = Math.max(0, data.length - 22 - 0xffff);
  for (let i = data.length - 22; i >= stop; i--) {
    if (data.readUInt32LE(i) === EOCD) {
      return i;
    }
  }
  return -1;
}

/** A ZIP archive of the entries, deflated (for tests and for sending files on). */
export function writeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const comp = deflateRawSync(e.data);
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(comp.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(comp.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, comp);
    centrals.push(central, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
