/**
 * Qualification and contractor rules at their boundaries (issue 9 §3–4; the 西藏 and 原平 plans, see
 * docs/sources.md): 五职矿长 with 大专 and 10 years (9 is short; 高中/中专 is short), 五科 with 5 years (4
 * is short), yearly training (a certificate 12 months old still counts, a day older not),
 * certificates valid through their last day, first-time underground special operators with 高中
 * (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第2条), one certificate at two mines, one person at two mines;
 * contractors: construction ≤ 3, producing large/medium ≤ 2, small ≤ 1 (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》
 * 第18条), no blasting contracted underground, 原平's ban on 采掘 contracting from 2025-01-01
 * (《原平市矿山企业安全生产治本攻坚三年行动实施方案》第20条); the staffing and contracting findings at metal underground
 * mines are hazard candidates (地下(三十二), 地下(二十八)).
 */
import { describe, expect, it } from 'vitest';
import {
  FIVE_POSTS,
  FIVE_TECHNICIANS,
  checkContractors,
  checkPeople,
  ContractorRulesSchema,
  defaultContractorRules,
  defaultPostMajors,
  PROJECT_STAFF_REQUIRED,
  type ComplianceContractor,
  type ComplianceStaff,
  type ComplianceMine,
  type CompliancePerson,
} from './compliance.rules.ts';

const DATE = '2026-06-15';
const mine = (o: Partial<ComplianceMine> = {}): ComplianceMine => ({
  id: 'm',
  kind: '金属非金属地下矿山',
  scale: '中型',
  status: '生产',
  countyCode: '140923',
  ...o,
});
let n = 0;
const person = (roles: string[], o: Partial<CompliancePerson> = {}): CompliancePerson => ({
  id: `p${++n}`,
  name: `人${n}`,
  roles,
  education: '大专',
  miningYears: 10,
  major: defaultPostMajors.find((m) => m.post === roles[0])?.majors[0] ?? null,
  certificates: [
    { kind: '安全培训合格证明', number: `T${n}`, issuedOn: '2025-06-15', expiresOn: '2027-01-01' },
  ],
  alsoAt: [],
  ...o,
});
/** A fully staffed underground mine: 主要负责人, the five posts and the five technicians. */
const staffed = () => [
  person(['主要负责人']),
  ...FIVE_POSTS.map((p) => person([p])),
  ...FIVE_TECHNICIANS.map((t) => person([t], { miningYears: 5, certificates: [] })),
];
const rules = (people: CompliancePerson[], m = mine(), elsewhere = new Set<string>()) =>
  checkPeople(m, people, DATE, elsewhere).map((f) => f.rule);

describe('qualification rules (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第1、2条)', () => {
  it('a fully staffed mine with training a year old has no finding', () => {
    expect(checkPeople(mine(), staffed(), DATE, new Set())).toEqual([]);
  });

  it('a missing post or technician is a finding, and at a metal underground mine a hazard candidate 地下(三十二)', () => {
    const people = staffed().filter(
      (p) => !p.roles.includes('总工程师') && !p.roles.includes('测量技术人员'),
    );
    const found = checkPeople(mine(), people, DATE, new Set());
    expect(found.map((f) => [f.message, f.criterion])).toEqual([
      ['未配备总工程师', '地下(三十二)'],
      ['未配备测量技术人员', '地下(三十二)'],
    ]);
    // 通风 is one of the plans' 五科 but not named in 地下(三十二); a coal mine is not under the non-coal
    // criteria.
    const noVent = staffed().filter((p) => !p.roles.includes('通风技术人员'));
    expect(checkPeople(mine(), noVent, DATE, new Set())[0]?.criterion).toBeNull();
    const coal = checkPeople(mine({ kind: '煤矿井工' }), people, DATE, new Set());
    expect(coal.every((f) => f.criterion === null)).toBe(true);
    expect(checkPeople(mine({ kind: '金属非金属露天矿山' }), [], DATE, new Set())).toEqual([]);
  });

  it('五职: 10 years and 大专 pass; 9 years or 高中/中专 fail. 五科: 5 years pass, 4 fail', () => {
    const base = staffed();
    const chief = base.find((p) => p.roles.includes('矿长'));
    const tech = base.find((p) => p.roles.includes('采矿技术人员'));
    if (!chief || !tech) {
      throw new Error('fixture');
    }
    chief.miningYears = 9;
    expect(rules(base)).toEqual(['五职矿长任职条件']);
    chief.miningYears = 10;
    chief.education = '高中/中专';
    expect(rules(base)).toEqual(['五职矿长任职条件']);
    chief.education = '本科';
    tech.miningYears = 4;
    expect(rules(base)).toEqual(['五科技术人员任职条件']);
  });

  it('training: 12 months ago counts, a day older does not; certificates are valid through their last day', () => {
    const base = staffed();
    const head = base[0];
    if (!head) {
      throw new Error('fixture');
    }
    head.certificates = [
      { kind: '安全培训合格证明', number: 'X', issuedOn: '2025-06-14', expiresOn: '2027-01-01' },
    ];
    expect(rules(base)).toEqual(['年度安全培训']);
    head.certificates = [
      { kind: '安全培训合格证明', number: 'X', issuedOn: '2025-06-15', expiresOn: DATE },
    ];
    expect(rules(base)).toEqual([]);
    head.certificates = [
      { kind: '安全培训合格证明', number: 'X', issuedOn: '2025-06-15', expiresOn: '2026-06-14' },
    ];
    expect(rules(base)).toEqual(['证书有效期']);
  });

  it('a first-time underground special operator needs 高中; a certificate or a principal at two mines is an anomaly', () => {
    const op = (education: string, issuedOn: string) =>
      person(['特种作业人员'], {
        education,
        certificates: [
          { kind: '特种作业操作证(爆破作业)', number: 'S1', issuedOn, expiresOn: '2028-01-01' },
        ],
      });
    expect(rules([...staffed(), op('初中及以下', '2024-01-01')])).toEqual(['特种作业人员文化程度']);
    expect(rules([...staffed(), op('初中及以下', '2023-12-31')])).toEqual([]);
    expect(rules([...staffed(), op('高中/中专', '2024-03-01')])).toEqual([]);
    expect(
      rules(
        [...staffed(), op('高中/中专', '2024-03-01')],
        mine(),
        new Set(['特种作业操作证(爆破作业)|S1']),
      ),
    ).toEqual(['证件异常']);
    const base = staffed();
    const head = base[0];
    if (head) {
      head.alsoAt = ['其他矿山'];
    }
    expect(rules(base)).toEqual(['人员兼职']);
  });
});

describe('contractor rules (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条, 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第20条)', () => {
  let k = 0;
  /** A qualified member of the 项目部: 正式职工, 矿山相关专业中专, no title, at no other mine. */
  const member = (role: string, o: Partial<ComplianceStaff> = {}): ComplianceStaff => ({
    id: `s${++k}`,
    name: `员${k}`,
    role,
    employment: '正式职工',
    education: '中专',
    relatedMajor: true,
    title: null,
    alsoAt: 0,
    ...o,
  });
  const firm = (scopes: string[], o: Partial<ComplianceContractor> = {}): ComplianceContractor => ({
    id: `c${++k}`,
    name: `承包${k}`,
    scopes,
    startsOn: '2024-01-01',
    endsOn: null,
    staff: PROJECT_STAFF_REQUIRED.map((role) => member(role)),
    ...o,
  });
  const check = (m: ComplianceMine, cs: ComplianceContractor[]) =>
    checkContractors(m, cs, DATE, defaultContractorRules).map((f) => [f.rule, f.criterion]);

  it('producing medium: 2 采掘 contractors pass, 3 fail (地下(二十八)); small: 1 passes, 2 fail; ended contracts do not count', () => {
    expect(check(mine(), [firm(['采掘']), firm(['掘进'])])).toEqual([]);
    expect(check(mine(), [firm(['采掘']), firm(['掘进']), firm(['采掘'])])).toEqual([
      ['承包单位数量', '地下(二十八)'],
    ]);
    expect(check(mine({ scale: '小型' }), [firm(['采掘'])])).toEqual([]);
    expect(check(mine({ scale: '小型' }), [firm(['采掘']), firm(['采掘'])])).toEqual([
      ['承包单位数量', '地下(二十八)'],
    ]);
    expect(
      check(mine({ scale: '小型' }), [firm(['采掘']), firm(['采掘'], { endsOn: '2026-06-14' })]),
    ).toEqual([]);
  });

  it('construction: 3 掘进 contractors pass, 4 fail', () => {
    const building = mine({ status: '建设' });
    expect(check(building, [firm(['掘进']), firm(['掘进']), firm(['建设施工'])])).toEqual([]);
    expect(
      check(building, [firm(['掘进']), firm(['掘进']), firm(['掘进']), firm(['掘进'])]),
    ).toEqual([['承包单位数量', '地下(二十八)']]);
  });

  it('blasting contracted at an underground mine is refused; at an open pit it is not', () => {
    expect(check(mine(), [firm(['爆破'])])).toEqual([['爆破作业外包', '地下(二十八)']]);
    expect(check(mine({ kind: '金属非金属露天矿山' }), [firm(['爆破'])])).toEqual([]);
  });

  it('原平 bans 采掘 contracting from 2025-01-01: a 原平 mine on 2025-01-01 is caught, on 2024-12-31 or in 代县 not', () => {
    const yp = mine({ countyCode: '140981', kind: '金属非金属露天矿山' });
    const on = (date: string) =>
      checkContractors(yp, [firm(['采掘'])], date, defaultContractorRules).map((f) => f.rule);
    expect(on('2025-01-01')).toEqual(['地区外包禁令']);
    expect(on('2024-12-31')).toEqual([]);
    expect(
      checkContractors(
        { ...yp, countyCode: '140923' },
        [firm(['采掘'])],
        '2025-01-01',
        defaultContractorRules,
      ),
    ).toEqual([]);
  });

  // 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第20条: "正常生产的非煤矿山必须建立本单位采掘（剥）施工队伍或者委托具备相应条件的企业
  // 整体管理。自 2025 年起，严禁将采掘（剥）工程外包".
  describe('原平第20条 applies to 正常生产的非煤矿山 and to 采掘（剥）, with its stated exception', () => {
    const yp = (o: Partial<ComplianceMine> = {}) =>
      mine({ countyCode: '140981', kind: '金属非金属露天矿山', ...o });
    const bans = (m: ComplianceMine, cs: ComplianceContractor[]) =>
      checkContractors(m, cs, '2025-01-01', defaultContractorRules)
        .filter((f) => f.rule === '地区外包禁令')
        .map((f) => f.message);

    it('a producing open pit contracting 剥离 is caught; the message names the mine kind and status', () => {
      expect(bans(yp(), [firm(['剥离'], { name: '剥离公司' })])).toEqual([
        '剥离公司: 自 2025-01-01 起本地区生产的金属非金属露天矿山严禁将剥离工程外包',
      ]);
    });

    it('a coal mine in 原平 (井工 or 露天) contracting 采掘 is not under the ban', () => {
      expect(bans(yp({ kind: '煤矿井工' }), [firm(['采掘'])])).toEqual([]);
      expect(bans(yp({ kind: '露天煤矿' }), [firm(['采掘'])])).toEqual([]);
    });

    it('only 正常生产: a mine under construction or in 停产整顿 is not under the ban', () => {
      expect(bans(yp({ status: '生产' }), [firm(['采掘'])])).toHaveLength(1);
      expect(bans(yp({ status: '建设' }), [firm(['采掘'])])).toEqual([]);
      expect(bans(yp({ status: '停产整顿' }), [firm(['采掘'])])).toEqual([]);
    });

    it('a qualified enterprise entrusted with the whole mine (整体管理) is the exception; other work is not banned', () => {
      expect(bans(yp(), [firm(['整体管理', '采掘'])])).toEqual([]);
      expect(bans(yp(), [firm(['运输']), firm(['支护'])])).toEqual([]);
      // The entrusted manager does not shelter another firm's 采掘.
      expect(bans(yp(), [firm(['整体管理', '采掘']), firm(['采掘'])])).toHaveLength(1);
    });

    it('a rule stored before kinds and statuses existed reads as the non-coal producing mines’ rule', () => {
      const stored = ContractorRulesSchema.parse({
        constructionUndergroundMax: 3,
        producingLargeMediumMax: 2,
        producingSmallMax: 1,
        regional: [
          { region: '140981', from: '2025-01-01', scopes: ['采掘'], source: '原平第20条' },
        ],
      });
      expect(stored.regional[0]).toMatchObject({
        mineKinds: ['金属非金属地下矿山', '金属非金属露天矿山'],
        statuses: ['生产'],
        exemptScopes: ['整体管理'],
      });
      const coal = yp({ kind: '煤矿井工' });
      expect(checkContractors(coal, [firm(['采掘'])], '2025-01-01', stored)).toEqual([]);
    });
  });

  // 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条 and 《拉萨市关于加强非煤矿山安全生产工作的实施意见》二(五)4 limit the contractors
  // of (金属非金属) 地下矿山 in a non-coal plan: a coal mine's contractors are not counted against them.
  it('the contractor-number limits are non-coal rules: a coal mine with 3 采掘 or 4 掘进 contractors has no count finding', () => {
    const coal = (o: Partial<ComplianceMine> = {}) => mine({ kind: '煤矿井工', ...o });
    const counts = (m: ComplianceMine, cs: ComplianceContractor[]) =>
      check(m, cs).filter(([rule]) => rule === '承包单位数量');
    expect(counts(coal(), [firm(['采掘']), firm(['掘进']), firm(['采掘'])])).toEqual([]);
    expect(counts(coal({ scale: '小型' }), [firm(['采掘']), firm(['采掘'])])).toEqual([]);
    expect(
      counts(coal({ status: '建设' }), [
        firm(['掘进']),
        firm(['掘进']),
        firm(['掘进']),
        firm(['掘进']),
      ]),
    ).toEqual([]);
    // The same contractors at a metal underground mine are over the limit.
    expect(counts(mine(), [firm(['采掘']), firm(['掘进']), firm(['采掘'])])).toHaveLength(1);
  });

  describe('project staff (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条; 地下(二十八)2)', () => {
    const rulesOf = (m: ComplianceMine, staff: ComplianceStaff[], scopes = ['采掘']) =>
      check(m, [firm(scopes, { staff })]);

    it('an excavation contractor underground sends 项目负责人, 技术人员 and 特种作业人员; one missing is a finding', () => {
      expect(
        rulesOf(mine(), [member('项目负责人'), member('技术人员'), member('特种作业人员')]),
      ).toEqual([]);
      const noOperator = check(mine(), [
        firm(['采掘'], { staff: [member('项目负责人'), member('技术人员')] }),
      ]);
      expect(noOperator).toEqual([['承包项目部人员配备', '地下(二十八)']]);
      const text = checkContractors(
        mine(),
        [firm(['掘进'], { name: '甲公司', staff: [member('技术人员')] })],
        DATE,
        defaultContractorRules,
      ).map((f) => f.message);
      expect(text).toEqual(['甲公司: 项目部未派出项目负责人、特种作业人员']);
      // A support contractor, or an open pit, is not held to the 三员 of an excavation 项目部.
      expect(rulesOf(mine(), [], ['支护'])).toEqual([]);
      expect(rulesOf(mine({ kind: '金属非金属露天矿山' }), [])).toEqual([]);
      // At a coal mine the finding stands, without the metal mines' criterion.
      expect(rulesOf(mine({ kind: '煤矿井工' }), [])).toEqual([['承包项目部人员配备', null]]);
    });

    it('only 正式职工: 临时聘用, 资质挂靠 and 劳务派遣 are each a finding, for every post', () => {
      const full = (employment: string, role: string) =>
        PROJECT_STAFF_REQUIRED.map((r) => member(r, r === role ? { employment } : {}));
      expect(rulesOf(mine(), full('正式职工', '特种作业人员'))).toEqual([]);
      for (const employment of ['临时聘用', '资质挂靠', '劳务派遣']) {
        expect(rulesOf(mine(), full(employment, '特种作业人员'))).toEqual([
          ['承包项目部人员用工', '地下(二十八)'],
        ]);
      }
      expect(
        rulesOf(mine(), [
          ...full('正式职工', ''),
          member('安全生产管理人员', { employment: '临时聘用' }),
        ]),
      ).toEqual([['承包项目部人员用工', '地下(二十八)']]);
    });

    it('项目负责人 and 技术人员: 矿山相关专业中专 passes, 高中 or an unrelated major fails; a 中级 title passes alone, 初级 does not', () => {
      const lead = (o: Partial<ComplianceStaff>) =>
        rulesOf(mine(), [member('项目负责人', o), member('技术人员'), member('特种作业人员')]);
      expect(lead({ education: '中专' })).toEqual([]);
      expect(lead({ education: '大专' })).toEqual([]);
      expect(lead({ education: '高中' })).toEqual([['承包项目部人员任职条件', '地下(二十八)']]);
      expect(lead({ education: '大专', relatedMajor: false })).toEqual([
        ['承包项目部人员任职条件', '地下(二十八)'],
      ]);
      expect(lead({ education: '高中', title: '中级' })).toEqual([]);
      expect(lead({ education: null, title: '高级' })).toEqual([]);
      expect(lead({ education: '高中', title: '初级' })).toEqual([
        ['承包项目部人员任职条件', '地下(二十八)'],
      ]);
      // The rule names the 项目负责人 and 技术人员 only: a 特种作业人员 with 高中 is not held to it.
      expect(
        rulesOf(mine(), [
          member('项目负责人'),
          member('技术人员'),
          member('特种作业人员', { education: '高中', relatedMajor: false }),
        ]),
      ).toEqual([]);
    });

    it('项目负责人 and 技术人员 serve at no other mine: one other mine is a finding', () => {
      const tech = (alsoAt: number) =>
        rulesOf(mine(), [
          member('项目负责人'),
          member('技术人员', { alsoAt }),
          member('特种作业人员'),
        ]);
      expect(tech(0)).toEqual([]);
      expect(tech(1)).toEqual([['承包项目部人员兼职', '地下(二十八)']]);
      expect(
        rulesOf(mine(), [
          member('项目负责人'),
          member('技术人员'),
          member('特种作业人员', { alsoAt: 1 }),
        ]),
      ).toEqual([]);
    });
  });
});

describe('主体专业 (西藏、原平 第1、2条; accepted majors per post: setting accountability.postMajors)', () => {
  it('a 机电副矿长 who studied 采矿工程 does not match his post; 电气工程及其自动化 does', () => {
    const base = staffed();
    const deputy = base.find((p) => p.roles.includes('机电副矿长'));
    if (!deputy) {
      throw new Error('fixture');
    }
    deputy.major = '采矿工程';
    expect(rules(base)).toEqual(['主体专业']);
    deputy.major = '电气工程及其自动化';
    expect(rules(base)).toEqual([]);
  });
  it('a 五科 technician without a registered major is a finding', () => {
    const base = staffed();
    const geo = base.find((p) => p.roles.includes('地质技术人员'));
    if (!geo) {
      throw new Error('fixture');
    }
    geo.major = null;
    const found = checkPeople(mine(), base, DATE, new Set());
    expect(found.map((f) => f.message)).toEqual([`地质技术人员 ${geo.name}: 主体专业未登记`]);
  });
  it('the accepted majors are the setting’s: a list that admits 采矿 for 机电副矿长 passes him', () => {
    const base = staffed();
    const deputy = base.find((p) => p.roles.includes('机电副矿长'));
    if (!deputy) {
      throw new Error('fixture');
    }
    deputy.major = '采矿工程';
    const wider = defaultPostMajors.map((m) =>
      m.post === '机电副矿长' ? { ...m, majors: [...m.majors, '采矿'] } : m,
    );
    expect(checkPeople(mine(), base, DATE, new Set(), wider)).toEqual([]);
  });
  it('open pits are not checked (the 五职 rules here are the underground mines’)', () => {
    const base = staffed().map((p) => ({ ...p, major: null }));
    expect(rules(base, mine({ kind: '金属非金属露天矿山' })).includes('主体专业')).toBe(false);
  });
});
