/**
 * @module HTTP adapter for contractors (承包单位).
 */
import type { FastifyInstance } from 'fastify';
import {
  ContractorCreateInput,
  ContractorListQuery,
  ContractorUpdateInput,
} from '../../../shared/registry.schemas.ts';
import { contractorsApi } from '../../../shared/registry.api.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { registerCrudRoutes } from '../../platform/http/crud.routes.ts';
import * as service from './contractor.service.ts';
import { RegistryPermission } from './registry.permissions.ts';

export function registerContractorRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  registerCrudRoutes(app, {
    api: contractorsApi,
    tags: ['registry'],
    label: '承包单位',
    listQuery: ContractorListQuery,
    create: ContractorCreateInput,
    update: ContractorUpdateInput,
    permissions: { read: RegistryPermission.Read, write: RegistryPermission.ContractorManage },
    exportColumns: [
      { header: 'ID', value: (c) => c.id },
      { header: '矿山', value: (c) => c.mineName },
      { header: '承包单位', value: (c) => c.name },
      { header: '统一社会信用代码', value: (c) => c.creditCode },
      { header: '承包范围', value: (c) => c.scopes.join('、') },
      { header: '开始日期', value: (c) => c.startsOn },
      { header: '结束日期', value: (c) => c.endsOn },
    ],
    service: {
      list: (p, q) => service.listContractors(deps, p, q),
      all: (p, q, max) => service.allContractors(deps, p, q, max),
      create: (p, input) => service.createContractor(deps, p, input),
      get: (p, id) => service.getContractor(deps, p, id),
      update: (p, id, input) => service.updateContractor(deps, p, id, input),
      archive: (p, id) => service.archiveContractor(deps, p, id),
    },
  });
}
