/**
 * What each 测点状态 flag of CDSS does (MT/T 1201.1-2023 附录B, REFERENCE §B6: 0 正常, 1 报警, 2 断电,
 * 4 标校, 8 超量程, 16 分站故障, 32 不巡检, 64 暂停, 128 传感器故障; combinations are sums).
 */
import { describe, expect, it } from 'vitest';
import { coalCatalogue } from './coal.catalogue.ts';
import { statusMeaning } from './coal.status.ts';

describe('测点状态 → minewatch', () => {
  it('each flag of the code table has its effect', () => {
    const effect = (bit: number) => {
      const m = statusMeaning(bit);
      return m && [m.reading, m.mark, m.mineAlarm];
    };
    expect(
      Object.fromEntries(coalCatalogue.pointStatus.flags.map((f) => [f.name, effect(f.bit)])),
    ).toEqual({
      正常: [true, null, false],
      报警: [true, null, true],
      断电: [true, null, true],
      标校: [false, '标校', false],
      超量程: [false, '数据异常', false],
      分站故障: [false, '数据异常', false],
      不巡检: [false, '不巡检', false],
      暂停: [false, '暂停', false],
      传感器故障: [false, '数据异常', false],
    });
  });

  it('combined flags: a fault outranks a mark, a mark outranks an alarm', () => {
    expect(statusMeaning(1 + 4)).toMatchObject({
      reading: false,
      mark: '标校',
      mineAlarm: true,
      names: '报警、标校',
    });
    expect(statusMeaning(4 + 128)).toMatchObject({ reading: false, mark: '数据异常' });
    expect(statusMeaning(1 + 2)).toMatchObject({ reading: true, mark: null, mineAlarm: true });
    // A bit the table does not define is not guessed.
    expect(statusMeaning(256)).toBeNull();
  });
});
