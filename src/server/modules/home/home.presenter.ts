/**
 * @module How the home's figures are shown: each need with the filtered list it links to (the web's
 * paths), the audience of a role, and an alarm as the home lists it.
 */
import type {
  HomeAlarm,
  HomeAudience,
  HomeNeed,
  HomeNeedKey,
} from '../../../shared/home.schemas.ts';
import { LeadRule, LeadStatus } from '../../../shared/leads.enums.ts';
import type { Role } from '../../platform/auth/permissions.ts';
import type { AlarmResponse } from '../../../shared/monitoring.schemas.ts';

/** The list each need opens, filtered to exactly what it counts. */
const links: Record<HomeNeedKey, string> = {
  alarmsUnanswered: '/monitoring?state=待叫应',
  hazardsOverdue: '/hazards?overdue=true',
  leadsUnassigned: `/leads?status=${LeadStatus.New}`,
  stoppedActivity: `/leads?rule=${LeadRule.StoppedButWorking}`,
  publicReportsOverdue: '/public-reports?overdue=true',
  documentsToSign: '/inspections',
  accidentReportsLate: '/accidents',
  selfInspectionsDue: '/self-inspection?tab=monthly',
  parentInspectionsDue: '/self-inspection?tab=quarterly',
  hazardsToRectify: '/hazards?state=已上报,治理中,待验收',
  documentsReceived: '/received-documents',
  alarmsOpen: '/monitoring',
  warningsToAnswer: '/warnings?open=true',
};

/**
 * A link whose query values are encoded (the Chinese state and rule names). The region is not in it:
 * the web's region selection applies to every list already.
 */
function linkOf(key: HomeNeedKey, more: Record<string, string>): string {
  const [path, query = ''] = links[key].split('?');
  const params = new URLSearchParams(query);
  for (const [name, value] of Object.entries(more)) {
    params.set(name, value);
  }
  const q = params.toString();
  return q ? `${path}?${q}` : (path ?? '');
}

export function need(
  key: HomeNeedKey,
  count: number,
  extra: Partial<Pick<HomeNeed, 'oldestAt' | 'parts'>> & { query?: Record<string, string> } = {},
): HomeNeed {
  return {
    key,
    count,
    oldestAt: extra.oldestAt ?? null,
    parts: extra.parts ?? [],
    link: linkOf(key, extra.query ?? {}),
  };
}

/** The home a role gets: a mine's duty officer, an enterprise's people, or the regulators' (and the system admin's). */
export function audienceOf(role: Role): HomeAudience {
  switch (role) {
    case 'mine_duty_officer':
      return 'mine';
    case 'enterprise_admin':
    case 'safety_officer':
      return 'enterprise';
    case 'regulator_viewer':
    case 'inspector':
    case 'regulator_admin':
    case 'system_admin':
      return 'regulator';
  }
}

export function presentHomeAlarm(a: AlarmResponse): HomeAlarm {
  return {
    id: a.id,
    mineName: a.mineName,
    sensorId: a.sensorId,
    sensorCode: a.sensorCode,
    kind: a.kind,
    detail: a.detail,
    level: a.level,
    state: a.state,
    openedAt: a.openedAt,
    closedAt: a.closedAt,
    acknowledgedAt: a.acknowledgedAt,
    acknowledgedBy: a.acknowledgedBy,
    historic: a.historic,
    suppressed: a.suppressed,
  };
}
