// @vitest-environment jsdom
import '../../test-setup.ts';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  CoalMineFeedsResponse,
  CoalPointResponse,
  CoalSensorPointResponse,
  CoalUndergroundResponse,
} from '../../../shared/coal-upload.schemas.ts';
import { I18nProvider, type Locale } from '../../app/i18n.tsx';
import { appliesReason, newestDelay, problemPlace, recentMonths } from './coal.ts';
import { FeedsTable } from './CoalFeedsPage.tsx';
import { CoalPointView } from './CoalPointCard.tsx';
import { MineFeeds } from './MineFeeds.tsx';
import { LeaderDescents, UndergroundNow } from './UndergroundTab.tsx';

afterEach(cleanup);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const types = [
  'CDDY',
  'CDSS',
  'YCBJ',
  'TJSJ',
  'FZDY',
  'FZSS',
  'RYXX',
  'RYQY',
  'RYJZ',
  'RYSS',
  'JZSS',
];

function wrap(children: ReactNode, locale: Locale = 'zh-CN') {
  return render(
    <I18nProvider locale={locale}>
      <MemoryRouter>{children}</MemoryRouter>
    </I18nProvider>,
  );
}

function feed(type: string, over: Partial<CoalMineFeedsResponse['feeds'][number]> = {}) {
  return {
    type,
    title: type,
    lastFileAt: '2026-11-22T02:00:00.000Z',
    lastReceivedAt: '2026-11-22T02:00:05.000Z',
    delaySeconds: 120,
    filesLastHour: 12,
    filesLastDay: 288,
    refusedLastDay: 0,
    staleAfterMinutes: null,
    stale: false,
    ...over,
  };
}

function mine(
  name: string,
  state: CoalMineFeedsResponse['state'],
  over: Partial<CoalMineFeedsResponse> = {},
): CoalMineFeedsResponse {
  return {
    mineId: `7c1d5f0e-0000-4000-8000-${String(name.codePointAt(0)).padStart(12, '0')}`,
    mineName: name,
    countyCode: '140981',
    coalCode: '140981000001',
    state,
    lastFileAt: '2026-11-22T02:00:00.000Z',
    filesLastHour: 60,
    refusedLastDay: 0,
    feeds: types.map((t) => feed(t)),
    refusedFiles: [],
    ...over,
  };
}

const late = mine('东山煤业', '上传延迟', {
  feeds: types.map((t) =>
    t === 'CDSS'
      ? feed(t, { delaySeconds: 1500, staleAfterMinutes: 5, stale: true })
      : t === 'YCBJ'
        ? feed(t, { lastFileAt: null, lastReceivedAt: null, delaySeconds: null })
        : feed(t),
  ),
  refusedLastDay: 1,
  refusedFiles: [
    {
      id: 'f1',
      type: 'CDSS',
      fileName: '140981000001_CDSS_20261122095930.txt',
      fileAt: '2026-11-22T01:59:30.000Z',
      receivedAt: '2026-11-22T01:59:31.000Z',
      outcome: 'refused',
      records: 0,
      stored: 0,
      duplicates: 0,
      refused: 0,
      problems: [
        {
          record: null,
          field: '文件名',
          reason: '文件名中的时间无效',
          value: '140981000001_CDSS_2026.txt',
        },
        { record: 2, field: '测点值', reason: '须为数字', value: 'abc' },
      ],
    },
  ],
});

describe('the 数据接入 table', () => {
  const mines = [
    mine('西岭煤矿', '未配置煤矿编码', { coalCode: null, lastFileAt: null, filesLastHour: 0 }),
    late,
    mine('南沟煤矿', '正常'),
  ];

  it('lists the mines in the server’s order with their state by name, the late feeds named, never a code or id', () => {
    const { container } = wrap(<FeedsTable mines={mines} regionName={() => '原平市'} />);
    const rows = container.querySelectorAll('tbody tr.ant-table-row');
    expect([...rows].map((r) => r.querySelector('a')?.textContent)).toEqual([
      '西岭煤矿',
      '东山煤业',
      '南沟煤矿',
    ]);
    expect(screen.getAllByTestId('feed-state').map((e) => e.textContent)).toEqual([
      '未配置煤矿编码',
      '上传延迟',
      '正常',
    ]);
    expect(within(rows[1] as HTMLElement).getByText('测点实时数据')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('2 分钟前')).toBeTruthy();
    const text = container.textContent ?? '';
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(/140981000001|CDSS|\.txt/);
  });

  it('switches to the mines not uploading', () => {
    const { container } = wrap(<FeedsTable mines={mines} regionName={() => '原平市'} />);
    fireEvent.click(screen.getByText('未上传或延迟 2 座'));
    const rows = container.querySelectorAll('tbody tr.ant-table-row');
    expect([...rows].map((r) => r.querySelector('a')?.textContent)).toEqual([
      '西岭煤矿',
      '东山煤业',
    ]);
  });

  it('a mine’s feeds show each type by its Chinese name, the late one marked, and each refused file with where and why (no file name)', () => {
    const { container } = wrap(<MineFeeds mine={late} />);
    const text = container.textContent ?? '';
    for (const name of ['测点实时数据', '异常报警数据', '人员实时数据', '基站实时数据']) {
      expect(text).toContain(name);
    }
    expect(screen.getByTitle('超过 5 分钟未上传即为延迟').textContent).toBe('延迟');
    expect(text).toContain('25 分钟');
    expect(text).toContain('从未收到');
    const refused = screen.getByTestId('refused-file').textContent ?? '';
    expect(refused).toContain('整个文件被拒收');
    expect(refused).toContain('文件 · 文件名: 文件名中的时间无效');
    expect(refused).toContain('第 2 条记录 · 测点值: 须为数字 (abc)');
    expect(text).not.toMatch(/\.txt|CDSS|RYSS/);
  });

  it('a mine without a 煤矿编码 says why none of its files can be accepted', () => {
    wrap(<MineFeeds mine={mine('西岭煤矿', '未配置煤矿编码', { coalCode: null })} />);
    expect(screen.getByText(/尚未登记煤矿编码/)).toBeTruthy();
  });

  it('English names the states and types', () => {
    const { container } = wrap(<MineFeeds mine={late} />, 'en-US');
    expect(container.textContent).toContain('Point real-time data');
    wrap(<FeedsTable mines={mines} regionName={() => 'Yuanping'} />, 'en-US');
    expect(screen.getAllByText('late').length).toBeGreaterThan(0);
  });
});

describe('井下人员', () => {
  const now: CoalUndergroundResponse = {
    mineId: 'm',
    asOf: '2026-11-22T02:00:00.000Z',
    stale: false,
    total: 3,
    leaders: 1,
    special: 1,
    areas: [
      { areaCode: '1409810000010001', name: '1101采煤工作面', quota: 2, count: 3, overQuota: true },
      { areaCode: '1409810000010002', name: '井底车场', quota: 10, count: 0, overQuota: false },
    ],
    people: [
      {
        cardCode: '14098100000100001',
        name: '张矿长',
        title: '矿长',
        areaCode: '1409810000010001',
        inAt: '2026-11-22T00:00:00.000Z',
        isLeader: true,
        isSpecial: false,
      },
      {
        cardCode: '14098100000100002',
        name: '李电工',
        title: null,
        areaCode: '1409810000010001',
        inAt: '2026-11-22T00:10:00.000Z',
        isLeader: false,
        isSpecial: true,
      },
    ],
  };

  it('shows areas against 核定人数 with the over-staffed one marked, leaders and special workers tagged, no card or area codes', () => {
    const { container } = wrap(<UndergroundNow data={now} />);
    expect(screen.getByTestId('over-quota').textContent).toBe('3 · 超定员');
    const zhang = screen.getByText('张矿长').closest('tr') as HTMLElement;
    expect(within(zhang).getByText('矿领导')).toBeTruthy();
    expect(within(zhang).getAllByText('1101采煤工作面')).toHaveLength(1);
    const li = screen.getByText('李电工').closest('tr') as HTMLElement;
    expect(within(li).getByText('特种人员')).toBeTruthy();
    expect(container.textContent).toContain('2026-11-22 08:00');
    expect(container.textContent).not.toMatch(/1409810000/);
  });

  it('warns when the positioning data is out of date, and says when none came', () => {
    wrap(<UndergroundNow data={{ ...now, stale: true }} />);
    expect(screen.getByText(/人员实时数据停在 2026-11-22 10:00/)).toBeTruthy();
    cleanup();
    wrap(<UndergroundNow data={{ ...now, asOf: null, areas: [], people: [] }} />);
    expect(screen.getByText('尚未收到人员实时数据')).toBeTruthy();
  });

  it('marks a leader short of the required days down', () => {
    wrap(
      <LeaderDescents
        data={{
          month: '2026-11',
          requiredDays: 5,
          judged: true,
          leaders: [
            {
              cardCode: 'c1',
              name: '张矿长',
              title: '矿长',
              days: 5,
              descents: 6,
              dates: ['2026-11-18', '2026-11-19'],
              short: false,
            },
            {
              cardCode: 'c2',
              name: '赵副矿长',
              title: '副矿长',
              days: 0,
              descents: 0,
              dates: [],
              short: true,
            },
          ],
        }}
      />,
    );
    const zhao = screen.getByText('赵副矿长').closest('tr') as HTMLElement;
    expect(within(zhao).getByText('不足 5 天')).toBeTruthy();
    const zhang = screen.getByText('张矿长').closest('tr') as HTMLElement;
    expect(within(zhang).queryByText(/不足/)).toBeNull();
    expect(within(zhang).getByText('11-18、11-19')).toBeTruthy();
  });
});

describe('领导带班下井 of a month without positioning data', () => {
  it('says the month cannot be judged instead of calling every leader short', () => {
    wrap(
      <LeaderDescents data={{ month: '2026-10', requiredDays: 5, judged: false, leaders: [] }} />,
    );
    expect(screen.getByText('该月没有人员定位数据, 无法判断领导带班下井天数')).toBeTruthy();
    expect(screen.queryByText(/不足/)).toBeNull();
  });
});

describe('a point’s coal definition', () => {
  const point: CoalPointResponse = {
    id: 'p',
    pointCode: 'CH4F01',
    sensorId: 's',
    sensorType: '0001',
    sensorTypeName: '环境瓦斯',
    valueType: 'MN',
    quantity: 'CH4',
    unit: '%CH4',
    rangeLow: 0,
    rangeHigh: 4,
    location: '1101采煤工作面回风巷',
    substationCode: 'FZ001',
    relations: [],
    mineThresholds: {
      version: 2,
      definedAt: '2026-11-22T01:00:00.000Z',
      upperAlarm: 0.8,
      upperAlarmClear: 0.8,
      lowerAlarm: null,
      lowerAlarmClear: null,
      upperPowerOff: 1.5,
      upperPowerOn: 1,
      lowerPowerOff: null,
      lowerPowerOn: null,
    },
    minewatchThresholds: { direction: 'upper', thresholds: { 黄色: 1, 红色: 1.5 } },
    applies: { stricter: 'mine', value: 0.8 },
    state: null,
    definedAt: '2026-11-22T01:00:00.000Z',
  };

  it('which value applies and why (the stricter of the two, 《煤矿安全规程》)', () => {
    expect(appliesReason(point)).toEqual({ key: 'coal.appliesMine', value: 0.8 });
    expect(
      appliesReason({
        ...point,
        minewatchThresholds: { direction: 'upper', thresholds: {} },
      }),
    ).toEqual({ key: 'coal.appliesMineOnly', value: 0.8 });
    expect(appliesReason({ ...point, applies: { stricter: 'minewatch', value: 1 } }).key).toBe(
      'coal.appliesMinewatch',
    );
    expect(
      appliesReason({
        ...point,
        mineThresholds: null,
        applies: { stricter: 'minewatch', value: 1 },
      }).key,
    ).toBe('coal.appliesMinewatchOnly');
    expect(appliesReason({ ...point, applies: { stricter: 'same', value: 1 } }).key).toBe(
      'coal.appliesSame',
    );
    expect(appliesReason({ ...point, applies: { stricter: null, value: null } }).key).toBe(
      'coal.appliesNone',
    );
  });

  const view = (status: CoalSensorPointResponse['status']) =>
    wrap(<CoalPointView data={{ point, status }} unit="%CH4" />);

  it('shows the mine’s values beside minewatch’s levels, the value that applies, and a current 测点状态', () => {
    const { container } = view({
      at: '2026-11-22T02:02:00.000Z',
      value: 2,
      flags: ['标校'],
      current: true,
    });
    expect(screen.getByTestId('coal-applies').textContent).toContain(
      '适用煤矿设定的报警值 0.8 %CH4',
    );
    const text = container.textContent ?? '';
    expect(text).toContain('上限报警 (煤矿)0.8 %CH4');
    expect(text).toContain('上限断电 (煤矿)1.5 %CH4');
    expect(text).toContain('黄色 1 %CH4');
    expect(text).not.toContain('下限报警');
    expect(text).toContain('第 2 版');
    expect(screen.getByTestId('coal-status').textContent).toBe(
      '标校2026-11-22 10:02 起, 测点值 2 %CH4',
    );
    expect(text).not.toMatch(/0001|MN|FZ001/);
  });

  it('a status no longer in force shows 正常 with the last one; a point not from a coal file shows nothing', () => {
    view({ at: '2026-11-22T02:00:00.000Z', value: 1.2, flags: ['报警'], current: false });
    expect(screen.getByTestId('coal-status').textContent).toBe(
      '正常最近一次非正常状态: 报警 (2026-11-22 10:00)',
    );
    cleanup();
    const { container } = wrap(<CoalPointView data={{ point: null, status: null }} unit="%CH4" />);
    expect(container.textContent).toBe('');
  });
});

describe('helpers', () => {
  it('the newest delay of a mine, a problem’s place, the months to ask for', () => {
    expect(newestDelay(late)).toBe(120);
    expect(newestDelay({ feeds: [] })).toBe(0);
    const t = (k: string, v?: Record<string, string | number>) =>
      `${k}${v ? JSON.stringify(v) : ''}`;
    expect(problemPlace({ record: null, field: 'x', reason: 'y' }, t)).toBe('coal.wholeFile');
    expect(problemPlace({ record: 0, field: 'x', reason: 'y' }, t)).toBe('coal.header');
    expect(problemPlace({ record: 3, field: 'x', reason: 'y' }, t)).toBe('coal.record{"n":3}');
    expect(recentMonths('2026-02-14', 3)).toEqual(['2026-02', '2026-01', '2025-12']);
  });
});
