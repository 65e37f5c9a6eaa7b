/** @module Survey rows → API shapes (rows never leave unpresented). */
import type {
  SurveyFindingResponse,
  SurveyResponse,
  SurveySummaryResponse,
} from '../../../shared/surveys.schemas.ts';
import { renewalDue, type SurveyRules } from '../../../shared/surveys.ts';
import type { SurveyRow } from './survey.repository.ts';

type FileRow = {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
};

export function presentSurveySummary(r: SurveyRow, rules: SurveyRules): SurveySummaryResponse {
  const s = r.survey;
  return {
    id: s.id,
    mineId: s.mineId,
    mineName: r.mineName,
    enterpriseName: r.enterpriseName,
    countyCode: r.countyCode,
    countyName: r.countyName,
    surveyedOn: s.surveyedOn,
    surveyor: s.surveyor,
    grade: s.grade,
    state: s.state,
    reviewedOn: s.reviewedOn,
    renewalDueOn: renewalDue(rules, s.surveyedOn),
    factorCount: s.factors.length,
  };
}

export function presentSurvey(r: SurveyRow, files: FileRow[], rules: SurveyRules): SurveyResponse {
  const s = r.survey;
  return {
    ...presentSurveySummary(r, rules),
    areaKm2: s.areaKm2,
    scopeYears: s.scopeYears,
    scopeDescription: s.scopeDescription,
    factors: s.factors,
    zones: s.zones,
    note: s.note,
    reviewNote: s.reviewNote,
    reviewedBy: s.reviewedLabel,
    filedBy: s.filedLabel,
    files: files.map(presentFile),
    version: s.version,
  };
}

export function presentFile(f: FileRow) {
  return {
    id: f.id,
    fileName: f.fileName,
    contentType: f.contentType,
    sizeBytes: f.sizeBytes,
    sha256: f.sha256,
    uploadedAt: f.uploadedAt.toISOString(),
  };
}

export function presentFinding(
  m: {
    id: string;
    name: string;
    countyName: string;
    disasterGrade: SurveyFindingResponse['disasterGrade'];
    lastPassedSurveyOn: string | null;
  },
  f: { reason: SurveyFindingResponse['reason']; dueOn: string },
): SurveyFindingResponse {
  return {
    mineId: m.id,
    mineName: m.name,
    countyName: m.countyName,
    reason: f.reason,
    dueOn: f.dueOn,
    lastPassedSurveyOn: m.lastPassedSurveyOn,
    disasterGrade: m.disasterGrade,
  };
}
