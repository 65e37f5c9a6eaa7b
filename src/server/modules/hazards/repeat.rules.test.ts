import { describe, expect, it } from 'vitest';
import { firstDenseWindow, licenceProblems } from './repeat.rules.ts';

// 安委〔2024〕1号: “3个月内2次或者2次以上发现有重大事故隐患仍然进行生产的” (VERIFIED).
describe('the 3-month window at its edges', () => {
  it('two hazards exactly 3 months apart are within the window; one day more is not', () => {
    expect(firstDenseWindow(['2026-01-15', '2026-04-15'], 3, 2)).toEqual([
      '2026-01-15',
      '2026-04-15',
    ]);
    expect(firstDenseWindow(['2026-01-15', '2026-04-16'], 3, 2)).toBeNull();
  });

  it('the end of a short month: 11-30 + 3 months is 02-28', () => {
    expect(firstDenseWindow(['2025-11-30', '2026-02-28'], 3, 2)).not.toBeNull();
    expect(firstDenseWindow(['2025-11-30', '2026-03-01'], 3, 2)).toBeNull();
  });

  it('finds a window anywhere in the history, in any order, and honours the minimum count', () => {
    expect(firstDenseWindow(['2026-09-01', '2025-01-01', '2026-07-10'], 3, 2)).toEqual([
      '2026-07-10',
      '2026-09-01',
    ]);
    expect(firstDenseWindow(['2026-07-10', '2026-09-01'], 3, 3)).toBeNull();
    expect(firstDenseWindow(['2026-07-10'], 3, 2)).toBeNull();
  });
});

describe('证照不全', () => {
  it('is a missing or expired 采矿许可证 or 安全生产许可证; a licence expiring today is still valid', () => {
    const both = [
      { kind: '采矿许可证', expiresOn: '2030-01-01' },
      { kind: '安全生产许可证', expiresOn: '2026-11-22' },
    ];
    expect(licenceProblems(both, '2026-11-22')).toEqual([]);
    expect(licenceProblems(both, '2026-11-23')).toEqual(['安全生产许可证已过期']);
    expect(
      licenceProblems([{ kind: '采矿许可证', expiresOn: '2030-01-01' }], '2026-11-22'),
    ).toEqual(['无安全生产许可证']);
  });
});
