/**
 * @module HTTP adapter for enterprises.
 */
import type { FastifyInstance } from 'fastify';
import {
  EnterpriseCreateInput,
  EnterpriseListQuery,
  EnterpriseUpdateInput,
} from '../../../shared/registry.schemas.ts';
import { enterprisesApi } from '../../../shared/registry.api.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { registerCrudRoutes } from '../../platform/http/crud.routes.ts';
import * as service from './enterprise.service.ts';
import { RegistryPermission } from './registry.permissions.ts';

export function registerEnterpriseRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  registerCrudRoutes(app, {
    api: enterprisesApi,
    tags: ['registry'],
    label: '企业',
    listQuery: EnterpriseListQuery,
    create: EnterpriseCreateInput,
    update: EnterpriseUpdateInput,
    permissions: { read: RegistryPermission.Read, write: RegistryPermission.EnterpriseWrite },
    exportColumns: [
      { header: 'ID', value: (e) => e.id },
      { header: '统一社会信用代码', value: (e) => e.creditCode },
      { header: '企业名称', value: (e) => e.name },
      { header: '行政区划代码', value: (e) => e.regionCode },
      { header: '行政区划', value: (e) => e.regionName },
      { header: '法定代表人', value: (e) => e.legalRepresentative },
      { header: '上级公司', value: (e) => e.parentCompany },
      { header: '地址', value: (e) => e.address },
      { header: '已归档', value: (e) => e.archived },
    ],
    service: {
      list: (p, q) => service.listEnterprises(deps, p, q),
      all: (p, q, max) => service.allEnterprises(deps, p, q, max),
      create: (p, input) => service.createEnterprise(deps, p, input),
      get: (p, id) => service.getEnterprise(deps, p, id),
      update: (p, id, input) => service.updateEnterprise(deps, p, id, input),
      archive: (p, id) => service.archiveEnterprise(deps, p, id),
    },
  });
}
