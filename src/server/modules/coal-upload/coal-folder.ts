/**
 * @module The drop folder (issue 22 §3b): the folder a mine's FTP/SFTP upload writes into. Each pass takes
 * the files that have settled (not changed for a while: an upload in progress is left alone), in the time
 * of their names, definitions first, and for each: its records are stored (coal-ingest.service.ts, one
 * transaction per file, idempotent by content), its report is written beside it, then it is moved to
 * done/ (stored, or a duplicate) or rejected/ (refused whole). Killed at any point, the next pass loses and
 * duplicates nothing: a file still in the folder is taken again, and a file stored before answers as a
 * duplicate — its first report is kept.
 */
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CoalFileReport } from '../../../shared/coal-upload.schemas.ts';
import { CoalUploadLimits } from '../../../shared/limits.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { looksLikeZip, readZip } from '../../platform/files/zip.ts';
import { systemGatewayPrincipal, systemPrincipal } from '../access/principal.ts';
import type { MonitoringEngine } from '../monitoring/monitoring.engine.ts';
import { minesOfCoalCodes } from '../registry/mine.service.ts';
import { ingestCoalFiles, processingOrder, type IncomingFile } from './coal-ingest.service.ts';
import { parseCoalFileName } from './coal.name.ts';

export const DONE = 'done';
export const REJECTED = 'rejected';
const REPORT = '.report.json';

/** Names an upload in progress or a folder's own files carry: never taken. */
const ignored = (name: string) =>
  name.startsWith('.') || name.endsWith(REPORT) || /\.(part|tmp|filepart|partial|swp)$/i.test(name);

export interface FolderOptions {
  /** A file is taken once it has not changed for this long (ms): the upload writing it is done. */
  settleMs: number;
  /** Asked before each file: true ends the pass there (the command was told to stop). */
  stopped?: () => boolean;
}

/** What one pass did. */
export interface FolderPass {
  files: { name: string; to: typeof DONE | typeof REJECTED; reports: CoalFileReport[] }[];
  /** Files not settled yet (taken by a later pass). */
  waiting: number;
}

/** Files taken in one pass at most (the rest in the next). */
const PASS_FILES_MAX = 1000;

/** A file of the folder and what became of its contents (a ZIP holds several). */
interface Unit {
  name: string;
  entries: IncomingFile[];
  reports: CoalFileReport[];
  left: number;
}

/**
 * One pass over the folder: every settled file read (a ZIP opened), all their contents stored in the
 * time of their names (definitions first) whatever file carries them, and each file reported and moved
 * once all of its contents are.
 */
export async function processFolder(
  deps: ServiceDeps,
  engine: MonitoringEngine,
  dir: string,
  options: FolderOptions,
): Promise<FolderPass> {
  await mkdir(path.join(dir, DONE), { recursive: true });
  await mkdir(path.join(dir, REJECTED), { recursive: true });
  const now = Date.now();
  const names: string[] = [];
  let waiting = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isFile() || ignored(entry.name)) {
      continue;
    }
    const s = await stat(path.join(dir, entry.name));
    if (now - s.mtimeMs < options.settleMs || names.length >= PASS_FILES_MAX) {
      waiting++;
    } else {
      names.push(entry.name);
    }
  }
  const units: Unit[] = [];
  for (const name of names.sort()) {
    const opened = open(name, await readFile(path.join(dir, name)));
    units.push({
      name,
      entries: 'refused' in opened ? [] : opened.entries,
      reports: 'refused' in opened ? [opened.refused] : [],
      left: 'refused' in opened ? 0 : opened.entries.length,
    });
  }
  const pass: FolderPass = { files: [], waiting };
  const finish = async (u: Unit) => {
    const to =
      u.reports.length > 0 && u.reports.every((r) => r.status === 'refused') ? REJECTED : DONE;
    await settle(dir, u.name, to, u.reports);
    pass.files.push({ name: u.name, to, reports: u.reports });
  };
  for (const u of units.filter((x) => x.left === 0)) {
    await finish(u);
  }
  const entries = units.flatMap((u) => u.entries.map((e) => ({ ...e, unit: u })));
  for (const e of processingOrder(entries)) {
    if (options.stopped?.()) {
      break;
    }
    e.unit.reports.push(...(await take(deps, engine, e)));
    if (--e.unit.left === 0) {
      await finish(e.unit);
    }
  }
  return pass;
}

/** A folder file's contents: itself, or a ZIP's files; or why it is refused whole. */
function open(
  name: string,
  data: Buffer,
): { entries: IncomingFile[] } | { refused: CoalFileReport } {
  if (looksLikeZip(data)) {
    try {
      const entries = readZip(name, data, {
        entriesMax: CoalUploadLimits.zipEntriesMax,
        entryBytesMax: CoalUploadLimits.fileBytesMax,
        totalBytesMax: CoalUploadLimits.zipBytesMax,
      });
      return entries.length ? { entries } : { refused: refusedWhole(name, '压缩包中没有文件') };
    } catch (e) {
      return { refused: refusedWhole(name, e instanceof AppError ? e.message : String(e)) };
    }
  }
  if (data.length > CoalUploadLimits.fileBytesMax) {
    return {
      refused: refusedWhole(
        name,
        `文件 ${data.length} 字节, 超过上限 ${CoalUploadLimits.fileBytesMax}`,
      ),
    };
  }
  return { entries: [{ name, data }] };
}

/** Stores one file for the mine its name gives (the folder may deliver for every registered mine). */
async function take(
  deps: ServiceDeps,
  engine: MonitoringEngine,
  file: IncomingFile,
): Promise<CoalFileReport[]> {
  const n = parseCoalFileName(file.name);
  const mines =
    typeof n === 'string'
      ? new Map<string, { id: string }>()
      : await minesOfCoalCodes(deps.db, systemPrincipal('folder'), [n.mineCode]);
  const principal = systemGatewayPrincipal(
    '煤矿上传目录',
    [...mines.values()].map((m) => m.id),
  );
  return ingestCoalFiles(deps, engine, principal, [file], 'folder');
}

function refusedWhole(name: string, reason: string): CoalFileReport {
  return {
    file: name,
    type: null,
    mineCode: null,
    status: 'refused',
    records: 0,
    stored: 0,
    duplicates: 0,
    refused: 0,
    problems: [{ record: null, field: '文件', reason }],
    warnings: [],
  };
}

/**
 * Writes the report beside where the file goes, then moves it there. The report goes first, written
 * whole (temporary name, then renamed); a report already there for a file that now answers only as a
 * duplicate is its first one (a pass killed before the move) and is kept. A name already taken in the
 * target (a later file of the same name) gets a number.
 */
async function settle(dir: string, name: string, to: string, reports: CoalFileReport[]) {
  const target = path.join(dir, to);
  let final = name;
  for (let n = 1; await exists(path.join(target, final)); n++) {
    final = `${name}.${n}`;
  }
  const reportFile = path.join(target, `${final}${REPORT}`);
  const onlyDuplicates = reports.every((r) => r.status === 'duplicate');
  if (!(onlyDuplicates && (await exists(reportFile)))) {
    const tmp = path.join(target, `.${final}${REPORT}.tmp`);
    await writeFile(tmp, `${JSON.stringify({ file: name, reports }, null, 2)}\n`);
    await rename(tmp, reportFile);
  }
  await rename(path.join(dir, name), path.join(target, final));
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
