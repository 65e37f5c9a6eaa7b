/**
 * @module Backups and restores of the one database. The embedded one (PGlite) is backed up as a gzipped
 * tar of its data folder read between transactions (the layout of PGlite's dumpDataDir, streamed): by
 * this process when the folder is free, or by the running server that holds it, asked through its
 * control socket. A
 * PostgreSQL server is backed up and restored with its own tools, pg_dump and pg_restore.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from './client.ts';
import { requestBackup } from './control-socket.ts';
import { extractDataDirTar, writeDataDirTar } from './data-dir-tar.ts';
import { acquireDataLock, DataFolderLockedError } from './data-lock.ts';

/** What a backup file holds, told by its first bytes. */
export type BackupFormat = 'pglite' | 'pg_dump' | 'sql' | 'unknown';

/** Tells a backup file's format from its first 512 bytes. */
export function backupFormatOf(head: Uint8Array): BackupFormat {
  if (head[0] === 0x1f && head[1] === 0x8b) {
    return 'pglite'; // gzip: the embedded database's dumpDataDir
  }
  const text = Buffer.from(head).toString('latin1');
  if (text.startsWith('PGDMP')) {
    return 'pg_dump'; // pg_dump --format=custom
  }
  if (text.slice(257, 262) === 'ustar') {
    return 'pglite'; // an uncompressed dumpDataDir
  }
  if (/^(--|SET |CREATE |\\)/m.test(text.slice(0, 200))) {
    return 'sql';
  }
  return 'unknown';
}

/**
 * Writes a consistent snapshot of the open embedded database in `dataDir` into `out` (and ends it): a
 * checkpoint (so a restore replays little WAL), then the data folder as gzipped tar, read while no
 * statement runs and no transaction is open — it waits for the open one to end and holds back the next
 * until the folder is read. Memory stays at one buffer whatever the database's size.
 */
export async function dumpEmbedded(pglite: PGlite, dataDir: string, out: Writable): Promise<void> {
  await pglite.exec('CHECKPOINT');
  await pglite._runExclusiveTransaction(() =>
    pglite._runExclusiveQuery(() => writeDataDirTar(dataDir, out)),
  );
}

/** Where the database to back up or restore is: a PostgreSQL URL, or a PGlite data folder. */
export type BackupTarget = { url: string } | { dataDir: string };

/** What a backup did. */
export interface BackupResult {
  bytes: number;
  /** Who took it: pg_dump, this process (the folder was free), or the server holding the folder. */
  via: 'pg_dump' | 'direct' | { serverPid: number };
}

/** Runs a PostgreSQL client tool with the password out of its command line; rejects with its stderr. */
function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<void> {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, '--dbname', u.toString()], {
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'ENOENT'
          ? new Error(
              `未找到 ${tool}: 备份和恢复 PostgreSQL 数据库需要 PostgreSQL 客户端工具 (版本不低于服务器, 如 apt install postgresql-client)。` +
                `也可直接执行 pg_dump --format=custom --file <文件> "$DATABASE_URL" 与 pg_restore --clean --if-exists --single-transaction --dbname "$DATABASE_URL" <文件>。` +
                ` (${tool} is not installed; use pg_dump/pg_restore directly.)`,
            )
          : e,
      ),
    );
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${tool} 失败 (exit ${code}): ${stderr.trim().slice(0, 2000)}`)),
    );
  });
}

/**
 * Backs up the database into `file`: pg_dump's custom format for a PostgreSQL server; for the embedded
 * database a snapshot taken here when its folder is free, else by the server holding it.
 */
export async function backupDatabase(target: BackupTarget, file: string): Promise<BackupResult> {
  if ('url' in target) {
    const partial = `${file}.partial`;
    await runPgTool('pg_dump', ['--format=custom', '--file', partial], target.url);
    fs.chmodSync(partial, 0o600);
    fs.renameSync(partial, file);
    return { bytes: fs.statSync(file).size, via: 'pg_dump' };
  }
  if (!fs.existsSync(target.dataDir)) {
    throw new Error(`没有可备份的数据库: 数据目录 ${target.dataDir} 不存在 (no database here)`);
  }
  const partial = `${file}.partial`;
  try {
    const database = await openDatabase({ dataDir: target.dataDir });
    try {
      // Readable by its owner only: it holds every record.
      await dumpEmbedded(
        database.pglite as PGlite,
        target.dataDir,
        fs.createWriteStream(partial, { mode: 0o600 }),
      );
    } catch (e) {
      fs.rmSync(partial, { force: true });
      throw e;
    } finally {
      await database.close();
    }
    fs.renameSync(partial, file);
    return { bytes: fs.statSync(file).size, via: 'direct' };
  } catch (e) {
    if (!(e instanceof DataFolderLockedError) || !e.holder) {
      throw e;
    }
    if (!e.holder.control) {
      if (e.holder.command === 'serve') {
        throw new Error(
          `服务 (进程 ${e.holder.pid}) 正在启动, 尚不能备份; 请稍后重试 (the server is starting; try again)`,
        );
      }
      throw e;
    }
    await requestBackup(e.holder.control, file);
    return { bytes: fs.statSync(file).size, via: { serverPid: e.holder.pid } };
  }
}

/** What a restore did. */
export interface RestoreResult {
  format: BackupFormat;
  /** The embedded database's folder as it was before, kept beside it (delete it once content). */
  previous?: string | undefined;
  /** The restored database's applied migrations (the next start applies newer ones). */
  migrations?: number | undefined;
}

/**
 * Refuses to restore a PostgreSQL database while a `minewatch serve` is connected to it (their
 * connections carry that application_name): the restore replaces every table under the servers' feet.
 */
async function refuseWhileServersRun(url: string): Promise<void> {
  const database = await openDatabase({ url });
  let servers: { pid: number; addr: string | null }[];
  try {
    servers = await queryRows(
      database.db,
      sql`SELECT pid, client_addr::text AS addr FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND application_name = 'minewatch serve'`,
    );
  } finally {
    await database.close();
  }
  if (servers.length) {
    const from = [...new Set(servers.map((s) => s.addr ?? '本机套接字'))].join(', ');
    throw new Error(
      `数据库正被 minewatch 服务使用 (${servers.length} 个连接, 来自 ${from}): 恢复会替换全部数据表, 请先停止所有服务。` +
        ` (minewatch servers are connected; stop them before restoring.)`,
    );
  }
}

function readHead(file: string): Uint8Array {
  const fd = fs.openSync(file, 'r');
  try {
    const head = new Uint8Array(512);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Restores a backup made by backupDatabase. The embedded database is rebuilt in a new folder that then
 * replaces the data folder (the old one is kept beside it); this needs the folder's lock, so the server
 * must be stopped. A PostgreSQL server gets pg_restore --clean in one transaction.
 */
export async function restoreDatabase(target: BackupTarget, file: string): Promise<RestoreResult> {
  const head = readHead(file);
  const format = backupFormatOf(head);
  if ('url' in target) {
    if (format !== 'pg_dump') {
      throw new Error(
        format === 'pglite'
          ? `${file} 是嵌入式数据库 (PGlite) 的备份, 不能恢复到 PostgreSQL 服务器 (DATABASE_URL); 去掉 DATABASE_URL 以恢复到 DATA_DIR。 (a PGlite backup cannot be restored into PostgreSQL)`
          : format === 'sql'
            ? `${file} 是 SQL 文本; 请用 psql "$DATABASE_URL" -f ${file} 执行 (a plain SQL dump: run it with psql)`
            : `${file} 不是 minewatch 备份或 pg_dump 自定义格式文件 (not a backup)`,
      );
    }
    await refuseWhileServersRun(target.url);
    await runPgTool(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', file],
      target.url,
    );
    return { format };
  }
  if (format !== 'pglite') {
    throw new Error(
      format === 'pg_dump' || format === 'sql'
        ? `${file} 是 PostgreSQL 服务器的备份 (pg_dump); 请设置 DATABASE_URL 指向要恢复到的服务器。 (a pg_dump backup: set DATABASE_URL)`
        : `${file} 不是 minewatch 备份 (not a backup)`,
    );
  }
  const dataDir = target.dataDir;
  const lock = acquireDataLock(dataDir);
  const staging = `${dataDir}.restoring`;
  try {
    fs.rmSync(staging, { recursive: true, force: true });
    let migrations: number;
    try {
      const gzipped = head[0] === 0x1f;
      await extractDataDirTar(fs.createReadStream(file), staging, gzipped);
      const pglite = new PGlite(staging);
      try {
        await pglite.waitReady;
        const r = await pglite.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
        );
        migrations = r.rows[0]?.n ?? 0;
      } finally {
        await pglite.close();
      }
    } catch (e) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw new Error(
        `${file} 无法作为 minewatch 数据库打开, 数据目录未改动: ${e instanceof Error ? e.message : String(e)} (not a minewatch database; nothing changed)`,
      );
    }
    let previous: string | undefined;
    if (fs.existsSync(dataDir)) {
      previous = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(dataDir, previous);
    }
    fs.renameSync(staging, dataDir);
    return { format, previous, migrations };
  } finally {
    lock.release();
  }
}
