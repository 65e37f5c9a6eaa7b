/**
 * @module HTTP adapter of 安全准入与分类处置 (issue 25 §5): the 三个一批 lists and their findings, the
 * 安全设施设计审查 → 安全生产许可 workflow's steps, the minimum-scale list and the mining-method findings.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { admissionApi as api } from '../../../shared/admission.api.ts';
import {
  DisposalListQuery,
  PermitListQuery,
  RegionQuery,
} from '../../../shared/admission.schemas.ts';
import {
  DesignReviewInput,
  DisposalInput,
  DisposalStepInput,
  ExtensionInput,
  IssueInput,
  PermitApplicationInput,
  SiteCheckInput,
} from '../../../shared/admission.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses } from '../../platform/http/route-helpers.ts';
import { listBelowScale, listMethodFindings } from './admission.findings.ts';
import { AdmissionPermission } from './admission.permissions.ts';
import * as disposal from './disposal.service.ts';
import * as permit from './permit.service.ts';

export function registerAdmissionRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['admission'];
  const read = { permission: AdmissionPermission.Read };
  const list = { permission: AdmissionPermission.List };
  const decide = { permission: AdmissionPermission.Decide };
  r.get(
    api.disposals.path,
    {
      config: read,
      schema: {
        tags,
        summary: '三个一批清单 (关闭取缔、整合重组、升级改造)',
        querystring: DisposalListQuery,
        response: responses(api.disposals.response),
      },
    },
    (req) => disposal.listDisposals(deps, principalOf(req), req.query),
  );
  r.post(
    api.listDisposal.path,
    {
      config: list,
      schema: {
        tags,
        summary: '将矿山列入三个一批清单 (明确完成时限)',
        body: DisposalInput,
        response: responses(api.listDisposal.response, api.listDisposal.status),
      },
    },
    async (req, reply) =>
      reply
        .status(api.listDisposal.status)
        .send(await disposal.listDisposal(deps, principalOf(req), req.body)),
  );
  r.get(
    api.disposalFindings.path,
    {
      config: read,
      schema: {
        tags,
        summary: '逾期未完成的处置事项',
        querystring: RegionQuery,
        response: responses(api.disposalFindings.response),
      },
    },
    (req) => disposal.disposalFindings(deps, principalOf(req), req.query.region),
  );
  r.get(
    api.disposal.path,
    {
      config: read,
      schema: {
        tags,
        summary: '处置事项及其进展',
        params: IdParams,
        response: responses(api.disposal.response),
      },
    },
    (req) => disposal.getDisposal(deps, principalOf(req), req.params.id),
  );
  r.post(
    api.stepDisposal.path,
    {
      config: list,
      schema: {
        tags,
        summary: '登记处置进展 (可标记完成)',
        params: IdParams,
        body: DisposalStepInput,
        response: responses(api.stepDisposal.response),
      },
    },
    (req) => disposal.stepDisposal(deps, principalOf(req), req.params.id, req.body),
  );
  r.get(
    api.belowScale.path,
    {
      config: read,
      schema: {
        tags,
        summary: '达不到最小开采规模或最低服务年限的矿山',
        querystring: RegionQuery,
        response: responses(api.belowScale.response),
      },
    },
    (req) => listBelowScale(deps, principalOf(req), req.query.region),
  );
  r.get(
    api.methodFindings.path,
    {
      config: read,
      schema: {
        tags,
        summary: '采矿方法问题: 生产水平超限、机械撬毛',
        querystring: RegionQuery,
        response: responses(api.methodFindings.response),
      },
    },
    (req) => listMethodFindings(deps, principalOf(req), req.query.region),
  );
  r.get(
    api.permits.path,
    {
      config: read,
      schema: {
        tags,
        summary: '安全设施设计审查与安全生产许可申请',
        querystring: PermitListQuery,
        response: responses(api.permits.response),
      },
    },
    (req) => permit.listPermits(deps, principalOf(req), req.query),
  );
  r.post(
    api.applyPermit.path,
    {
      config: { permission: AdmissionPermission.Apply },
      schema: {
        tags,
        summary: '提出安全设施设计审查申请',
        body: PermitApplicationInput,
        response: responses(api.applyPermit.response, api.applyPermit.status),
      },
    },
    async (req, reply) =>
      reply
        .status(api.applyPermit.status)
        .send(await permit.applyPermit(deps, principalOf(req), req.body)),
  );
  r.get(
    api.permit.path,
    {
      config: read,
      schema: {
        tags,
        summary: '申请详情',
        params: IdParams,
        response: responses(api.permit.response),
      },
    },
    (req) => permit.getPermit(deps, principalOf(req), req.params.id),
  );
  const steps = [
    [api.reviewPermit, '安全设施设计审查', DesignReviewInput, permit.reviewPermit],
    [api.extendPermit, '建设工期延期 (一次, 不超过1年)', ExtensionInput, permit.extendPermit],
    [api.checkPermitSite, '现场核查', SiteCheckInput, permit.checkPermitSite],
    [api.issuePermit, '发放安全生产许可证', IssueInput, permit.issuePermit],
  ] as const;
  for (const [e, summary, body, run] of steps) {
    r.post(
      e.path,
      {
        config: decide,
        schema: { tags, summary, params: IdParams, body, response: responses(e.response) },
      },
      // Each body schema parses exactly its own step's input.
      (req) => run(deps, principalOf(req), req.params.id, req.body as never),
    );
  }
}

/** Who may see an entry's or an application's audit history: whoever may see it. */
export function admissionVisibility(deps: ServiceDeps) {
  return {
    disposal_entry: (p: Principal, id: string) => disposal.getDisposal(deps, p, id),
    permit_application: (p: Principal, id: string) => permit.getPermit(deps, p, id),
  };
}
