/**
 * @module The deterministic demo province (山西省): 4 cities, 12 counties, enterprises, 240 mines of
 * every kind with realistic attributes, licences (some expiring or expired), people, contractors, and
 * one demo user per role. Later modules add their own demo data beside this.
 */
import { seedDemoSurveys } from './demo-surveys.ts';
import { seedDemoEnterpriseReports } from './demo-enterprise-reports.ts';
import { seedDemoPitsPonds } from './demo-pits-ponds.ts';
import { seedDemoEmergency } from './demo-emergency.ts';
import { seedDemoDuty } from './demo-duty.ts';
import { seedDemoAdmission } from './demo-admission.ts';
import { hasEventsBy, entityIdsRecordedBy } from '../platform/audit/audit.service.ts';
import { analyzeDatabase } from '../platform/db/client.ts';
import { completeCreditCode, completeIdNumber } from '../../shared/identifiers.ts';
import {
  MineKind,
  MineScale,
  MineStatus,
  type ContractorStaffRole,
  type PersonRole,
  type MineKind as Kind,
} from '../../shared/registry.enums.ts';
import type { MineCreateInput } from '../../shared/registry.schemas.ts';
import type { OrganisationKind } from '../../shared/access.enums.ts';
import { recordAudit } from '../modules/registry/registry.audit.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { addDays, todayIn } from '../../shared/dates.ts';
import { type ServiceDeps } from '../platform/context.ts';
import type { users } from '../modules/access/access.table.ts';
import {
  hasOrganisations,
  insertOrganisation,
  insertUsers,
} from '../modules/access/access.repository.ts';
import { systemPrincipal } from '../modules/access/principal.ts';
import type { enterprises } from '../modules/registry/enterprise.table.ts';
import type { contractors } from '../modules/registry/contractor.table.ts';
import { protectIdNumber } from '../modules/registry/person.service.ts';
import type { contractorStaff } from '../modules/registry/contractor-staff.table.ts';
import type { certificates, people } from '../modules/registry/person.table.ts';
import { insertEnterprises } from '../modules/registry/enterprise.repository.ts';
import {
  backdateTailingsDischarge,
  insertStatusChanges,
  setRegistrationEntries,
} from '../modules/registry/mine.repository.ts';
import { insertCertificates, insertPeople } from '../modules/registry/person.repository.ts';
import { insertContractors } from '../modules/registry/contractor.repository.ts';
import { insertStaffRows } from '../modules/registry/contractor-staff.repository.ts';
import { insertCheckedMines } from '../modules/registry/mine.write.ts';
import { loadRegions } from '../modules/registry/region.service.ts';
import { loadHazardCatalogue } from '../modules/hazards/catalogue.service.ts';
import { createRng, type Rng } from '../platform/random.ts';
import { monitoredMines, seedDemoMonitoring } from './demo-monitoring.ts';
import { demoPlace } from './demo-places.ts';
import { seedDemoHazards, seedDemoReports } from './demo-hazards.ts';
import { seedDemoLeads } from './demo-leads.ts';
import { seedDemoEnforcement } from './demo-enforcement.ts';
import { seedDemoPlans } from './demo-plans.ts';
import { seedDemoAccountability } from './demo-accountability.ts';
import { demoCoalMines, seedDemoCoalFiles } from './demo-coal-files.ts';
import { evaluateLeads } from '../modules/leads/lead.detect.ts';
import { demoPhone, seedDemoCallRoster } from './demo-call-roster.ts';

/** Password of every demo account (printed by `npm start` and listed in the README). */
export const DEMO_PASSWORD = 'minewatch2026';

export const DEMO_PROVINCE = { code: '140000', name: '山西省' };

/** city → counties of the demo province (real GB/T 2260 codes). */
export const DEMO_COUNTIES: Record<string, Record<string, string>> = {
  '140100': { '140181': '古交', '140123': '娄烦' }, // 太原市
  '140200': { '140226': '左云', '140224': '灵丘', '140225': '浑源' }, // 大同市
  '140900': { '140981': '原平', '140923': '代县', '140924': '繁峙', '140925': '宁武' }, // 忻州市
  '141000': { '141029': '乡宁', '141082': '霍州', '141033': '蒲县' }, // 临汾市
};
const countyShortName: Record<string, string> = Object.fromEntries(
  Object.values(DEMO_COUNTIES).flatMap((c) => Object.entries(c)),
);

export interface DemoAccount {
  username: string;
  role: string;
  organisation: string;
  note: string;
}

const places = [
  '东山',
  '西沟',
  '石岭',
  '黄家庄',
  '南峪',
  '北坪',
  '红崖',
  '青龙',
  '白石',
  '金岭',
  '马家',
  '王家峪',
  '李家沟',
  '阳坡',
  '太平',
  '兴旺',
  '永安',
  '长青',
  '瑞丰',
  '鑫源',
  '龙泉',
  '柳树湾',
  '杨家岭',
  '大峪',
  '高家窑',
  '牛心山',
  '三岔',
  '刘家庄',
  '铁匠沟',
  '桃园',
];
const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '郭',
  '贾',
  '薛',
  '阎',
  '段',
];
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
];

/** Kind mix of the 240 demo mines. */
const kindPlan: [Kind, number][] = [
  [MineKind.CoalUnderground, 70],
  [MineKind.CoalOpenPit, 15],
  [MineKind.UndergroundMetal, 50],
  [MineKind.OpenPitMetal, 45],
  [MineKind.WasteDump, 25],
  [MineKind.TailingsPond, 35],
];

const kindSuffix: Record<Kind, string> = {
  [MineKind.CoalUnderground]: '煤矿',
  [MineKind.CoalOpenPit]: '露天煤矿',
  [MineKind.UndergroundMetal]: '铁矿',
  [MineKind.OpenPitMetal]: '石灰岩矿',
  [MineKind.WasteDump]: '排土场',
  [MineKind.TailingsPond]: '尾矿库',
};

const industry: Record<Kind, string> = {
  [MineKind.CoalUnderground]: '煤业',
  [MineKind.CoalOpenPit]: '煤业',
  [MineKind.UndergroundMetal]: '矿业',
  [MineKind.OpenPitMetal]: '建材',
  [MineKind.WasteDump]: '矿业',
  [MineKind.TailingsPond]: '选矿',
};

/**
 * Each contractor's 项目部 (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条): excavation contractors send the 三员, others
 * a 项目负责人.
 * Mostly 正式职工 with 中专 or better; a few are 临时聘用 for the checks to find. Its own random source, so
 * the rest of the province stays as it was.
 */
function projectStaff(
  secret: Buffer,
  engaged: { id: string; scopes: string[] }[],
  at: Date,
): (typeof contractorStaff.$inferInsert)[] {
  const rng = createRng(20_261_130);
  return engaged.flatMap((c) => {
    const excavation = c.scopes.includes('采掘') || c.scopes.includes('掘进');
    const roles: ContractorStaffRole[] = excavation
      ? ['项目负责人', '技术人员', '特种作业人员']
      : ['项目负责人'];
    return roles.map((role) => {
      const idNumber = completeIdNumber(
        `140000${rng.int(1965, 1998)}0${rng.int(1, 9)}1${rng.int(0, 9)}${rng.int(100, 999)}`,
      );
      return {
        contractorId: c.id,
        name: rng.pick(surnames) + rng.pick(given),
        role,
        ...protectIdNumber(secret, idNumber),
        employment: rng.chance(0.06) ? '临时聘用' : '正式职工',
        education: rng.pick(['中专', '大专', '大专', '本科'] as const),
        relatedMajor: !rng.chance(0.05),
        title: rng.chance(0.4) ? '中级' : null,
        createdAt: at,
        updatedAt: at,
      };
    });
  });
}

function mineAttributes(rng: Rng, kind: Kind, scale: string): Partial<MineCreateInput> {
  const big = scale === MineScale.Large ? 3 : scale === MineScale.Medium ? 2 : 1;
  switch (kind) {
    case MineKind.CoalUnderground: {
      const attributes: Partial<MineCreateInput> = {
        depthM: rng.int(150, 350 + 250 * big),
        productionLevels: rng.int(1, 2),
        designCapacityTpa: [300_000, 600_000, 1_200_000, 3_000_000][big] ?? 900_000,
        approvedUndergroundStaff: rng.int(60, 120) * big,
        hydrogeologyType: rng.pick(['简单', '中等', '中等', '复杂'] as const),
      };
      // The 灾害防治等级 now comes from surveys (modules/surveys); its old draw is kept so that the rest
      // of the demo province stays the same.
      rng.pick(['低瓦斯', '低瓦斯', '高瓦斯', '煤与瓦斯突出']);
      return attributes;
    }
    case MineKind.UndergroundMetal:
      return {
        depthM: rng.int(80, 200 + 200 * big),
        productionLevels: rng.int(1, 2),
        designCapacityTpa: rng.int(3, 30) * 10_000 * big,
        approvedUndergroundStaff: rng.int(20, 60) * big,
        hydrogeologyType: rng.pick(['简单', '中等', '复杂'] as const),
      };
    case MineKind.CoalOpenPit:
    case MineKind.OpenPitMetal:
      return {
        designCapacityTpa: rng.int(10, 100) * 10_000 * big,
        slopeHeightM: rng.int(40, 120 + 60 * big),
        hydrogeologyType: rng.pick(['简单', '中等'] as const),
      };
    case MineKind.WasteDump:
      return { dumpHeightM: rng.int(30, 100 + 60 * big) };
    case MineKind.TailingsPond:
      return {
        tailingsVolume10kM3: rng.pick([40, 80, 150, 420, 900, 1500, 3200, 12000]),
        tailingsDamHeightM: rng.pick([18, 25, 36, 45, 58, 72, 95, 110]),
        tailingsStacking: rng.pick(['湿排', '湿排', '干排'] as const),
        tailingsOverhead: rng.chance(0.15),
        tailingsLastDischarge: addDays('2026-11-01', -rng.int(0, 400)),
      };
  }
}

/** The actor the demo seed records its audit events under. */
const SEED_ACTOR = 'system:seed';

/**
 * Whether this database holds the demo province (its data was written by the demo seed, as the audit
 * trail shows), so that demo-only behaviour such as the simulated feed never touches a real deployment.
 */
export async function holdsDemo(deps: ServiceDeps): Promise<boolean> {
  return hasEventsBy(deps.db, SEED_ACTOR);
}

/**
 * The points the demo seed registered (their creation is recorded under the seed's actor): the only ones
 * the in-process feed simulates, so that a sensor a user adds to the demo database — a real gateway's,
 * say — never receives invented readings, however often the server restarts.
 */
export async function demoSensorIds(deps: ServiceDeps): Promise<ReadonlySet<string>> {
  return new Set(await entityIdsRecordedBy(deps.db, SEED_ACTOR, 'monitoring.sensor.created'));
}

/** The mines the demo seed created: the only ones the demo's MT/T 1201 feed may upload for. */
export async function demoMineIds(deps: ServiceDeps): Promise<ReadonlySet<string>> {
  return new Set(await entityIdsRecordedBy(deps.db, SEED_ACTOR, 'registry.mine.created'));
}

/** Whether the database has been set up (it has organisations). */
export async function isSeeded(deps: ServiceDeps): Promise<boolean> {
  return hasOrganisations(deps.db);
}

/** Loads regions and, on an empty database, the demo province. Returns the demo accounts. */
export async function seedDemoProvince(
  deps: ServiceDeps,
): Promise<{ seeded: boolean; accounts: DemoAccount[] }> {
  await loadRegions(deps.db);
  await loadHazardCatalogue(deps.db, deps.clock());
  if (await isSeeded(deps)) {
    return { seeded: false, accounts: demoAccounts };
  }
  const rng = createRng(20240101);
  const today = todayIn(deps.clock);
  const at = deps.clock();
  const actor = systemPrincipal(SEED_ACTOR);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const allCounties = Object.keys(countyShortName);
  const usedNames = new Set<string>();
  const coalUploaders: Parameters<typeof seedDemoCoalFiles>[1] = [];

  await deps.db.transaction(async (tx) => {
    // Enterprises: one per (county, kind family, place), each running 1–4 mines.
    const entRows: (typeof enterprises.$inferInsert)[] = [];
    const mineInputs: MineCreateInput[] = [];
    const mineIds: string[] = [];
    let mineNo = 0;
    for (const [kind, total] of kindPlan) {
      let made = 0;
      while (made < total) {
        const county = allCounties[(mineNo + made * 7) % allCounties.length] ?? '140981';
        let name = '';
        do {
          name = `山西${countyShortName[county] ?? ''}${rng.pick(places)}${industry[kind]}有限公司`;
        } while (usedNames.has(name));
        usedNames.add(name);
        const entId = rng.uuid();
        const body = `91${county}${Array.from({ length: 9 }, () => rng.pick([...'0123456789ABCDEFGHJKLMNPQRTUWXY'])).join('')}`;
        entRows.push({
          id: entId,
          creditCode: completeCreditCode(body),
          name,
          regionCode: county,
          legalRepresentative: rng.pick(surnames) + rng.pick(given),
          parentCompany: rng.chance(0.4)
            ? rng.pick(['晋能控股集团', '山西焦煤集团', '潞安化工集团', '太钢集团'])
            : null,
          createdAt: at,
          updatedAt: at,
        });
        const n = Math.min(total - made, rng.int(1, 4));
        for (let i = 0; i < n; i++) {
          const scale = rng.pick([
            MineScale.Large,
            MineScale.Medium,
            MineScale.Medium,
            MineScale.Small,
            MineScale.Small,
            MineScale.Small,
          ]);
          const status = rng.pick([
            MineStatus.Producing,
            MineStatus.Producing,
            MineStatus.Producing,
            MineStatus.Producing,
            MineStatus.Producing,
            MineStatus.Producing,
            MineStatus.Construction,
            MineStatus.SuspendedForRectification,
            MineStatus.Stopped,
            MineStatus.Closed,
          ]);
          const miningExpiry = rng.chance(0.08)
            ? addDays(today, -rng.int(1, 60))
            : rng.chance(0.12)
              ? addDays(today, rng.int(1, 90))
              : addDays(today, rng.int(120, 2000));
          const safetyExpiry = rng.chance(0.06)
            ? addDays(today, -rng.int(1, 60))
            : rng.chance(0.1)
              ? addDays(today, rng.int(1, 90))
              : addDays(today, rng.int(120, 1100));
          mineNo++;
          mineIds.push(rng.uuid());
          mineInputs.push({
            name: `${name.replace(/(煤业|矿业|建材|选矿)有限公司$/, '')}${kindSuffix[kind]}${i ? `${i + 1}号` : ''}`,
            enterpriseId: entId,
            countyCode: county,
            kind,
            scale,
            status,
            statusSince: addDays(today, -rng.int(10, 900)),
            standardizationLevel: rng.pick([
              '一级',
              '二级',
              '二级',
              '三级',
              '三级',
              '未达标',
            ] as const),
            standardizationDate: addDays(today, -rng.int(30, 1000)),
            // Inside the mine's county (two draws, as before, so every later value stays as it was).
            ...demoPlace(county, rng.next(), rng.next()),
            ...mineAttributes(rng, kind, scale),
            // 煤矿编码 for the coal upload files (MT/T 1201): the county and the mine's number, no draw
            // from the generator (so every other seeded value stays as it was).
            ...(kind === MineKind.CoalUnderground || kind === MineKind.CoalOpenPit
              ? { coalCode: `${county}${String(mineNo).padStart(6, '0')}` }
              : {}),
            licences: [
              {
                kind: '采矿许可证',
                number: `C14000020${String(10_000_000 + mineNo * 37).slice(0, 8)}${String(mineNo).padStart(4, '0')}`,
                issuedOn: addDays(miningExpiry, -3650),
                expiresOn: miningExpiry,
              },
              {
                kind: '安全生产许可证',
                number: `(晋)FM安许证字〔${2021 + (mineNo % 5)}〕${String(mineNo).padStart(4, '0')}`,
                issuedOn: addDays(safetyExpiry, -1095),
                expiresOn: safetyExpiry,
              },
            ],
          });
        }
        made += n;
      }
    }
    await insertEnterprises(tx, entRows);
    await recordAudit(
      tx,
      { actorId: null, actorLabel: actor.username, ip: null },
      at,
      entRows.map((e) => ({
        type: 'registry.enterprise.created' as const,
        entityId: e.id ?? '',
        after: e,
      })),
    );
    await insertCheckedMines(tx, actor, mineInputs, at, mineIds);

    // Earlier statuses, so that status history shows real changes.
    await insertStatusChanges(
      tx,
      mineInputs.flatMap((m, i) =>
        m.status === MineStatus.Producing || m.status === MineStatus.Construction
          ? []
          : [
              {
                mineId: mineIds[i] ?? '',
                fromStatus: MineStatus.Producing,
                toStatus: m.status,
                effectiveDate: m.statusSince,
                reason:
                  m.status === MineStatus.SuspendedForRectification
                    ? '执法检查发现重大事故隐患, 责令停产整顿'
                    : m.status === MineStatus.Closed
                      ? '资源枯竭, 依法关闭'
                      : '企业申请停工停产',
                actorId: null,
                recordedAt: at,
              },
            ],
      ),
    );

    // The mines were there long before the registry: registered producing between 2019 and 2022, so
    // the plans' baseline year (2023) counts them (issue 8); ponds closed or stopped have been idle
    // for more than 3 years (闭库 is due, 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第14条). Derived from the index, not
    // the generator, so the rest of the demo stays as it was.
    const existing = mineInputs.flatMap((m, i) =>
      m.status === MineStatus.Construction
        ? []
        : [
            {
              mineId: mineIds[i] ?? '',
              effectiveDate: addDays('2019-01-01', (i * 37) % 1400),
            },
          ],
    );
    await setRegistrationEntries(tx, existing, MineStatus.Producing);
    await backdateTailingsDischarge(
      tx,
      { kind: MineKind.TailingsPond, statuses: [MineStatus.Closed, MineStatus.Stopped] },
      4,
    );

    // People and certificates.
    const personRows: (typeof people.$inferInsert)[] = [];
    const certRows: (typeof certificates.$inferInsert)[] = [];
    mineInputs.forEach((m, i) => {
      const roleSets: PersonRole[][] = [
        ['主要负责人', '矿长'],
        ['总工程师'],
        ['安全副矿长'],
        ['特种作业人员'],
      ];
      const count = m.kind === MineKind.TailingsPond || m.kind === MineKind.WasteDump ? 2 : 4;
      for (let k = 0; k < count; k++) {
        const id = rng.uuid();
        const birth = `${rng.int(1965, 1995)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
        const idNumber = completeIdNumber(`${m.countyCode}${birth}${String(rng.int(100, 999))}`);
        personRows.push({
          id,
          mineId: mineIds[i] ?? '',
          name: rng.pick(surnames) + rng.pick(given),
          roles: roleSets[k] ?? ['安全管理人员'],
          ...protectIdNumber(deps.secret, idNumber),
          education: rng.pick(['高中/中专', '大专', '本科', '本科', '研究生'] as const),
          miningYears: rng.int(3, 30),
          // Reached by the 叫应 calls (主要负责人, 安全副矿长); derived from the row, not the generator.
          phone: demoPhone(100_000 + personRows.length),
          createdAt: at,
          updatedAt: at,
        });
        certRows.push({
          personId: id,
          kind:
            k === 3
              ? rng.pick([
                  '特种作业操作证(爆破作业)',
                  '特种作业操作证(提升机操作)',
                  '特种作业操作证(通风作业)',
                ])
              : '安全生产知识和管理能力考核合格证',
          number: `T${m.countyCode}${String(personRows.length).padStart(6, '0')}`,
          issuedOn: addDays(today, -rng.int(400, 1500)),
          expiresOn: rng.chance(0.1)
            ? addDays(today, -rng.int(1, 200))
            : addDays(today, rng.int(10, 1000)),
        });
      }
    });
    for (let i = 0; i < personRows.length; i += 500) {
      await insertPeople(tx, personRows.slice(i, i + 500));
    }
    for (let i = 0; i < certRows.length; i += 500) {
      await insertCertificates(tx, certRows.slice(i, i + 500));
    }

    // Contractors at underground mines (0–3 each).
    const contractorRows: (typeof contractors.$inferInsert)[] = [];
    mineInputs.forEach((m, i) => {
      if (m.kind !== MineKind.UndergroundMetal && m.kind !== MineKind.CoalUnderground) {
        return;
      }
      const n = rng.int(0, 3);
      for (let k = 0; k < n; k++) {
        contractorRows.push({
          mineId: mineIds[i] ?? '',
          name: `${rng.pick(['中煤', '华晋', '晋西', '三晋', '汾河'])}${rng.pick(['建设', '井巷', '爆破', '矿建'])}工程有限公司`,
          creditCode: completeCreditCode(
            `91140000${Array.from({ length: 9 }, () => rng.pick([...'0123456789ABCDEFGH'])).join('')}`,
          ),
          scopes: [rng.pick(['掘进', '采掘', '爆破', '支护', '建设施工'] as const)],
          startsOn: addDays(today, -rng.int(30, 700)),
          endsOn: addDays(today, rng.int(30, 700)),
          createdAt: at,
          updatedAt: at,
        });
      }
    });
    if (contractorRows.length) {
      const engaged = await insertContractors(tx, contractorRows);
      await insertStaffRows(tx, projectStaff(deps.secret, engaged, at));
    }

    // Organisations and one user per role.
    const org = async (
      name: string,
      kind: OrganisationKind,
      regionCode: string | null,
      enterpriseId: string | null = null,
    ) => {
      const row = await insertOrganisation(tx, {
        name,
        kind,
        regionCode,
        enterpriseId,
        createdAt: at,
      });
      return row.id;
    };
    const system = await org('minewatch 系统管理', 'system', null);
    const province = await org('山西省应急管理厅', 'regulator', '140000');
    const xinzhou = await org('忻州市应急管理局', 'regulator', '140900');
    const yuanping = await org('原平市应急管理局', 'regulator', '140981');
    // Two more county units for the enforcement demo: 代县 inspects without penalising (零处罚).
    const daixian = await org('代县应急管理局', 'regulator', '140923');
    const xiangning = await org('乡宁县应急管理局', 'regulator', '141029');
    const firstYuanping = mineInputs.findIndex(
      (m) => m.countyCode === '140981' && m.kind === MineKind.CoalUnderground,
    );
    if (firstYuanping < 0) {
      throw new Error('demo seed: no underground coal mine in 原平市');
    }
    const entId = mineInputs[firstYuanping]?.enterpriseId ?? '';
    const entName = entRows.find((e) => e.id === entId)?.name ?? '';
    const enterprise = await org(entName, 'enterprise', null, entId);
    const userRows: (typeof users.$inferInsert)[] = (
      [
        {
          username: 'admin',
          displayName: '系统管理员',
          role: 'system_admin',
          organisationId: system,
        },
        {
          username: 'sx.admin',
          displayName: '省厅管理员',
          role: 'regulator_admin',
          organisationId: province,
        },
        {
          username: 'xz.viewer',
          displayName: '忻州市监管查看员',
          role: 'regulator_viewer',
          organisationId: xinzhou,
        },
        {
          username: 'yp.admin',
          displayName: '原平市监管管理员',
          role: 'regulator_admin',
          organisationId: yuanping,
        },
        {
          username: 'yp.inspector',
          displayName: '原平市执法人员',
          role: 'inspector',
          organisationId: yuanping,
        },
        {
          username: 'yp.inspector2',
          displayName: '原平市执法人员乙',
          role: 'inspector',
          organisationId: yuanping,
        },
        {
          username: 'dx.admin',
          displayName: '代县监管管理员',
          role: 'regulator_admin',
          organisationId: daixian,
        },
        {
          username: 'dx.inspector',
          displayName: '代县执法人员',
          role: 'inspector',
          organisationId: daixian,
        },
        {
          username: 'xn.admin',
          displayName: '乡宁县监管管理员',
          role: 'regulator_admin',
          organisationId: xiangning,
        },
        {
          username: 'xn.inspector',
          displayName: '乡宁县执法人员',
          role: 'inspector',
          organisationId: xiangning,
        },
        {
          username: 'ent.admin',
          displayName: '企业管理员',
          role: 'enterprise_admin',
          organisationId: enterprise,
        },
        {
          username: 'ent.safety',
          displayName: '企业安全管理人员',
          role: 'safety_officer',
          organisationId: enterprise,
        },
        {
          username: 'mine.duty',
          displayName: '矿山值班员',
          role: 'mine_duty_officer',
          organisationId: enterprise,
          mineId: mineIds[firstYuanping] ?? null,
        },
      ] satisfies Omit<typeof users.$inferInsert, 'passwordHash'>[]
    ).map((u, i) => ({
      ...u,
      passwordHash,
      createdAt: at,
      phone: demoPhone(i),
      // Reserved domain (RFC 2606): alarm calls by e-mail reach a test SMTP server, never a real person.
      email: `${u.username}@minewatch.example`,
    }));
    await insertUsers(tx, userRows);
    await seedDemoHazards(tx, deps, mineIds);
    await seedDemoReports(tx, deps, mineIds);
    const demoMines = mineInputs.map((m, i) => ({
      id: mineIds[i] ?? '',
      name: m.name,
      kind: m.kind,
      countyCode: m.countyCode,
      status: m.status,
    }));
    const monitored = monitoredMines(demoMines, mineIds[firstYuanping] ?? '');
    await seedDemoMonitoring(tx, actor, at, monitored);
    await seedDemoLeads(
      tx,
      at,
      mineInputs.map((m, i) => ({ ...m, id: mineIds[i] ?? '' })),
      new Set(monitored.map((m) => m.id)),
    );
    coalUploaders.push(
      ...demoCoalMines(
        mineInputs.map((m, i) => ({ ...m, id: mineIds[i] ?? '', coalCode: m.coalCode ?? '' })),
        mineIds[firstYuanping] ?? '',
      ),
    );
    // Every step of every 叫应 policy reaches a named person with a phone at every monitored mine.
    const names = createRng(20_261_206);
    const enterpriseOf = new Map(mineInputs.map((m, i) => [mineIds[i] ?? '', m.enterpriseId]));
    const rosterIds = [...new Set([...monitored, ...coalUploaders].map((m) => m.id))];
    await seedDemoCallRoster(tx, {
      mines: rosterIds.map((id) => ({
        id,
        enterpriseId: enterpriseOf.get(id) ?? '',
        countyCode: demoMines.find((m) => m.id === id)?.countyCode ?? '',
      })),
      enterpriseOrgs: new Map([[entId, enterprise]]),
      regulatorOrgs: new Map([
        ['140000', province],
        ['140900', xinzhou],
        ['140981', yuanping],
        ['140923', daixian],
        ['141029', xiangning],
      ]),
      enterpriseNames: new Map(entRows.map((e) => [e.id ?? '', e.name])),
      passwordHash,
      at,
      personName: () => names.pick(surnames) + names.pick(given),
      firstPhone: userRows.length,
    });
  });
  // The coal mines' MT/T 1201 uploads, through the real ingest (a transaction per file).
  await seedDemoCoalFiles(deps, coalUploaders);
  // The leads of the planted cases are there on first start (the job would find them within the hour).
  await evaluateLeads(deps);
  await seedDemoEnforcement(deps);
  await seedDemoPlans(deps);
  await seedDemoAccountability(deps);
  await seedDemoSurveys(deps);
  await seedDemoEnterpriseReports(deps);
  await seedDemoPitsPonds(deps);
  await seedDemoEmergency(deps);
  await seedDemoDuty(deps);
  await seedDemoAdmission(deps);
  await analyzeDatabase(deps.db);
  return { seeded: true, accounts: demoAccounts };
}

export const demoAccounts: DemoAccount[] = [
  {
    username: 'admin',
    role: 'system_admin',
    organisation: 'minewatch 系统管理',
    note: '全部数据与系统设置',
  },
  { username: 'sx.admin', role: 'regulator_admin', organisation: '山西省应急管理厅', note: '全省' },
  {
    username: 'xz.viewer',
    role: 'regulator_viewer',
    organisation: '忻州市应急管理局',
    note: '忻州市, 只读',
  },
  {
    username: 'yp.admin',
    role: 'regulator_admin',
    organisation: '原平市应急管理局',
    note: '原平市',
  },
  {
    username: 'yp.inspector',
    role: 'inspector',
    organisation: '原平市应急管理局',
    note: '原平市, 执法',
  },
  {
    username: 'yp.inspector2',
    role: 'inspector',
    organisation: '原平市应急管理局',
    note: '原平市, 执法 (检查组第二人)',
  },
  {
    username: 'dx.admin',
    role: 'regulator_admin',
    organisation: '代县应急管理局',
    note: '代县: 只检查不处罚的示例地区',
  },
  {
    username: 'dx.inspector',
    role: 'inspector',
    organisation: '代县应急管理局',
    note: '代县, 执法',
  },
  {
    username: 'xn.admin',
    role: 'regulator_admin',
    organisation: '乡宁县应急管理局',
    note: '乡宁县',
  },
  {
    username: 'xn.inspector',
    role: 'inspector',
    organisation: '乡宁县应急管理局',
    note: '乡宁县, 执法',
  },
  {
    username: 'ent.admin',
    role: 'enterprise_admin',
    organisation: '原平市一家煤矿企业',
    note: '本企业矿山',
  },
  { username: 'ent.safety', role: 'safety_officer', organisation: '同上', note: '本企业矿山' },
  { username: 'mine.duty', role: 'mine_duty_officer', organisation: '同上', note: '一座矿山' },
];
