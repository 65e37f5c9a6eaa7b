/**
 * @module The upload file's name: `<12-digit 煤矿编码>_<TYPE>_<yyyyMMddHHmmss>.txt` (煤安监办〔2019〕42号;
 * MT/T 1201.1-2023, MT/T 1201.3-2023; REFERENCE §B6), e.g. `620823009203_RYSS_20260923101319.txt`.
 */
import { isCoalFileType, type CoalFileType } from './coal.layouts.ts';
import { formatCompactTime, readTime } from './coal.values.ts';

export interface CoalFileName {
  mineCode: string;
  type: CoalFileType;
  /** The name's time, epoch milliseconds (Beijing wall-clock). */
  at: number;
}

const NAME = /^(\d{12})_([A-Z]+)_(\d{14})\.[Tt][Xx][Tt]$/;

export const NAME_PROBLEM = '文件名须为 <12位煤矿编码>_<类型>_<yyyyMMddHHmmss>.txt';

/** Reads a file name (a path's folders are ignored), or the reason it is not one of these files. */
export function parseCoalFileName(name: string): CoalFileName | string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const m = NAME.exec(base);
  if (!m) {
    return NAME_PROBLEM;
  }
  const [, mineCode = '', type = '', compact = ''] = m;
  if (!isCoalFileType(type)) {
    return `不支持的文件类型 ${type} (可接收 CDDY、CDSS、YCBJ、TJSJ、FZDY、FZSS、RYXX、RYQY、RYJZ、RYSS、JZSS)`;
  }
  const spaced = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)} ${compact.slice(8, 10)}:${compact.slice(10, 12)}:${compact.slice(12, 14)}`;
  const at = readTime(spaced, 0, spaced.length);
  return typeof at === 'string' ? `文件名中的时间无效: ${at}` : { mineCode, type, at };
}

/** The name a file of this mine, type and time is written under. */
export function formatCoalFileName(f: CoalFileName): string {
  return `${f.mineCode}_${f.type}_${formatCompactTime(f.at)}.txt`;
}
