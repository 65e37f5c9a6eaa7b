/** @module Admission rows → API shapes (rows never leave unpresented). */
import { disposalOverdue } from '../../../shared/admission.ts';
import type { DisposalResponse, PermitResponse } from '../../../shared/admission.schemas.ts';
import { daysBetween } from '../../../shared/dates.ts';
import type { DisposalRow, PermitRow } from './admission.repository.ts';
import type { disposalSteps } from './admission.table.ts';

type StepRow = typeof disposalSteps.$inferSelect;

const mineOf = (r: {
  mineName: string;
  enterpriseName: string;
  countyCode: string;
  countyName: string;
}) => ({
  mineName: r.mineName,
  enterpriseName: r.enterpriseName,
  countyCode: r.countyCode,
  countyName: r.countyName,
});

export function presentDisposal(r: DisposalRow, steps: StepRow[], today: string): DisposalResponse {
  const e = r.entry;
  const overdue = disposalOverdue(e, today);
  return {
    id: e.id,
    mineId: e.mineId,
    ...mineOf(r),
    category: e.category,
    basis: e.basis,
    listedOn: e.listedOn,
    deadline: e.deadline,
    note: e.note,
    state: e.state,
    completedOn: e.completedOn,
    overdue,
    daysOverdue: overdue ? daysBetween(e.deadline, today) : 0,
    listedBy: e.listedLabel,
    steps: steps.map((s) => ({
      steppedOn: s.steppedOn,
      description: s.description,
      completes: s.completes,
      recordedBy: s.recordedLabel,
    })),
    version: e.version,
  };
}

export function presentPermit(r: PermitRow): PermitResponse {
  const p = r.permit;
  return {
    id: p.id,
    mineId: p.mineId,
    ...mineOf(r),
    projectKind: p.projectKind,
    projectName: p.projectName,
    appliedOn: p.appliedOn,
    designer: p.designer,
    miningMethod: p.miningMethod,
    fillingJustification: p.fillingJustification,
    mechanicalScaling: p.mechanicalScaling,
    designCapacityTpa: p.designCapacityTpa,
    serviceLifeYears: p.serviceLifeYears,
    note: p.note,
    state: p.state,
    reviewedOn: p.reviewedOn,
    reviewExperts: p.reviewExperts,
    reviewNote: p.reviewNote,
    constructionDueOn: p.constructionDueOn,
    originalDueOn: p.originalDueOn,
    extensions: p.extensions,
    extensionReason: p.extensionReason,
    siteCheckedOn: p.siteCheckedOn,
    siteCheckPassed: p.siteCheckPassed,
    siteCheckNote: p.siteCheckNote,
    issuedOn: p.issuedOn,
    licenceNumber: r.licenceNumber,
    licenceExpiresOn: r.licenceExpiresOn,
    appliedBy: p.appliedLabel,
    version: p.version,
  };
}
