/**
 * @module Two jurisdictions side by side, for isolation tests: county A (原平市, 忻州) and county B
 * (乡宁县, 临汾), each with a regulator unit, enterprises, mines, people, contractors and one user per
 * role, plus a second enterprise in county A (enterprise isolation within one county).
 */
import type { FastifyInstance } from 'fastify';
import { createOrganisation, createUser } from '../../src/server/modules/access/access.service.ts';
import { systemPrincipal } from '../../src/server/modules/access/principal.ts';
import type { ServiceDeps } from '../../src/server/platform/context.ts';
import type { MineResponse } from '../../src/shared/registry.schemas.ts';
import {
  buildContractor,
  buildContractorStaff,
  buildEnterprise,
  buildMine,
  buildPerson,
} from './factories.ts';
import { eq, sql } from 'drizzle-orm';
import { hazardCriteria } from '../../src/server/modules/hazards/hazard.table.ts';
import { reportHazard } from '../../src/server/modules/hazards/hazard.service.ts';
import { addEvidence } from '../../src/server/modules/hazards/evidence.service.ts';
import {
  createFacility,
  createSensor,
} from '../../src/server/modules/monitoring/sensor.service.ts';
import { raiseAlarm } from '../../src/server/modules/monitoring/alarm.writer.ts';
import { createMaintenance } from '../../src/server/modules/monitoring/maintenance.service.ts';
import { addArea, addMeter } from '../../src/server/modules/leads/meter.service.ts';
import { applyFinding } from '../../src/server/modules/leads/lead.detect.ts';
import { upsertSeries } from '../../src/server/modules/leads/series.repository.ts';
import { buildEnforcement, type EnforcementIds } from './world-enforcement.ts';
import { buildWorkPlans, type WorkPlanIds } from './world-plans.ts';
import { buildAccidents, type AccidentIds } from './world-accidents.ts';
import { buildSurveys, type SurveyIds } from './world-surveys.ts';
import { buildEnterpriseReports, type EnterpriseReportIds } from './world-enterprise-reports.ts';
import { buildPitsPonds, type PitPondIds } from './world-ponds.ts';
import { buildAdmission, type AdmissionIds } from './world-admission.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';

export const PASSWORD = 'test-pass-2026';
const admin = systemPrincipal('test:world');

export interface Party
  extends
    EnforcementIds,
    WorkPlanIds,
    AccidentIds,
    SurveyIds,
    EnterpriseReportIds,
    PitPondIds,
    AdmissionIds {
  key: string;
  county: string;
  enterpriseId: string;
  mines: MineResponse[];
  personIds: string[];
  contractorIds: string[];
  /** A 项目负责人 on that contractor's 项目部. */
  contractorStaffIds: string[];
  licenceIds: string[];
  /** A hazard reported at the coal mine, and the criterion it was judged under. */
  hazardIds: string[];
  criterionId: string;
  /** An evidence file of that hazard. */
  attachmentIds: string[];
  /** Monitoring at the coal mine: a facility, a CH4 sensor (code `<key>-CH4`), an open alarm, a maintenance window. */
  facilityIds: string[];
  sensorIds: string[];
  alarmIds: string[];
  maintenanceIds: string[];
  /** Leads: a meter (code `<key>-PWR`), a registered area, an hour of power, a 明停暗开 lead at the coal mine. */
  meterIds: string[];
  areaIds: string[];
  leadIds: string[];
  /** username by role */
  users: Record<
    | 'regulator_admin'
    | 'regulator_viewer'
    | 'inspector'
    | 'enterprise_admin'
    | 'safety_officer'
    | 'mine_duty_officer',
    string
  >;
}

/** A criterion of 应急管理部令第4号 (coal), for hazards at the world's coal mines. */
export async function coalCriterion(deps: ServiceDeps): Promise<string> {
  const [row] = await deps.db
    .select({ id: hazardCriteria.id })
    .from(hazardCriteria)
    .where(eq(hazardCriteria.code, '煤矿(1)'));
  if (!row) {
    throw new Error('hazard catalogue not loaded');
  }
  return row.id;
}

async function buildParty(deps: ServiceDeps, key: string, county: string): Promise<Party> {
  // a and b belong to a group (上级公司); a2 does not.
  const ent = await buildEnterprise(deps, {
    regionCode: county,
    name: `${key}企业`,
    ...(key === 'a2' ? {} : { parentCompany: `${key}集团` }),
  });
  const coal = await buildMine(deps, {
    enterpriseId: ent.id,
    countyCode: county,
    name: `${key}煤矿`,
  });
  const pond = await buildMine(deps, {
    enterpriseId: ent.id,
    countyCode: county,
    name: `${key}尾矿库`,
    kind: '尾矿库',
    depthM: undefined,
    designCapacityTpa: undefined,
    approvedUndergroundStaff: undefined,
    tailingsVolume10kM3: 900,
    tailingsDamHeightM: 45,
    licences: [],
  });
  const person = await buildPerson(deps, { mineId: coal.id });
  const contractor = await buildContractor(deps, { mineId: coal.id });
  const staff = await buildContractorStaff(deps, {
    contractorId: contractor.id,
    name: `${key}项目经理`,
  });
  const criterion = await coalCriterion(deps);
  const hazard = await reportHazard(deps, admin, {
    mineId: coal.id,
    criterionId: criterion,
    description: `${key}: 井下劳动定员制度未执行, 单班超员`,
    location: '+450 中段采煤工作面',
    source: '监管执法检查',
    foundBy: '县局执法检查组',
    foundOn: '2026-11-01',
  });
  const evidence = await addEvidence(deps, admin, hazard.id, {
    purpose: '发现证据',
    fileName: `${key}现场检查记录.pdf`,
    data: Buffer.from(`%PDF-1.4 ${key} evidence`),
  });
  const facility = await createFacility(deps, admin, {
    mineId: coal.id,
    code: `${key}-UG`,
    name: `${key}井下一采区`,
    kind: '井下区域',
  });
  const sensor = await createSensor(deps, admin, {
    facilityId: facility.id,
    code: `${key}-CH4`,
    name: `${key}工作面甲烷`,
    quantity: 'CH4',
    preset: '甲烷:采煤工作面',
  });
  const alarm = await deps.db.transaction((tx) =>
    raiseAlarm(
      tx,
      {
        mineId: coal.id,
        sensorId: sensor.id,
        facilityId: facility.id,
        subject: `sensor:${sensor.id}`,
      },
      {
        kind: '超限',
        level: '黄色',
        detail: `${key}: 甲烷 1.2%`,
        triggeredAt: deps.clock().getTime(),
        value: 1.2,
      },
      undefined,
      deps.clock(),
    ),
  );
  const window = await createMaintenance(deps, admin, {
    mineId: coal.id,
    sensorId: sensor.id,
    reason: `${key}: 传感器标校`,
    startsAt: new Date(deps.clock().getTime() + 86_400_000).toISOString(),
    endsAt: new Date(deps.clock().getTime() + 90_000_000).toISOString(),
  });
  const meter = await addMeter(deps, admin, coal.id, {
    code: `${key}-PWR`,
    factor: '用电量',
    area: '',
    granularity: 'hour',
    provider: '供电公司',
  });
  const area = await addArea(deps, admin, coal.id, {
    name: `${key}1101采煤工作面`,
    kind: '采掘工作面',
    state: '在用',
  });
  const hour = Math.floor(deps.clock().getTime() / 3_600_000) * 3_600_000 - 3_600_000;
  const lead = await deps.db.transaction(async (tx) => {
    await upsertSeries(
      tx,
      [
        {
          mineId: coal.id,
          factor: '用电量',
          area: '',
          granularity: 'hour',
          periodStart: new Date(hour),
          value: 1234,
          source: `import:${key}-PWR`,
        },
      ],
      deps.clock(),
    );
    await applyFinding(
      tx,
      {
        rule: '明停暗开',
        mineId: coal.id,
        from: hour,
        to: hour + 3_600_000,
        score: 60,
        summary: `${key}: 停产整顿期间夜间用电`,
        breaches: [],
      },
      deps.clock(),
      [],
    );
    return queryRows<{ id: string }>(tx, sql`SELECT id FROM leads WHERE mine_id = ${coal.id}`);
  });
  const regulator = await createOrganisation(deps, admin, {
    name: `${key}县应急管理局`,
    kind: 'regulator',
    regionCode: county,
  });
  const entOrg = await createOrganisation(deps, admin, {
    name: ent.name,
    kind: 'enterprise',
    enterpriseId: ent.id,
  });
  const mk = async (role: keyof Party['users'], orgId: string, mineId?: string) => {
    const username = `${key}.${role.replace(/_/g, '-')}`;
    await createUser(deps, admin, {
      username,
      displayName: username,
      password: PASSWORD,
      role,
      organisationId: orgId,
      ...(mineId ? { mineId } : {}),
    });
    return username;
  };
  const party = {
    key,
    county,
    enterpriseId: ent.id,
    mines: [coal, pond],
    personIds: [person.id],
    contractorIds: [contractor.id],
    contractorStaffIds: [staff.id],
    licenceIds: coal.licences.map((l) => l.id),
    hazardIds: [hazard.id],
    criterionId: criterion,
    attachmentIds: [evidence.id],
    facilityIds: [facility.id],
    sensorIds: [sensor.id],
    alarmIds: [alarm.id],
    maintenanceIds: [window.id],
    meterIds: [meter.id],
    areaIds: [area.id],
    leadIds: lead.map((r) => r.id),
    users: {
      regulator_admin: await mk('regulator_admin', regulator.id),
      regulator_viewer: await mk('regulator_viewer', regulator.id),
      inspector: await mk('inspector', regulator.id),
      enterprise_admin: await mk('enterprise_admin', entOrg.id),
      safety_officer: await mk('safety_officer', entOrg.id),
      mine_duty_officer: await mk('mine_duty_officer', entOrg.id, coal.id),
    },
  };
  return {
    ...party,
    ...(await buildEnforcement(deps, party)),
    ...(await buildWorkPlans(deps, party)),
    ...(await buildAccidents(deps, party)),
    ...(await buildSurveys(deps, party)),
    ...(await buildEnterpriseReports(deps, party)),
    ...(await buildPitsPonds(deps, party)),
    ...(await buildAdmission(deps, party)),
  };
}

export interface World {
  a: Party;
  b: Party;
  /** A second enterprise in county A, with its own admin. */
  a2: Party;
  systemAdmin: string;
}

export async function buildWorld(deps: ServiceDeps): Promise<World> {
  const a = await buildParty(deps, 'a', '140981');
  const b = await buildParty(deps, 'b', '141029');
  const a2 = await buildParty(deps, 'a2', '140981');
  const sys = await createOrganisation(deps, admin, { name: '系统', kind: 'system' });
  await createUser(deps, admin, {
    username: 'sys.admin',
    displayName: 'sys',
    password: PASSWORD,
    role: 'system_admin',
    organisationId: sys.id,
  });
  return { a, b, a2, systemAdmin: 'sys.admin' };
}

/** Logs in through the API and returns the session cookie header. */
export async function login(
  app: FastifyInstance,
  username: string,
  password = PASSWORD,
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) {
    throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  }
  const cookie = res.cookies.find((c) => c.name === 'mw_session');
  if (!cookie) {
    throw new Error('no session cookie');
  }
  return `mw_session=${cookie.value}`;
}

/** Logs each named user in and returns their session cookies under the same names. */
export async function loginAll<K extends string>(
  app: FastifyInstance,
  users: Record<K, string>,
): Promise<Record<K, string>> {
  const cookies = {} as Record<K, string>;
  for (const [key, username] of Object.entries(users) as [K, string][]) {
    cookies[key] = await login(app, username);
  }
  return cookies;
}
