/**
 * @module A party's 涉险 accident at its tailings pond, reported by the enterprise, with its 约谈, and a
 * named 举报 from the public about its county with a photo (issue 9).
 */
import { reportAccident } from '../../src/server/modules/accountability/accident.service.ts';
import {
  addPublicReportPhoto,
  submitPublicReport,
} from '../../src/server/modules/accountability/public-report.public.ts';
import { pngBytes } from './world-plans.ts';
import { sql } from 'drizzle-orm';
import type { ServiceDeps } from '../../src/server/platform/context.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { principalOfUser } from './world-enforcement.ts';

export interface AccidentIds {
  accidentIds: string[];
  interviewIds: string[];
  publicReportCodes: string[];
  publicReportIds: string[];
  publicPhotoIds: string[];
}

export async function buildAccidents(
  deps: ServiceDeps,
  p: { key: string; county: string; mines: { id: string }[]; users: { enterprise_admin: string } },
): Promise<AccidentIds> {
  const reporter = await principalOfUser(deps, p.users.enterprise_admin);
  const pond = p.mines[1] ?? p.mines[0];
  const occurred = new Date(deps.clock().getTime() - 20 * 60_000).toISOString();
  const accident = await reportAccident(deps, reporter, {
    mineId: pond?.id ?? '',
    occurredAt: occurred,
    kind: '坍塌',
    place: `${p.key}: 尾矿库初期坝下游坡`,
    deaths: 0,
    seriousInjuries: 0,
    directLossYuan: 20_000,
    description: `${p.key}: 坝坡局部坍塌, 无人员伤亡`,
  });
  const filed = await submitPublicReport(
    deps,
    {
      category: '重大事故隐患',
      countyCode: p.county,
      location: `${p.key}: 举报地点`,
      content: `${p.key}: 井下通风设施损坏, 企业仍组织生产`,
      anonymous: false,
      name: `${p.key}举报人`,
      phone: '13900000000',
    },
    `192.0.2.${p.key.length}`,
  );
  const photo = await addPublicReportPhoto(
    deps,
    filed.trackingCode,
    filed.secret,
    { filename: 'p.png', data: pngBytes(`report-${p.key}`) },
    `192.0.2.${p.key.length}`,
  );
  const [row] = await queryRows<{ id: string }>(
    deps.db,
    sql`SELECT id FROM public_reports WHERE tracking_code = ${filed.trackingCode}`,
  );
  return {
    accidentIds: [accident.id],
    interviewIds: accident.interviews.map((i) => i.id),
    publicReportCodes: [filed.trackingCode],
    publicReportIds: [row?.id ?? ''],
    publicPhotoIds: [photo.id],
  };
}
