/**
 * @module HTTP adapter of the enforcement documents (issue 7 §4): opening from a template, revisions
 * and their diff, signatures, the PDF, and the enterprise's received copies.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DocumentResponse } from '../../../../shared/inspection-documents.schemas.ts';
import {
  DocumentCreateInput,
  DocumentDiffQuery,
  DocumentReviseInput,
  DocumentSignInput,
} from '../../../../shared/inspection-documents.schemas.ts';
import { inspectionsApi as api } from '../../../../shared/inspections.api.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import { principalOf } from '../../../platform/http/auth.http.ts';
import { sendNamed } from '../../../platform/files/files.http.ts';
import { IdParams, responses } from '../../../platform/http/route-helpers.ts';
import { InspectionPermission } from '../inspections.permissions.ts';
import { renderDocumentPdf } from './document.pdf.ts';
import * as documents from './document.service.ts';

/** A document's head revision as a PDF download named after its template and number. */
async function sendPdf(reply: FastifyReply, doc: DocumentResponse) {
  const pdf = await renderDocumentPdf(doc, doc.unitName);
  return sendNamed(reply, pdf, 'application/pdf', `${doc.template}-${doc.number}.pdf`);
}

/** Registers the document routes. */
export function registerDocumentRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inspections'];
  const read = { permission: InspectionPermission.Read };
  const write = { permission: InspectionPermission.Write };
  const receive = { permission: InspectionPermission.EnforcementReceive };

  r.post(
    api.createDocument.path,
    {
      config: write,
      schema: {
        tags,
        summary: '由模板生成执法文书 (按单位、文书种类和年度编号)',
        body: DocumentCreateInput,
        response: responses(api.createDocument.response, api.createDocument.status),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await documents.createDocument(deps, principalOf(req), req.body)),
  );
  r.get(
    api.getDocument.path,
    {
      config: read,
      schema: {
        tags,
        summary: '执法文书: 最新修订、修订历史、签名和智能提醒',
        params: IdParams,
        response: responses(api.getDocument.response),
      },
    },
    (req) => documents.getDocument(deps, principalOf(req), req.params.id),
  );
  r.put(
    api.reviseDocument.path,
    {
      config: write,
      schema: {
        tags,
        summary: '修改文书 (产生新修订; 已签名的文书不能修改)',
        params: IdParams,
        body: DocumentReviseInput,
        response: responses(api.reviseDocument.response),
      },
    },
    (req) => documents.reviseDocument(deps, principalOf(req), req.params.id, req.body),
  );
  r.get(
    api.documentDiff.path,
    {
      config: read,
      schema: {
        tags,
        summary: '两个修订之间的差异',
        params: IdParams,
        querystring: DocumentDiffQuery,
        response: responses(api.documentDiff.response),
      },
    },
    (req) => documents.documentDiff(deps, principalOf(req), req.params.id, req.query),
  );
  r.post(
    api.signDocument.path,
    {
      config: write,
      schema: {
        tags,
        summary: '执法人员签署最新修订 (谁检查、谁签名、谁负责)',
        params: IdParams,
        body: DocumentSignInput,
        response: responses(api.signDocument.response, api.signDocument.status),
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
    api.receivedDocuments.path,
    {
      config: receive,
      schema: {
        tags,
        summary: '本企业矿山收到的执法文书 (已签发)',
        response: responses(api.receivedDocuments.response),
      },
    },
    (req) => documents.listReceivedDocuments(deps, principalOf(req)),
  );
  r.get(
    '/api/received-documents/:id/pdf',
    { config: receive, schema: { tags, summary: '收到的执法文书 PDF', params: IdParams } },
    async (req, reply) =>
      sendPdf(reply, await documents.getReceivedDocument(deps, principalOf(req), req.params.id)),
  );
}
