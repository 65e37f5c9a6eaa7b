/**
 * @module Row → API shape for mines, their licences and status history.
 */
import type { MineResponse } from '../../../shared/registry.schemas.ts';
import type { MineJoinedRow, licencesOf, statusHistory } from './mine.repository.ts';

type LicenceRow = Awaited<ReturnType<typeof licencesOf>>[number];
type StatusChangeRow = Awaited<ReturnType<typeof statusHistory>>[number];

/** The API shape of a licence; `expired` is judged against `today` (YYYY-MM-DD). */
export function presentLicence(l: LicenceRow, today: string) {
  return {
    id: l.id,
    kind: l.kind,
    number: l.number,
    issuedOn: l.issuedOn,
    expiresOn: l.expiresOn,
    expired: l.expiresOn < today,
  };
}

/** The API shape of a mine with its current licences. */
export function presentMine(r: MineJoinedRow, licences: LicenceRow[], today: string): MineResponse {
  const m = r.mine;
  return {
    id: m.id,
    name: m.name,
    enterpriseId: m.enterpriseId,
    enterpriseName: r.enterpriseName,
    enterpriseCreditCode: r.enterpriseCreditCode,
    countyCode: m.countyCode,
    countyName: r.countyName,
    kind: m.kind,
    scale: m.scale,
    status: m.status,
    statusSince: m.statusSince,
    standardizationLevel: m.standardizationLevel,
    standardizationDate: m.standardizationDate,
    disasterGrade: m.disasterGrade,
    disasterGradeLegacy: m.disasterGradeLegacy,
    longitude: m.longitude,
    latitude: m.latitude,
    depthM: m.depthM,
    productionLevels: m.productionLevels,
    designCapacityTpa: m.designCapacityTpa,
    approvedUndergroundStaff: m.approvedUndergroundStaff,
    hydrogeologyType: m.hydrogeologyType,
    slopeHeightM: m.slopeHeightM,
    dumpHeightM: m.dumpHeightM,
    tailingsVolume10kM3: m.tailingsVolume10kM3,
    tailingsDamHeightM: m.tailingsDamHeightM,
    tailingsStacking: m.tailingsStacking,
    tailingsOverhead: m.tailingsOverhead,
    tailingsLastDischarge: m.tailingsLastDischarge,
    tailingsGrade: m.tailingsGrade,
    coalCode: m.coalCode,
    mechanizedOn: m.mechanizedOn,
    videoMonitoredOn: m.videoMonitoredOn,
    informatizedOn: m.informatizedOn,
    licences: licences.map((l) => presentLicence(l, today)),
    archived: m.archivedAt !== null,
    version: m.version,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** The API shape of one dated status change of a mine. */
export function presentStatusChange(r: StatusChangeRow) {
  return {
    id: r.id,
    fromStatus: r.fromStatus,
    toStatus: r.toStatus,
    effectiveDate: r.effectiveDate,
    reason: r.reason,
    recordedAt: r.recordedAt.toISOString(),
  };
}
