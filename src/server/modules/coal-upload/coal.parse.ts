/**
 * @module The strict parser of the national coal upload files (煤安监办〔2019〕42号 → MT/T 1201.1-2023
 * CDDY CDSS YCBJ TJSJ FZDY FZSS, MT/T 1201.3-2023 RYXX RYQY RYJZ RYSS JZSS; REFERENCE §B6). A file is
 * accepted whole or refused whole: every problem is listed with the file name, the record (0 = header),
 * the field and the reason — a bad name, an encoding other than UTF-8, a missing `||`, a full-width `；`,
 * a line break, a wrong field count, a bad time, number or code. Codes outside the catalogue are
 * reported, never guessed.
 */
import { coalCatalogue, type CoalCatalogueInput } from './coal.catalogue.ts';
import { compileCatalogue } from './coal.codes.ts';
import { readFields, type FieldContext } from './coal.fields.ts';
import { decodeCoalText } from './coal.framing.ts';
import { coalLayouts, type CoalLayout } from './coal.layouts.ts';
import { parseCoalFileName } from './coal.name.ts';
import { coalFileError, ProblemList, type CoalProblem } from './coal.problems.ts';
import type { AnyCoalFile, CdssRecord } from './coal.records.ts';
import { readCdssRecord } from './cdss.fast.ts';

export interface CoalParseOptions {
  /** Code tables to read against instead of the built-in catalogue (e.g. a completed 传感器类型 table). */
  catalogue?: CoalCatalogueInput;
  /** CDSS records are read by their fast path (cdss.fast.ts) unless false; tests compare the two. */
  fastPath?: boolean;
}

/** A file read whole, or refused with every problem found (up to PROBLEMS_LISTED_MAX, all counted). */
export type CoalParseResult =
  | { ok: true; file: AnyCoalFile }
  | { ok: false; name: string; problems: CoalProblem[]; count: number };

const FULL_WIDTH_SEMICOLON = '；';

/** Parses one upload file from its name and bytes. */
export function parseCoalFile(
  name: string,
  data: Uint8Array,
  options: CoalParseOptions = {},
): CoalParseResult {
  const problems = new ProblemList(name);
  const refused = () =>
    ({ ok: false, name, problems: problems.items, count: problems.count }) as const;
  const fileName = parseCoalFileName(name);
  if (typeof fileName === 'string') {
    problems.add(null, '文件名', fileName, name);
    return refused();
  }
  const layout: CoalLayout = coalLayouts[fileName.type];
  const fieldName = (record: number, index: number) =>
    (record === 0 ? layout.header : layout.fields)[index]?.name ?? `第${index + 1}个字段`;
  const decoded = decodeCoalText(data, problems, fieldName);
  if (!decoded) {
    return refused();
  }
  const { text, bodyEnd } = decoded;
  const ctx: FieldContext = {
    text,
    problems,
    catalogue: compileCatalogue(options.catalogue ?? coalCatalogue),
    mineCode: fileName.mineCode,
    type: fileName.type,
  };
  // Characters that break the framing are rare: found once over the whole text, then placed.
  let nextFullWidth = text.indexOf(FULL_WIDTH_SEMICOLON);
  let nextBreak = nextLineBreak(text, 0);
  const fast = fileName.type === 'CDSS' && options.fastPath !== false;
  let header: Record<string, unknown> | null = null;
  const records: Record<string, unknown>[] = [];
  let record = 0;
  let start = 0;
  while (start < bodyEnd) {
    const end = text.indexOf('~', start);
    if (end < 0 || end >= bodyEnd) {
      problems.add(
        record,
        fieldName(record, 0),
        record === 0 ? '文件头未以 "~" 结束' : '最后一条记录未以 "~" 结束',
        text.slice(start, bodyEnd),
      );
      break;
    }
    if (nextFullWidth >= 0 && nextFullWidth < end) {
      problems.add(
        record,
        fieldName(record, countSemicolons(text, start, nextFullWidth)),
        '含全角分号 "；": 字段须以英文分号 ";" 分隔',
        text.slice(start, end),
      );
    } else if (nextBreak >= 0 && nextBreak < end) {
      problems.add(
        record,
        fieldName(record, countSemicolons(text, start, nextBreak)),
        '含换行符: 文件不换行, 每条记录以 "~" 结束',
        text.slice(start, end),
      );
    } else if (end === start && record > 0) {
      problems.add(record, fieldName(record, 0), '空记录 (两个 "~" 之间没有内容)');
    } else if (record === 0) {
      header = readFields(ctx, layout.header, 0, start, end);
      if (header && header.mineCode !== fileName.mineCode) {
        problems.add(
          0,
          '煤矿编码',
          `与文件名中的煤矿编码 ${fileName.mineCode} 不符`,
          String(header.mineCode),
        );
      }
    } else {
      const r =
        (fast &&
          readCdssRecord(
            text,
            start,
            end,
            ctx.catalogue,
            records.at(-1) as CdssRecord | undefined,
          )) ||
        readFields(ctx, layout.fields, record, start, end);
      if (r) {
        records.push(r);
      }
    }
    if (nextFullWidth >= 0 && nextFullWidth < end) {
      nextFullWidth = text.indexOf(FULL_WIDTH_SEMICOLON, end);
    }
    if (nextBreak >= 0 && nextBreak < end) {
      nextBreak = nextLineBreak(text, end);
    }
    record++;
    start = end + 1;
  }
  if (record === 0) {
    problems.add(0, fieldName(0, 0), '文件没有文件头');
  }
  if (problems.count > 0 || !header) {
    return refused();
  }
  const file = {
    type: fileName.type,
    mineCode: fileName.mineCode,
    at: fileName.at,
    header,
    records,
    ...(decoded.bom ? { bom: true } : {}),
    ...(decoded.trailer ? { trailer: decoded.trailer } : {}),
  };
  return { ok: true, file: file as unknown as AnyCoalFile };
}

/** Parses one upload file, or throws the 422 naming every problem. */
export function readCoalFile(
  name: string,
  data: Uint8Array,
  options: CoalParseOptions = {},
): AnyCoalFile {
  const r = parseCoalFile(name, data, options);
  if (!r.ok) {
    throw coalFileError(name, r.problems, r.count);
  }
  return r.file;
}

function countSemicolons(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf(';', from); i >= 0 && i < to; i = text.indexOf(';', i + 1)) {
    n++;
  }
  return n;
}

function nextLineBreak(text: string, from: number): number {
  const n = text.indexOf('\n', from);
  const r = text.indexOf('\r', from);
  return n < 0 ? r : r < 0 ? n : Math.min(n, r);
}
