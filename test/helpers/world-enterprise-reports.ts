/**
 * @module A party's progress report to the plan (issue 25 §7), filed by its enterprise for the 2025
 * annual summary with a file. 乡宁 (party b) is given a schedule of its own, so both counties report.
 */
import { sql } from 'drizzle-orm';
import {
  addEnterpriseReportFile,
  fileEnterpriseReport,
} from '../../src/server/modules/action-plans/enterprise-report.service.ts';
import type { ServiceDeps } from '../../src/server/platform/context.ts';
import {
  defaultEnterpriseReportSchedules,
  type EnterpriseReportSchedule,
} from '../../src/shared/enterprise-reports.ts';
import { principalOfUser } from './world-enforcement.ts';
import { pdfBytes } from './world-surveys.ts';

export interface EnterpriseReportIds {
  enterpriseReportIds: string[];
}

/** The default schedules plus the same one for 乡宁 (the world's county B). */
export const worldReportSchedules: EnterpriseReportSchedule[] = [
  ...defaultEnterpriseReportSchedules,
  { ...(defaultEnterpriseReportSchedules[0] as EnterpriseReportSchedule), region: '141029' },
];

export async function buildEnterpriseReports(
  deps: ServiceDeps,
  p: { key: string; users: { enterprise_admin: string } },
): Promise<EnterpriseReportIds> {
  await deps.db.execute(
    sql`INSERT INTO settings (key, value, source, verified)
        VALUES ('plans.enterpriseReports', ${JSON.stringify(worldReportSchedules)}::jsonb, 'test world', false)
        ON CONFLICT (key) DO NOTHING`,
  );
  const filer = await principalOfUser(deps, p.users.enterprise_admin);
  const report = await fileEnterpriseReport(deps, filer, {
    dueOn: '2025-12-10',
    text: `${p.key}: 2025 年度工作总结`,
  });
  await addEnterpriseReportFile(deps, filer, report.id, {
    fileName: 'summary.pdf',
    data: pdfBytes(`report-${p.key}`),
  });
  return { enterpriseReportIds: [report.id] };
}
