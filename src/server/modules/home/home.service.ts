/**
 * @module The home page's one summary (issue 23 §1): what needs the signed-in person now, read from the
 * modules that own each thing through their services (each scoped to the caller's jurisdiction), only
 * what the caller's role may read. Regulators: unanswered alarms, overdue hazards by ladder step, leads
 * to assign, stopped mines with activity, 举报 steps overdue, documents to sign, accident notices late.
 * Enterprises: reports to file, hazards to rectify by deadline, documents received. A mine's duty
 * officer: the open alarms to 叫应 and today's calls. Enterprises and duty officers: regulators' warnings to
 * answer (the duty officer's listed with their 叫应 / 回应 buttons).
 */
import type { HomeNeed, HomeResponse } from '../../../shared/home.schemas.ts';
import { addDays, shanghaiMidnight, todayIn } from '../../../shared/dates.ts';
import { LeadRule } from '../../../shared/leads.enums.ts';
import type { Permission } from '../../platform/auth/permissions.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { lateChainSteps } from '../accountability/accident.service.ts';
import { AccountabilityPermission } from '../accountability/accountability.permissions.ts';
import { overdueCaseCount } from '../accountability/public-report.service.ts';
import {
  hazardsByDeadline,
  overdueByLadderStep,
  reportsDue,
} from '../hazards/hazard-needs.service.ts';
import { hazardSummary } from '../hazards/hazard.service.ts';
import { HazardPermission } from '../hazards/hazards.permissions.ts';
import { monthly, parentQuarterly } from '../hazards/inspection.cadence.ts';
import {
  documentsAwaitingMySignature,
  listReceivedDocuments,
} from '../inspections/documents/document.service.ts';
import { InspectionPermission } from '../inspections/inspections.permissions.ts';
import { leadSummary } from '../leads/lead.service.ts';
import { LeadPermission } from '../leads/leads.permissions.ts';
import { alarmSummary, listAlarms } from '../monitoring/alarm.service.ts';
import { MonitoringPermission } from '../monitoring/monitoring.permissions.ts';
import { listCalls } from '../warnings/warning.service.ts';
import { WarningPermission } from '../warnings/warnings.permissions.ts';
import { audienceOf, need, presentHomeAlarm } from './home.presenter.ts';

/** How many of the nearest hazard deadlines an enterprise's home lists. */
const RECTIFYING_SHOWN = 10;
/** How many open alarms and today's calls a duty officer's home lists. */
const ALARMS_SHOWN = 50;

type Region = string | undefined;
/** A need; computed only when the caller's role may read its source (otherwise left out, not a 403). */
type Source = (deps: ServiceDeps, p: Principal, region: Region) => Promise<HomeNeed>;

const unansweredAlarms: Source = async (deps, p, region) => {
  const s = await alarmSummary(deps, p, { region });
  return need('alarmsUnanswered', s.unanswered, { oldestAt: s.oldestUnansweredAt });
};

const overdueHazards: Source = async (deps, p, region) => {
  const s = await overdueByLadderStep(deps, p, { region });
  return need('hazardsOverdue', s.count, { parts: s.parts });
};

const leads = async (deps: ServiceDeps, p: Principal, region: Region) => {
  const s = await leadSummary(deps, p, { region });
  const stopped = s.byRule.find((r) => r.rule === LeadRule.StoppedButWorking)?.open ?? 0;
  return [need('leadsUnassigned', s.unassigned), need('stoppedActivity', stopped)];
};

const overdueCases: Source = async (deps, p, region) =>
  need('publicReportsOverdue', await overdueCaseCount(deps, p, { region }));

const toSign: Source = async (deps, p) =>
  need('documentsToSign', await documentsAwaitingMySignature(deps, p));

const lateNotices: Source = async (deps, p, region) =>
  need('accidentReportsLate', await lateChainSteps(deps, p, { region }));

const filings = async (deps: ServiceDeps, p: Principal) => {
  const self = await reportsDue(deps, p, monthly);
  const parent = await reportsDue(deps, p, parentQuarterly);
  const extra = (r: typeof self) => ({
    parts: [
      { label: r.period, count: r.count - r.overdue },
      { label: '逾期', count: r.overdue },
    ],
    query: { period: r.period },
  });
  return [
    need('selfInspectionsDue', self.count, extra(self)),
    need('parentInspectionsDue', parent.count, extra(parent)),
  ];
};

const toRectify: Source = async (deps, p) => {
  const s = await hazardSummary(deps, p, {});
  return need('hazardsToRectify', s.open, {
    parts: [{ label: '逾期', count: s.overdue }],
  });
};

/** How far back the documents an enterprise received count as new on its home. */
const RECEIVED_DAYS = 30;

/** Regulators' warnings to the caller's mines not yet responded (issue 24; 第31条 叫应回响应). */
const warningsToAnswer: Source = async (deps, p) => {
  const open = await listCalls(deps, p, { open: 'true' });
  return need('warningsToAnswer', open.length, {
    oldestAt: open.map((c) => c.issuedAt).sort()[0] ?? null,
    parts: [{ label: '待确认', count: open.filter((c) => c.state === '待确认').length }],
  });
};

const received: Source = async (deps, p) => {
  const since = addDays(todayIn(deps.clock), -RECEIVED_DAYS);
  const docs = await listReceivedDocuments(deps, p);
  return need('documentsReceived', docs.filter((d) => d.inspectedOn >= since).length);
};

/** Runs each source the caller may read; sources run one after another (PGlite serves one query at a time). */
async function gather(
  deps: ServiceDeps,
  p: Principal,
  region: Region,
  sources: [
    Permission,
    (d: ServiceDeps, p: Principal, r: Region) => Promise<HomeNeed | HomeNeed[]>,
  ][],
) {
  const needs: HomeNeed[] = [];
  for (const [permission, source] of sources) {
    if (p.permissions.has(permission)) {
      const got = await source(deps, p, region);
      needs.push(...(Array.isArray(got) ? got : [got]));
    }
  }
  return needs;
}

export async function homeSummary(
  deps: ServiceDeps,
  principal: Principal,
  q: { region?: string | undefined },
): Promise<HomeResponse> {
  const audience = audienceOf(principal.role);
  const empty = { rectifying: [], openAlarms: [], callsToday: [], warnings: [] };
  if (audience === 'regulator') {
    const needs = await gather(deps, principal, q.region, [
      [MonitoringPermission.Read, unansweredAlarms],
      [HazardPermission.Read, overdueHazards],
      [LeadPermission.Read, leads],
      [AccountabilityPermission.PublicReportRead, overdueCases],
      [InspectionPermission.Write, toSign],
      [AccountabilityPermission.AccidentRead, lateNotices],
    ]);
    return { audience, needs, ...empty };
  }
  if (audience === 'enterprise') {
    const needs = await gather(deps, principal, undefined, [
      [HazardPermission.Read, filings],
      [HazardPermission.Read, toRectify],
      [MonitoringPermission.Read, unansweredAlarms],
      [InspectionPermission.EnforcementReceive, received],
      [WarningPermission.Answer, warningsToAnswer],
    ]);
    const rectifying = principal.permissions.has(HazardPermission.Read)
      ? await hazardsByDeadline(deps, principal, RECTIFYING_SHOWN)
      : [];
    return { ...empty, audience, needs, rectifying };
  }
  const openAlarms = await listAlarms(deps, principal, { open: 'true', limit: ALARMS_SHOWN });
  const callsToday = await listAlarms(deps, principal, {
    liveSince: shanghaiMidnight(todayIn(deps.clock)),
    limit: ALARMS_SHOWN,
  });
  const unanswered = openAlarms.filter((a) => a.state === '待叫应');
  const warnings = principal.permissions.has(WarningPermission.Read)
    ? await listCalls(deps, principal, { open: 'true' })
    : [];
  return {
    ...empty,
    audience,
    needs: [
      need('alarmsOpen', openAlarms.length, {
        oldestAt: unanswered.map((a) => a.openedAt).sort()[0] ?? null,
      }),
      need('warningsToAnswer', warnings.length, {
        oldestAt: warnings.map((c) => c.issuedAt).sort()[0] ?? null,
      }),
    ],
    warnings,
    openAlarms: openAlarms.map(presentHomeAlarm),
    callsToday: callsToday
      .map(presentHomeAlarm)
      .sort((a, b) => b.openedAt.localeCompare(a.openedAt)),
  };
}
