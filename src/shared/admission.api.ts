/**
 * @module Endpoint contracts of 安全准入与分类处置 (server: modules/admission/admission.routes.ts): the
 * 三个一批 lists and their overdue findings, the 安全设施设计审查 → 安全生产许可 workflow, the mines below the
 * minimum scale and the mining-method findings.
 */
import { z } from 'zod';
import { endpoint } from './api.contract.ts';
import {
  BelowScaleResponse,
  DisposalResponse,
  MethodFindingResponse,
  PermitResponse,
} from './admission.schemas.ts';

export const admissionApi = {
  /** The 三个一批 entries of the caller's jurisdiction (or its own mines). */
  disposals: endpoint('GET', '/api/admission/disposals', z.array(DisposalResponse)),
  /** Puts a mine on a list with a deadline (regulators). */
  listDisposal: endpoint('POST', '/api/admission/disposals', DisposalResponse, 201),
  /** The open entries past their deadline. */
  disposalFindings: endpoint('GET', '/api/admission/disposals/findings', z.array(DisposalResponse)),
  /** One entry with its steps. */
  disposal: endpoint('GET', '/api/admission/disposals/:id', DisposalResponse),
  /** Records a progress step (the completing one closes the entry). */
  stepDisposal: endpoint('POST', '/api/admission/disposals/:id/steps', DisposalResponse),
  /** Mines below their kind's minimum scale or service life. */
  belowScale: endpoint('GET', '/api/admission/below-scale', z.array(BelowScaleResponse)),
  /** Mining-method findings (生产水平, 机械撬毛). */
  methodFindings: endpoint('GET', '/api/admission/method-findings', z.array(MethodFindingResponse)),
  /** Applications for 安全设施设计审查 and 安全生产许可. */
  permits: endpoint('GET', '/api/admission/permits', z.array(PermitResponse)),
  /** Files an application for a mine. */
  applyPermit: endpoint('POST', '/api/admission/permits', PermitResponse, 201),
  /** One application with its steps. */
  permit: endpoint('GET', '/api/admission/permits/:id', PermitResponse),
  /** 安全设施设计审查. */
  reviewPermit: endpoint('POST', '/api/admission/permits/:id/design-review', PermitResponse),
  /** 建设工期延期 (once, ≤ 1 year). */
  extendPermit: endpoint('POST', '/api/admission/permits/:id/extension', PermitResponse),
  /** 现场核查. */
  checkPermitSite: endpoint('POST', '/api/admission/permits/:id/site-check', PermitResponse),
  /** 发放安全生产许可证 (the registry's licence created or renewed). */
  issuePermit: endpoint('POST', '/api/admission/permits/:id/issue', PermitResponse),
};
