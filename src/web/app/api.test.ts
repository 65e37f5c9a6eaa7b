import { describe, expect, it } from 'vitest';
import { ApiError, fieldErrors, toQuery } from './api.ts';

describe('fieldErrors', () => {
  it('maps the API’s body paths to form field paths and groups messages per field', () => {
    const e = new ApiError(400, 'VALIDATION_FAILED', 'x', [
      { path: 'body.name', message: '不能为空' },
      { path: 'body.licences.0.expiresOn', message: '有效期至须晚于发证日期' },
      { path: 'countyCode', message: '不在管辖范围内' },
      { path: 'body.name', message: '过长' },
      { path: 'permission', message: 'lacks' },
    ]);
    expect(fieldErrors(e)).toEqual([
      { name: ['name'], errors: ['不能为空', '过长'] },
      { name: ['licences', 0, 'expiresOn'], errors: ['有效期至须晚于发证日期'] },
      { name: ['countyCode'], errors: ['不在管辖范围内'] },
    ]);
  });

  it('gives nothing for errors that are not API errors', () => {
    expect(fieldErrors(new Error('network'))).toEqual([]);
  });
});

describe('toQuery', () => {
  it('drops empty values and joins lists', () => {
    expect(
      toQuery({
        region: '140981',
        kind: ['尾矿库', '排土场'],
        q: '',
        status: [],
        limit: 50,
        x: undefined,
      }),
    ).toBe(`?region=140981&kind=${encodeURIComponent('尾矿库,排土场')}&limit=50`);
    expect(toQuery({})).toBe('');
  });
});

describe('translate', () => {
  it('finds keys that contain dots (audit event types) and fills placeholders', async () => {
    const { translate } = await import('./i18n.tsx');
    const { zhCN } = await import('../locales/zh-CN.ts');
    expect(translate(zhCN, 'auditTypes.registry.mine.updated')).toBe('修改');
    expect(translate(zhCN, 'common.total', { count: 3 })).toBe('共 3 条');
    expect(translate(zhCN, 'nope.missing')).toBe('nope.missing');
  });
});
