/**
 * @module Check-character validation for Chinese national identifiers.
 */

const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// GB 32100-2015 §4 / 附录: weight of position i is 3^(i-1) mod 31.
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The expected check character of a 17-character credit-code body, or null if the body is malformed. */
export function creditCodeCheckChar(body: string): string | null {
  if (body.length !== 17) {
    return null;
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(body[i] ?? '');
    if (v < 0) {
      return null;
    }
    sum += v * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  }
  const c = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARSET[c] ?? null;
}

/** Why a 统一社会信用代码 is invalid (GB 32100-2015), or null when it is valid. */
export function creditCodeProblem(code: string): string | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) {
    return '统一社会信用代码须为18位数字或大写字母(不含I、O、Z、S、V)';
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected !== code[17]) {
    return `统一社会信用代码校验码错误: 应为 ${expected ?? '?'}`;
  }
  return null;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Why an 18-digit 居民身份证号码 is invalid (GB 11643-1999), or null when it is valid. */
export function idNumberProblem(id: string): string | null {
  if (!/^\d{17}[\dX]$/.test(id)) {
    return '身份证号码须为17位数字加1位数字或X';
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(id[i]) * (ID_WEIGHTS[i] ?? 0);
  }
  const expected = ID_CHECK[sum % 11];
  if (expected !== id[17]) {
    return `身份证号码校验码错误: 应为 ${expected ?? '?'}`;
  }
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return '身份证号码中的出生日期无效';
  }
  return null;
}

/** Shows an ID number as its first 4 and last 4 characters. */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 4)}${'*'.repeat(Math.max(0, id.length - 8))}${id.slice(-4)}`;
}

/** Appends the GB 32100 check character to a 17-character body (used by the demo seed and tests). */
export function completeCreditCode(body: string): string {
  const c = creditCodeCheckChar(body);
  if (!c) {
    throw new Error(`invalid credit-code body ${body}`);
  }
  return body + c;
}

/** Appends the GB 11643 check character to a 17-digit body (used by the demo seed and tests). */
export function completeIdNumber(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(body[i]) * (ID_WEIGHTS[i] ?? 0);
  }
  return body + (ID_CHECK[sum % 11] ?? '');
}
