/**
 * @module HTTP adapter of the enforcement records (issue 7 §1–5): stored plans, inspections with
 * findings, photos, orders and rechecks, penalties, documents (revisions, diff, signing, PDF) and
 * statistics. Every route is scoped by the inspected mine's jurisdiction in the service layer.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DateString, ExportFormat, QueryBool, RegionCode } from '../../../shared/common.schemas.ts';
import { inspectionKinds } from '../../../shared/inspections.enums.ts';
import {
  DocumentCreateInput,
  DocumentReviseInput,
  DocumentSignInput,
  FindingInput,
  InspectionCreateInput,
  InspectionUpdateInput,
  PenaltyInput,
  PenaltyUpdateInput,
  PlanSaveInput,
  RecheckInput,
  ResumptionInput,
  StatsQuery,
  SuspendOrderInput,
  TypicalInput,
} from '../../../shared/inspections.schemas.ts';
import { EvidenceLimits } from '../../../shared/limits.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { IdParams, responses, sendFile, sendNamed } from '../../platform/http/route-helpers.ts';
import { readUpload } from '../../platform/http/upload.http.ts';
import { renderDocumentPdf } from './document.pdf.ts';
import * as documents from './document.service.ts';
import type { DocumentView } from './document.service.ts';
import * as records from './inspection.service.ts';
import * as penaltyService from './penalty.service.ts';
import * as plans from './plan.service.ts';
import { enforcementStats, exportTypicalCases } from './stats.service.ts';
import { InspectionPermission } from './inspections.permissions.ts';
import { RegistryPermission } from '../registry/registry.permissions.ts';

const Inspection = z.looseObject({
  id: z.uuid(),
  mineId: z.uuid(),
  kind: z.string(),
  version: z.number(),
});
const Penalty = z.looseObject({
  id: z.uuid(),
  inspectionId: z.uuid(),
  status: z.string(),
  version: z.number(),
});
const Document = z.looseObject({
  id: z.uuid(),
  number: z.string(),
  state: z.string(),
  headSeq: z.number(),
});
const List = <T extends z.ZodType>(item: T) =>
  z.object({ truncated: z.boolean(), items: z.array(item) });
const ListQuery = z.strictObject({
  region: RegionCode.optional(),
  mineId: z.uuid().optional(),
  from: DateString.optional(),
  to: DateString.optional(),
  kind: z.enum(inspectionKinds).optional(),
  typical: QueryBool.optional(),
});

/** A document's head revision as a PDF download named after its template and number. */
async function sendPdf(reply: FastifyReply, doc: DocumentView) {
  const pdf = await renderDocumentPdf(doc, doc.unitName);
  return sendNamed(reply, pdf, 'application/pdf', `${doc.template}-${doc.number}.pdf`);
}

export function registerRecordRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inspections'];
  const read = { permission: InspectionPermission.Read };
  const write = { permission: InspectionPermission.Write };

  r.post(
    '/api/inspections/plans',
    {
      config: { permission: InspectionPermission.Plan },
      schema: {
        tags,
        summary: '生成并保存本单位年度检查计划 (重新生成只替换尚未执行的检查)',
        body: PlanSaveInput,
        response: responses(z.looseObject({ id: z.uuid() }), 201),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await plans.savePlan(deps, principalOf(req), req.body)),
  );
  r.get(
    '/api/inspections/plans',
    {
      config: read,
      schema: {
        tags,
        summary: '辖区内各单位的年度检查计划',
        querystring: z.strictObject({
          year: z.coerce.number().int().min(2000).max(2100).optional(),
        }),
        response: responses(z.array(z.looseObject({ id: z.uuid() }))),
      },
    },
    (req) => plans.listPlans(deps, principalOf(req), req.query),
  );
  r.get(
    '/api/inspections/plans/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '年度检查计划及其每次检查 (含四不两直日期, 仅监管部门可见)',
        params: IdParams,
        response: responses(z.looseObject({ id: z.uuid() })),
      },
    },
    (req) => plans.getPlan(deps, principalOf(req), req.params.id),
  );

  r.get(
    '/api/inspections',
    {
      config: read,
      schema: {
        tags,
        summary: '执法检查记录',
        querystring: ListQuery,
        response: responses(List(z.looseObject({ id: z.uuid() }))),
      },
    },
    (req) => records.listInspections(deps, principalOf(req), req.query),
  );
  r.get(
    '/api/inspections/eligible-inspectors',
    {
      config: read,
      schema: {
        tags,
        summary: '对该矿山有管辖权的执法人员 (组成检查组)',
        querystring: z.strictObject({ mineId: z.uuid() }),
        response: responses(z.array(z.looseObject({ userId: z.uuid() }))),
      },
    },
    (req) => records.eligibleInspectors(deps, principalOf(req), req.query.mineId),
  );
  r.post(
    '/api/inspections',
    {
      config: write,
      schema: {
        tags,
        summary: '记录一次执法检查 (检查组至少 2 人)',
        body: InspectionCreateInput,
        response: responses(Inspection, 201),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await records.createInspection(deps, principalOf(req), req.body)),
  );
  r.get(
    '/api/inspections/:id',
    {
      config: read,
      schema: { tags, summary: '检查记录详情', params: IdParams, response: responses(Inspection) },
    },
    (req) => records.getInspection(deps, principalOf(req), req.params.id),
  );
  r.patch(
    '/api/inspections/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '填写检查表、检查情况、执法记录仪编号、复查日期',
        params: IdParams,
        body: InspectionUpdateInput,
        response: responses(Inspection),
      },
    },
    (req) => records.updateInspection(deps, principalOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/inspections/:id/findings',
    {
      config: write,
      schema: {
        tags,
        summary: '记录发现的问题 (重大事故隐患同时进入隐患台账)',
        params: IdParams,
        body: FindingInput,
        response: responses(Inspection, 201),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await records.addFinding(deps, principalOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/inspections/:id/photos',
    {
      config: write,
      schema: {
        tags,
        summary: '上传现场照片 (multipart 字段 file; JPEG/PNG/WebP)',
        params: IdParams,
        response: responses(Inspection, 201),
      },
    },
    async (req, reply) => {
      const file = await readUpload(req, EvidenceLimits.bytesMax);
      return reply.status(201).send(
        await records.addPhoto(deps, principalOf(req), req.params.id, {
          fileName: file.filename,
          data: file.data,
        }),
      );
    },
  );
  r.get(
    '/api/inspections/:id/photos/:photoId',
    {
      config: read,
      schema: {
        tags,
        summary: '现场照片',
        params: z.strictObject({ id: z.uuid(), photoId: z.uuid() }),
      },
    },
    async (req, reply) => {
      const photo = await records.getPhoto(
        deps,
        principalOf(req),
        req.params.id,
        req.params.photoId,
      );
      return reply
        .header('content-type', photo.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=0')
        .send(photo.content);
    },
  );
  r.post(
    '/api/inspections/:id/suspension',
    {
      config: { permission: RegistryPermission.MineStatusChange },
      schema: {
        tags,
        summary: '现场责令停产整顿 (经矿山档案变更状态并留存历史)',
        params: IdParams,
        body: SuspendOrderInput,
        response: responses(Inspection, 201),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await records.suspendMine(deps, principalOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/inspection-orders/:id/acceptance',
    {
      config: { permission: RegistryPermission.MineStatusChange },
      schema: {
        tags,
        summary: '复工复产验收 (通过则恢复生产状态)',
        params: IdParams,
        body: ResumptionInput,
        response: responses(Inspection),
      },
    },
    (req) => records.decideResumption(deps, principalOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/inspections/:id/recheck',
    {
      config: write,
      schema: {
        tags,
        summary: '记录复查',
        params: IdParams,
        body: RecheckInput,
        response: responses(Inspection),
      },
    },
    (req) => records.recordRecheck(deps, principalOf(req), req.params.id, req.body),
  );
  r.put(
    '/api/inspections/:id/typical',
    {
      config: write,
      schema: {
        tags,
        summary: '标记或取消典型案例',
        params: IdParams,
        body: TypicalInput,
        response: responses(Inspection),
      },
    },
    (req) => records.markTypical(deps, principalOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/penalties',
    {
      config: read,
      schema: {
        tags,
        summary: '行政处罚 (一案双罚)',
        querystring: z.strictObject({
          region: RegionCode.optional(),
          from: DateString.optional(),
          to: DateString.optional(),
          inspectionId: z.uuid().optional(),
        }),
        response: responses(List(Penalty)),
      },
    },
    (req) => penaltyService.listPenalties(deps, principalOf(req), req.query),
  );
  r.post(
    '/api/penalties',
    {
      config: { permission: InspectionPermission.PenaltyDecide },
      schema: {
        tags,
        summary: '作出行政处罚决定',
        body: PenaltyInput,
        response: responses(Penalty, 201),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await penaltyService.decidePenalty(deps, principalOf(req), req.body)),
  );
  r.get(
    '/api/penalties/:id',
    {
      config: read,
      schema: { tags, summary: '行政处罚详情', params: IdParams, response: responses(Penalty) },
    },
    (req) => penaltyService.getPenalty(deps, principalOf(req), req.params.id),
  );
  r.patch(
    '/api/penalties/:id',
    {
      config: { permission: InspectionPermission.PenaltyDecide },
      schema: {
        tags,
        summary: '记录缴纳或撤销',
        params: IdParams,
        body: PenaltyUpdateInput,
        response: responses(Penalty),
      },
    },
    (req) => penaltyService.updatePenalty(deps, principalOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/documents',
    {
      config: write,
      schema: {
        tags,
        summary: '由模板生成执法文书 (按单位、文书种类和年度编号)',
        body: DocumentCreateInput,
        response: responses(Document, 201),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await documents.createDocument(deps, principalOf(req), req.body)),
  );
  r.get(
    '/api/documents/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '执法文书: 最新修订、修订历史、签名和智能提醒',
        params: IdParams,
        response: responses(Document),
      },
    },
    (req) => documents.getDocument(deps, principalOf(req), req.params.id),
  );
  r.put(
    '/api/documents/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改文书 (产生新修订; 已签名的文书不能修改)',
        params: IdParams,
        body: DocumentReviseInput,
        response: responses(Document),
      },
    },
    (req) => documents.reviseDocument(deps, principalOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/documents/:id/diff',
    {
      config: read,
      schema: {
        tags,
        summary: '两个修订之间的差异',
        params: IdParams,
        querystring: z.strictObject({
          from: z.coerce.number().int().positive(),
          to: z.coerce.number().int().positive(),
        }),
        response: responses(
          z.looseObject({ changes: z.array(z.looseObject({ key: z.string() })) }),
        ),
      },
    },
    (req) => documents.documentDiff(deps, principalOf(req), req.params.id, req.query),
  );
  r.post(
    '/api/documents/:id/signatures',
    {
      config: write,
      schema: {
        tags,
        summary: '执法人员签署最新修订 (谁检查、谁签名、谁负责)',
        params: IdParams,
        body: DocumentSignInput,
        response: responses(Document, 201),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await documents.signDocument(deps, principalOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/documents/:id/pdf',
    { config: read, schema: { tags, summary: '文书 PDF (最新修订)', params: IdParams } },
    async (req, reply) =>
      sendPdf(reply, await documents.getDocument(deps, principalOf(req), req.params.id)),
  );

  r.get(
    '/api/received-documents',
    {
      config: { permission: InspectionPermission.EnforcementReceive },
      schema: {
        tags,
        summary: '本企业矿山收到的执法文书 (已签发)',
        response: responses(z.array(z.looseObject({ id: z.uuid(), number: z.string() }))),
      },
    },
    (req) => documents.listReceivedDocuments(deps, principalOf(req)),
  );
  r.get(
    '/api/received-documents/:id/pdf',
    {
      config: { permission: InspectionPermission.EnforcementReceive },
      schema: { tags, summary: '收到的执法文书 PDF', params: IdParams },
    },
    async (req, reply) =>
      sendPdf(reply, await documents.getReceivedDocument(deps, principalOf(req), req.params.id)),
  );
  r.get(
    '/api/inspections/stats',
    {
      config: read,
      schema: {
        tags,
        summary: '执法统计: 按地区和月份, 零处罚/只检查不处罚 标记, 月度排名',
        querystring: StatsQuery,
        response: responses(z.looseObject({ months: z.array(z.looseObject({})) })),
      },
    },
    (req) => enforcementStats(deps, principalOf(req), req.query),
  );
  r.get(
    '/api/inspections/typical-cases/export',
    {
      config: read,
      schema: {
        tags,
        summary: '导出典型案例',
        querystring: z.strictObject({
          region: RegionCode.optional(),
          format: ExportFormat.default('xlsx'),
        }),
      },
    },
    async (req, reply) =>
      sendFile(
        reply,
        await exportTypicalCases(deps, principalOf(req), req.query),
        req.query.format,
        '典型案例',
      ),
  );
}
