/**
 * @module Small zod building blocks shared by every module's schemas.
 */
import { z } from 'zod';
import { RegistryValidation } from './limits.ts';

// Validation messages in Simplified Chinese, the product's default language.
z.config(z.locales.zhCN());

/** A calendar date, YYYY-MM-DD, that exists. */
export const DateString = z.iso.date().describe('日期 YYYY-MM-DD');
export const RegionCode = z
  .string()
  .regex(/^\d{6}$/, '行政区划代码须为6位数字 (GB/T 2260)')
  .describe('GB/T 2260 行政区划代码');
export const Uuid = z.uuid();
export const Name = z.string().trim().min(1, '不能为空').max(RegistryValidation.nameMax);
export const LongText = z.string().trim().min(1, '不能为空').max(RegistryValidation.textMax);

/** Query-string list: `a,b` or repeated keys become an array of strings. */
export function csvList<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (v) =>
      v === undefined
        ? undefined
        : (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(',')).filter((s) => s !== ''),
    z.array(item).max(50),
  );
}

/** Query-string boolean: `true`/`false`/`1`/`0`. */
export const QueryBool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

/** Keyset pagination: an opaque cursor and a page size. */
export const PageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(RegistryValidation.pageSizeMax)
    .default(RegistryValidation.pageSizeDefault),
  cursor: z.string().max(500).optional().describe('上一页返回的 nextCursor'),
};

/** A page of results; `nextCursor` is null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    nextCursor: z.string().nullable(),
  });
}

export const ExportFormat = z.enum(['csv', 'xlsx']);

/** A list's search text (mine name, number, description…), matched as a substring. */
export const SearchText = z
  .string()
  .trim()
  .max(100)
  // A NUL or another control character cannot be in any name or text searched (PostgreSQL refuses NUL).
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]*$/, '搜索文字不能包含控制字符')
  .describe('搜索: 矿山名称、编号或描述中的文字');

/** The rows a list's export holds at most (the filters narrow it further). */
export const ExportRowsMax = 20_000;

/** A list's query as its export takes it: the same filters without paging, and the file format. */
export function exportQueryOf<S extends z.ZodObject>(list: S) {
  const paging = Object.fromEntries(
    ['limit', 'cursor'].filter((k) => k in list.shape).map((k) => [k, true]),
  );
  return list.omit(paging as never).extend({ format: ExportFormat.default('xlsx') });
}

/** The error body of every 4xx/5xx. */
export const ErrorResponse = z.object({
  code: z.string(),
  message: z.string(),
  details: z.array(
    z.object({
      path: z.string(),
      message: z.string(),
      row: z.number().int().optional(),
      value: z.unknown().optional(),
    }),
  ),
});
