/**
 * @module The stock targets of 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第8条 — 原平's own targets, not a national
 * rule (安委〔2024〕1号 does not set them) — judged from the hazard counts (pure):
 * 2024 年底前基本消除 2023 年及以前排查发现的重大事故隐患存量; 2025 年底前有效遏制增量; 2026 年底前形成
 * 动态清零的常态化机制. The dates are the setting hazards.stockTargets.
 */
import type { StockTarget, StockTargets } from '../../../shared/hazard-analysis.schemas.ts';

const SOURCE = '《原平市矿山企业安全生产治本攻坚三年行动实施方案》第8条';

export interface StockFigures {
  /** Found before `stockFoundBefore`: all, still open, closed by `stockDueOn`. */
  stock: number;
  stockOpen: number;
  stockClosedByDue: number;
  /** Found in the increment year and in the year before it. */
  foundInYear: number;
  foundInPreviousYear: number;
  /** Open hazards past their deadline now. */
  overdue: number;
}

export function evaluateStockTargets(
  t: StockTargets,
  f: StockFigures,
  today: string,
): StockTarget[] {
  const stockLate = f.stock - f.stockOpen - f.stockClosedByDue;
  const stock: StockTarget = {
    key: 'stock',
    label: `${t.stockFoundBefore} 前发现的重大事故隐患存量清零`,
    dueOn: t.stockDueOn,
    source: SOURCE,
    status: f.stockOpen === 0 ? '已完成' : today <= t.stockDueOn ? '进行中' : '未完成',
    figures: { stock: f.stock, open: f.stockOpen, closedByDue: f.stockClosedByDue },
    explanation:
      `存量 ${f.stock} 项, 时限内销号 ${f.stockClosedByDue} 项` +
      (stockLate > 0 ? `, 逾期销号 ${stockLate} 项` : '') +
      `, 尚未销号 ${f.stockOpen} 项`,
  };
  // No new hazard at all is curbed too (0 after 0 is not a rise).
  const curbed = f.foundInYear < f.foundInPreviousYear || f.foundInYear === 0;
  const increment: StockTarget = {
    key: 'increment',
    label: `${t.incrementYear} 年有效遏制重大事故隐患增量`,
    dueOn: t.incrementDueOn,
    source: SOURCE,
    status: today <= t.incrementDueOn ? '进行中' : curbed ? '已完成' : '未完成',
    figures: { year: f.foundInYear, previousYear: f.foundInPreviousYear },
    explanation: `${t.incrementYear} 年新发现 ${f.foundInYear} 项, ${t.incrementYear - 1} 年 ${f.foundInPreviousYear} 项${f.foundInYear === 0 ? ', 无新增' : curbed ? ', 同比下降' : ', 未下降'}`,
  };
  const zero = f.overdue === 0 && f.stockOpen === 0;
  const dynamicZero: StockTarget = {
    key: 'dynamicZero',
    label: '重大事故隐患动态清零 (无逾期未销号隐患)',
    dueOn: t.dynamicZeroDueOn,
    source: SOURCE,
    status: zero ? '已完成' : today <= t.dynamicZeroDueOn ? '进行中' : '未完成',
    figures: { overdue: f.overdue, stockOpen: f.stockOpen },
    explanation: `逾期未销号 ${f.overdue} 项, 存量未销号 ${f.stockOpen} 项`,
  };
  return [stock, increment, dynamicZero];
}
