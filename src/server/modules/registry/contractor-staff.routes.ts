/**
 * @module HTTP adapter for contractors' project staff (承包单位项目部人员).
 */
import type { FastifyInstance } from 'fastify';
import {
  ContractorStaffCreateInput,
  ContractorStaffListQuery,
  ContractorStaffUpdateInput,
} from '../../../shared/registry.schemas.ts';
import { contractorStaffApi } from '../../../shared/registry.api.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { registerCrudRoutes } from '../../platform/http/crud.routes.ts';
import * as service from './contractor-staff.service.ts';
import { RegistryPermission } from './registry.permissions.ts';

export function registerContractorStaffRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  registerCrudRoutes(app, {
    api: contractorStaffApi,
    tags: ['registry'],
    label: '承包单位项目部人员',
    listQuery: ContractorStaffListQuery,
    create: ContractorStaffCreateInput,
    update: ContractorStaffUpdateInput,
    permissions: { read: RegistryPermission.Read, write: RegistryPermission.ContractorManage },
    exportColumns: [
      { header: 'ID', value: (s) => s.id },
      { header: '矿山', value: (s) => s.mineName },
      { header: '承包单位', value: (s) => s.contractorName },
      { header: '姓名', value: (s) => s.name },
      { header: '岗位', value: (s) => s.role },
      { header: '身份证号', value: (s) => s.idNumberMasked },
      { header: '用工形式', value: (s) => s.employment },
      { header: '学历', value: (s) => s.education },
      { header: '矿山相关专业', value: (s) => (s.relatedMajor ? '是' : '否') },
      { header: '职称', value: (s) => s.title },
    ],
    service: {
      list: (p, q) => service.listContractorStaff(deps, p, q),
      all: (p, q, max) => service.allContractorStaff(deps, p, q, max),
      create: (p, input) => service.createContractorStaff(deps, p, input),
      get: (p, id) => service.getContractorStaff(deps, p, id),
      update: (p, id, input) => service.updateContractorStaff(deps, p, id, input),
      archive: (p, id) => service.archiveContractorStaff(deps, p, id),
    },
  });
}
