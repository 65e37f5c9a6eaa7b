/**
 * Generates the hazard-criteria catalogue data from docs/sources/hazard-criteria.md (§A1.1–A1.3 for
 * 矿安〔2022〕88号, §A2 第三条 for 应急管理部令第4号; docs/sources.md describes both), keeping each item's
 * VERIFIED / UNVERIFIED mark. The output is committed data (src/server/modules/hazards/catalogue/*.json);
 * run again when that text changes:
 *   npx tsx scripts/build-hazard-catalogue.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface Item {
  code: string;
  parentCode: string | null;
  part: string;
  number: string;
  text: string;
  verified: boolean;
}

const reference = readFileSync(
  new URL('../docs/sources/hazard-criteria.md', import.meta.url),
  'utf8',
);

function section(startHeading: string, endHeading: string): string[] {
  const start = reference.indexOf(startHeading);
  const end = reference.indexOf(endHeading, start + startHeading.length);
  if (start < 0 || end < 0) {
    throw new Error(`section ${startHeading} not found`);
  }
  return reference.slice(start, end).split('\n');
}

const mark = (line: string): boolean | undefined =>
  /\[VERIFIED/.test(line) ? true : /\[UNVERIFIED/.test(line) ? false : undefined;
const clean = (text: string) =>
  text
    .replace(/\(\s*\*\*\[[^\]]*\]\*\*[^)]*\)/g, '')
    .replace(/\*\*\[[^\]]*\]\*\*/g, '')
    .replace(/\((header|header )?\s*\)/g, '')
    .replace(/\(the 20\d\d version[^)]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Items `- (一) …` and their numbered sub-items `  1. …` of one part of 88号. */
function parsePart(lines: string[], part: string, prefix: string): Item[] {
  const items: Item[] = [];
  let current: Item | undefined;
  let subs: (Item & { ownMark: boolean })[] = [];
  const flush = () => {
    if (!current) {
      return;
    }
    // A note like "(sub-items 1–3 **[UNVERIFIED]**)" or a trailing "**[UNVERIFIED]**" line rules the
    // sub-items that carry no mark of their own.
    items.push(current, ...subs.map(({ ownMark: _own, ...rest }) => rest));
    subs = [];
  };
  for (const line of lines) {
    const item = /^- \(([一二三四五六七八九十]+)\) (.*)$/.exec(line);
    const sub = /^ {2}(\d+)\. (.*)$/.exec(line);
    const note =
      /^ {2}(?:\(sub-items[^)]*\*\*\[(UN)?VERIFIED[^\]]*\]\*\*\)|\*\*\[(UN)?VERIFIED[^\]]*\]\*\*)\s*$/.exec(
        line,
      );
    if (item?.[1] && item[2] !== undefined) {
      flush();
      const verified = mark(item[2]);
      current = {
        code: `${prefix}(${item[1]})`,
        parentCode: null,
        part,
        number: item[1],
        text: clean(item[2]),
        verified: verified ?? false,
      };
    } else if (sub?.[1] && sub[2] !== undefined && current) {
      const verified = mark(sub[2]);
      subs.push({
        ownMark: verified !== undefined,
        code: `${current.code}${sub[1]}`,
        parentCode: current.code,
        part,
        number: sub[1],
        text: clean(sub[2]),
        verified: verified ?? current.verified,
      });
    } else if (note && current) {
      // "(sub-items 2–3 **[UNVERIFIED]**)" rules those numbers; a bare mark rules every unmarked sub-item.
      const verified = !/UNVERIFIED/.test(line);
      const range = /sub-items (\d+)[–-](\d+)/.exec(line);
      const inRange = (n: number) => !range || (n >= Number(range[1]) && n <= Number(range[2]));
      subs = subs.map((s) => (!s.ownMark && inRange(Number(s.number)) ? { ...s, verified } : s));
    }
  }
  flush();
  return items;
}

const nonCoal = {
  code: '矿安〔2022〕88号',
  title: '金属非金属矿山重大事故隐患判定标准',
  version: '2022',
  effectiveOn: '2022-09-01',
  source:
    '矿安〔2022〕88号 一、二、三 (wording from public copies; each item marked verified or not)',
  items: [
    ...parsePart(section('#### A1.1', '#### A1.2'), '金属非金属地下矿山', '地下'),
    ...parsePart(section('#### A1.2', '#### A1.3'), '金属非金属露天矿山', '露天'),
    ...parsePart(section('#### A1.3', '### A2'), '尾矿库', '尾矿库'),
  ],
};

const coalLines = section('**第三条, the 15 categories', '**第四条');
const coal = {
  code: '应急管理部令第4号',
  title: '煤矿重大事故隐患判定标准',
  version: '2020',
  effectiveOn: '2021-01-01',
  source:
    '应急管理部令第4号 第三条 (the 15 categories, VERIFIED); sub-items of 第四条–第十八条 to be added as a new version',
  items: coalLines
    .map((l) => /^(\d+)\. (.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      code: `煤矿(${m[1]})`,
      parentCode: null,
      part: '煤矿',
      number: m[1] ?? '',
      text: clean(m[2] ?? ''),
      verified: true,
    })),
};

for (const [file, data] of [
  ['non-coal-2022.json', nonCoal],
  ['coal-2020.json', coal],
] as const) {
  writeFileSync(
    new URL(`../src/server/modules/hazards/catalogue/${file}`, import.meta.url),
    `${JSON.stringify(data, null, 2)}\n`,
  );
  console.log(
    `${file}: ${data.items.length} items (${data.items.filter((i) => i.verified).length} verified)`,
  );
}
