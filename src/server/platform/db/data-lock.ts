/**
 * @module The lock on an embedded database's data folder. PGlite lets one process at a time open a
 * folder: a second one fails at its first query ("Failed query: ANALYZE") or, worse, writes beside the
 * first and leaves the folder unrecoverable. Whoever opens the folder holds `<folder>.lock`, a file
 * naming its pid; a lock whose process is gone (killed, power cut) is taken over, and the lock is
 * released when the database is closed or the process exits.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError, AppErrorCode } from '../errors.ts';

/** Who holds a data folder: what the lock file says. */
export interface DataLockHolder {
  pid: number;
  hostname: string;
  /** The minewatch command holding it, e.g. `serve` or `jobs run` (never its options). */
  command: string;
  /** When the lock was taken (ISO 8601). */
  since: string;
  /** The holder's start time in clock ticks since boot (Linux), so that a reused pid is not taken for it. */
  processStart?: string | undefined;
  /** A random token: the holder's child processes borrow the lock with it (MINEWATCH_DATA_LOCK). */
  token: string;
  /** The local socket where the holder (a running server) takes requests such as a backup. */
  control?: string | undefined;
}

/** A held lock on a data folder. */
export interface DataLock {
  /** The lock file. */
  file: string;
  /** What the lock file says. */
  holder: DataLockHolder;
  /** Borrowed from the parent process (the server's seed child): release leaves the lock to the parent. */
  borrowed: boolean;
  /** Records in the lock file where the holder takes control requests. */
  setControl(socket: string): void;
  /** Removes the lock file if it is still ours; harmless twice. */
  release(): void;
}

/** The environment variable through which a holder lends its lock to a child process. */
export const DATA_LOCK_ENV = 'MINEWATCH_DATA_LOCK';

/** A data folder held by another live process: the error names it, in Chinese first. */
export class DataFolderLockedError extends AppError {
  readonly holder: DataLockHolder | undefined;

  constructor(dataDir: string, holder: DataLockHolder | undefined) {
    const who = holder
      ? `进程 ${holder.pid} (minewatch ${holder.command}, 自 ${holder.since} 起${
          holder.hostname === os.hostname() ? '' : `, 主机 ${holder.hostname}`
        })`
      : '另一进程 (正在取得锁)';
    super(
      AppErrorCode.Conflict,
      `数据目录 ${dataDir} 正被${who}使用: 嵌入式数据库 PGlite 同一时间只能由一个进程打开。` +
        `请等它结束或先停止它; 服务运行期间请在网页或 API 中操作, 备份用 minewatch backup <文件>。` +
        ` (The data folder is in use by ${holder ? `process ${holder.pid} (minewatch ${holder.command})` : 'another process'}; stop it first.)`,
      [{ path: 'DATA_DIR', message: holder ? `锁文件 ${dataLockFile(dataDir)}` : '锁正被取得' }],
    );
    this.holder = holder;
  }
}

/** The lock file of a data folder: beside it, so that a restore can replace the folder while holding it. */
export function dataLockFile(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

/** The locks this process holds (lock file → holder), released at exit. */
const heldHere = new Map<string, DataLockHolder>();
let exitHook = false;

/** The process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), where there is /proc. */
function processStat(pid: number): { state: string; start: string } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', start: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

/** The minewatch command words of this process (`serve`, `jobs run`), without options or their values. */
export function commandOf(argv: string[] = process.argv): string {
  const words: string[] = [];
  for (const a of argv.slice(2)) {
    if (a.startsWith('-') || words.length === 2) {
      break;
    }
    words.push(a);
  }
  return words.join(' ') || path.basename(argv[1] ?? 'node');
}

function newHolder(): DataLockHolder {
  return {
    pid: process.pid,
    hostname: os.hostname(),
    command: commandOf(process.argv),
    since: new Date().toISOString(),
    processStart: processStat(process.pid)?.start,
    token: randomBytes(16).toString('hex'),
  };
}

/** Reads a lock file: its holder, `undefined` when there is none, 'unreadable' when it is not a lock. */
export function readDataLock(file: string): DataLockHolder | undefined | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw e;
  }
  try {
    const h = JSON.parse(text) as Partial<DataLockHolder>;
    if (typeof h.pid === 'number' && typeof h.token === 'string') {
      return h as DataLockHolder;
    }
  } catch {
    // fall through
  }
  return 'unreadable';
}

/**
 * Whether the process a lock names still runs. A process on another host cannot be checked and counts as
 * alive; on this host it is gone when signalling it finds nothing, when it is a zombie, or when its pid now
 * belongs to a process started at another time (a container restarted with the same pid).
 */
function holderAlive(file: string, h: DataLockHolder): boolean {
  if (h.hostname !== os.hostname()) {
    return true;
  }
  if (h.pid === process.pid) {
    return heldHere.get(file)?.token === h.token;
  }
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') {
      return false;
    }
  }
  const stat = processStat(h.pid);
  if (stat && (stat.state === 'Z' || (h.processStart && stat.start !== h.processStart))) {
    return false;
  }
  return true;
}

/** Writes a file that must not exist yet, whole or not at all (a hard link of a complete file). */
function createExclusive(file: string, content: string): boolean {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      return false;
    }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') {
      throw e;
    }
    // A file system without hard links: exclusive create, then write (briefly empty; see 'unreadable').
    try {
      fs.writeFileSync(file, content, { flag: 'wx', mode: 0o600 });
      return true;
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') {
        return false;
      }
      throw e2;
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** An unreadable lock older than this was left half-written by a process that died (no hard links). */
const UNREADABLE_STALE_MS = 10_000;

/**
 * Removes a stale lock under a short-lived guard file, so that of two processes finding the same stale
 * lock only one removes it (the other would otherwise remove the lock the first has just taken).
 */
function removeStale(file: string, stale: DataLockHolder | 'unreadable'): void {
  const guard = `${file}.takeover`;
  if (!createExclusive(guard, JSON.stringify(newHolder()))) {
    const g = readDataLock(guard);
    if (g !== undefined && g !== 'unreadable' && holderAlive(guard, g)) {
      sleepSync(50); // another process is taking over: look again after it
    } else {
      fs.rmSync(guard, { force: true }); // left by a process that died in these few milliseconds
    }
    return;
  }
  try {
    const again = readDataLock(file);
    const same =
      again === 'unreadable'
        ? stale === 'unreadable'
        : again !== undefined && stale !== 'unreadable' && again.token === stale.token;
    if (same) {
      fs.rmSync(file, { force: true });
    }
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

function releaseAllHeldHere(): void {
  for (const [file, h] of heldHere) {
    const current = readDataLock(file);
    if (current !== undefined && current !== 'unreadable' && current.token === h.token) {
      fs.rmSync(file, { force: true });
    }
  }
  heldHere.clear();
}

function ownLock(file: string, holder: DataLockHolder): DataLock {
  heldHere.set(file, holder);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', releaseAllHeldHere);
  }
  return {
    file,
    holder,
    borrowed: false,
    setControl(socket) {
      holder.control = socket;
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(holder), { mode: 0o600 });
      fs.renameSync(tmp, file);
    },
    release() {
      if (heldHere.get(file)?.token !== holder.token) {
        return;
      }
      heldHere.delete(file);
      const current = readDataLock(file);
      if (current !== undefined && current !== 'unreadable' && current.token === holder.token) {
        fs.rmSync(file, { force: true });
      }
    },
  };
}

/**
 * Takes the lock on a data folder for this process, taking over a lock whose process is gone; throws
 * DataFolderLockedError naming the holder when a live process has it. A child given the holder's token in
 * MINEWATCH_DATA_LOCK borrows the lock instead (the server seeds the demo in a child process).
 */
export function acquireDataLock(dataDir: string, env: NodeJS.ProcessEnv = process.env): DataLock {
  const file = dataLockFile(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 20; attempt++) {
    const holder = newHolder();
    if (createExclusive(file, JSON.stringify(holder))) {
      return ownLock(file, holder);
    }
    const current = readDataLock(file);
    if (current === undefined) {
      continue; // released in between
    }
    if (current === 'unreadable') {
      const written = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs;
      if (written === undefined) {
        continue;
      }
      if (Date.now() - written < UNREADABLE_STALE_MS) {
        throw new DataFolderLockedError(dataDir, undefined);
      }
      removeStale(file, current);
      continue;
    }
    if (holderAlive(file, current)) {
      if (env[DATA_LOCK_ENV] && env[DATA_LOCK_ENV] === current.token) {
        return {
          file,
          holder: current,
          borrowed: true,
          setControl: () => undefined,
          release: () => undefined,
        };
      }
      throw new DataFolderLockedError(dataDir, current);
    }
    removeStale(file, current);
  }
  throw new DataFolderLockedError(dataDir, undefined);
}

/** The live holder of a data folder's lock, if any (a lock left by a dead process counts as none). */
export function dataLockHolder(dataDir: string): DataLockHolder | undefined {
  const file = dataLockFile(dataDir);
  const h = readDataLock(file);
  return h !== undefined && h !== 'unreadable' && holderAlive(file, h) ? h : undefined;
}
