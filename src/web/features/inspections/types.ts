/** @module Shapes the enforcement API returns (src/server/modules/inspections). */
import type { EnforcementTotals } from '../../../shared/inspections.schemas.ts';

export interface InspectionRow {
  id: string;
  mineId: string;
  mineName: string;
  countyCode: string;
  kind: string;
  inspectedOn: string;
  team: string[];
  recheckOn: string | null;
  recheckedOn: string | null;
  typical: boolean;
  findings: number;
  penalties: number;
}

export interface ChecklistItem {
  criterionId: string | null;
  text: string;
  result: string | null;
  note: string;
}

export interface Inspection {
  id: string;
  mineId: string;
  mineName: string;
  mineKind: string;
  mineStatus: string;
  enterpriseName: string;
  kind: string;
  inspectedOn: string;
  team: { userId: string; name: string }[];
  bodyCameraRef: string | null;
  checklist: ChecklistItem[];
  summary: string;
  recheckOn: string | null;
  recheckedOn: string | null;
  recheckResult: string | null;
  typical: boolean;
  typicalNote: string | null;
  version: number;
  findings: {
    id: string;
    kind: string;
    criterionCode: string | null;
    hazardId: string | null;
    hazardState: string | null;
    description: string;
    location: string;
    deadline: string | null;
  }[];
  photos: { id: string; fileName: string }[];
  orders: {
    id: string;
    kind: string;
    orderedOn: string;
    reason: string;
    acceptedOn: string | null;
    acceptancePassed: boolean | null;
    acceptanceNote: string | null;
  }[];
  penalties: {
    id: string;
    target: string;
    partyName: string;
    amountYuan: number;
    status: string;
  }[];
  documents: { id: string; template: string; number: string; state: string; headSeq: number }[];
}

export interface Penalty {
  id: string;
  inspectionId: string;
  mineName: string;
  target: string;
  partyName: string;
  legalBasis: string;
  amountYuan: number;
  decidedOn: string;
  status: string;
  paidOn: string | null;
  version: number;
  doublePenalty: boolean;
}

export interface EnforcementDocument {
  id: string;
  number: string;
  unitName: string;
  template: string;
  state: string;
  inspectionId: string;
  headSeq: number;
  locked: boolean;
  fields: Record<string, string>;
  templateFields: { key: string; label: string; required: boolean; multiline?: boolean }[];
  revisions: { seq: number; authorLabel: string; createdAt: string; hash: string }[];
  signatures: {
    userId: string;
    signerLabel: string;
    seq: number;
    signedAt: string;
    hash: string;
  }[];
  team: { userId: string; name: string; signed: boolean }[];
  reminders: { kind: string; message: string; field?: string }[];
}

export type Totals = EnforcementTotals;

export interface Stats {
  from: string;
  to: string;
  months: (Totals & { code: string; name: string; month: string })[];
  regions: (Totals & { code: string; name: string; flags: string[] })[];
  ranking: { month: string; rows: (Totals & { code: string; name: string; rank: number })[] };
  inspectors: (Totals & { userId: string; name: string; flags: string[] })[];
}
