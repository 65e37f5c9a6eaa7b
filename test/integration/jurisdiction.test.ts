/**
 * Jurisdiction is the security boundary. This test walks EVERY API route the app
 * registers, as users of two counties and of two enterprises (one in each county, plus a second
 * enterprise inside county A), aiming each request at data the caller must not see. Nothing may be
 * read or changed; a route without a walker entry fails the test, so new routes cannot slip past.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/server/modules/access/access.service.ts';
import { findUserWithOrg } from '../../src/server/modules/access/access.repository.ts';
import { userPrincipal } from '../../src/server/modules/access/principal.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { createArrangement } from '../../src/server/modules/inspections/cross/cross.service.ts';
import {
  insertDeclaration,
  insertPatrol,
  insertPlan,
} from '../../src/server/modules/stopped/stopped.repository.ts';
import { stoppedPatrolPhotos } from '../../src/server/modules/stopped/stopped.table.ts';
import { dutyRecords, dutyScores } from '../../src/server/modules/duty/duty.table.ts';
import {
  insertCalls,
  insertWarning,
} from '../../src/server/modules/warnings/warning.repository.ts';
import { addDays, todayIn } from '../../src/shared/dates.ts';
import type { RouteEntry } from '../../src/server/platform/http/auth.http.ts';
import { createTestApp } from '../helpers/app.ts';
import { creditCodeFor, idNumberFor } from '../helpers/factories.ts';
import { createWorldDatabase, engines, type TestDatabase } from '../helpers/test-database.ts';
import { login, type Party, type World } from '../helpers/world.ts';

type Role = keyof Party['users'];
const roles: Role[] = [
  'regulator_admin',
  'regulator_viewer',
  'inspector',
  'enterprise_admin',
  'safety_officer',
  'mine_duty_officer',
];
const regulatorRoles = new Set<Role>(['regulator_admin', 'regulator_viewer', 'inspector']);

interface Probe {
  method: string;
  url: string;
  payload?: unknown;
  multipart?: { filename: string; content: string };
}

/** Routes the walker does not aim at another party, and why. */
const exempt: Record<string, string> = {
  'GET /api/health': 'public, returns no data',
  'POST /api/auth/login': 'public; authenticates the caller only',
  'POST /api/auth/logout': 'ends the caller’s own session',
  'GET /api/auth/me': 'returns the caller only',
  'GET /api/settings':
    'rule parameters are national configuration, not jurisdiction data; regulators only (settings.routes.test.ts)',
  'PUT /api/auth/me/preferences': 'changes the caller’s own language only',
  'GET /api/hazard-standards/:id/criteria':
    'the determination standards are national reference data',
  'GET /api/notifications':
    'returns the caller’s own notifications only (notification.routes.test.ts, hazard.escalation.test.ts)',
  'GET /api/notifications/unread-count':
    'counts the caller’s own notifications only (notification.routes.test.ts)',
  'POST /api/notifications/read-all':
    'marks the caller’s own notifications only; nobody else’s change (notification.routes.test.ts)',
  'GET /ack/:token':
    'public page with a button; acknowledges nothing (monitoring.routes.test.ts: a link preview changes nothing)',
  'POST /ack/:token':
    'authorised by the signed one-time token alone, which names its alarm (monitoring.routes.test.ts: forged and used links refused)',
  'POST /api/alarm-ack': 'the same token acknowledgement as POST /ack/:token, answered as JSON',
  'GET /ack/warning/:token':
    'public page with a button; acknowledges nothing (warning.routes.test.ts: a link preview changes nothing)',
  'POST /ack/warning/:token':
    'authorised by the signed one-time token alone, which names its warning call (warning.routes.test.ts: forged and used links refused)',
  'POST /api/public/reports':
    'the public 举报 form: anyone may file about any county, which routes it (public-report.routes.test.ts)',
  'GET /api/public/counties':
    'public reference data: the names of the counties where 举报 can be filed, nothing else',
  'POST /api/public/reports/track':
    'authorised by the tracking code and its secret alone; a wrong one is a 404 like an unknown code (public-report.routes.test.ts)',
  'POST /api/public/reports/:code/photos':
    'authorised by the tracking code and its secret alone (public-report.routes.test.ts)',
  'POST /api/enterprise-reports':
    'files for the caller’s own enterprise only; no enterprise can be named (enterprise-report.routes.test.ts)',
  'POST /api/work-plans':
    'creates a plan of the caller’s own unit and region only; no other region can be named (work-plan.routes.test.ts)',
  'POST /api/inspection-schedules':
    'schedules the caller’s own unit’s jurisdiction only; no other region can be named (schedule.routes.test.ts)',
  'GET /api/public/disaster-grades':
    'public by design (要点第10条 公示): the grades a passed review set in the region asked for, nothing awaiting review (survey.routes.test.ts)',
  'GET /api/public/exposures':
    'public by design (要点第20条 曝光): the exposures in force, nothing withdrawn, no ids (acts.test.ts)',
  'POST /api/notifications/:id/read':
    'acts on the caller’s own notifications only; another user’s is a 404 (hazard.escalation.test.ts)',
};

/**
 * A 异地交叉执法 arrangement aimed at each party's county (by key), made in beforeAll by the system admin:
 * the other county's inspectors, starting in a month, so no walker user is a member in force.
 */
const crossArrangementOf = new Map<string, string>();

/** A declaration of work at each party's coal mine (by key), inserted in beforeAll (issue 24). */
const declarationOf = new Map<string, string>();
/** A 巡查 visit at each party's coal mine with one photo (by key): [visit id, photo id]. */
const patrolOf = new Map<string, [string, string]>();

/** A regulator's warning to each party's coal mine only (by key): [warning id, its call's id] (issue 24). */
const warningOf = new Map<string, [string, string]>();

/** Each party's (by key) regulator unit's and enterprise's organisation ids, and two of its users' ids. */
const accountsOf = new Map<string, { orgIds: string[]; userIds: string[] }>();

/** The requests aimed at `t`'s data, for each route. */
function probesFor(route: RouteEntry, t: Party, tokenIdOfT: string): Probe[] | undefined {
  const mine = t.mines[0];
  if (!mine) {
    throw new Error('party without mine');
  }
  const key = `${route.method} ${route.url}`;
  const id = (url: string, value: string) => url.replace(/:id|:code/, value);
  switch (key) {
    case 'GET /api/regions/:code':
      return [{ method: 'GET', url: id(route.url, t.county) }];
    case 'GET /api/audit/:entityType/:entityId':
      return [
        ['mine', mine.id],
        ['enterprise', t.enterpriseId],
        ['person', t.personIds[0]],
        ['contractor', t.contractorIds[0]],
        ['licence', t.licenceIds[0]],
        ['api_token', tokenIdOfT],
        ['hazard', t.hazardIds[0]],
        ['monitoring_facility', t.facilityIds[0]],
        ['sensor', t.sensorIds[0]],
        ['alarm', t.alarmIds[0]],
        ['maintenance_window', t.maintenanceIds[0]],
        ['lead', t.leadIds[0]],
        ['inspection', t.inspectionIds[0]],
        ['penalty', t.penaltyIds[0]],
        ['enforcement_document', t.documentIds[0]],
        ['inspection_plan', t.scheduleIds[0]],
        ['work_plan', t.workPlanIds[0]],
        ['work_task', t.workTaskIds[0]],
        ['mine_meter', t.meterIds[0]],
        ['mine_area', t.areaIds[0]],
        ['hidden_hazard_survey', t.surveyIds[0]],
        ['disposal_entry', t.disposalIds[0]],
        ['permit_application', t.permitIds[0]],
        ['pit_pond_record', t.pitPondRecordIds[0]],
        ['pond_closure', t.pondClosureIds[0]],
        ['regulator_warning', warningOf.get(t.key)?.[0]],
        ['warning_call', warningOf.get(t.key)?.[1]],
      ].map(([type, value]) => ({ method: 'GET', url: `/api/audit/${type}/${value}` }));
    case 'POST /api/mines':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            name: '越权矿山',
            enterpriseId: t.enterpriseId,
            countyCode: t.county,
            kind: '金属非金属露天矿山',
            scale: '小型',
            status: '建设',
            statusSince: '2026-01-01',
            slopeHeightM: 40,
          },
        },
      ];
    case 'POST /api/mines/import':
      return [
        {
          method: 'POST',
          url: `${route.url}?mode=valid-only`,
          multipart: {
            filename: 'mines.csv',
            content: `矿山名称,统一社会信用代码,企业名称,县级行政区划代码,矿山类型,规模,状态,状态起始日期,边坡高度(m)\n越权导入矿,${creditCodeFor(t.county)},越权企业,${t.county},金属非金属露天矿山,小型,建设,2026-01-01,40\n`,
          },
        },
      ];
    case 'POST /api/hazards/:id/attachments':
      return [
        {
          method: 'POST',
          url: `${id(route.url, t.hazardIds[0] ?? '')}?purpose=整改证据`,
          multipart: { filename: '越权证据.pdf', content: '%PDF-1.4 越权证据' },
        },
      ];
    case 'GET /api/hazards/:id/attachments/:attachmentId':
      return [
        {
          method: 'GET',
          url: `/api/hazards/${t.hazardIds[0]}/attachments/${t.attachmentIds[0]}`,
        },
      ];
    case 'POST /api/monitoring/facilities':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: { mineId: mine.id, code: 'X-1', name: '越权设施', kind: '尾矿库' },
        },
      ];
    case 'POST /api/monitoring/sensors':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            facilityId: t.facilityIds[0],
            code: 'X-CH4',
            name: '越权测点',
            quantity: 'CH4',
          },
        },
      ];
    case 'POST /api/monitoring/mines/:id/sensors/import':
      return [
        {
          method: 'POST',
          url: id(route.url, mine.id),
          multipart: {
            filename: 'sensors.csv',
            content: `设施编码,测点编码,测点名称,监测量\n${t.key}-UG,X-CO,越权,CO\n`,
          },
        },
      ];
    case 'PUT /api/monitoring/sensors/:id/spec':
      return [
        {
          method: 'PUT',
          url: id(route.url, t.sensorIds[0] ?? ''),
          payload: {
            version: 1,
            reason: '越权修改',
            spec: {
              direction: 'upper',
              rangeMin: 0,
              rangeMax: 100,
              intervalSeconds: 20,
              thresholds: { 红色: 99 },
            },
          },
        },
      ];
    case 'GET /api/monitoring/sensors/:id/readings':
      return [
        {
          method: 'GET',
          url: `${id(route.url, t.sensorIds[0] ?? '')}?from=2026-11-01T00:00:00Z&to=2026-11-30T00:00:00Z`,
        },
      ];
    case 'POST /api/alarms/:id/acknowledge':
      return [{ method: 'POST', url: id(route.url, t.alarmIds[0] ?? '') }];
    case 'POST /api/alarms/:id/respond':
    case 'POST /api/alarms/:id/close':
      return [
        {
          method: 'POST',
          url: id(route.url, t.alarmIds[0] ?? ''),
          payload: { note: '越权处置说明' },
        },
      ];
    case 'POST /api/alarms/:id/response':
      return [
        {
          method: 'POST',
          url: id(route.url, t.alarmIds[0] ?? ''),
          payload: {
            action: '停产撤人',
            peopleWithdrawn: 1,
            completedAt: '2026-11-22T01:00:00Z',
            note: '越权响应',
          },
        },
      ];
    case 'POST /api/monitoring/maintenance':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: mine.id,
            reason: '越权维护',
            startsAt: '2026-11-22T01:00:00Z',
            endsAt: '2026-11-22T03:00:00Z',
          },
        },
      ];
    case 'POST /api/monitoring/maintenance/:id/cancel':
      return [{ method: 'POST', url: id(route.url, t.maintenanceIds[0] ?? '') }];
    case 'POST /api/ingest/readings':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: [
            { sensor: `${t.key}-CH4`, mine: mine.id, ts: '2026-11-22T01:59:00Z', value: 9.9 },
          ],
        },
      ];
    case 'PATCH /api/mines/:id':
      return [{ method: 'PATCH', url: id(route.url, mine.id), payload: { depthM: 999 } }];
    case 'POST /api/surveys':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: mine.id,
            surveyedOn: '2026-10-01',
            surveyor: '越权普查单位',
            areaKm2: 1,
            scopeYears: 3,
            scopeDescription: '越权',
            factors: [{ kind: '水害', level: '简单', location: '越权', note: '' }],
            zones: [{ zoneClass: '可采区', name: '越权', note: '' }],
          },
        },
      ];
    case 'GET /api/emergency/register':
      return [{ method: 'GET', url: `${route.url}?mineId=${mine.id}` }];
    case 'POST /api/emergency/plans':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: { mineId: mine.id, title: '越权预案', revisedOn: '2026-10-01' },
        },
      ];
    case 'POST /api/emergency/drills':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: mine.id,
            kind: '紧急撤离和逃生避险',
            drilledOn: '2026-10-01',
            participants: 5,
          },
        },
      ];
    case 'POST /api/emergency/rescue-agreements':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: mine.id,
            kind: '救护协议',
            teamName: '越权救护队',
            signedOn: '2026-01-01',
            validUntil: '2027-01-01',
          },
        },
      ];
    case 'POST /api/emergency/trainings':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: mine.id,
            trainedOn: '2026-10-01',
            topic: '越权培训',
            hours: 4,
            personIds: [t.personIds[0]],
          },
        },
      ];
    case 'POST /api/emergency/self-rescue':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: mine.id,
            practisedOn: '2026-10-01',
            results: [{ personId: t.personIds[0], seconds: 20 }],
          },
        },
      ];
    case 'POST /api/emergency/post-cards':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: { mineId: mine.id, post: '越权岗位', riskListOn: '2026-10-01' },
        },
      ];
    case 'POST /api/inspections/:id/exams':
      return [
        {
          method: 'POST',
          url: id(route.url, t.inspectionIds[0] ?? ''),
          payload: { examinedOn: '2026-11-22', results: [{ name: '越权考生', score: 90 }] },
        },
      ];
    case 'POST /api/duty/records':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: mine.id,
            personId: t.personIds[0],
            kind: '带班下井',
            dutyOn: '2026-10-02',
            note: '越权',
          },
        },
      ];
    case 'POST /api/duty/scores':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: mine.id,
            personId: t.personIds[0],
            deductedOn: '2026-10-02',
            points: 3,
            reason: '越权记分',
          },
        },
      ];
    case 'POST /api/surveys/:id/review':
      return [
        {
          method: 'POST',
          url: id(route.url, t.surveyIds[0] ?? ''),
          payload: { reviewedOn: '2026-11-01', outcome: '审查通过', note: '越权' },
        },
      ];
    case 'POST /api/surveys/:id/files':
      return [
        {
          method: 'POST',
          url: id(route.url, t.surveyIds[0] ?? ''),
          multipart: { filename: '越权报告.pdf', content: '%PDF-1.4 越权报告' },
        },
      ];
    case 'POST /api/enterprise-reports/:id/file':
      return [
        {
          method: 'POST',
          url: id(route.url, t.enterpriseReportIds[0] ?? ''),
          multipart: { filename: '越权报送.pdf', content: '%PDF-1.4 越权报送' },
        },
      ];
    case 'POST /api/pits-ponds/records':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: t.mines[1]?.id,
            kind: '汛后检查',
            recordedOn: '2026-10-20',
            document: '越权检查记录',
          },
        },
      ];
    case 'POST /api/pits-ponds/closures':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: { mineId: t.mines[1]?.id, reason: '停用超过3年', openedOn: '2026-10-01' },
        },
      ];
    case 'POST /api/pits-ponds/closures/:id/steps':
      return [
        {
          method: 'POST',
          url: id(route.url, t.pondClosureIds[0] ?? ''),
          payload: { step: '闭库施工', on: '2026-10-01', document: '越权施工记录' },
        },
      ];
    case 'GET /api/surveys/:id/files/:fileId':
      return [{ method: 'GET', url: `/api/surveys/${t.surveyIds[0]}/files/${t.surveyFileIds[0]}` }];
    case 'POST /api/admission/disposals':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: mine.id,
            category: '关闭取缔',
            basis: '越权',
            listedOn: '2026-11-01',
            deadline: '2027-01-01',
          },
        },
      ];
    case 'POST /api/admission/disposals/:id/steps':
      return [
        {
          method: 'POST',
          url: id(route.url, t.disposalIds[0] ?? ''),
          payload: { steppedOn: '2026-11-01', description: '越权', completes: true },
        },
      ];
    case 'POST /api/admission/permits':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: mine.id,
            projectKind: '新建',
            projectName: '越权',
            appliedOn: '2026-11-01',
            designer: '越权',
            miningMethod: '充填法',
            mechanicalScaling: true,
            designCapacityTpa: 1000,
            serviceLifeYears: 1,
          },
        },
      ];
    case 'POST /api/admission/permits/:id/design-review':
      return [
        {
          method: 'POST',
          url: id(route.url, t.permitIds[0] ?? ''),
          payload: { reviewedOn: '2026-11-01', approved: false, note: '越权' },
        },
      ];
    case 'POST /api/admission/permits/:id/extension':
      return [
        {
          method: 'POST',
          url: id(route.url, t.permitIds[0] ?? ''),
          payload: { approvedOn: '2026-11-01', newDueOn: '2027-01-01', reason: '越权' },
        },
      ];
    case 'POST /api/admission/permits/:id/site-check':
      return [
        {
          method: 'POST',
          url: id(route.url, t.permitIds[0] ?? ''),
          payload: { checkedOn: '2026-11-01', passed: true, note: '越权' },
        },
      ];
    case 'POST /api/admission/permits/:id/issue':
      return [
        {
          method: 'POST',
          url: id(route.url, t.permitIds[0] ?? ''),
          payload: { licenceNumber: '越权', issuedOn: '2026-11-01', expiresOn: '2029-11-01' },
        },
      ];
    case 'POST /api/mines/:id/status':
      return [
        {
          method: 'POST',
          url: id(route.url, mine.id),
          payload: { status: '停产整顿', effectiveDate: '2026-11-01', reason: '越权' },
        },
      ];
    case 'POST /api/mines/:id/licences':
      return [
        {
          method: 'POST',
          url: id(route.url, mine.id),
          payload: {
            kind: '安全生产许可证',
            number: `X-${t.key}`,
            issuedOn: '2025-01-01',
            expiresOn: '2028-01-01',
          },
        },
      ];
    case 'PATCH /api/licences/:id':
      return [
        {
          method: 'PATCH',
          url: id(route.url, t.licenceIds[0] ?? ''),
          payload: { number: 'HACKED' },
        },
      ];
    case 'POST /api/enterprises':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: { creditCode: creditCodeFor(t.county), name: '越权企业', regionCode: t.county },
        },
      ];
    case 'PATCH /api/enterprises/:id':
      return [{ method: 'PATCH', url: id(route.url, t.enterpriseId), payload: { name: '篡改' } }];
    case 'POST /api/people':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: mine.id,
            name: '越权',
            roles: ['矿长'],
            idNumber: idNumberFor(t.county),
          },
        },
      ];
    case 'PATCH /api/people/:id':
      return [
        { method: 'PATCH', url: id(route.url, t.personIds[0] ?? ''), payload: { name: '篡改' } },
      ];
    case 'POST /api/contractors':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: mine.id,
            name: '越权',
            creditCode: creditCodeFor(t.county),
            scopes: ['爆破'],
            startsOn: '2026-01-01',
          },
        },
      ];
    case 'PATCH /api/contractors/:id':
      return [
        {
          method: 'PATCH',
          url: id(route.url, t.contractorIds[0] ?? ''),
          payload: { name: '篡改' },
        },
      ];
    case 'POST /api/contractor-staff':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            contractorId: t.contractorIds[0],
            name: '越权',
            role: '技术人员',
            idNumber: idNumberFor(t.county),
            employment: '正式职工',
          },
        },
      ];
    case 'PATCH /api/contractor-staff/:id':
      return [
        {
          method: 'PATCH',
          url: id(route.url, t.contractorStaffIds[0] ?? ''),
          payload: { name: '篡改' },
        },
      ];
    case 'POST /api/tokens':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: { name: '越权网关', kind: 'gateway', mineIds: [mine.id] },
        },
      ];
    case 'DELETE /api/tokens/:id':
      return [{ method: 'DELETE', url: id(route.url, tokenIdOfT) }];
    case 'POST /api/users':
      return (accountsOf.get(t.key)?.orgIds ?? ['x']).map((organisationId) => ({
        method: 'POST',
        url: route.url,
        payload: {
          username: 'intruder',
          displayName: 'x',
          password: 'abcd1234efg',
          role: 'inspector',
          organisationId,
        },
      }));
    case 'PATCH /api/users/:id':
      return (accountsOf.get(t.key)?.userIds ?? ['x']).map((userId) => ({
        method: 'PATCH',
        url: id(route.url, userId),
        payload: { displayName: '篡改' },
      }));
    case 'POST /api/users/:id/disable':
    case 'POST /api/users/:id/enable':
    case 'POST /api/users/:id/reset-password':
      return (accountsOf.get(t.key)?.userIds ?? ['x']).map((userId) => ({
        method: 'POST',
        url: id(route.url, userId),
      }));
    case 'POST /api/hazard-standards':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            code: '越权标准',
            title: 'x',
            version: '1',
            effectiveOn: '2026-01-01',
            source: 'x',
            items: [
              {
                code: 'a',
                parentCode: null,
                part: '煤矿',
                number: '1',
                text: 'x',
                verified: false,
              },
            ],
          },
        },
      ];
    case 'POST /api/hazards':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: mine.id,
            criterionId: t.criterionId,
            description: '越权上报',
            location: 'x',
            source: '企业自查',
            foundBy: 'x',
            foundOn: '2026-11-01',
          },
        },
      ];
    case 'POST /api/hazards/:id/plan':
      return [
        {
          method: 'POST',
          url: id(route.url, t.hazardIds[0] ?? ''),
          payload: {
            responsiblePerson: 'x',
            measures: 'x',
            fundsYuan: 1,
            deadline: '2027-01-01',
            contingencyPlan: 'x',
          },
        },
      ];
    case 'POST /api/hazards/:id/submit':
      return [
        {
          method: 'POST',
          url: id(route.url, t.hazardIds[0] ?? ''),
          payload: { rectificationNote: 'x' },
        },
      ];
    case 'POST /api/hazards/:id/accept':
    case 'POST /api/hazards/:id/reject':
      return [
        { method: 'POST', url: id(route.url, t.hazardIds[0] ?? ''), payload: { note: '越权' } },
      ];
    case 'POST /api/hazards/:id/supervise':
      return [
        {
          method: 'POST',
          url: id(route.url, t.hazardIds[0] ?? ''),
          payload: { supervised: true, note: '越权' },
        },
      ];
    case 'POST /api/hazards/:id/acts':
      return [
        { step: '函告' },
        { step: '曝光', reason: '越权曝光' },
        {
          step: '约谈',
          heldOn: '2026-11-20',
          place: '越权',
          enterpriseAttendees: [{ name: 'x', post: '' }],
          parentAttendees: [{ name: 'x', post: '' }],
          regulatorAttendees: [{ name: 'x', post: '' }],
          commitments: [{ text: '越权', deadline: '2026-12-01' }],
        },
      ].map((payload) => ({ method: 'POST', url: id(route.url, t.hazardIds[0] ?? ''), payload }));
    case 'POST /api/hazards/:id/exposures/:exposureId/withdraw':
    case 'POST /api/hazards/:id/commitments/:commitmentId/fulfil':
      // The world has no exposure or commitment: the hazard's jurisdiction is what refuses (acts.test.ts
      // withdraws a real exposure of another county's hazard).
      return [
        {
          method: 'POST',
          url: id(route.url, t.hazardIds[0] ?? '').replace(
            /:exposureId|:commitmentId/,
            '00000000-0000-4000-8000-000000000000',
          ),
          payload: route.url.endsWith('/withdraw')
            ? { reason: '越权' }
            : { fulfilledOn: '2026-11-20' },
        },
      ];
    case 'POST /api/hazards/:id/suspend-mine':
      return [
        {
          method: 'POST',
          url: id(route.url, t.hazardIds[0] ?? ''),
          payload: { effectiveDate: '2026-11-20', reason: '越权' },
        },
      ];
    case 'POST /api/self-inspection-reports':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: { mineId: mine.id, period: '2026-10', zeroReport: true, signedBy: '张三' },
        },
      ];
    case 'GET /api/self-inspection-reports/missing':
      return [
        { method: 'GET', url: `${route.url}?period=2026-10&region=${t.county}` },
        { method: 'GET', url: `${route.url}?period=2026-10` },
      ];
    case 'POST /api/parent-inspections':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: mine.id,
            period: '2026-Q3',
            inspectedOn: '2026-08-01',
            leader: '越权',
            wentUnderground: true,
            zeroReport: true,
          },
        },
      ];
    case 'GET /api/parent-inspections/missing':
      return [
        { method: 'GET', url: `${route.url}?period=2026-Q3&region=${t.county}` },
        { method: 'GET', url: `${route.url}?period=2026-Q3` },
      ];
    case 'GET /api/hazards/analysis/export':
      // The same analysis as GET /api/hazards/analysis (probed as JSON); its xlsx is checked in analysis.test.ts.
      return [{ method: 'GET', url: `${route.url}?region=${t.county}` }];
    case 'GET /api/mines/:id/series':
      return [
        {
          method: 'GET',
          url: `${id(route.url, mine.id)}?from=2026-11-01T00:00:00Z&to=2026-11-23T00:00:00Z&areas=true`,
        },
      ];
    case 'POST /api/mines/:id/meters':
      return [
        {
          method: 'POST',
          url: id(route.url, mine.id),
          payload: { code: `X-${t.key}-PWR`, factor: '用电量', granularity: 'hour' },
        },
      ];
    case 'POST /api/mines/:id/areas':
      return [
        {
          method: 'POST',
          url: id(route.url, mine.id),
          payload: { name: '越权工作面', kind: '采掘工作面' },
        },
      ];
    case 'PATCH /api/areas/:id':
      return [
        { method: 'PATCH', url: id(route.url, t.areaIds[0] ?? ''), payload: { state: '停用封闭' } },
      ];
    case 'POST /api/series/import':
      return [
        {
          method: 'POST',
          url: route.url,
          multipart: {
            filename: 'power.csv',
            content: `表号,时段,数值\n${t.key}-PWR,2026-11-21 08:00,99999\n`,
          },
        },
      ];
    case 'POST /api/leads/:id/assign':
      return [
        {
          method: 'POST',
          url: id(route.url, t.leadIds[0] ?? ''),
          payload: { assigneeId: t.leadIds[0] },
        },
      ];
    case 'POST /api/leads/:id/verify':
      return [
        {
          method: 'POST',
          url: id(route.url, t.leadIds[0] ?? ''),
          payload: { result: '越权', confirmed: false },
        },
      ];
    case 'POST /api/leads/:id/convert':
      return [
        {
          method: 'POST',
          url: id(route.url, t.leadIds[0] ?? ''),
          payload: { to: 'inspection', reference: '越权', note: '越权' },
        },
      ];
    case 'POST /api/leads/:id/dismiss':
      return [
        { method: 'POST', url: id(route.url, t.leadIds[0] ?? ''), payload: { reason: '越权' } },
      ];
    case 'POST /api/inspection-schedules/preview':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: { region: t.county, capacityPerMonth: Array.from({ length: 12 }, () => 20) },
        },
      ];
    case 'POST /api/inspections':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: mine.id,
            kind: '常规',
            inspectedOn: '2026-11-01',
            teamUserIds: [t.inspectionIds[0], t.penaltyIds[0]],
          },
        },
      ];
    case 'POST /api/cross-inspections':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            name: '越权交叉执法',
            targetRegion: t.county,
            unitIds: [t.enterpriseId],
            memberUserIds: [t.personIds[0], t.contractorIds[0]],
            startsOn: '2026-12-01',
            endsOn: '2026-12-07',
          },
        },
      ];
    case 'GET /api/cross-inspections/:id':
    case 'GET /api/cross-inspections/:id/mines':
      return [
        { method: 'GET', url: id(route.url, crossArrangementOf.get(t.key) ?? t.enterpriseId) },
      ];
    case 'POST /api/cross-inspections/:id/end':
      return [
        {
          method: 'POST',
          url: id(route.url, crossArrangementOf.get(t.key) ?? t.enterpriseId),
          payload: { reason: '越权' },
        },
      ];
    case 'POST /api/warnings':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: { kind: '暴雨', title: '越权', content: '越权', regionCode: t.county },
        },
      ];
    case 'GET /api/warnings/:id':
      return [{ method: 'GET', url: id(route.url, warningOf.get(t.key)?.[0] ?? t.enterpriseId) }];
    case 'POST /api/warnings/calls/:id/acknowledge':
      return [{ method: 'POST', url: id(route.url, warningOf.get(t.key)?.[1] ?? t.enterpriseId) }];
    case 'POST /api/warnings/calls/:id/respond':
      return [
        {
          method: 'POST',
          url: id(route.url, warningOf.get(t.key)?.[1] ?? t.enterpriseId),
          payload: { peopleWithdrawn: 0, withdrawnAt: null, measures: '越权' },
        },
      ];
    case 'GET /api/stopped/declarations/:id':
      return [{ method: 'GET', url: id(route.url, declarationOf.get(t.key) ?? t.enterpriseId) }];
    case 'POST /api/stopped/declarations/:id/reject':
      return [
        {
          method: 'POST',
          url: id(route.url, declarationOf.get(t.key) ?? t.enterpriseId),
          payload: { reason: '越权' },
        },
      ];
    case 'POST /api/stopped/plans':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: mine.id,
            measures: '越权',
            responsiblePerson: '越权',
            completeBy: '2026-12-31',
          },
        },
      ];
    case 'POST /api/stopped/declarations':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: mine.id,
            purpose: '排水',
            description: '越权',
            sites: [{ place: '越权', people: 1 }],
            maxPowerKwh: 1,
            startsOn: '2026-12-01',
            endsOn: '2026-12-02',
          },
        },
      ];
    case 'POST /api/stopped/wardens':
      return [
        { method: 'POST', url: route.url, payload: { mineId: mine.id, userId: t.enterpriseId } },
      ];
    case 'POST /api/stopped/patrols':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: mine.id,
            kind: '巡查',
            visitedAt: '2026-11-01T08:00:00+08:00',
            findings: '越权',
          },
        },
      ];
    case 'GET /api/inspections/eligible-inspectors':
      return [{ method: 'GET', url: `${route.url}?mineId=${mine.id}` }];
    case 'PATCH /api/inspections/:id':
      return [
        {
          method: 'PATCH',
          url: id(route.url, t.inspectionIds[0] ?? ''),
          payload: { summary: '越权' },
        },
      ];
    case 'POST /api/inspections/:id/findings':
      return [
        {
          method: 'POST',
          url: id(route.url, t.inspectionIds[0] ?? ''),
          payload: {
            kind: '一般违法行为',
            description: '越权',
            location: '越权',
            deadline: '2026-12-01',
          },
        },
      ];
    case 'POST /api/stopped/patrols/:id/photos':
      return [
        {
          method: 'POST',
          url: id(route.url, patrolOf.get(t.key)?.[0] ?? t.enterpriseId),
          multipart: { filename: 'x.png', content: 'not a photo' },
        },
      ];
    case 'GET /api/stopped/patrols/:id/photos/:photoId':
      return [
        {
          method: 'GET',
          url: route.url
            .replace(':id', patrolOf.get(t.key)?.[0] ?? t.enterpriseId)
            .replace(':photoId', patrolOf.get(t.key)?.[1] ?? t.enterpriseId),
        },
      ];
    case 'POST /api/inspections/:id/photos':
      return [
        {
          method: 'POST',
          url: id(route.url, t.inspectionIds[0] ?? ''),
          multipart: { filename: 'x.png', content: 'not a photo' },
        },
      ];
    case 'GET /api/inspections/:id/photos/:photoId':
      return [
        {
          method: 'GET',
          url: id(route.url, t.inspectionIds[0] ?? '').replace(':photoId', t.documentIds[0] ?? ''),
        },
      ];
    case 'POST /api/inspections/:id/suspension':
      return [
        {
          method: 'POST',
          url: id(route.url, t.inspectionIds[0] ?? ''),
          payload: { effectiveDate: '2026-12-01', reason: '越权' },
        },
      ];
    case 'POST /api/inspection-orders/:id/acceptance':
      return [
        {
          method: 'POST',
          url: id(route.url, t.orderIds[0] ?? ''),
          payload: { acceptedOn: '2026-12-01', passed: true, note: '越权' },
        },
      ];
    case 'POST /api/inspections/:id/recheck':
      return [
        {
          method: 'POST',
          url: id(route.url, t.inspectionIds[0] ?? ''),
          payload: { recheckedOn: '2026-12-01', result: '越权' },
        },
      ];
    case 'PUT /api/inspections/:id/typical':
      return [
        { method: 'PUT', url: id(route.url, t.inspectionIds[0] ?? ''), payload: { typical: true } },
      ];
    case 'POST /api/penalties':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            inspectionId: t.inspectionIds[0],
            target: '企业',
            partyName: '越权',
            legalBasis: '越权',
            facts: '越权',
            amountYuan: 1,
            decidedOn: '2026-12-01',
          },
        },
      ];
    case 'PATCH /api/penalties/:id':
      return [
        {
          method: 'PATCH',
          url: id(route.url, t.penaltyIds[0] ?? ''),
          payload: { status: '已撤销' },
        },
      ];
    case 'POST /api/documents':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: { inspectionId: t.inspectionIds[0], template: '现场检查记录' },
        },
      ];
    case 'PUT /api/documents/:id':
      return [
        {
          method: 'PUT',
          url: id(route.url, t.documentIds[0] ?? ''),
          payload: { fields: { partyPresent: '越权' }, baseSeq: 1 },
        },
      ];
    case 'GET /api/documents/:id/diff':
      return [{ method: 'GET', url: `${id(route.url, t.documentIds[0] ?? '')}?from=1&to=1` }];
    case 'POST /api/documents/:id/signatures':
      return [{ method: 'POST', url: id(route.url, t.documentIds[0] ?? ''), payload: { seq: 1 } }];
    case 'GET /api/inspections/stats':
      return [
        { method: 'GET', url: `${route.url}?from=2020-01&to=2030-12` },
        { method: 'GET', url: `${route.url}?from=2020-01&to=2030-12&region=${t.county}` },
      ];
    case 'POST /api/work-plans/:id/tasks':
      return [
        {
          method: 'POST',
          url: id(route.url, t.workPlanIds[0] ?? ''),
          payload: {
            number: '99',
            content: '越权',
            leadUnitId: t.workTaskIds[0],
            kind: '一次性',
          },
        },
      ];
    case 'POST /api/work-plans/:id/tasks/import':
      return [
        {
          method: 'POST',
          url: id(route.url, t.workPlanIds[0] ?? ''),
          multipart: {
            filename: 'tasks.csv',
            content: '序号,任务内容,牵头单位,完成时限,任务类型\n9,越权,x,2026-12-31,一次性\n',
          },
        },
      ];
    case 'GET /api/work-plans/:id/tasks/export':
      return [{ method: 'GET', url: `${id(route.url, t.workPlanIds[0] ?? '')}?format=csv` }];
    case 'PUT /api/work-tasks/:id':
      return [
        {
          method: 'PUT',
          url: id(route.url, t.workTaskIds[0] ?? ''),
          payload: { number: '1', content: '越权', leadUnitId: t.workTaskIds[0], kind: '一次性' },
        },
      ];
    case 'POST /api/work-tasks/:id/progress':
      return [
        {
          method: 'POST',
          url: id(route.url, t.workTaskIds[0] ?? ''),
          payload: { text: '越权', percent: 100 },
        },
      ];
    case 'POST /api/work-tasks/:id/progress/:progressId/files':
      return [
        {
          method: 'POST',
          url: route.url
            .replace(':id', t.workTaskIds[0] ?? '')
            .replace(':progressId', t.workTaskProgressIds[0] ?? ''),
          multipart: { filename: 'x.pdf', content: '%PDF-1.4 越权' },
        },
      ];
    case 'GET /api/work-tasks/:id/files/:fileId':
      return [
        {
          method: 'GET',
          url: route.url
            .replace(':id', t.workTaskIds[0] ?? '')
            .replace(':fileId', t.workTaskFileIds[0] ?? ''),
        },
      ];
    case 'GET /api/targets/:key/trend':
    case 'GET /api/targets/:key/mines':
      return [
        { method: 'GET', url: route.url.replace(':key', 'qualificationCompliance') },
        {
          method: 'GET',
          url: `${route.url.replace(':key', 'standardization2Plus')}?region=${t.county}`,
        },
      ];
    case 'GET /api/regional-risk':
      return [
        { method: 'GET', url: route.url },
        { method: 'GET', url: `${route.url}?region=${t.county}` },
      ];
    case 'POST /api/periodic-reports':
      return [{ method: 'POST', url: route.url, payload: { kind: '月总结', region: t.county } }];
    case 'GET /api/periodic-reports/:id/file':
      return [
        { method: 'GET', url: `${id(route.url, t.periodicReportIds[0] ?? '')}?format=xlsx` },
        { method: 'GET', url: `${id(route.url, t.periodicReportIds[0] ?? '')}?format=pdf` },
      ];
    case 'POST /api/mines/:id/resumption':
      return [
        {
          method: 'POST',
          url: id(route.url, mine.id),
          payload: { acceptedOn: '2026-11-01', note: '越权' },
        },
      ];
    case 'POST /api/accidents':
      return [
        {
          method: 'POST',
          url: route.url,
          payload: {
            mineId: mine.id,
            occurredAt: '2026-01-01T00:00:00Z',
            kind: '坍塌',
            place: '越权',
            deaths: 1,
            seriousInjuries: 0,
            directLossYuan: 0,
            description: '越权',
          },
        },
      ];
    case 'POST /api/accidents/:id/chain-notices':
      return [
        {
          method: 'POST',
          url: id(route.url, t.accidentIds[0] ?? ''),
          payload: { step: 'countyToCity', reportedAt: new Date().toISOString(), channel: '电话' },
        },
      ];
    case 'POST /api/accidents/:id/interviews/:interviewId':
      return [
        {
          method: 'POST',
          url: route.url
            .replace(':id', t.accidentIds[0] ?? '')
            .replace(':interviewId', t.interviewIds[0] ?? ''),
          payload: { heldOn: '2026-01-02', note: '越权' },
        },
      ];
    case 'POST /api/accidents/:id/finding':
    case 'POST /api/accidents/:id/supervise':
    case 'POST /api/accidents/:id/escalate':
    case 'POST /api/accidents/:id/rectification':
    case 'POST /api/accidents/:id/close': {
      const bodies: Record<string, object> = {
        finding: {
          concludedOn: '2026-01-02',
          nature: '非责任事故',
          cause: '越权',
          finding: '越权',
          parties: [],
        },
        supervise: { unit: '越权', deadline: '2027-01-01' },
        escalate: { level: '国务院', unit: '越权', reason: '越权' },
        rectification: { acceptedOn: '2026-01-02', note: '越权' },
        close: { closedOn: '2026-01-02', note: '越权' },
      };
      return [
        {
          method: 'POST',
          url: id(route.url, t.accidentIds[0] ?? ''),
          payload: bodies[route.url.split('/').pop() ?? ''],
        },
      ];
    }
    case 'GET /api/hazards/:id/investigation':
      return [{ method: 'GET', url: id(route.url, t.hazardIds[0] ?? '') }];
    case 'POST /api/hazards/:id/investigation':
      return [
        {
          method: 'POST',
          url: id(route.url, t.hazardIds[0] ?? ''),
          payload: { openedOn: '2026-11-20', team: ['越权'] },
        },
      ];
    case 'POST /api/hazards/:id/investigation/conclusion':
      return [
        {
          method: 'POST',
          url: id(route.url, t.hazardIds[0] ?? ''),
          payload: {
            concludedOn: '2026-11-20',
            cause: '越权',
            responsibility: '越权',
            proposal: '越权',
          },
        },
      ];
    case 'GET /api/accidents/stats':
      return [
        { method: 'GET', url: `${route.url}?fromYear=2020&toYear=2030` },
        { method: 'GET', url: `${route.url}?fromYear=2020&toYear=2030&region=${t.county}` },
      ];
    case 'GET /api/public-reports/:id/photos/:photoId':
      return [
        {
          method: 'GET',
          url: route.url
            .replace(':id', t.publicReportIds[0] ?? '')
            .replace(':photoId', t.publicPhotoIds[0] ?? ''),
        },
      ];
    case 'POST /api/public-reports/:id/accept':
    case 'POST /api/public-reports/:id/verify':
    case 'POST /api/public-reports/:id/handle':
    case 'POST /api/public-reports/:id/answer':
    case 'POST /api/public-reports/:id/reward':
    case 'POST /api/public-reports/:id/accountability': {
      const bodies: Record<string, object> = {
        accountability: { measures: '越权' },
        accept: { accept: true, note: '越权' },
        verify: { result: '属实', note: '越权' },
        handle: { outcome: '无需处理', note: '越权' },
        answer: { feedback: '越权' },
        reward: { amountYuan: 1 },
      };
      return [
        {
          method: 'POST',
          url: id(route.url, t.publicReportIds[0] ?? ''),
          payload: bodies[route.url.split('/').pop() ?? ''],
        },
      ];
    }
    case 'PUT /api/settings/:key':
      return [
        {
          method: 'PUT',
          url: '/api/settings/registry.licenceExpiryWarningDays',
          payload: { value: 30, source: 'x', verified: true, reason: '越权' },
        },
      ];
    case 'POST /api/ingest/coal-files':
      return [
        {
          method: 'POST',
          url: route.url,
          multipart: {
            filename: '140981000001_FZDY_20261122100000.txt',
            content:
              '140981000001;越权煤矿;2026-11-22 10:00:00~FZ01;越权;;;;2026-11-22 10:00:00~||',
          },
        },
      ];
    case 'GET /api/coal/mines/:id/leader-descents':
      return [{ method: 'GET', url: `${id(route.url, mine.id)}?month=2026-11` }];
    default:
      break;
  }
  if (route.url.includes(':id')) {
    const target: Record<string, string | undefined> = {
      '/api/mines': mine.id,
      '/api/enterprises': t.enterpriseId,
      '/api/people': t.personIds[0],
      '/api/contractors': t.contractorIds[0],
      '/api/contractor-staff': t.contractorStaffIds[0],
      '/api/licences': t.licenceIds[0],
      '/api/hazards': t.hazardIds[0],
      '/api/monitoring/sensors': t.sensorIds[0],
      '/api/alarms': t.alarmIds[0],
      '/api/leads': t.leadIds[0],
      '/api/meters': t.meterIds[0],
      '/api/inspection-schedules': t.scheduleIds[0],
      '/api/inspections': t.inspectionIds[0],
      '/api/penalties': t.penaltyIds[0],
      '/api/documents': t.documentIds[0],
      '/api/received-documents': t.documentIds[0],
      '/api/work-plans': t.workPlanIds[0],
      '/api/work-tasks': t.workTaskIds[0],
      '/api/periodic-reports': t.periodicReportIds[0],
      '/api/accidents': t.accidentIds[0],
      '/api/public-reports': t.publicReportIds[0],
      '/api/surveys': t.surveyIds[0],
      '/api/admission/disposals': t.disposalIds[0],
      '/api/admission/permits': t.permitIds[0],
      '/api/enterprise-reports': t.enterpriseReportIds[0],
      '/api/pits-ponds/closures': t.pondClosureIds[0],
      '/api/coal/mines': mine.id,
      '/api/coal/alarms': t.alarmIds[0],
      '/api/coal/sensors': t.sensorIds[0],
    };
    const base = Object.keys(target).find((b) => route.url.startsWith(`${b}/`));
    if (base && (route.method === 'GET' || route.method === 'DELETE')) {
      return [{ method: route.method, url: id(route.url, target[base] ?? '') }];
    }
    return undefined;
  }
  if (route.method === 'GET') {
    // Lists and exports: the caller asks for everything, and for the target's region and enterprise.
    const extra = route.url.endsWith('/export') ? 'format=csv&' : '';
    return [
      { method: 'GET', url: `${route.url}?${extra}`.replace(/[?&]$/, '') },
      ...([
        '/api/mines',
        '/api/mines/export',
        '/api/enterprises',
        '/api/people',
        '/api/contractors',
        '/api/enterprises/export',
        '/api/people/export',
        '/api/contractors/export',
        '/api/contractor-staff',
        '/api/contractor-staff/export',
        '/api/registry/summary',
        '/api/hazards',
        '/api/hazards/export',
        '/api/hazards/summary',
        '/api/hazards/closure-candidates',
        '/api/hazards/analysis',
        '/api/self-inspection-reports',
        '/api/parent-inspections',
        '/api/monitoring/facilities',
        '/api/monitoring/mine-map',
        '/api/leads',
        '/api/leads/summary',
        '/api/leads/export',
        '/api/inspections/risk',
        '/api/inspections/risk/export',
        '/api/inspections',
        '/api/inspections/export',
        '/api/penalties',
        '/api/penalties/export',
        '/api/inspections/typical-cases/export',
        '/api/targets',
        '/api/periodic-reports',
        '/api/accidents',
        '/api/accidents/export',
        '/api/compliance',
        '/api/surveys',
        '/api/admission/disposals',
        '/api/admission/permits',
        '/api/surveys/findings',
        '/api/admission/disposals',
        '/api/admission/disposals/findings',
        '/api/admission/below-scale',
        '/api/admission/method-findings',
        '/api/admission/permits',
        '/api/duty/records',
        '/api/duty/months',
        '/api/duty/findings',
        '/api/duty/scores',
        '/api/duty/score-totals',
        '/api/enterprise-reports',
        '/api/pits-ponds/mines',
        '/api/pits-ponds/records',
        '/api/pits-ponds/findings',
        '/api/pits-ponds/closures',
        '/api/emergency/findings',
        '/api/coal/underground',
        '/api/coal/forwarding',
        '/api/coal/feeds',
        '/api/home',
        '/api/warnings',
        '/api/warnings/calls',
      ].includes(route.url)
        ? [{ method: 'GET', url: `${route.url}?${extra}region=${t.county}` }]
        : []),
      ...(route.url === '/api/mines' || route.url === '/api/mines/export'
        ? [{ method: 'GET', url: `${route.url}?${extra}enterpriseId=${t.enterpriseId}` }]
        : []),
      ...([
        '/api/contractor-staff',
        '/api/monitoring/facilities',
        '/api/monitoring/sensors',
        '/api/monitoring/maintenance',
        '/api/alarms',
        '/api/alarms/export',
        '/api/leads',
        '/api/leads/export',
        '/api/inspections',
        '/api/inspections/export',
        '/api/surveys',
        '/api/duty/records',
        '/api/duty/months',
        '/api/duty/findings',
        '/api/duty/scores',
        '/api/duty/score-totals',
        '/api/pits-ponds/records',
        '/api/stopped/plans',
        '/api/stopped/declarations',
        '/api/stopped/patrols',
      ].includes(route.url)
        ? [{ method: 'GET', url: `${route.url}?${extra}mineId=${mine.id}` }]
        : []),
      ...(route.url === '/api/regions'
        ? [{ method: 'GET', url: `${route.url}?parent=${t.county.slice(0, 4)}00` }]
        : []),
    ];
  }
  return undefined;
}

function multipartBody(filename: string, content: string) {
  const boundary = '----mwtest';
  return {
    boundary,
    body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`,
  };
}

/** Every identifying value of a party that must not appear in another's responses. */
function fingerprints(t: Party): string[] {
  return [
    t.enterpriseId,
    ...t.mines.flatMap((m) => [m.id, m.name]),
    ...t.personIds,
    ...t.contractorIds,
    ...t.contractorStaffIds,
    `${t.key}项目经理`,
    ...t.licenceIds,
    ...t.hazardIds,
    ...t.attachmentIds,
    ...t.facilityIds,
    ...t.sensorIds,
    ...t.alarmIds,
    ...t.maintenanceIds,
    ...t.meterIds,
    ...t.areaIds,
    ...t.leadIds,
    ...t.scheduleIds,
    ...t.inspectionIds,
    ...t.penaltyIds,
    ...t.documentIds,
    ...t.orderIds,
    ...[crossArrangementOf.get(t.key) ?? ''].filter(Boolean),
    ...[declarationOf.get(t.key) ?? ''].filter(Boolean),
    ...(patrolOf.get(t.key) ?? []),
    ...t.workPlanIds,
    ...t.workTaskIds,
    ...t.workTaskProgressIds,
    ...t.workTaskFileIds,
    ...t.periodicReportIds,
    ...t.accidentIds,
    ...t.interviewIds,
    ...t.publicReportIds,
    ...t.publicReportCodes,
    ...t.publicPhotoIds,
    ...t.surveyIds,
    ...t.surveyFileIds,
    ...t.disposalIds,
    ...t.permitIds,
    `${t.key}: 机械化升级改造`,
    `${t.key}: 扩建工程`,
    `${t.key}: 采空区位置`,
    `${t.key}地质勘查院`,
    ...t.pitPondRecordIds,
    ...t.pondClosureIds,
    `${t.key}: 汛前安全检查记录`,
    `${t.key}: 闭库设计批复`,
    `${t.key}举报人`,
    `${t.key}: 举报地点`,
    `${t.key}: 尾矿库初期坝下游坡`,
    `${t.key}: 矿山安全生产治本攻坚三年行动`,
    `${t.key}: 完成非煤矿山安全生产标准化二级创建`,
    `${t.key}: 安全出口堵塞`,
    `${t.key}: 越界开采`,
    `${t.key}-CH4`,
    `${t.key}1101采煤工作面`,
    `${t.key}: 停产整顿期间夜间用电`,
    `${t.key}现场检查记录`,
    `${t.key}: 井下劳动定员制度未执行`,
    `${t.key}企业`,
    `${t.key}: 带班下井`,
    `${t.key}: 记分事由`,
  ];
}

async function snapshot(t: TestDatabase): Promise<string> {
  const tables = [
    'enterprises',
    'mines',
    'licences',
    'mine_status_changes',
    'people',
    'certificates',
    'contractors',
    'contractor_staff',
    'organisations',
    'users',
    'api_tokens',
    'settings',
    'hazards',
    'hazard_events',
    'hazard_standards',
    'hazard_attachments',
    'hazard_interviews',
    'hazard_interview_commitments',
    'hazard_exposures',
    'self_inspection_reports',
    'monitoring_facilities',
    'monitoring_sensors',
    'readings',
    'alarms',
    'alarm_events',
    'alarm_ack_tokens',
    'maintenance_windows',
    'mine_series',
    'mine_meters',
    'mine_areas',
    'leads',
    'lead_events',
    'inspection_plans',
    'inspection_plan_visits',
    'inspections',
    'inspection_findings',
    'inspection_photos',
    'inspection_orders',
    'cross_inspection_arrangements',
    'cross_inspection_members',
    'penalties',
    'enforcement_documents',
    'enforcement_document_revisions',
    'enforcement_document_signatures',
    'work_plans',
    'work_tasks',
    'work_task_reports',
    'work_task_report_files',
    'regional_risk_grades',
    'plan_reports',
    'accidents',
    'accident_reports',
    'accident_interviews',
    'accident_parties',
    'accident_steps',
    'hazard_investigations',
    'public_reports',
    'public_report_events',
    'public_report_photos',
    'hidden_hazard_surveys',
    'hidden_hazard_survey_files',
    'disposal_entries',
    'disposal_steps',
    'permit_applications',
    'duty_records',
    'duty_scores',
    'plan_enterprise_reports',
    'plan_enterprise_report_files',
    'pit_pond_records',
    'pond_closures',
    'emergency_plans',
    'emergency_drills',
    'rescue_agreements',
    'safety_trainings',
    'self_rescue_practices',
    'post_cards',
    'inspection_exams',
    'coal_files',
    'coal_points',
    'coal_presence',
    'regulator_warnings',
    'regulator_warning_calls',
    'warning_ack_tokens',
    'throttle_hits',
  ];
  const out: Record<string, unknown> = {};
  for (const table of tables) {
    out[table] = await queryRows(t.database.db, sql.raw(`SELECT * FROM ${table} ORDER BY 1`));
  }
  return JSON.stringify(out);
}

describe.each(engines)('jurisdiction isolation on every route (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let routes: RouteEntry[];
  let world: World;
  const cookies = new Map<string, string>();
  const tokenIds = new Map<string, string>();

  beforeAll(async () => {
    ({ world, ...t } = await createWorldDatabase(engine));
    ({ app, routes } = await createTestApp(t));
    for (const p of [world.a, world.b, world.a2]) {
      for (const r of roles) {
        cookies.set(p.users[r], await login(app, p.users[r]));
      }
      const u = await findUserWithOrg(t.deps.db, { username: p.users.enterprise_admin });
      if (!u) {
        throw new Error('no user');
      }
      const token = await createToken(t.deps, userPrincipal(u, null), {
        name: 'gw',
        kind: 'gateway',
        mineIds: [p.mines[0]?.id ?? ''],
      });
      tokenIds.set(p.key, token.id);
      const regulator = await findUserWithOrg(t.deps.db, { username: p.users.regulator_viewer });
      accountsOf.set(p.key, {
        orgIds: [regulator?.org.id ?? '', u.org.id],
        userIds: [regulator?.user.id ?? '', u.user.id],
      });
    }
    // Each county's arrangement: the other county's inspectors, in a month's time (not yet in force).
    const sys = await findUserWithOrg(t.deps.db, { username: world.systemAdmin });
    if (!sys) {
      throw new Error('no system admin');
    }
    const pool = async (p: Party) =>
      Promise.all(
        [p.users.inspector, p.users.regulator_admin].map(async (name) => {
          const u = await findUserWithOrg(t.deps.db, { username: name });
          if (!u) {
            throw new Error(`no user ${name}`);
          }
          return u;
        }),
      );
    const start = addDays(todayIn(t.deps.clock), 30);
    for (const [p, other] of [
      [world.a, world.b],
      [world.b, world.a],
      [world.a2, world.b],
    ] as const) {
      const members = await pool(other);
      const made = await createArrangement(t.deps, userPrincipal(sys, null), {
        name: `${p.key}: 异地交叉执法`,
        targetRegion: p.county,
        unitIds: [members[0]?.org.id ?? ''],
        memberUserIds: members.map((m) => m.user.id),
        startsOn: start,
        endsOn: addDays(start, 6),
      });
      crossArrangementOf.set(p.key, made.id);
    }
    // Each party's coal mine has a 整改方案 and a declaration of work (inserted directly: the mine's
    // status stays as the other probes expect).
    for (const p of [world.a, world.b, world.a2]) {
      const filer = await findUserWithOrg(t.deps.db, { username: p.users.enterprise_admin });
      const mineId = p.mines[0]?.id ?? '';
      const at = t.deps.clock();
      const plan = await insertPlan(t.deps.db, {
        mineId,
        measures: `${p.key} 整改方案`,
        responsiblePerson: `${p.key} 矿长`,
        completeBy: '2026-12-31',
        filedBy: filer?.user.id ?? '',
        filedAt: at,
      });
      const made = await insertDeclaration(t.deps.db, {
        mineId,
        planId: plan.id,
        purpose: '排水',
        description: `${p.key} 排水`,
        sites: [{ place: `${p.key} 水泵房`, people: 3 }],
        maxPowerKwh: 100,
        startsOn: '2026-12-01',
        endsOn: '2026-12-02',
        perSiteLimit: 9,
        state: '已申报',
        filedBy: filer?.user.id ?? '',
        filedAt: at,
      });
      declarationOf.set(p.key, made.id);
      // A 带班下井 record and a 记分 entry of the party's person (its 矿长).
      const person = p.personIds[0] ?? '';
      const filed = { filedBy: filer?.user.id ?? '', filedLabel: 'x', createdAt: at };
      await t.deps.db.insert(dutyRecords).values({
        mineId,
        personId: person,
        kind: '带班下井',
        dutyOn: '2026-10-05',
        note: `${p.key}: 带班下井`,
        ...filed,
      });
      await t.deps.db.insert(dutyScores).values({
        mineId,
        personId: person,
        deductedOn: '2026-10-05',
        points: 2,
        reason: `${p.key}: 记分事由`,
        ...filed,
      });
      const official = await findUserWithOrg(t.deps.db, { username: p.users.inspector });
      const visit = await insertPatrol(t.deps.db, {
        mineId,
        kind: '巡查',
        visitedAt: at,
        findings: `${p.key} 巡查`,
        userId: official?.user.id ?? '',
        recordedAt: at,
      });
      const [photo] = await t.deps.db
        .insert(stoppedPatrolPhotos)
        .values({
          patrolId: visit.id,
          fileName: `${p.key}.png`,
          contentType: 'image/png',
          sizeBytes: 4,
          sha256: `${p.key}-sha`,
          content: Buffer.from(p.key),
          uploadedBy: official?.user.id ?? '',
          uploadedAt: at,
        })
        .returning({ id: stoppedPatrolPhotos.id });
      patrolOf.set(p.key, [visit.id, photo?.id ?? '']);
      // A warning of the county's regulator to this party's coal mine only (its call not yet acknowledged).
      const issuer = await findUserWithOrg(t.deps.db, { username: p.users.regulator_admin });
      const warning = await insertWarning(t.deps.db, {
        kind: '暴雨',
        title: `${p.key} 暴雨预警`,
        content: `${p.key} 暴雨`,
        regionCode: p.county,
        mineKinds: null,
        issuedBy: issuer?.user.id ?? '',
        issuingOrganisationId: issuer?.org.id ?? '',
        issuedAt: at,
      });
      const [warned] = await insertCalls(t.deps.db, [
        { warningId: warning.id, mineId, state: '待确认', nextCallAt: null },
      ]);
      warningOf.set(p.key, [warning.id, warned?.id ?? '']);
    }
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('every registered route is covered by the walker or exempt with a reason', () => {
    const dummy = world.b;
    const uncovered = routes
      .filter((r) => !exempt[`${r.method} ${r.url}`])
      .filter((r) => !probesFor(r, dummy, 'x'))
      .map((r) => `${r.method} ${r.url}`);
    expect(uncovered).toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(30);
  });

  it('each user can read its own mine (the walker’s denials are not blanket failures)', async () => {
    for (const p of [world.a, world.b, world.a2]) {
      for (const r of roles) {
        const res = await app.inject({
          method: 'GET',
          url: `/api/mines/${p.mines[0]?.id}`,
          headers: { cookie: cookies.get(p.users[r]) ?? '' },
        });
        expect(res.statusCode, `${p.users[r]}`).toBe(200);
      }
    }
  });

  it('no user reads or changes data of another county or another enterprise', async () => {
    const before = await snapshot(t);
    const parties = [world.a, world.b, world.a2];
    let requests = 0;
    for (const actor of parties) {
      for (const role of roles) {
        const username = actor.users[role];
        const targets = parties.filter(
          (p) => p !== actor && (!regulatorRoles.has(role) || p.county !== actor.county),
        );
        for (const target of targets) {
          const secrets = fingerprints(target);
          for (const route of routes) {
            if (exempt[`${route.method} ${route.url}`]) {
              continue;
            }
            // Regions are shared by everyone in a county; only other counties' regions are off limits.
            if (route.url.startsWith('/api/regions') && target.county === actor.county) {
              continue;
            }
            for (const probe of probesFor(route, target, tokenIds.get(target.key) ?? '') ?? []) {
              const headers: Record<string, string> = { cookie: cookies.get(username) ?? '' };
              let payload: string | undefined;
              if (probe.multipart) {
                const mp = multipartBody(probe.multipart.filename, probe.multipart.content);
                headers['content-type'] = `multipart/form-data; boundary=${mp.boundary}`;
                payload = mp.body;
              }
              const res = await app.inject({
                method: probe.method as 'GET',
                url: probe.url,
                headers,
                ...(payload !== undefined
                  ? { payload }
                  : probe.payload !== undefined
                    ? { payload: probe.payload as object }
                    : {}),
              });
              requests++;
              const label = `${username} ${probe.method} ${probe.url} → ${res.statusCode} ${res.body.slice(0, 200)}`;
              const isCollectionRead =
                probe.method === 'GET' &&
                !/\/(:id|[0-9a-f-]{36}|\d{6})(\/|$)/.test(probe.url.split('?')[0] ?? '');
              if (probe.url === '/api/series/import') {
                // Another jurisdiction's meter reads as unknown: refused row by row, nothing written.
                expect([403, 422], label).toContain(res.statusCode);
                if (res.statusCode === 422) {
                  expect(res.body, label).toMatch(/管辖/);
                }
              } else if (probe.multipart && /[0-9a-f-]{36}/.test(probe.url)) {
                // An upload to another's record: refused for lack of permission or of jurisdiction.
                expect([403, 404], label).toContain(res.statusCode);
              } else if (probe.multipart) {
                // valid-only imports answer 200 with a report: nothing written, the county refused.
                expect([200, 403], label).toContain(res.statusCode);
                if (res.statusCode === 200) {
                  expect(res.json<{ written: number }>().written, label).toBe(0);
                  expect(res.body, label).toMatch(/管辖/);
                }
              } else if (isCollectionRead) {
                expect([200, 403, 404], label).toContain(res.statusCode);
              } else if (probe.method === 'POST' && !/[0-9a-f-]{36}/.test(probe.url)) {
                // Creating in the other's jurisdiction: refused for lack of permission or of jurisdiction.
                expect([400, 403, 422], label).toContain(res.statusCode);
                if (res.statusCode !== 403) {
                  expect(res.body, label).toMatch(
                    /countyCode|县级行政区划代码|mineId|regionCode|region|enterpriseId|organisationId|inspectionId|管辖/,
                  );
                }
              } else {
                expect([403, 404], label).toContain(res.statusCode);
              }
              // Values the caller itself sent may be echoed in an error; anything else of the target's is a leak.
              const sent =
                probe.url + JSON.stringify(probe.payload ?? '') + (probe.multipart?.content ?? '');
              for (const s of secrets.filter((x) => !sent.includes(x))) {
                expect(res.body.includes(s), `${label} leaks ${s}`).toBe(false);
              }
            }
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(500);
    expect(await snapshot(t)).toBe(before);
    // Thousands of requests: a ceiling for a loaded machine, not a speed requirement.
  }, 600_000);
});
