/**
 * @module The typed records of the coal upload files, one type per file type, derived from the field
 * lists in coal.layouts.ts (so the types and the parser cannot drift apart).
 */
import type { CodeOf, CoalCodeTableName } from './coal.catalogue.ts';
import type { CoalFileType, FieldSpec, coalLayouts } from './coal.layouts.ts';

/** One linked point of a 传感器关联关系 group: `K-<测点编码>-<名称>`. */
export interface CoalRelationLink {
  /** 关联关系 code (catalogue table relationType: B, G, K, H, Z, D, T). */
  type: CodeOf<'relationType'>;
  pointCode: string;
  /** The name after the second '-', or null when the item has none. */
  name: string | null;
}

/** The value a field of a given spec holds. */
type ValueOf<F extends FieldSpec> = F['kind'] extends 'text'
  ? string
  : F['kind'] extends 'relations'
    ? CoalRelationLink[][]
    : OrNull<
        F,
        F['kind'] extends 'enum'
          ? F['table'] extends CoalCodeTableName
            ? CodeOf<F['table']>
            : string
          : F['kind'] extends 'number' | 'int' | 'time' | 'flags'
            ? number
            : string
      >;

type OrNull<F extends FieldSpec, V> = F['optional'] extends true ? V | null : V;

type Fields<S extends readonly FieldSpec[]> = { [F in S[number] as F['key']]: ValueOf<F> };

type Layouts = typeof coalLayouts;

/** The header segment of a file type. */
export type CoalHeader<T extends CoalFileType> = Fields<Layouts[T]['header']>;

/**
 * One record of a file type. `numberTexts` keeps a number's text as the file wrote it when that differs
 * from the number's shortest form (`100.00` for 100), so that writing a parsed file gives its bytes back;
 * the writer uses it only while it still reads as the field's value.
 */
export type CoalRecord<T extends CoalFileType> = Fields<Layouts[T]['fields']> & {
  numberTexts?: Record<string, string>;
};

export type CddyRecord = CoalRecord<'CDDY'>;
export type CdssRecord = CoalRecord<'CDSS'>;
export type YcbjRecord = CoalRecord<'YCBJ'>;
export type TjsjRecord = CoalRecord<'TJSJ'>;
export type FzdyRecord = CoalRecord<'FZDY'>;
export type FzssRecord = CoalRecord<'FZSS'>;
export type RyxxRecord = CoalRecord<'RYXX'>;
export type RyqyRecord = CoalRecord<'RYQY'>;
export type RyjzRecord = CoalRecord<'RYJZ'>;
export type RyssRecord = CoalRecord<'RYSS'>;
export type JzssRecord = CoalRecord<'JZSS'>;

/** A parsed file of one type (what the writer takes back). */
export interface CoalFile<T extends CoalFileType = CoalFileType> {
  type: T;
  /** 煤矿编码 from the file name (the header's must be the same). */
  mineCode: string;
  /** The file name's time, epoch milliseconds (a Beijing wall-clock time). */
  at: number;
  header: CoalHeader<T>;
  records: CoalRecord<T>[];
  /** The file began with a UTF-8 byte-order mark (tolerated; written back when set). */
  bom?: boolean;
  /** ASCII whitespace after the closing `||` (tolerated; written back when set). */
  trailer?: string;
}

/** Any parsed file, discriminated by its type. */
export type AnyCoalFile = { [T in CoalFileType]: CoalFile<T> }[CoalFileType];
