/**
 * @module Reads an uploaded CSV or xlsx file into header-keyed rows, with precise errors for files
 * that are not tables at all.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError, AppErrorCode } from '../errors.ts';

/** One data row: the 1-based row number in the file (header = 1) and its cells by header. */
export interface TableRow {
  row: number;
  cells: Record<string, string | number | boolean | Date | null>;
}

export interface Table {
  headers: string[];
  rows: TableRow[];
}

export type TableFormat = 'csv' | 'xlsx';

/** Guesses the format from the file name or the first bytes (xlsx is a zip: "PK"). */
export function detectFormat(filename: string | undefined, data: Buffer): TableFormat {
  if (filename?.toLowerCase().endsWith('.xlsx') || (data[0] === 0x50 && data[1] === 0x4b)) {
    return 'xlsx';
  }
  return 'csv';
}

function fail(message: string): never {
  throw new AppError(AppErrorCode.ValidationFailed, message, [{ path: 'file', message }]);
}

function checkHeaders(headers: string[]): string[] {
  const clean = headers.map((h) => h.trim());
  if (clean.length === 0 || clean.every((h) => h === '')) {
    fail('文件没有表头行');
  }
  const seen = new Set<string>();
  for (const h of clean) {
    if (h && seen.has(h)) {
      fail(`表头重复: ${h}`);
    }
    seen.add(h);
  }
  return clean;
}

function readCsv(data: Buffer, maxRows: number): Table {
  let text = data.toString('utf8');
  if (text.includes('\uFFFD')) {
    fail('CSV 文件须为 UTF-8 编码');
  }
  if (text.includes('\u0000')) {
    fail('文件包含空字符 (NUL), 不是文本表格');
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
  }
  let records: string[][];
  try {
    const parsed: unknown = parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      to: maxRows + 2,
    });
    records = parsed as string[][];
  } catch (e) {
    fail(`CSV 解析失败: ${(e as Error).message}`);
  }
  const [head, ...body] = records;
  if (!head) {
    fail('文件为空');
  }
  if (body.length > maxRows) {
    fail(`文件超过 ${maxRows} 行的上限`);
  }
  const headers = checkHeaders(head);
  return {
    headers,
    rows: body.map((r, i) => ({
      row: i + 2,
      cells: Object.fromEntries(headers.map((h, j) => [h, r[j] ?? null])),
    })),
  };
}

function cellValue(v: ExcelJS.CellValue): string | number | boolean | Date | null {
  if (v === null || v === undefined) {
    return null;
  }
  if (
    typeof v === 'string' ||
    typeof v === 'number' ||
    typeof v === 'boolean' ||
    v instanceof Date
  ) {
    return v;
  }
  if (typeof v === 'object') {
    if ('richText' in v) {
      return v.richText.map((t) => t.text).join('');
    }
    if ('result' in v) {
      return cellValue(v.result);
    }
    if ('text' in v) {
      return String(v.text);
    }
    if ('error' in v) {
      return null;
    }
  }
  return null;
}

async function readXlsx(data: Buffer, maxRows: number): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    fail(`xlsx 文件无法读取: ${(e as Error).message}`);
  }
  const sheet = wb.worksheets[0];
  if (!sheet) {
    fail('xlsx 文件没有工作表');
  }
  if (sheet.rowCount > maxRows + 1) {
    fail(`文件超过 ${maxRows} 行的上限`);
  }
  const headerRow = sheet.getRow(1);
  const width = headerRow.cellCount;
  const headers = checkHeaders(
    Array.from({ length: width }, (_, j) =>
      String(cellValue(headerRow.getCell(j + 1).value) ?? ''),
    ),
  );
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, n) => {
    if (n === 1) {
      return;
    }
    const cells = Object.fromEntries(headers.map((h, j) => [h, cellValue(r.getCell(j + 1).value)]));
    if (Object.values(cells).every((c) => c === null || c === '')) {
      return;
    }
    rows.push({ row: n, cells });
  });
  return { headers, rows };
}

/** Parses a CSV (UTF-8, optional BOM) or xlsx (first sheet) file. */
export async function readTable(
  data: Buffer,
  format: TableFormat,
  maxRows: number,
): Promise<Table> {
  return format === 'xlsx' ? readXlsx(data, maxRows) : readCsv(data, maxRows);
}
