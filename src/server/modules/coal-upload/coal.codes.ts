/**
 * @module Reading codes against the catalogue (coal.catalogue.ts): a catalogue compiled once into sets,
 * the 测点状态 bit set decoded into its flags, a 传感器类型 code looked up in its range, and the
 * 传感器关联关系 groups read and written. An unknown code is reported, never guessed.
 */
import {
  coalCatalogue,
  type CoalCatalogueInput,
  type CoalCodeTableName,
  type SensorTypeRange,
  type StatusFlag,
} from './coal.catalogue.ts';
import type { CoalRelationLink } from './coal.records.ts';

/** A catalogue prepared for fast look-ups. */
export interface CompiledCatalogue {
  source: CoalCatalogueInput;
  codes: Record<CoalCodeTableName, ReadonlySet<string>>;
  /** Every bit a 测点状态 flag may set. */
  statusMask: number;
}

const compiled = new WeakMap<CoalCatalogueInput, CompiledCatalogue>();

/** The catalogue compiled for look-ups (cached per catalogue object). */
export function compileCatalogue(catalogue: CoalCatalogueInput = coalCatalogue): CompiledCatalogue {
  let c = compiled.get(catalogue);
  if (!c) {
    const set = (name: CoalCodeTableName) => new Set(catalogue[name].entries.map((e) => e.code));
    c = {
      source: catalogue,
      codes: {
        abnormalType: set('abnormalType'),
        valueType: set('valueType'),
        systemCode: set('systemCode'),
        relationType: set('relationType'),
        runStatus: set('runStatus'),
        powerStatus: set('powerStatus'),
        inOutFlag: set('inOutFlag'),
        yesNo: set('yesNo'),
      },
      statusMask: catalogue.pointStatus.flags.reduce((m, f) => m | f.bit, 0),
    };
    compiled.set(catalogue, c);
  }
  return c;
}

/**
 * The flags a 测点状态 value combines (MT/T 1201.1-2023 附录B 测点状态; the bit-set reading is inferred,
 * UNVERIFIED): `5` → 报警 and 标校; `0` → 正常. Null when the value has a bit no flag defines.
 */
export function decodePointStatus(
  value: number,
  catalogue: CoalCatalogueInput = coalCatalogue,
): StatusFlag[] | null {
  const flags = catalogue.pointStatus.flags;
  if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff) {
    return null;
  }
  if (value === 0) {
    return flags.filter((f) => f.bit === 0);
  }
  const set = flags.filter((f) => f.bit !== 0 && (value & f.bit) === f.bit);
  const covered = set.reduce((m, f) => m | f.bit, 0);
  return covered === value ? set : null;
}

/** The 测点状态 value of a set of flags (the inverse of decodePointStatus). */
export function encodePointStatus(keys: readonly StatusFlag['key'][]): number {
  const flags = coalCatalogue.pointStatus.flags as readonly StatusFlag[];
  return keys.reduce((m, k) => m | (flags.find((f) => f.key === k)?.bit ?? 0), 0);
}

/** A 传感器类型 code's range and name (the name null when the range is known but not the code's name). */
export function lookupSensorType(
  code: string,
  catalogue: CoalCatalogueInput = coalCatalogue,
): { range: SensorTypeRange; name: string | null } | null {
  if (!/^\d{4}$/.test(code)) {
    return null;
  }
  for (const range of catalogue.sensorType.ranges) {
    if (code >= range.from && code <= range.to) {
      return { range, name: range.named.find((n) => n.code === code)?.name ?? null };
    }
  }
  return null;
}

/** A code's meaning in one table, or null when the table does not have it. */
export function codeName(
  table: CoalCodeTableName,
  code: string,
  catalogue: CoalCatalogueInput = coalCatalogue,
): string | null {
  return catalogue[table].entries.find((e) => e.code === code)?.name ?? null;
}

/** Groups are separated by ◇, links within a group by ':', a link is `<type>-<测点编码>[-<名称>]`. */
const GROUP = '◇';

/**
 * Reads 传感器关联关系 (MT/T 1201.1-2023 附录B; the grammar inferred from examples, UNVERIFIED): the groups,
 * or the reason it cannot be read (an unknown relation type is named, not guessed).
 */
export function parseRelations(
  text: string,
  catalogue: CompiledCatalogue,
): CoalRelationLink[][] | string {
  if (text === '') {
    return [];
  }
  const groups: CoalRelationLink[][] = [];
  for (const group of text.split(GROUP)) {
    const links: CoalRelationLink[] = [];
    for (const item of group.split(':')) {
      const dash = item.indexOf('-');
      if (dash < 1) {
        return `关联关系格式不符: "${item}" 须为 类型-测点编码[-名称]`;
      }
      const type = item.slice(0, dash);
      if (!catalogue.codes.relationType.has(type)) {
        return `未知的关联关系类型 "${type}" (不在代码表「传感器关联关系」中)`;
      }
      const rest = item.slice(dash + 1);
      const dash2 = rest.indexOf('-');
      const pointCode = dash2 < 0 ? rest : rest.slice(0, dash2);
      if (pointCode === '') {
        return `关联关系格式不符: "${item}" 缺少测点编码`;
      }
      links.push({
        type: type as CoalRelationLink['type'],
        pointCode,
        name: dash2 < 0 ? null : rest.slice(dash2 + 1),
      });
    }
    groups.push(links);
  }
  return groups;
}

/** Writes 传感器关联关系 groups as parseRelations reads them. */
export function formatRelations(groups: readonly (readonly CoalRelationLink[])[]): string {
  return groups
    .map((g) =>
      g
        .map((l) =>
          l.name === null ? `${l.type}-${l.pointCode}` : `${l.type}-${l.pointCode}-${l.name}`,
        )
        .join(':'),
    )
    .join(GROUP);
}
