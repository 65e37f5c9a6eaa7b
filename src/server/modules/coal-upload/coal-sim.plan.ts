/**
 * @module What the MT/T 1201 simulator (coal.simulator.ts) pretends a coal mine has: its KJ points with
 * the mine's own thresholds, substations, positioning areas with 核定人数 and stations, and its people
 * (leaders, special workers, the three crews of a 三八制 day). Deterministic from the seed and the 煤矿编码.
 * The points are of the 传感器类型 whose codes are known (0001 环境瓦斯, 0004 一氧化碳, 0043 激光甲烷; REFERENCE
 * §B6), so that the default mapping (setting coalUpload.sensorTypes) gives each a minewatch point; the
 * thresholds are those of 《煤矿安全规程》 for the place (REFERENCE §C1), some mines setting their own
 * 报警 stricter. The levels, noise, areas and crews are demo values, not standards.
 */
import { createRng, type Rng } from '../../platform/random.ts';

/** A coal mine to simulate: its 煤矿编码 and name. */
export interface SimCoalMine {
  coalCode: string;
  name: string;
}

export interface SimPoint {
  code: string;
  sensorType: '0001' | '0004' | '0043';
  typeName: string;
  unit: string;
  location: string;
  substation: string;
  rangeLow: number;
  rangeHigh: number;
  upperAlarm: number;
  upperAlarmClear: number;
  upperPowerOff: number | null;
  upperPowerOn: number | null;
  /** Normal level and noise (demo values). */
  base: number;
  noise: number;
  decimals: number;
}

export interface SimSubstation {
  code: string;
  location: string;
}

export interface SimArea {
  code: string;
  type: string;
  name: string;
  quota: number;
  stations: { code: string; name: string }[];
}

export interface SimPerson {
  card: string;
  name: string;
  jobKind: string;
  title: string;
  team: string;
  birth: string;
  education: string;
  leader: boolean;
  special: boolean;
  /** The crew's shift (0 = 0点班, 1 = 8点班, 2 = 4点班); leaders go by the rota instead. */
  crew: number;
  /** Index into the plan's areas where the person works. */
  area: number;
}

export interface SimMinePlan {
  mine: SimCoalMine;
  points: SimPoint[];
  substations: SimSubstation[];
  areas: SimArea[];
  people: SimPerson[];
}

const surnames = [...'王李张刘陈杨赵黄周吴郭贾薛阎段任武乔韩'];
const given = [
  '建国',
  '志强',
  '海军',
  '卫东',
  '晓峰',
  '国庆',
  '春生',
  '文斌',
  '振华',
  '永胜',
  '俊杰',
  '红旗',
  '学军',
  '小龙',
  '宏伟',
  '二虎',
  '满仓',
  '富贵',
];

/** The leaders (是否矿领导): the first three share the 带班 rota, the last goes down now and then. */
const leaderTitles = ['矿长', '安全副矿长', '生产副矿长', '总工程师'] as const;

/** Workers of one crew: 工种, 特种人员, the area they work in (index into areaPlan). */
const crewPlan: { jobKind: string; special: boolean; area: number; n: number }[] = [
  { jobKind: '采煤工', special: false, area: 1, n: 6 },
  { jobKind: '支护工', special: false, area: 1, n: 2 },
  { jobKind: '掘进工', special: false, area: 2, n: 5 },
  { jobKind: '瓦斯检查工', special: true, area: 1, n: 1 },
  { jobKind: '瓦斯检查工', special: true, area: 2, n: 1 },
  { jobKind: '井下电钳工', special: true, area: 4, n: 2 },
  { jobKind: '主提升机操作工', special: true, area: 0, n: 1 },
  { jobKind: '信号把钩工', special: false, area: 0, n: 2 },
  { jobKind: '无轨胶轮车司机', special: true, area: 3, n: 2 },
  { jobKind: '安全检查工', special: true, area: 3, n: 1 },
];

const areaPlan = [
  { type: '重点区域', name: '井底车场', quota: 20, stations: ['井底车场基站', '副井底基站'] },
  {
    type: '采掘工作面',
    name: '1101采煤工作面',
    quota: 24,
    stations: ['1101工作面基站', '1101回风巷基站'],
  },
  { type: '采掘工作面', name: '2201掘进工作面', quota: 16, stations: ['2201掘进头基站'] },
  { type: '其他', name: '主运输大巷', quota: 16, stations: ['大巷1号基站', '大巷2号基站'] },
  { type: '重点区域', name: '中央变电所', quota: 6, stations: ['中央变电所基站'] },
];

/** The mine's points: place, type, the 规程's values for the place (报警 stricter at some mines). */
function pointsOf(code: string, strict: boolean): SimPoint[] {
  const ch4 = (
    n: number,
    location: string,
    substation: string,
    base: number,
    powerOff: number,
  ): SimPoint => ({
    code: `${code}MN${String(n).padStart(5, '0')}`,
    sensorType: '0001',
    typeName: '甲烷',
    unit: '%CH4',
    location,
    substation,
    rangeLow: 0,
    rangeHigh: 4,
    upperAlarm: strict && powerOff > 1 ? 0.8 : 1,
    upperAlarmClear: strict && powerOff > 1 ? 0.8 : 1,
    upperPowerOff: powerOff,
    upperPowerOn: 1,
    base,
    noise: 0.03,
    decimals: 2,
  });
  const co = (n: number, location: string, substation: string): SimPoint => ({
    code: `${code}MN${String(n).padStart(5, '0')}`,
    sensorType: '0004',
    typeName: '一氧化碳',
    unit: 'ppm',
    location,
    substation,
    rangeLow: 0,
    rangeHigh: 1000,
    upperAlarm: 24,
    upperAlarmClear: 24,
    upperPowerOff: null,
    upperPowerOn: null,
    base: 5,
    noise: 1,
    decimals: 0,
  });
  return [
    ch4(1, '1101采煤工作面', 'FZ001', 0.32, 1.5),
    ch4(2, '1101采煤工作面上隅角', 'FZ001', 0.45, 1.5),
    ch4(3, '1101采煤工作面回风巷', 'FZ001', 0.3, 1),
    co(4, '1101采煤工作面回风巷', 'FZ001'),
    ch4(5, '2201掘进工作面', 'FZ002', 0.25, 1.5),
    ch4(6, '2201掘进工作面回风流', 'FZ002', 0.22, 1),
    {
      code: `${code}MN00007`,
      sensorType: '0043',
      typeName: '激光甲烷',
      unit: '%CH4',
      location: '总回风巷',
      substation: 'FZ003',
      rangeLow: 0,
      rangeHigh: 100,
      upperAlarm: 0.75,
      upperAlarmClear: 0.75,
      upperPowerOff: null,
      upperPowerOn: null,
      base: 0.2,
      noise: 0.02,
      decimals: 2,
    },
  ];
}

const person = (
  rng: Rng,
  card: string,
): Pick<SimPerson, 'card' | 'name' | 'birth' | 'education'> => ({
  card,
  name: rng.pick(surnames) + rng.pick(given),
  birth: `${rng.int(1968, 2000)}-${String(rng.int(1, 12)).padStart(2, '0')}`,
  education: rng.pick(['初中', '高中', '中专', '中专', '大专']),
});

/** The plan of one mine (the same for the same seed and 煤矿编码). */
export function planMine(mine: SimCoalMine, seed: number): SimMinePlan {
  const rng = createRng(seed ^ Number(mine.coalCode.slice(-6)));
  const code = mine.coalCode;
  const areas: SimArea[] = areaPlan.map((a, i) => {
    const areaCode = `${code}${String(i + 1).padStart(4, '0')}`;
    return {
      code: areaCode,
      type: a.type,
      name: a.name,
      quota: a.quota,
      stations: a.stations.map((name, k) => ({
        code: `${areaCode}${String(k + 1).padStart(6, '0')}`,
        name,
      })),
    };
  });
  const people: SimPerson[] = leaderTitles.map((title, i) => ({
    ...person(rng, `${code}${String(i + 1).padStart(5, '0')}`),
    education: rng.pick(['大专', '本科', '本科']),
    jobKind: '管理人员',
    title,
    team: '矿领导',
    leader: true,
    special: false,
    crew: -1,
    area: 0,
  }));
  let n = 100;
  for (let crew = 0; crew < 3; crew++) {
    for (const c of crewPlan) {
      const count = c.n + (c.n > 2 ? rng.int(0, 1) : 0);
      for (let k = 0; k < count; k++) {
        people.push({
          ...person(rng, `${code}${String(++n).padStart(5, '0')}`),
          jobKind: c.jobKind,
          title: '',
          team: `${['采煤一队', '掘进一队', '机运队'][c.area === 2 ? 1 : c.area === 1 ? 0 : 2]}${['甲', '乙', '丙'][crew]}班`,
          leader: false,
          special: c.special,
          crew,
          area: c.area,
        });
      }
    }
  }
  return {
    mine,
    points: pointsOf(code, rng.chance(0.5)),
    substations: [
      { code: 'FZ001', location: '1101采煤工作面回风巷' },
      { code: 'FZ002', location: '2201掘进工作面回风流' },
      { code: 'FZ003', location: '总回风巷' },
    ],
    areas,
    people,
  };
}
