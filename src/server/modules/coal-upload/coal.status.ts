/**
 * @module What a CDSS record's 测点状态 (MT/T 1201.1-2023 附录B; the bit-set reading UNVERIFIED, see
 * coal.catalogue.ts) does in minewatch, per issue 22 §2: readings flagged 标校, 不巡检 or 暂停 are marked
 * and raise no 超限; 传感器故障 and 超量程 (and 分站故障, whose values are no better) are 数据异常; the rest
 * (正常, 报警, 断电) are readings, and 报警/断电 is the mine's own alarm state, compared with minewatch's.
 */
import type { CoalEpisodeKind } from '../../../shared/coal-upload.enums.ts';
import { coalCatalogue, type CoalCatalogueInput, type StatusFlag } from './coal.catalogue.ts';
import { decodePointStatus } from './coal.codes.ts';

/** What one status value amounts to. */
export interface StatusMeaning {
  /** A minewatch reading (judged by the engine), or only the mine's marked record. */
  reading: boolean;
  /** The episode kind the record belongs to when it is not a reading. */
  mark: CoalEpisodeKind | null;
  /** The mine reports 报警 or 断电. */
  mineAlarm: boolean;
  /** The flags' names, for people (`报警、断电`). */
  names: string;
}

/** Flags whose value is not a measurement (数据异常), strongest first. */
const ABNORMAL: readonly StatusFlag['key'][] = ['sensorFault', 'overRange', 'substationFault'];
/** Flags of readings that do not measure the air (marked), strongest first, with their episode kind. */
const QUIET: readonly [StatusFlag['key'], CoalEpisodeKind][] = [
  ['calibrating', '标校'],
  ['notPolled', '不巡检'],
  ['paused', '暂停'],
];

const cache = new Map<number, StatusMeaning | null>();

/** The meaning of a 测点状态 value, or null when a bit is not in the catalogue (the parser refuses those). */
export function statusMeaning(
  status: number,
  catalogue: CoalCatalogueInput = coalCatalogue,
): StatusMeaning | null {
  const useCache = catalogue === coalCatalogue;
  if (useCache && cache.has(status)) {
    return cache.get(status) ?? null;
  }
  const flags = decodePointStatus(status, catalogue);
  let meaning: StatusMeaning | null = null;
  if (flags) {
    const keys = new Set(flags.map((f) => f.key));
    const quiet = QUIET.find(([k]) => keys.has(k));
    const abnormal = ABNORMAL.some((k) => keys.has(k));
    meaning = {
      reading: !abnormal && !quiet,
      mark: abnormal ? '数据异常' : quiet ? quiet[1] : null,
      mineAlarm: keys.has('alarm') || keys.has('powerOff'),
      names: flags.map((f) => f.name).join('、'),
    };
  }
  if (useCache) {
    cache.set(status, meaning);
  }
  return meaning;
}
