/**
 * @module HTTP adapter for people at mines (ID numbers only ever leave masked).
 */
import type { FastifyInstance } from 'fastify';
import {
  PersonCreateInput,
  PersonListQuery,
  PersonUpdateInput,
} from '../../../shared/registry.schemas.ts';
import { peopleApi } from '../../../shared/registry.api.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { registerCrudRoutes } from '../../platform/http/crud.routes.ts';
import * as service from './person.service.ts';
import { RegistryPermission } from './registry.permissions.ts';

export function registerPersonRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  registerCrudRoutes(app, {
    api: peopleApi,
    tags: ['registry'],
    label: '人员',
    listQuery: PersonListQuery,
    create: PersonCreateInput,
    update: PersonUpdateInput,
    permissions: { read: RegistryPermission.Read, write: RegistryPermission.PersonManage },
    exportColumns: [
      { header: 'ID', value: (p) => p.id },
      { header: '矿山', value: (p) => p.mineName },
      { header: '姓名', value: (p) => p.name },
      { header: '职务', value: (p) => p.roles.join('、') },
      { header: '身份证号 (脱敏)', value: (p) => p.idNumberMasked },
      { header: '学历', value: (p) => p.education },
      { header: '矿山从业年限', value: (p) => p.miningYears },
      { header: '主体专业', value: (p) => p.major },
      {
        header: '证书',
        value: (p) =>
          p.certificates
            .map((c) => `${c.kind} ${c.number} 至${c.expiresOn}${c.expired ? ' (已过期)' : ''}`)
            .join('; '),
      },
    ],
    service: {
      list: (p, q) => service.listPeople(deps, p, q),
      all: (p, q, max) => service.allPeople(deps, p, q, max),
      create: (p, input) => service.createPerson(deps, p, input),
      get: (p, id) => service.getPerson(deps, p, id),
      update: (p, id, input) => service.updatePerson(deps, p, id, input),
      archive: (p, id) => service.archivePerson(deps, p, id),
    },
  });
}
