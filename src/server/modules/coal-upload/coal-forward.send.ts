/**
 * @module Sending forwarded files to one target, and what each answer means for each file: delivered,
 * retried (the superior down, a network error, a refused token, a 煤矿编码 the superior has not
 * registered yet — all things that mend), or rejected for good (the superior refused the file itself).
 * A superior minewatch gets the files as its gateways send them (multipart POST to the upload endpoint
 * with its gateway token; its per-file report says what became of each); a folder gets each file under
 * its MT/T 1201 name, written whole (a dot-named temporary file renamed into place: a drop folder never
 * takes a half-written file).
 */
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { coalUploadApi } from '../../../shared/coal-upload.api.ts';
import { CoalUploadReport } from '../../../shared/coal-upload.schemas.ts';

/** One file to send: its MT/T 1201 name and bytes. */
export interface OutgoingFile {
  name: string;
  data: Buffer;
}

/** What became of one file at the target. */
export type ForwardOutcome =
  { kind: 'delivered' } | { kind: 'retry'; error: string } | { kind: 'rejected'; reason: string };

/** Sends files (of one mine, in order) and answers one outcome per file, in the same order. */
export type ForwardSender = (files: OutgoingFile[]) => Promise<ForwardOutcome[]>;

/** How long a superior may take to answer one request. */
const TIMEOUT_MS = 120_000;

/** Answers that refuse the request itself (its form, its size): the file would be refused again. */
const PERMANENT = new Set([400, 413, 415, 422]);

const retryAll = (n: number, error: string): ForwardOutcome[] =>
  Array.from({ length: n }, () => ({ kind: 'retry' as const, error }));

/** The message of an error body `{ code, message }`, else the start of the text. */
function messageOf(body: unknown, text: string): string {
  const m = (body as { message?: unknown } | null)?.message;
  return (typeof m === 'string' ? m : text).slice(0, 300);
}

/**
 * What a superior's answer means for each file sent (pure). A multi-file request refused whole is
 * retried (each file is sent alone after a failure, so the one at fault is then refused alone).
 */
export function outcomesOf(
  status: number,
  body: unknown,
  text: string,
  names: string[],
): ForwardOutcome[] {
  if (status >= 200 && status < 300) {
    const parsed = CoalUploadReport.safeParse(body);
    if (!parsed.success) {
      return retryAll(names.length, `上级平台的答复无法识别 (HTTP ${status})`);
    }
    const byName = new Map(parsed.data.files.map((r) => [r.file, r]));
    return names.map((name): ForwardOutcome => {
      const r = byName.get(name);
      if (!r) {
        return { kind: 'retry', error: '上级平台的答复中没有该文件' };
      }
      if (r.status !== 'refused') {
        return { kind: 'delivered' };
      }
      const mine = r.problems.find((p) => p.record === null && p.field === '煤矿编码');
      if (mine) {
        return { kind: 'retry', error: `上级平台: ${mine.reason}` };
      }
      const reasons = r.problems
        .slice(0, 5)
        .map((p) => `${p.record === null ? '' : `第${p.record}条 `}${p.field}: ${p.reason}`)
        .join('; ');
      return { kind: 'rejected', reason: `上级平台拒收: ${reasons}`.slice(0, 1000) };
    });
  }
  const message = messageOf(body, text);
  if (status === 401 || status === 403) {
    return retryAll(names.length, `上级平台不接受令牌 (HTTP ${status}): ${message}`);
  }
  if (PERMANENT.has(status) && names.length === 1) {
    return [{ kind: 'rejected', reason: `上级平台拒收 (HTTP ${status}): ${message}` }];
  }
  return retryAll(names.length, `上级平台未接收 (HTTP ${status}): ${message}`);
}

/** Posts files to a superior minewatch (its address, without the endpoint's path). */
export function superiorSender(
  target: { url: string; token: string },
  send: typeof fetch = fetch,
): ForwardSender {
  return async (files) => {
    const form = new FormData();
    for (const f of files) {
      form.append('file', new Blob([new Uint8Array(f.data)]), f.name);
    }
    let res: Response;
    let text: string;
    try {
      res = await send(`${target.url}${coalUploadApi.upload.path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${target.token}` },
        body: form,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      text = await res.text();
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      return retryAll(
        files.length,
        `无法连接上级平台: ${e instanceof Error ? e.message : String(e)}${cause ? ` (${cause})` : ''}`,
      );
    }
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    return outcomesOf(
      res.status,
      body,
      text,
      files.map((f) => f.name),
    );
  };
}

/**
 * Writes files into a folder, each whole. A file of the same name already there with other content
 * (an earlier file the superior has not taken yet) is left alone and this one retried later.
 */
export function folderSender(dir: string): ForwardSender {
  return async (files) => {
    const out: ForwardOutcome[] = [];
    for (const f of files) {
      if (out.some((o) => o.kind === 'retry')) {
        out.push({ kind: 'retry', error: '等待同一煤矿此前的文件' });
        continue;
      }
      out.push(await writeWhole(dir, f));
    }
    return out;
  };
}

async function writeWhole(dir: string, f: OutgoingFile): Promise<ForwardOutcome> {
  if (f.name !== path.basename(f.name) || f.name.startsWith('.')) {
    return { kind: 'rejected', reason: `文件名不能写入目录: ${f.name}` };
  }
  const final = path.join(dir, f.name);
  const tmp = path.join(dir, `.${f.name}.tmp`);
  try {
    const there = await readFile(final).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') {
        return null;
      }
      throw e;
    });
    if (there) {
      return there.equals(f.data)
        ? { kind: 'delivered' }
        : { kind: 'retry', error: '目录中已有同名文件尚未被取走' };
    }
    await writeFile(tmp, f.data);
    await rename(tmp, final);
    return { kind: 'delivered' };
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    return { kind: 'retry', error: `无法写入目录: ${e instanceof Error ? e.message : String(e)}` };
  }
}
