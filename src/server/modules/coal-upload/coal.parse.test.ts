/**
 * The parser reads every file type of MT/T 1201.1-2023 (CDDY CDSS YCBJ TJSJ FZDY FZSS) and MT/T
 * 1201.3-2023 (RYXX RYQY RYJZ RYSS JZSS) — 煤安监办〔2019〕42号 附件1/附件2 — into typed records, from
 * fixtures built from the §B6 field lists (coal-file.factory.ts). Values are the 煤矿安全规程 甲烷 numbers
 * (报警 1.0, 断电 1.5 % CH4) and REFERENCE §B6's examples.
 */
import { describe, expect, it } from 'vitest';
import { buildCoalFixture, FIXTURE_MINE } from './coal-file.factory.ts';
import { coalFileTypes, coalLayouts } from './coal.layouts.ts';
import { parseCoalFile } from './coal.parse.ts';
import type { CoalFile } from './coal.records.ts';
import type { CoalFileType } from './coal.layouts.ts';

const AT = Date.parse('2026-11-22T10:00:00+08:00');

function parsed<T extends CoalFileType>(
  type: T,
  f: { name: string; data: Uint8Array },
): CoalFile<T> {
  const r = parseCoalFile(f.name, f.data);
  if (!r.ok) {
    throw new Error(JSON.stringify(r.problems));
  }
  expect(r.file.type).toBe(type);
  return r.file as unknown as CoalFile<T>;
}

describe('every file type (REFERENCE §B6 field lists)', () => {
  it.each(coalFileTypes)(
    '%s: a file built from its field list is read with every field',
    (type) => {
      const f = buildCoalFixture(type, { records: 3 });
      const file = parsed(type, f);
      expect(file.mineCode).toBe(FIXTURE_MINE);
      expect(file.at).toBe(AT);
      expect(file.records).toHaveLength(3);
      const keys = coalLayouts[type].fields.map((s) => s.key);
      for (const r of file.records) {
        expect(Object.keys(r)).toEqual(keys);
      }
      expect(Object.keys(file.header)).toEqual(coalLayouts[type].header.map((s) => s.key));
      expect((file.header as { mineCode: string }).mineCode).toBe(FIXTURE_MINE);
    },
  );

  it('a file with a header and no records is read as no records', () => {
    const file = parsed('CDSS', buildCoalFixture('CDSS', { records: 0 }));
    expect(file.records).toEqual([]);
  });
});

describe('CDSS 实时数据 (MT/T 1201.1-2023)', () => {
  it('reads a methane reading over 断电 1.5 % with its 报警+断电 status (1 + 2 = 3) and a switch with an empty unit', () => {
    const f = buildCoalFixture('CDSS', {
      header: { 煤矿名称: '示范煤矿' },
      records: [
        {
          测点编码: '140981000001MN00001',
          传感器类型名称: '甲烷',
          安装位置: '12号采煤工作面上隅角',
          测点值: '1.62',
          单位: '%CH4',
          测点状态: '3',
        },
        { 测点编码: '140981000001KG00001', 传感器类型名称: '主通风机', 测点值: '1', 单位: '' },
      ],
    });
    const file = parsed('CDSS', f);
    expect(file.header).toEqual({ mineCode: FIXTURE_MINE, mineName: '示范煤矿', uploadedAt: AT });
    expect(file.records).toEqual([
      {
        pointCode: '140981000001MN00001',
        sensorTypeName: '甲烷',
        location: '12号采煤工作面上隅角',
        value: 1.62,
        unit: '%CH4',
        status: 3,
        time: AT,
      },
      {
        pointCode: '140981000001KG00001',
        sensorTypeName: '主通风机',
        location: '安装位置2',
        value: 1,
        unit: '',
        status: 0,
        time: AT,
      },
    ]);
  });

  it('keeps the text of a number that is not in its shortest form (100.00), -9999 as a number', () => {
    const file = parsed(
      'CDSS',
      buildCoalFixture('CDSS', { records: [{ 测点值: '100.00' }, { 测点值: '-9999' }] }),
    );
    expect(file.records[0]).toMatchObject({ value: 100, numberTexts: { value: '100.00' } });
    expect(file.records[1]?.value).toBe(-9999);
    expect(file.records[1]?.numberTexts).toBeUndefined();
  });

  it('tolerates a UTF-8 byte-order mark and whitespace after ||, and remembers both', () => {
    const f = buildCoalFixture('CDSS');
    const data = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), f.data, Buffer.from('\r\n')]);
    const file = parsed('CDSS', { name: f.name, data });
    expect(file.bom).toBe(true);
    expect(file.trailer).toBe('\r\n');
    expect(file.records).toHaveLength(3);
  });

  it('reads the name from a path and a .TXT extension', () => {
    const f = buildCoalFixture('CDSS');
    expect(parseCoalFile(`upload/in/${f.name.replace('.txt', '.TXT')}`, f.data).ok).toBe(true);
  });

  it('reads the same instant for times shared by records and distinct ones', () => {
    const file = parsed(
      'CDSS',
      buildCoalFixture('CDSS', {
        records: [{ 数据时间: '2026-11-22 10:00:00' }, { 数据时间: '2024-02-29 23:59:59' }],
      }),
    );
    expect(file.records.map((r) => r.time)).toEqual([AT, Date.parse('2024-02-29T23:59:59+08:00')]);
  });
});

describe('CDDY 测点定义 (MT/T 1201.1-2023, 24 fields)', () => {
  it('reads a methane point with the 规程 thresholds, its 关联关系 and empty switch descriptions', () => {
    const f = buildCoalFixture('CDDY', {
      header: {
        煤矿名称: '示范煤矿',
        系统型号: 'KJ95X',
        系统名称: '煤矿安全监控系统',
        生产厂家: '某厂',
        日期: '2025-12-30',
      },
      records: [
        {
          测点编码: '140981000001MN00001',
          系统编码: '01',
          分站编码: '140981000001FZ001',
          传感器类型: '0001',
          数值类型: 'MN',
          数值单位: '%CH4',
          高量程: '4.00',
          低量程: '0',
          上限报警门限: '1',
          上限解报门限: '0.99',
          上限断电门限: '1.5',
          上限复电门限: '0.99',
          安装位置: '12号采煤工作面上隅角',
          X: '1023.5',
          Y: '-88.25',
          Z: '-410',
          传感器关联关系:
            'K-140981000001KG00011-馈电器1:D-140981000001KG00011◇B-140981000001KG00012',
        },
      ],
    });
    const file = parsed('CDDY', f);
    expect(file.header).toEqual({
      mineCode: FIXTURE_MINE,
      mineName: '示范煤矿',
      systemModel: 'KJ95X',
      systemName: '煤矿安全监控系统',
      maker: '某厂',
      date: '2025-12-30',
      uploadedAt: AT,
    });
    expect(file.records[0]).toEqual({
      pointCode: '140981000001MN00001',
      systemCode: '01',
      substationCode: '140981000001FZ001',
      sensorType: '0001',
      valueType: 'MN',
      unit: '%CH4',
      rangeHigh: 4,
      rangeLow: 0,
      upperAlarm: 1,
      upperAlarmClear: 0.99,
      lowerAlarm: null,
      lowerAlarmClear: null,
      upperPowerOff: 1.5,
      upperPowerOn: 0.99,
      lowerPowerOff: null,
      lowerPowerOn: null,
      onText: '',
      offText: '',
      location: '12号采煤工作面上隅角',
      x: 1023.5,
      y: -88.25,
      z: -410,
      relations: [
        [
          { type: 'K', pointCode: '140981000001KG00011', name: '馈电器1' },
          { type: 'D', pointCode: '140981000001KG00011', name: null },
        ],
        [{ type: 'B', pointCode: '140981000001KG00012', name: null }],
      ],
      time: AT,
      numberTexts: { rangeHigh: '4.00' },
    });
  });
});

describe('YCBJ, TJSJ, FZDY, FZSS (MT/T 1201.1-2023)', () => {
  it('YCBJ: an open 超限报警 (001) with no end, no 处理措施, and its max at 1.62', () => {
    const file = parsed(
      'YCBJ',
      buildCoalFixture('YCBJ', {
        records: [
          {
            异常类型: '001',
            开始时间: '2026-11-22 09:50:00',
            最大值: '1.62',
            最大值时刻: '2026-11-22 09:55:10',
            异常原因: '',
            处理措施: '',
          },
        ],
      }),
    );
    expect(file.records[0]).toMatchObject({
      abnormalType: '001',
      startTime: AT - 600_000,
      endTime: null,
      max: 1.62,
      maxAt: AT - 290_000,
      min: null,
      cause: '',
      measures: '',
      enteredAt: null,
    });
  });

  it('TJSJ: a 5-minute statistic', () => {
    const file = parsed(
      'TJSJ',
      buildCoalFixture('TJSJ', {
        records: [
          {
            开始时间: '2026-11-22 09:55:00',
            结束时间: '2026-11-22 10:00:00',
            最大值: '0.52',
            最小值: '0.38',
            平均值: '0.45',
          },
        ],
      }),
    );
    expect(file.records[0]).toMatchObject({
      startTime: AT - 300_000,
      endTime: AT,
      max: 0.52,
      min: 0.38,
      avg: 0.45,
    });
  });

  it('FZSS: a substation whose communication is interrupted (1) on AC power (1)', () => {
    const file = parsed(
      'FZSS',
      buildCoalFixture('FZSS', { records: [{ 运行状态: '1', 供电状态: '1' }] }),
    );
    expect(file.records[0]).toMatchObject({ runStatus: '1', powerStatus: '1', time: AT });
  });

  it('FZDY: a substation with its coordinates', () => {
    const file = parsed(
      'FZDY',
      buildCoalFixture('FZDY', { records: [{ 分站编码: 'FZ01', X: '10', Y: '20.5', Z: '-3' }] }),
    );
    expect(file.records[0]).toMatchObject({ substationCode: 'FZ01', x: 10, y: 20.5, z: -3 });
  });
});

describe('personnel files (MT/T 1201.3-2023; codes nest: card = mine + 5, area = mine + 4, station = area + 6)', () => {
  it('RYSS: a leader underground (入井 1, no 出井 time) in an area at a station, 15 fields', () => {
    const file = parsed(
      'RYSS',
      buildCoalFixture('RYSS', {
        mineCode: '620823009203',
        time: '2026-09-23 10:13:19',
        records: [
          {
            人员卡编码: '62082300920300017',
            姓名: '张三',
            出入井标志: '1',
            入井时刻: '2026-09-23 07:58:00',
            出井时刻: '',
            区域编码: '6208230092030003',
            进入区域时刻: '2026-09-23 08:30:00',
            基站编码: '6208230092030003000012',
            进入基站时刻: '2026-09-23 09:01:00',
            劳动组织方式: '早班',
            距基站距离: '12.5',
            工作状态: '正常',
            是否矿领导: '1',
            是否特种人员: '0',
            轨迹: '6208230092030003000011&2026-09-23 08:40:00',
          },
        ],
      }),
    );
    expect(file.records[0]).toEqual({
      cardCode: '62082300920300017',
      name: '张三',
      inOut: '1',
      inAt: Date.parse('2026-09-23T07:58:00+08:00'),
      outAt: null,
      areaCode: '6208230092030003',
      areaAt: Date.parse('2026-09-23T08:30:00+08:00'),
      stationCode: '6208230092030003000012',
      stationAt: Date.parse('2026-09-23T09:01:00+08:00'),
      shiftMode: '早班',
      distance: 12.5,
      workStatus: '正常',
      isLeader: '1',
      isSpecial: '0',
      track: '6208230092030003000011&2026-09-23 08:40:00',
    });
  });

  it('RYQY: an area with its 核定人数; RYJZ: a station; RYXX: a special worker; JZSS: a station on DC', () => {
    expect(
      parsed(
        'RYQY',
        buildCoalFixture('RYQY', {
          records: [
            {
              区域类型: '采煤工作面',
              区域编码: '1409810000010003',
              核定人数: '25',
              区域名称: '12号采煤工作面',
            },
          ],
        }),
      ).records[0],
    ).toEqual({
      areaType: '采煤工作面',
      areaCode: '1409810000010003',
      quota: 25,
      areaName: '12号采煤工作面',
    });
    expect(
      parsed(
        'RYJZ',
        buildCoalFixture('RYJZ', { records: [{ 基站名称: '井口', X: '1', Y: '2', Z: '3' }] }),
      ).records[0],
    ).toMatchObject({ stationName: '井口', x: 1, y: 2, z: 3, note: '' });
    expect(
      parsed(
        'RYXX',
        buildCoalFixture('RYXX', { records: [{ 姓名: '李四', 工种: '电工', 是否特种人员: '1' }] }),
      ).records[0],
    ).toMatchObject({ name: '李四', jobKind: '电工', isLeader: '0', isSpecial: '1' });
    expect(
      parsed('JZSS', buildCoalFixture('JZSS', { records: [{ 运行状态: '0', 供电状态: '0' }] }))
        .records[0],
    ).toMatchObject({ runStatus: '0', powerStatus: '0', time: AT });
  });
});
