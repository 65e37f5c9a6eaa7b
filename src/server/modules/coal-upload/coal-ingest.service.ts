/**
 * @module Receiving MT/T 1201 files (issue 22 §2–§3): each file is matched to its mine by the 煤矿编码 of
 * its name (a code not registered, or outside the caller's jurisdiction, is refused with that reason),
 * read whole by the strict parser (a bad file is refused whole, its problems stored and answered), and
 * mapped in one transaction of its own with the file's record — nothing of a file is half-written. The
 * same content again stores nothing new and is answered from the first time. CDSS readings go through
 * the monitoring engine first (its own group transaction, idempotent on point and time), so that a
 * failure after them leaves only readings a resend of the file completes. Files are taken in the time
 * of their names, definitions before the data of the same time.
 */
import { createHash } from 'node:crypto';
import { MINE_SYSTEM_PREFIX } from '../../../shared/actors.ts';
import type { CoalFileReport } from '../../../shared/coal-upload.schemas.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { MonitoringEngine } from '../monitoring/monitoring.engine.ts';
import { minesOfCoalCodes } from '../registry/mine.service.ts';
import type { StoredProblem } from './coal-file.table.ts';
import * as files from './coal-file.repository.ts';
import type { CoalFileRow } from './coal-file.repository.ts';
import { CoalUploadPermission } from './coal-upload.permissions.ts';
import { mapCddy } from './cddy.map.ts';
import { queueForwarding } from './coal-forward.service.ts';
import { prepareCdss, writeCdss, type CdssPrepared } from './cdss.map.ts';
import { Tally, type FileMine, type MapContext } from './coal-map.ts';
import { coalFileTypes, type CoalFileType } from './coal.layouts.ts';
import { parseCoalFileName } from './coal.name.ts';
import { parseCoalFile } from './coal.parse.ts';
import type { AnyCoalFile } from './coal.records.ts';
import { mapRyjz, mapRyqy, mapRyss, mapRyxx } from './positioning.map.ts';
import { mapDeviceStates, mapFzdy } from './substation.map.ts';
import { mapTjsj } from './tjsj.map.ts';
import { mapYcbj } from './ycbj.map.ts';

/** One file as received. */
export interface IncomingFile {
  name: string;
  data: Uint8Array;
}

/** Definitions first at one time: a point, a substation, a card or an area before the data naming it. */
const definitionFirst: readonly CoalFileType[] = ['CDDY', 'FZDY', 'RYXX', 'RYQY', 'RYJZ'];

function orderKey(f: IncomingFile): [number, number, string] {
  const n = parseCoalFileName(f.name);
  if (typeof n === 'string') {
    return [-Infinity, 0, f.name];
  }
  const def = definitionFirst.indexOf(n.type);
  const rank = def >= 0 ? def : definitionFirst.length + coalFileTypes.indexOf(n.type);
  return [n.at, rank, f.name];
}

/** The files in the order they are taken (name time, definitions first, name). */
export function processingOrder<T extends IncomingFile>(list: T[]): T[] {
  const keyed = list.map((f) => ({ f, k: orderKey(f) }));
  keyed.sort(
    (a, b) =>
      a.k[0] - b.k[0] || a.k[1] - b.k[1] || (a.k[2] < b.k[2] ? -1 : a.k[2] > b.k[2] ? 1 : 0),
  );
  return keyed.map((x) => x.f);
}

/** Where a file came from (kept with it). */
export type CoalVia = 'http' | 'folder' | 'mqtt';

/**
 * Receives files for the mines the principal may upload for, each in its own transaction, in processing
 * order; answers one report per file, in the order they were taken.
 */
export async function ingestCoalFiles(
  deps: ServiceDeps,
  engine: MonitoringEngine,
  principal: Principal,
  list: IncomingFile[],
  via: CoalVia,
): Promise<CoalFileReport[]> {
  requirePermission(principal, CoalUploadPermission.Upload);
  const ordered = processingOrder(list);
  const codes = ordered.flatMap((f) => {
    const n = parseCoalFileName(f.name);
    return typeof n === 'string' ? [] : [n.mineCode];
  });
  const mines = await minesOfCoalCodes(deps.db, principal, [...new Set(codes)]);
  const reports: CoalFileReport[] = [];
  for (const f of ordered) {
    reports.push(await ingestOne(deps, engine, principal, f, mines, via));
  }
  return reports;
}

function report(
  f: IncomingFile,
  type: string | null,
  mineCode: string | null,
  status: CoalFileReport['status'],
  counts: { records: number; stored: number; duplicates: number; refused: number },
  problems: StoredProblem[] = [],
  warnings: StoredProblem[] = [],
): CoalFileReport {
  return { file: f.name, type, mineCode, status, ...counts, problems, warnings };
}

const none = { records: 0, stored: 0, duplicates: 0, refused: 0 };

function fromStored(f: IncomingFile, row: CoalFileRow, mineCode: string): CoalFileReport {
  return row.outcome === 'refused'
    ? report(
        f,
        row.type,
        mineCode,
        'refused',
        { ...none, records: row.records, refused: row.refused },
        row.problems,
      )
    : report(f, row.type, mineCode, 'duplicate', {
        records: row.records,
        stored: 0,
        duplicates: row.records,
        refused: 0,
      });
}

/**
 * The gateway, as the mine's own system: the actor its changes are audited under (no user of minewatch
 * made them; the label keeps the mine's code and the token's user, and screens read it as the mine's
 * system — shared/actors.ts).
 */
function asMineSystem(principal: Principal, coalCode: string): Principal {
  return {
    ...principal,
    userId: NO_USER,
    username: `${MINE_SYSTEM_PREFIX}${coalCode}:${principal.username}`,
  };
}

/** The actor id of changes no user made (as the system principal's). */
const NO_USER = '00000000-0000-0000-0000-000000000000';

async function ingestOne(
  deps: ServiceDeps,
  engine: MonitoringEngine,
  principal: Principal,
  f: IncomingFile,
  mines: Map<string, Omit<FileMine, 'coalCode'>>,
  via: CoalVia,
): Promise<CoalFileReport> {
  const name = parseCoalFileName(f.name);
  if (typeof name === 'string') {
    return report(f, null, null, 'refused', none, [
      { record: null, field: '文件名', reason: name },
    ]);
  }
  const found = mines.get(name.mineCode);
  if (!found) {
    return report(f, name.type, name.mineCode, 'refused', none, [
      {
        record: null,
        field: '煤矿编码',
        reason: `煤矿编码 ${name.mineCode} 未登记, 或不在该令牌可上报的矿山范围内`,
        value: name.mineCode,
      },
    ]);
  }
  const mine: FileMine = { ...found, coalCode: name.mineCode };
  const sha256 = createHash('sha256').update(f.data).digest('hex');
  const before = await files.fileBySha(deps.db, mine.id, sha256);
  if (before) {
    return fromStored(f, before, mine.coalCode);
  }
  const base = {
    mineId: mine.id,
    type: name.type,
    fileName: f.name.slice(Math.max(f.name.lastIndexOf('/'), f.name.lastIndexOf('\\')) + 1),
    fileAt: new Date(name.at),
    sha256,
    sizeBytes: f.data.length,
    via,
  };
  const parsed = parseCoalFile(f.name, f.data);
  if (!parsed.ok) {
    const problems = parsed.problems.map(({ file: _f, ...p }) => p);
    const stored = await deps.db.transaction((tx) =>
      files.insertFile(tx, {
        ...base,
        outcome: 'refused',
        records: 0,
        stored: 0,
        duplicates: 0,
        refused: 0,
        problems,
        warnings: [],
        receivedAt: deps.clock(),
      }),
    );
    if (!stored) {
      return report(f, name.type, mine.coalCode, 'duplicate', none);
    }
    return report(f, name.type, mine.coalCode, 'refused', none, problems);
  }
  const file = parsed.file;
  const tally = new Tally();
  const system = asMineSystem(principal, mine.coalCode);
  let cdss: CdssPrepared | undefined;
  if (file.type === 'CDSS') {
    cdss = await prepareCdss(deps, engine, principal, mine, file.records, tally);
  }
  const at = deps.clock();
  const header = file.header as { uploadedAt?: number };
  const outcome = await deps.db.transaction(async (tx) => {
    const row = await files.insertFile(tx, {
      ...base,
      outcome: 'stored',
      records: file.records.length,
      stored: 0,
      duplicates: 0,
      refused: 0,
      problems: [],
      warnings: [],
      receivedAt: at,
    });
    if (!row) {
      return 'duplicate' as const;
    }
    const ctx: MapContext = {
      tx,
      deps,
      principal: system,
      mine,
      fileId: row.id,
      at,
      uploadedAt: new Date(header.uploadedAt ?? name.at),
    };
    await mapFile(ctx, file, tally, cdss);
    tally.refused.sort((a, b) => (a.record ?? 0) - (b.record ?? 0));
    // 应联尽联: queued for the superior in the same transaction (coal-forward.service.ts).
    await queueForwarding(tx, row, f.data, at);
    await files.finishFile(tx, row.id, {
      stored: tally.stored,
      duplicates: tally.duplicates,
      refused: tally.refusedCount,
      problems: tally.refused,
      warnings: tally.warnings,
    });
    return 'stored' as const;
  });
  for (const sensorId of tally.changedSensors) {
    deps.events.publish('monitoring.sensor.changed', { sensorId });
  }
  if (outcome === 'duplicate') {
    return report(f, name.type, mine.coalCode, 'duplicate', {
      records: file.records.length,
      stored: 0,
      duplicates: file.records.length,
      refused: 0,
    });
  }
  return report(
    f,
    name.type,
    mine.coalCode,
    'stored',
    {
      records: file.records.length,
      stored: tally.stored,
      duplicates: tally.duplicates,
      refused: tally.refusedCount,
    },
    tally.refused,
    tally.warnings,
  );
}

/** Maps one parsed file's records by its type, in the file's transaction. */
async function mapFile(ctx: MapContext, file: AnyCoalFile, tally: Tally, cdss?: CdssPrepared) {
  switch (file.type) {
    case 'CDDY':
      return mapCddy(ctx, file.records, tally);
    case 'CDSS':
      return cdss ? writeCdss(ctx, cdss, tally) : undefined;
    case 'YCBJ':
      return mapYcbj(ctx, file.records, tally);
    case 'TJSJ':
      return mapTjsj(ctx, file.records, tally);
    case 'FZDY':
      return mapFzdy(ctx, file.records, tally);
    case 'FZSS':
      return mapDeviceStates(ctx, 'substation', file.records, tally);
    case 'JZSS':
      return mapDeviceStates(ctx, 'station', file.records, tally);
    case 'RYXX':
      return mapRyxx(ctx, file.records, tally);
    case 'RYQY':
      return mapRyqy(ctx, file.records, tally);
    case 'RYJZ':
      return mapRyjz(ctx, file.records, tally);
    case 'RYSS':
      return mapRyss(ctx, file.records, tally);
    default:
      return file satisfies never;
  }
}
