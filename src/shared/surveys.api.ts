/**
 * @module Endpoint contracts of 隐蔽致灾因素普查 (server: modules/surveys/survey.routes.ts): surveys,
 * their review and report files, the findings, and the public grade list (no login). Report files are
 * plain links, not contracts.
 */
import { z } from 'zod';
import { endpoint } from './api.contract.ts';
import {
  PublicGradeResponse,
  SurveyFileResponse,
  SurveyFindingResponse,
  SurveyResponse,
  SurveySummaryResponse,
} from './surveys.schemas.ts';

export const surveysApi = {
  /** Surveys of the caller's jurisdiction (or its own mines), newest first. */
  surveys: endpoint('GET', '/api/surveys', z.array(SurveySummaryResponse)),
  /** Files a survey for a mine: its grade follows from the factors ("就高不就低"). */
  fileSurvey: endpoint('POST', '/api/surveys', SurveyResponse, 201),
  /** Mines without a survey in date (未普查, 普查过期). */
  findings: endpoint('GET', '/api/surveys/findings', z.array(SurveyFindingResponse)),
  /** A survey with its factors, zones, review and files. */
  survey: endpoint('GET', '/api/surveys/:id', SurveyResponse),
  /** Reviews a survey: passed (the mine's grade set and published) or returned. */
  reviewSurvey: endpoint('POST', '/api/surveys/:id/review', SurveyResponse),
  /** Attaches a report file (PDF or image, by content). */
  addSurveyFile: endpoint('POST', '/api/surveys/:id/files', SurveyFileResponse, 201),
  /** The published disaster grades of a region (public). */
  publicGrades: endpoint('GET', '/api/public/disaster-grades', PublicGradeResponse),
};
