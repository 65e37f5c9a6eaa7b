/**
 * @module A party's 隐蔽致灾因素普查 of its coal mine, filed by the enterprise with a report file and left
 * awaiting review (so no grade is set and nothing is published; issue 25 §1).
 */
import { addSurveyFile, fileSurvey } from '../../src/server/modules/surveys/survey.service.ts';
import type { ServiceDeps } from '../../src/server/platform/context.ts';
import { principalOfUser } from './world-enforcement.ts';

export interface SurveyIds {
  surveyIds: string[];
  surveyFileIds: string[];
}

/** A small PDF whose bytes differ per key. */
export const pdfBytes = (key: string) => Buffer.from(`%PDF-1.4\n% ${key}\n%%EOF\n`);

export async function buildSurveys(
  deps: ServiceDeps,
  p: { key: string; mines: { id: string }[]; users: { enterprise_admin: string } },
): Promise<SurveyIds> {
  const filer = await principalOfUser(deps, p.users.enterprise_admin);
  const survey = await fileSurvey(deps, filer, {
    mineId: p.mines[0]?.id ?? '',
    surveyedOn: '2026-06-01',
    surveyor: `${p.key}地质勘查院`,
    areaKm2: 4.5,
    scopeYears: 3,
    scopeDescription: `${p.key}: 井田及周边 500 m`,
    factors: [{ kind: '采空区', level: '复杂', location: `${p.key}: 采空区位置`, note: '' }],
    zones: [{ zoneClass: '禁采区', name: `${p.key}: 北翼老空区`, note: '' }],
    note: '',
  });
  const file = await addSurveyFile(deps, filer, survey.id, {
    fileName: 'report.pdf',
    data: pdfBytes(`survey-${p.key}`),
  });
  return { surveyIds: [survey.id], surveyFileIds: [file.id] };
}
