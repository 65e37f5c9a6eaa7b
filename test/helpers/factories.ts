/**
 * @module Factories with overrides that build their own parents (enterprise → mine → person), through
 * the real services so that every row passes the same validation as in production.
 */
import { randomInt } from 'node:crypto';
import { completeCreditCode, completeIdNumber } from '../../src/shared/identifiers.ts';
import type {
  ContractorCreateInput,
  ContractorStaffCreateInput,
  EnterpriseCreateInput,
  MineCreateInput,
  PersonCreateInput,
} from '../../src/shared/registry.schemas.ts';
import { systemPrincipal } from '../../src/server/modules/access/principal.ts';
import { createEnterprise } from '../../src/server/modules/registry/enterprise.service.ts';
import { createMine } from '../../src/server/modules/registry/mine.service.ts';
import { createPerson } from '../../src/server/modules/registry/person.service.ts';
import { createContractor } from '../../src/server/modules/registry/contractor.service.ts';
import { createContractorStaff } from '../../src/server/modules/registry/contractor-staff.service.ts';
import {
  createFacility,
  createSensor,
} from '../../src/server/modules/monitoring/sensor.service.ts';
import type { ServiceDeps } from '../../src/server/platform/context.ts';

const admin = systemPrincipal('test:factory');
let serial = 0;

/** The factories' running number (names and certificate numbers), saved with the world template. */
export function factorySerial(): number {
  return serial;
}

/** Continues the running number after a world loaded from a template, so new names never collide. */
export function continueFactorySerial(after: number): void {
  serial = Math.max(serial, after);
}

/** A valid credit code registered in the given county. */
export function creditCodeFor(county: string): string {
  const body = `91${county}${String(randomInt(0, 1e9)).padStart(9, '0')}`;
  return completeCreditCode(body);
}

/**
 * A valid 居民身份证号码 in a county. The birth date varies too (1960–1999): with a fixed date the 900
 * sequence numbers let two fixtures share a number often enough to make a 兼职 check flaky.
 */
export function idNumberFor(county: string): string {
  const born = new Date(Date.UTC(1960, 0, 1) + randomInt(0, 40 * 365) * 86_400_000);
  const date = born.toISOString().slice(0, 10).replaceAll('-', '');
  return completeIdNumber(`${county}${date}${String(randomInt(100, 999))}`);
}

export async function buildEnterprise(deps: ServiceDeps, o: Partial<EnterpriseCreateInput> = {}) {
  const regionCode = o.regionCode ?? '140981';
  return createEnterprise(deps, admin, {
    creditCode: creditCodeFor(regionCode),
    name: `测试矿业有限公司${++serial}`,
    regionCode,
    ...o,
  });
}

export async function buildMine(deps: ServiceDeps, o: Partial<MineCreateInput> = {}) {
  const countyCode = o.countyCode ?? '140981';
  const enterpriseId =
    o.enterpriseId ?? (await buildEnterprise(deps, { regionCode: countyCode })).id;
  const base: MineCreateInput = {
    name: `测试煤矿${++serial}`,
    enterpriseId,
    countyCode,
    kind: '煤矿井工',
    scale: '中型',
    status: '生产',
    statusSince: '2024-01-01',
    standardizationLevel: '二级',
    depthM: 420,
    designCapacityTpa: 900000,
    approvedUndergroundStaff: 120,
    licences: [
      {
        kind: '采矿许可证',
        number: `C-TEST-${serial}-${randomInt(1e9)}`,
        issuedOn: '2020-01-01',
        expiresOn: '2030-01-01',
      },
    ],
  };
  return createMine(deps, admin, { ...base, ...o });
}

export async function buildPerson(deps: ServiceDeps, o: Partial<PersonCreateInput> = {}) {
  const mineId = o.mineId ?? (await buildMine(deps)).id;
  return createPerson(deps, admin, {
    mineId,
    name: `张${++serial}`,
    roles: ['矿长'],
    idNumber: idNumberFor('140981'),
    education: '本科',
    miningYears: 12,
    certificates: [
      { kind: '安全生产知识和管理能力考核合格证', number: `T${serial}`, expiresOn: '2027-06-30' },
    ],
    ...o,
  });
}

export async function buildContractor(deps: ServiceDeps, o: Partial<ContractorCreateInput> = {}) {
  const mineId = o.mineId ?? (await buildMine(deps)).id;
  return createContractor(deps, admin, {
    mineId,
    name: `测试井巷工程有限公司${++serial}`,
    creditCode: creditCodeFor('140000'),
    scopes: ['掘进'],
    startsOn: '2025-01-01',
    endsOn: '2026-12-31',
    ...o,
  });
}

/** A qualified 项目负责人 on a contractor's 项目部 (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第18条). */
export async function buildContractorStaff(
  deps: ServiceDeps,
  o: Partial<ContractorStaffCreateInput> & { contractorId: string },
) {
  return createContractorStaff(deps, admin, {
    name: `项目部${++serial}`,
    role: '项目负责人',
    idNumber: idNumberFor('140981'),
    employment: '正式职工',
    education: '大专',
    relatedMajor: true,
    ...o,
  });
}

/**
 * A mine (built unless given) with an underground area and CH4 points of the given codes, each with
 * the 《煤矿安全规程》 采煤工作面 preset (报警 1.0 %, 断电 1.5 %, 复电 < 1.0 %; every 20 s).
 */
export async function buildCh4Points(deps: ServiceDeps, codes: string[], mine?: { id: string }) {
  const m = mine ?? (await buildMine(deps));
  const facility = await createFacility(deps, admin, {
    mineId: m.id,
    code: 'UG',
    name: '一采区',
    kind: '井下区域',
  });
  const points = [];
  for (const code of codes) {
    points.push(
      await createSensor(deps, admin, {
        facilityId: facility.id,
        code,
        name: `${code} 甲烷`,
        quantity: 'CH4',
        preset: '甲烷:采煤工作面',
      }),
    );
  }
  return { mine: m, facility, points };
}
