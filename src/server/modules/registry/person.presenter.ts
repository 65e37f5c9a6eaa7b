/**
 * @module Row → API shape for people at a mine and their certificates (ID numbers only masked).
 */
import type { PersonResponse } from '../../../shared/registry.schemas.ts';
import type { certificatesOf, PersonJoinedRow } from './person.repository.ts';

type CertRow = Awaited<ReturnType<typeof certificatesOf>>[number];

/** The API shape of a certificate; `expired` is judged against `today` (YYYY-MM-DD). */
export function presentCertificate(
  c: CertRow,
  today: string,
): PersonResponse['certificates'][number] {
  return {
    id: c.id,
    kind: c.kind,
    number: c.number,
    issuedOn: c.issuedOn,
    expiresOn: c.expiresOn,
    expired: c.expiresOn < today,
  };
}

/** The API shape of a person with their certificates. */
export function presentPerson(r: PersonJoinedRow, certs: CertRow[], today: string): PersonResponse {
  const p = r.person;
  return {
    id: p.id,
    mineId: p.mineId,
    mineName: r.mineName,
    name: p.name,
    roles: p.roles,
    idNumberMasked: p.idNumberMasked,
    education: p.education,
    miningYears: p.miningYears,
    major: p.major,
    phone: p.phone,
    certificates: certs.map((c) => presentCertificate(c, today)),
    archived: p.archivedAt !== null,
    version: p.version,
  };
}
