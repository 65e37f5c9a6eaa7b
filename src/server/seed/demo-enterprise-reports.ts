/**
 * @module The demo province's progress reports to the plan (issue 25 §7; 《原平市矿山企业安全生产治本攻坚三年行动
 * 实施方案》四(六)), filed through the service by each 原平 enterprise with an account, on the day each
 * was filed: most on time (3 days ahead), some late (5 days after); the last enterprise has not filed
 * the latest report that is due, so the board shows a missing one and the ladder has a subject.
 */
import { sql } from 'drizzle-orm';
import { addDays, shanghaiMidnight, todayIn } from '../../shared/dates.ts';
import { defaultEnterpriseReportSchedules } from '../../shared/enterprise-reports.ts';
import { fileEnterpriseReport } from '../modules/action-plans/enterprise-report.service.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { queryRows } from '../platform/db/client.ts';
import { principal } from './demo-enforcement.ts';

export async function seedDemoEnterpriseReports(deps: ServiceDeps): Promise<void> {
  const today = todayIn(deps.clock);
  const due = (defaultEnterpriseReportSchedules[0]?.dues ?? []).filter((d) => d.dueOn < today);
  // One account per 原平 enterprise with a live mine (its administrator or safety officer).
  const filers = await queryRows<{ username: string }>(
    deps.db,
    sql`SELECT DISTINCT ON (o.enterprise_id) u.username FROM users u
          JOIN organisations o ON o.id = u.organisation_id
          JOIN mines m ON m.enterprise_id = o.enterprise_id
         WHERE u.role IN ('enterprise_admin', 'safety_officer') AND m.county_code LIKE '140981%'
           AND m.archived_at IS NULL AND m.status <> '关闭'
         ORDER BY o.enterprise_id, u.username`,
  );
  for (const [i, f] of filers.entries()) {
    const filer = await principal(deps, f.username);
    for (const [j, d] of due.entries()) {
      if (i === filers.length - 1 && j === due.length - 1) {
        continue; // the one report not filed
      }
      const on = addDays(d.dueOn, (i + j) % 4 === 3 ? 5 : -3);
      if (on > today) {
        continue;
      }
      const at = new Date(shanghaiMidnight(on).getTime() + 10 * 3600_000);
      await fileEnterpriseReport({ ...deps, clock: () => at }, filer, {
        dueOn: d.dueOn,
        text: `${d.title}: 已按攻坚清单完成重大事故隐患排查整治, 落实监测预警系统建设, 详见附件。`,
      });
    }
  }
}
