import { describe, expect, it } from 'vitest';
import {
  completeCreditCode,
  creditCodeCheckChar,
  creditCodeProblem,
  idNumberProblem,
  maskIdNumber,
} from './identifiers.ts';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts published codes whose check character is right', () => {
    // Real registered codes, check characters computed by the GB 32100 weights 3^(i-1) mod 31.
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('91110000802100433B')).toBeNull();
    expect(creditCodeProblem('914403001922038216')).toBeNull();
  });

  it('names the expected check character when the last one is wrong', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('统一社会信用代码校验码错误: 应为 3');
  });

  it('rejects letters the standard excludes (I, O, Z, S, V) and wrong lengths', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toMatch(/18位/);
    expect(creditCodeProblem('91350100I000100Y43')).toMatch(/18位/);
    expect(creditCodeProblem('91350100m000100y43')).toMatch(/18位/);
  });

  it('a check value of 31 − 0 maps to "0"', () => {
    // Search a body whose weighted sum is divisible by 31: its check character must be '0'.
    let found = '';
    for (let n = 0; n < 1000 && !found; n++) {
      const body = `9114098100000${String(n).padStart(4, '0')}`;
      if (creditCodeCheckChar(body) === '0') {
        found = body;
      }
    }
    expect(found).not.toBe('');
    expect(creditCodeProblem(completeCreditCode(found))).toBeNull();
  });
});

describe('居民身份证号码 (GB 11643-1999)', () => {
  it('accepts the standard example 11010519491231002X', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
  });

  it('rejects a wrong check digit and an impossible birth date', () => {
    expect(idNumberProblem('110105194912310021')).toMatch(/校验码错误: 应为 X/);
    // 1949-02-30 does not exist; the check digit is made right so only the date is wrong.
    const body = '11010519490230002';
    let sum = 0;
    const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    for (let i = 0; i < 17; i++) {
      sum += Number(body[i]) * (w[i] ?? 0);
    }
    expect(idNumberProblem(body + '10X98765432'[sum % 11])).toBe('身份证号码中的出生日期无效');
  });

  it('masks all but the first and last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });
});
