/**
 * @module Repeat and closure rules over a mine's hazards (pure functions).
 * - 屡改屡犯: the same criterion found again at the same mine within N months after it was 销号.
 * - 提请关闭: 安委〔2024〕1号 (VERIFIED) and 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第7条: a mine producing with
 *   incomplete licences where 2 or more major hazards were found within 3 months is to be proposed for
 *   closure. The counts are settings (hazards.repeatRules); "within 3 months" is read inclusively.
 */

import { addMonths } from '../../../shared/dates.ts';

/**
 * The first window of `months` months (inclusive at both ends) holding at least `min` of the dates, as
 * the dates inside it; null when there is none.
 */
export function firstDenseWindow(dates: string[], months: number, min: number): string[] | null {
  const sorted = [...dates].sort();
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i] ?? '';
    const end = addMonths(start, months);
    const inside = sorted.slice(i).filter((d) => d <= end);
    if (inside.length >= min) {
      return inside;
    }
  }
  return null;
}

/** A licence as the closure rule sees it. */
export interface LicenceFact {
  kind: string;
  expiresOn: string;
}

/** What makes a mine's licences incomplete (证照不全) on `today`: a missing or expired 采矿/安全生产许可证. */
export function licenceProblems(licences: LicenceFact[], today: string): string[] {
  const problems: string[] = [];
  for (const kind of ['采矿许可证', '安全生产许可证']) {
    const held = licences.filter((l) => l.kind === kind);
    if (held.length === 0) {
      problems.push(`无${kind}`);
    } else if (held.every((l) => l.expiresOn < today)) {
      problems.push(`${kind}已过期`);
    }
  }
  return problems;
}
