import { describe, expect, it } from 'vitest';
import { mineFilterQuery, parseMineFilters } from './useMineFilters.ts';
import { selectableRegions } from '../../app/region.tsx';

describe('mine list filters in the URL', () => {
  it('read back what the list wrote, with safe defaults for anything odd', () => {
    const f = parseMineFilters(
      new URLSearchParams(
        'kind=尾矿库,排土场&licenceExpiringWithinDays=30&sort=-updatedAt&limit=100&licenceExpired=true',
      ),
    );
    expect(f).toMatchObject({
      kind: ['尾矿库', '排土场'],
      licenceExpiringWithinDays: 30,
      sort: '-updatedAt',
      limit: 100,
      licenceExpired: true,
    });
    const odd = parseMineFilters(
      new URLSearchParams('sort=drop table&licenceExpiringWithinDays=-5&limit=abc'),
    );
    expect(odd).toMatchObject({ sort: 'name', licenceExpiringWithinDays: undefined, limit: 50 });
    expect(mineFilterQuery(odd, '140981')).toMatchObject({
      region: '140981',
      licenceExpired: undefined,
    });
  });
});

describe('region selector', () => {
  const regions = [
    { code: '140000', name: '山西省', level: 1, parentCode: null },
    { code: '140900', name: '忻州市', level: 2, parentCode: '140000' },
    { code: '140981', name: '原平市', level: 3, parentCode: '140900' },
    { code: '140923', name: '代县', level: 3, parentCode: '140900' },
  ];
  it('a county user may pick only its county; ancestors are shown for context', () => {
    expect([...selectableRegions(regions, '140981')]).toEqual(['140981']);
  });
  it('a city user may pick the city and any county under it, not the province', () => {
    expect([...selectableRegions(regions, '140900')].sort()).toEqual([
      '140900',
      '140923',
      '140981',
    ]);
  });
});
