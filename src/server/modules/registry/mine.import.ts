/**
 * @module Import of mines from CSV or xlsx. The whole file is validated first and every bad row and
 * field reported; then either nothing is written (default) or, when asked explicitly, only the valid
 * rows. Unknown enterprises are registered along with their mines when the row names them.
 */
import { randomUUID } from 'node:crypto';
import { MineCreateInput, type MineImportReport } from '../../../shared/registry.schemas.ts';
import { creditCodeProblem } from '../../../shared/identifiers.ts';
import { RegistryValidation } from '../../../shared/limits.ts';
import { recordAudit } from './registry.audit.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { actorOf, requirePermission, type ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, type ErrorDetail } from '../../platform/errors.ts';
import { detectFormat, readTable, type TableRow } from '../../platform/tabular/read-table.ts';
import { enterpriseIdsByCreditCode, insertEnterprises } from './enterprise.repository.ts';
import { analyzeRegistryTables } from './mine.repository.ts';
import { findRegions } from './region.repository.ts';
import { mineImportColumns } from './mine.columns.ts';
import { checkMineReferences, insertCheckedMines, mineDateProblems } from './mine.write.ts';
import { RegistryPermission } from './registry.permissions.ts';
import { todayIn } from '../../../shared/dates.ts';

export interface MineImportOptions {
  /** 'all' writes nothing when any row is bad; 'valid-only' writes the good rows. */
  mode: 'all' | 'valid-only';
  /** Validate and report without writing. */
  dryRun: boolean;
}

const byHeader = new Map(
  mineImportColumns.flatMap(
    (c) =>
      [
        [c.header, c],
        [c.field, c],
      ] as const,
  ),
);
const headerOf = new Map(mineImportColumns.map((c) => [c.field, c.header]));
const requiredFields = [
  'name',
  'enterpriseCreditCode',
  'countyCode',
  'kind',
  'scale',
  'status',
  'statusSince',
];

const licenceHeaders: Record<string, Record<string, string>> = {
  采矿许可证: {
    number: '采矿许可证号',
    issuedOn: '采矿许可证发证日期',
    expiresOn: '采矿许可证有效期至',
  },
  安全生产许可证: {
    number: '安全生产许可证号',
    issuedOn: '安全生产许可证发证日期',
    expiresOn: '安全生产许可证有效期至',
  },
};

function toDate(v: unknown): unknown {
  if (v instanceof Date) {
    return v.toISOString().slice(0, 10);
  }
  if (typeof v === 'number') {
    return v;
  } // reported as a type error by the schema
  const s = String(v).trim();
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  return m ? `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}` : s;
}

function toNumber(v: unknown): unknown {
  if (typeof v === 'number') {
    return v;
  }
  const s = String(v).trim().replace(/,/g, '');
  return s !== '' && Number.isFinite(Number(s)) ? Number(s) : s;
}

function toBool(v: unknown): unknown {
  if (typeof v === 'boolean') {
    return v;
  }
  const s = String(v).trim();
  if (['是', 'true', 'TRUE', '1', 'Y', 'y'].includes(s)) {
    return true;
  }
  if (['否', 'false', 'FALSE', '0', 'N', 'n'].includes(s)) {
    return false;
  }
  return s;
}

/** Converts one row's cells to the raw record the schema validates. */
function rowToRecord(r: TableRow): Record<string, unknown> {
  const rec: Record<string, unknown> = {};
  for (const [header, raw] of Object.entries(r.cells)) {
    const col = byHeader.get(header);
    if (!col || raw === null || raw === '') {
      continue;
    }
    const value =
      col.kind === 'date'
        ? toDate(raw)
        : col.kind === 'number'
          ? toNumber(raw)
          : col.kind === 'bool'
            ? toBool(raw)
            : String(raw).trim();
    if (value !== '') {
      rec[col.field] = value;
    }
  }
  return rec;
}

function licencesOf(rec: Record<string, unknown>) {
  const out: Record<string, unknown>[] = [];
  for (const [kind, prefix] of [
    ['采矿许可证', 'miningLicence'],
    ['安全生产许可证', 'safetyLicence'],
  ] as const) {
    const number = rec[`${prefix}Number`];
    const issuedOn = rec[`${prefix}IssuedOn`];
    const expiresOn = rec[`${prefix}ExpiresOn`];
    if (number !== undefined || issuedOn !== undefined || expiresOn !== undefined) {
      out.push({ kind, number, issuedOn, expiresOn });
    }
  }
  return out;
}

/** The column header a schema path refers to. */
function headerForPath(path: PropertyKey[], rec: Record<string, unknown>): string {
  const [first, index, field] = path;
  if (first === 'licences' && typeof index === 'number' && typeof field === 'string') {
    const kind = (licencesOf(rec)[index]?.kind as string | undefined) ?? '采矿许可证';
    return licenceHeaders[kind]?.[field] ?? `licences.${index}.${field}`;
  }
  if (first === 'enterpriseId') {
    return '统一社会信用代码';
  }
  return headerOf.get(String(first)) ?? String(first ?? 'row');
}

interface PlannedRow {
  row: number;
  input: MineCreateInput;
  newEnterprise?: { id: string; creditCode: string; name: string; regionCode: string };
}

/** Validates every row; returns the rows that pass the schema and the problems of the others. */
async function validateRows(db: Db, rows: TableRow[]) {
  const errors: ErrorDetail[] = [];
  const records = rows.map((r) => ({ row: r.row, rec: rowToRecord(r) }));
  const codes = [
    ...new Set(
      records
        .map((r) => r.rec.enterpriseCreditCode)
        .filter((c): c is string => typeof c === 'string'),
    ),
  ];
  const known = new Map(
    (await enterpriseIdsByCreditCode(db, codes)).map((e) => [e.creditCode, e.id]),
  );
  const countyCodes = [
    ...new Set(
      records.map((r) => r.rec.countyCode).filter((c): c is string => typeof c === 'string'),
    ),
  ];
  const counties = new Set(
    countyCodes.length ? (await findRegions(db, countyCodes)).map((r) => r.code) : [],
  );
  const planned = new Map<string, { id: string; name: string; regionCode: string }>();
  const ok: PlannedRow[] = [];
  for (const { row, rec } of records) {
    const before = errors.length;
    for (const field of requiredFields) {
      if (rec[field] === undefined) {
        errors.push({ row, path: headerOf.get(field) ?? field, message: '必填' });
      }
    }
    const code =
      typeof rec.enterpriseCreditCode === 'string' ? rec.enterpriseCreditCode : undefined;
    let enterpriseId: string | undefined;
    let newEnterprise: PlannedRow['newEnterprise'];
    if (code) {
      const problem = creditCodeProblem(code);
      if (problem) {
        errors.push({ row, path: '统一社会信用代码', message: problem, value: code });
      } else if (known.has(code)) {
        enterpriseId = known.get(code);
      } else if (typeof rec.countyCode === 'string' && !counties.has(rec.countyCode)) {
        errors.push({
          row,
          path: '县级行政区划代码',
          message: `未知的行政区划代码 ${rec.countyCode} (GB/T 2260)`,
          value: rec.countyCode,
        });
      } else if (typeof rec.enterpriseName === 'string' && typeof rec.countyCode === 'string') {
        const plan = planned.get(code) ?? {
          id: randomUUID(),
          name: rec.enterpriseName,
          regionCode: rec.countyCode,
        };
        planned.set(code, plan);
        enterpriseId = plan.id;
        newEnterprise = { ...plan, creditCode: code };
      } else {
        errors.push({
          row,
          path: '统一社会信用代码',
          message: '企业未登记; 请填写“企业名称”以同时登记该企业',
          value: code,
        });
      }
    }
    const { enterpriseCreditCode: _c, enterpriseName: _n, ...rest } = rec;
    const candidate = Object.fromEntries(Object.entries(rest).filter(([k]) => !/Licence/.test(k)));
    const licences = licencesOf(rec);
    const parsed = MineCreateInput.safeParse({
      ...candidate,
      enterpriseId: enterpriseId ?? '00000000-0000-4000-8000-000000000000',
      ...(licences.length ? { licences } : {}),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = headerForPath(issue.path, rec);
        if (errors.some((e) => e.row === row && e.path === path)) {
          continue;
        }
        errors.push({ row, path, message: issue.message, value: valueAt(rec, issue.path) });
      }
    }
    if (errors.length === before && parsed.success) {
      ok.push({ row, input: parsed.data, ...(newEnterprise ? { newEnterprise } : {}) });
    }
  }
  return { ok, errors };
}

function valueAt(rec: Record<string, unknown>, path: PropertyKey[]): unknown {
  const v = path[0] === 'licences' ? undefined : rec[String(path[0])];
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
}

async function insertPlannedEnterprises(tx: Db, rows: PlannedRow[], at: Date) {
  const unique = new Map(
    rows.flatMap((r) => (r.newEnterprise ? [[r.newEnterprise.id, r.newEnterprise]] : [])),
  );
  await insertEnterprises(
    tx,
    [...unique.values()].map((e) => ({ ...e, createdAt: at, updatedAt: at })),
  );
  return [...unique.values()];
}

class Rollback extends Error {}

/** Validates a whole file and, unless told otherwise, writes all of it or nothing. */
export async function importMines(
  deps: ServiceDeps,
  principal: Principal,
  file: { data: Buffer; filename?: string | undefined },
  options: MineImportOptions,
): Promise<MineImportReport> {
  requirePermission(principal, RegistryPermission.Import);
  requirePermission(principal, RegistryPermission.MineCreate);
  if (file.data.length > RegistryValidation.importBytesMax) {
    throw new AppError(
      AppErrorCode.PayloadTooLarge,
      `导入文件超过 ${RegistryValidation.importBytesMax} 字节`,
      [{ path: 'file', message: '文件过大' }],
    );
  }
  const table = await readTable(
    file.data,
    detectFormat(file.filename, file.data),
    RegistryValidation.importRowsMax,
  );
  const unknown = table.headers.filter((h) => h !== '' && h !== 'ID' && !byHeader.has(h));
  if (unknown.length) {
    throw new AppError(
      AppErrorCode.ValidationFailed,
      `未知的列: ${unknown.join(', ')}`,
      unknown.map((h) => ({ path: h, row: 1, message: '未知的列' })),
    );
  }
  const { ok, errors } = await validateRows(deps.db, table.rows);
  const at = deps.clock();

  // Reference checks need the planned enterprises in place: run them in a transaction that is
  // always rolled back.
  let refErrors = new Map<number, ErrorDetail[]>();
  await deps.db
    .transaction(async (tx) => {
      await insertPlannedEnterprises(tx, ok, at);
      refErrors = await checkMineReferences(
        tx,
        principal,
        ok.map((r) => r.input),
      );
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) {
        throw e;
      }
    });
  const today = todayIn(deps.clock);
  for (const [i, r] of ok.entries()) {
    const dates = mineDateProblems(r.input, today);
    if (dates.length) {
      refErrors.set(i, [...(refErrors.get(i) ?? []), ...dates]);
    }
  }
  for (const [i, details] of refErrors) {
    const row = ok[i]?.row;
    for (const d of details) {
      errors.push({
        ...d,
        row,
        path:
          d.path === 'enterpriseId'
            ? '统一社会信用代码'
            : headerForPath(
                d.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
                {},
              ),
      });
    }
  }
  const valid = ok.filter((_, i) => !refErrors.has(i));
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const report: MineImportReport = {
    totalRows: table.rows.length,
    validRows: valid.length,
    invalidRows: table.rows.length - valid.length,
    written: 0,
    enterprisesCreated: 0,
    dryRun: options.dryRun,
    errors,
  };
  if (table.rows.length === 0) {
    throw new AppError(AppErrorCode.ValidationFailed, '文件没有数据行', [
      { path: 'file', message: '文件没有数据行' },
    ]);
  }
  if (errors.length && options.mode === 'all') {
    throw new AppError(
      AppErrorCode.ImportInvalid,
      `${report.invalidRows} 行有错误, 未写入任何数据`,
      errors,
    );
  }
  if (options.dryRun || valid.length === 0) {
    return report;
  }
  await deps.db.transaction(async (tx) => {
    const created = await insertPlannedEnterprises(tx, valid, at);
    const recheck = await checkMineReferences(
      tx,
      principal,
      valid.map((r) => r.input),
    );
    if (recheck.size) {
      throw new AppError(AppErrorCode.Conflict, '导入期间数据已被修改, 请重新导入');
    }
    await recordAudit(
      tx,
      actorOf(principal),
      at,
      created.map((e) => ({
        type: 'registry.enterprise.created' as const,
        entityId: e.id,
        after: e,
      })),
    );
    await insertCheckedMines(
      tx,
      principal,
      valid.map((r) => r.input),
      at,
    );
    report.enterprisesCreated = created.length;
  });
  report.written = valid.length;
  // Large imports change the tables' statistics; PGlite has no autovacuum to notice.
  await analyzeRegistryTables(deps.db);
  return report;
}
