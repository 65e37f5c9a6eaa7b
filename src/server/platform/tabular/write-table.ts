/**
 * @module Writes a list as CSV (UTF-8 with BOM, so Excel shows Chinese correctly) or xlsx.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

/** One exported column: its header and how to get the cell from an item. */
export interface ExportColumn<T> {
  header: string;
  value: (item: T) => string | number | boolean | null | undefined;
}

function cell(v: string | number | boolean | null | undefined): string | number {
  if (v === null || v === undefined) {
    return '';
  }
  if (typeof v === 'boolean') {
    return v ? '是' : '否';
  }
  return v;
}

/**
 * CSV cells that start with = + - @ are prefixed with a quote so spreadsheet programs do not run them
 * as formulas (CSV injection).
 */
function safeText(v: string | number): string | number {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export async function writeTable<T>(
  items: T[],
  columns: ExportColumn<T>[],
  format: 'csv' | 'xlsx',
  sheetName: string,
): Promise<Buffer> {
  if (format === 'csv') {
    const rows = [
      columns.map((c) => c.header),
      ...items.map((it) => columns.map((c) => safeText(cell(c.value(it))))),
    ];
    return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(stringify(rows), 'utf8')]);
  }
  return writeWorkbook([{ name: sheetName, columns, items }]);
}

/** One sheet of a workbook. */
export interface Sheet<T> {
  name: string;
  columns: ExportColumn<T>[];
  items: T[];
}

/** An xlsx workbook of several sheets, each with a bold frozen header row. */
export async function writeWorkbook(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each sheet has its own item type
  sheets: Sheet<any>[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const { name, columns, items } of sheets) {
    const sheet = wb.addWorksheet(name);
    sheet.addRow(columns.map((c) => c.header)).font = { bold: true };
    for (const it of items) {
      sheet.addRow(columns.map((c) => cell(c.value(it))));
    }
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    columns.forEach((c, i) => {
      sheet.getColumn(i + 1).width = Math.min(40, Math.max(10, c.header.length * 2 + 2));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
