/**
 * @module `minewatch simulate --format mt1201`: the coal mines' upload files (MT/T 1201.1/.3-2023) from the
 * simulator (coal.simulator.ts), written into a folder for `minewatch ingest watch <dir>` (--out), or
 * posted to a running minewatch's /api/ingest/coal-files with a gateway token it issues for the mines —
 * the definitions first, then every 30 s the real-time files. The mines are given by 煤矿编码 (--mines), or
 * are the producing underground coal mines with a code the signed-in user sees.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CoalFileReport } from '../../shared/coal-upload.schemas.ts';
import {
  CoalSimulator,
  LIVE_WINDOW,
  writeCoalFiles,
  type SimCoalMine,
} from '../../server/modules/coal-upload/coal.simulator.ts';
import { signIn } from '../sign-in.ts';

export interface Mt1201Options {
  url: string;
  user: string;
  password: string;
  out?: string;
  mines?: string;
  backfillMinutes: string;
  duration: string;
  seed: string;
}

type Api = Awaited<ReturnType<typeof signIn>>;
type Written = { name: string; data: Buffer };

/** `140981000023:某煤矿,140981000024` → mines (the name defaults to the code). */
export function parseMineList(list: string): SimCoalMine[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [coalCode = '', name] = s.split(':');
      if (!/^\d{12}$/.test(coalCode)) {
        throw new Error(`煤矿编码须为 12 位数字: ${coalCode}`);
      }
      return { coalCode, name: name?.trim() || coalCode };
    });
}

interface MinePage {
  items: { id: string; name: string; coalCode: string | null }[];
  nextCursor: string | null;
}

/** The producing underground coal mines with a 煤矿编码 the user sees. */
async function visibleCoalMines(api: Api): Promise<(SimCoalMine & { id: string })[]> {
  const out: (SimCoalMine & { id: string })[] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams({ kind: '煤矿井工', status: '生产', limit: '100' });
    if (cursor) {
      q.set('cursor', cursor);
    }
    const page: MinePage = await api<MinePage>('GET', `/api/mines?${q.toString()}`);
    for (const m of page.items) {
      if (m.coalCode) {
        out.push({ id: m.id, name: m.name, coalCode: m.coalCode });
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return out.sort((a, b) => (a.coalCode < b.coalCode ? -1 : 1));
}

/** Writes each file whole into the folder (a temporary name the watcher ignores, then renamed). */
function folderSender(dir: string) {
  return async (files: Written[]) => {
    await mkdir(dir, { recursive: true });
    for (const f of files) {
      const tmp = path.join(dir, `.${f.name}.tmp`);
      await writeFile(tmp, f.data);
      await rename(tmp, path.join(dir, f.name));
    }
    return files.length;
  };
}

/** Posts the files as multipart to the gateway endpoint; answers how many were stored. */
function httpSender(base: string, token: string) {
  return async (files: Written[]) => {
    const form = new FormData();
    for (const f of files) {
      form.append('file', new Blob([new Uint8Array(f.data)]), f.name);
    }
    const res = await fetch(`${base}/api/ingest/coal-files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const body = (await res.json()) as { files?: CoalFileReport[]; message?: string };
    if (!res.ok) {
      throw new Error(`coal-files ${res.status}: ${body.message ?? ''}`);
    }
    for (const r of body.files ?? []) {
      if (r.status === 'refused' || r.refused > 0) {
        console.warn(`${r.file}: ${r.status}, 拒收 ${r.refused}: ${JSON.stringify(r.problems[0])}`);
      }
    }
    return (body.files ?? []).filter((r) => r.status === 'stored').length;
  };
}

export async function simulateMt1201(opts: Mt1201Options): Promise<void> {
  let mines: SimCoalMine[] = opts.mines ? parseMineList(opts.mines) : [];
  let api: Api | undefined;
  if (!opts.out || !mines.length) {
    api = await signIn(opts.url, opts.user, opts.password);
  }
  if (!mines.length && api) {
    mines = await visibleCoalMines(api);
  }
  if (!mines.length) {
    throw new Error(
      '没有可模拟的煤矿: 请用 --mines 给出煤矿编码, 或换用能看到已登记煤矿编码的账号',
    );
  }
  let send: (files: Written[]) => Promise<number>;
  if (opts.out) {
    send = folderSender(opts.out);
  } else {
    const visible = await visibleCoalMines(api as Api);
    const ids = mines.flatMap((m) =>
      visible.filter((v) => v.coalCode === m.coalCode).map((v) => v.id),
    );
    if (ids.length !== mines.length) {
      throw new Error('部分煤矿编码未登记, 或不在该账号的管辖范围内');
    }
    const { token } = await (api as Api)<{ token: string }>('POST', '/api/tokens', {
      name: `minewatch simulate mt1201 ${new Date().toISOString()}`,
      kind: 'gateway',
      mineIds: ids,
    });
    send = httpSender(opts.url, token);
  }
  const sim = new CoalSimulator(mines, { seed: Number(opts.seed) });
  const now = Math.floor(Date.now() / 1000) * 1000;
  let last = now - Number(opts.backfillMinutes) * 60_000;
  let sent = await send(writeCoalFiles(sim.definitions(last)));
  console.log(
    `模拟 ${mines.length} 座煤矿的 MT/T 1201 文件 → ${opts.out ?? `${opts.url}/api/ingest/coal-files`}`,
  );
  const until = Number(opts.duration) > 0 ? now + Number(opts.duration) * 1000 : Infinity;
  for (;;) {
    const to = Math.min(Date.now(), until);
    const files = writeCoalFiles(sim.window(last, to, LIVE_WINDOW));
    last = to;
    if (files.length) {
      sent += await send(files);
    }
    if (to >= until) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  console.log(`已${opts.out ? '写出' : '接收'} ${sent} 个文件`);
}
