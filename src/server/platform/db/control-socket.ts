/**
 * @module The running server's local control channel: a Unix socket in a folder only the data folder's
 * owner may enter (a named pipe on Windows), named in the data folder's lock file. Through it a CLI
 * command asks the process that holds the embedded database for what no other process may do while it
 * runs — a consistent backup. Whoever can reach it could read the data files anyway.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import zlib from 'node:zlib';

/** What a running server answers on its control channel. */
export interface ControlHandlers {
  /** Writes a consistent snapshot of the embedded database into `out` and ends it (see backup.ts). */
  backup(out: Writable): Promise<void>;
}

/** The longest Unix socket path every platform accepts (sockaddr_un holds 104–108 bytes). */
const MAX_SOCKET_PATH = 100;

/** Where the server holding a data folder listens for control requests. */
export function controlSocketPath(dataDir: string): string {
  const dir = path.resolve(dataDir);
  const hash = createHash('sha256').update(dir).digest('hex').slice(0, 16);
  if (process.platform === 'win32') {
    return `\\\\.\\pipe\\minewatch-${hash}`;
  }
  const beside = `${dir}.control/sock`;
  if (Buffer.byteLength(beside) <= MAX_SOCKET_PATH) {
    return beside;
  }
  return path.join(os.tmpdir(), `minewatch-${process.getuid?.() ?? 0}-${hash}`, 'sock');
}

/** Makes the socket's folder private to this user (0700, owned by us) and clears a socket left by a crash. */
function prepareSocketFolder(socket: string): void {
  const dir = path.dirname(socket);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(dir);
  if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid())) {
    throw new Error(`控制通道目录 ${dir} 不属于当前用户, 拒绝使用 (not owned by this user)`);
  }
  fs.chmodSync(dir, 0o700);
  // Only the holder of the data folder's lock gets here, so a socket file left behind is dead.
  fs.rmSync(socket, { force: true });
}

/** One request line, then the answer: a JSON header line, then (for a backup) the gzipped tar to the end. */
interface ControlAnswer {
  ok: boolean;
  message?: string;
}

const MAX_REQUEST = 1024;

/** Starts answering control requests; close() stops and removes the socket. */
export async function startControlServer(
  socket: string,
  handlers: ControlHandlers,
  log: (msg: string, err?: unknown) => void,
): Promise<{ close(): Promise<void> }> {
  if (process.platform !== 'win32') {
    prepareSocketFolder(socket);
  }
  const answer = async (line: string, conn: net.Socket): Promise<void> => {
    let op: unknown;
    try {
      op = (JSON.parse(line) as { op?: unknown }).op;
    } catch {
      op = undefined;
    }
    if (op !== 'backup') {
      const head: ControlAnswer = {
        ok: false,
        message: `未知的控制请求 (unknown request): ${line.slice(0, 80)}`,
      };
      conn.end(`${JSON.stringify(head)}\n`);
      return;
    }
    const started = Date.now();
    try {
      conn.write(`${JSON.stringify({ ok: true } satisfies ControlAnswer)}\n`);
      await handlers.backup(conn);
      log(`backup taken in ${Date.now() - started} ms (${conn.bytesWritten} bytes)`);
    } catch (e) {
      // The client sees the archive end early and reports the backup as failed.
      log('backup failed', e);
      conn.destroy();
    }
  };
  const server = net.createServer((conn) => {
    let request = '';
    conn.setEncoding('utf8');
    conn.on('error', () => undefined);
    const onData = (chunk: string) => {
      request += chunk;
      const end = request.indexOf('\n');
      if (end < 0 && request.length < MAX_REQUEST) {
        return;
      }
      conn.off('data', onData);
      void answer(request.slice(0, end < 0 ? MAX_REQUEST : end), conn);
    };
    conn.on('data', onData);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

/**
 * Asks the server listening on `socket` for a backup and writes it into `file` (owner-only); checks
 * that the gzipped archive arrived whole (its CRC and length), else rejects and leaves no file.
 */
export function requestBackup(socket: string, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const partial = `${file}.partial`;
    let out: fs.WriteStream | undefined;
    let check: zlib.Gunzip | undefined;
    let failed = false;
    let ended = false;
    const conn = net.createConnection(socket, () => conn.write('{"op":"backup"}\n'));
    const fail = (e: Error) => {
      if (failed) {
        return;
      }
      failed = true;
      conn.destroy();
      check?.destroy();
      if (out) {
        out.destroy();
        void finished(out)
          .catch(() => undefined)
          .then(() => fs.rmSync(partial, { force: true }));
      }
      reject(e);
    };
    const cutShort = () =>
      new Error('备份中断, 收到的文件不完整, 已删除; 详见服务日志 (the backup was cut short)');
    conn.on('error', (e: NodeJS.ErrnoException) =>
      fail(
        e.code === 'ENOENT' || e.code === 'ECONNREFUSED'
          ? new Error(`服务的控制通道 ${socket} 不可用; 服务可能正在启动或停止, 请稍后重试`)
          : out
            ? cutShort()
            : e,
      ),
    );
    conn.on('end', () => {
      ended = true;
      if (!out) {
        fail(new Error('服务未回答备份请求 (no answer from the server)'));
      }
    });
    conn.on('close', () => {
      if (!ended) {
        fail(cutShort());
      }
    });
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const nl = head.indexOf(10);
      if (nl < 0) {
        if (head.length > MAX_REQUEST) {
          fail(new Error('服务的控制通道回答无法解析 (bad answer from the server)'));
        }
        return;
      }
      conn.off('data', onData);
      conn.pause();
      let answer: ControlAnswer;
      try {
        answer = JSON.parse(head.subarray(0, nl).toString('utf8')) as ControlAnswer;
      } catch {
        fail(new Error('服务的控制通道回答无法解析 (bad answer from the server)'));
        return;
      }
      if (!answer.ok) {
        fail(new Error(`服务未能完成备份: ${answer.message ?? ''}`));
        return;
      }
      conn.unshift(head.subarray(nl + 1));
      out = fs.createWriteStream(partial, { mode: 0o600 });
      check = zlib.createGunzip();
      check.resume();
      conn.pipe(out);
      conn.pipe(check);
      Promise.all([finished(out), finished(check)]).then(
        () => {
          if (!failed) {
            fs.renameSync(partial, file);
            resolve();
          }
        },
        () => fail(cutShort()),
      );
    };
    conn.on('data', onData);
  });
}
