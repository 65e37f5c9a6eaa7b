/**
 * @module Endpoint contracts of the registry (server: modules/registry/*.routes.ts): regions, the
 * dashboard summary, enterprises, mines with their status history and licences, people, contractors and
 * their project staff. Exports (CSV/xlsx) are file downloads, not contracts.
 */
import { z } from 'zod';
import { crudEndpoints, endpoint } from './api.contract.ts';
import {
  ContractorResponse,
  ContractorStaffResponse,
  EnterpriseResponse,
  LicenceResponse,
  MineImportReport,
  MineResponse,
  MineStatusChangeResponse,
  PersonResponse,
  RegionResponse,
  RegistrySummary,
} from './registry.schemas.ts';

export const regionsApi = {
  /** The regions of the caller's jurisdiction with their ancestors (GB/T 2260). */
  list: endpoint('GET', '/api/regions', z.array(RegionResponse)),
  get: endpoint('GET', '/api/regions/:code', RegionResponse),
};

export const registryApi = {
  /** The dashboard's registry figures for a region: mines by kind, status and scale, licences due. */
  summary: endpoint('GET', '/api/registry/summary', RegistrySummary),
};

export const enterprisesApi = crudEndpoints('/api/enterprises', EnterpriseResponse);

export const minesApi = {
  ...crudEndpoints('/api/mines', MineResponse),
  /** Imports mines from a CSV or xlsx file (multipart field `file`); answers the row-by-row report. */
  import: endpoint('POST', '/api/mines/import', MineImportReport),
  changeStatus: endpoint('POST', '/api/mines/:id/status', MineResponse),
  /** 复工复产验收 of a mine under 停产整顿. */
  acceptResumption: endpoint('POST', '/api/mines/:id/resumption', MineResponse),
  statusHistory: endpoint(
    'GET',
    '/api/mines/:id/status-history',
    z.array(MineStatusChangeResponse),
  ),
  addLicence: endpoint('POST', '/api/mines/:id/licences', LicenceResponse, 201),
  updateLicence: endpoint('PATCH', '/api/licences/:id', LicenceResponse),
  archiveLicence: endpoint('DELETE', '/api/licences/:id', LicenceResponse),
};

export const peopleApi = crudEndpoints('/api/people', PersonResponse);

export const contractorsApi = crudEndpoints('/api/contractors', ContractorResponse);

/** The people a contractor sent to its 项目部 at a mine. */
export const contractorStaffApi = crudEndpoints('/api/contractor-staff', ContractorStaffResponse);
