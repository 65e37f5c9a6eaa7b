/**
 * @module Renders an enforcement document's revision to PDF with a CJK font (issue 7 §4): the unit and
 * title, the number, each field, the signatures with their time and hash, and the revision's hash in
 * the footer, so that a printed copy can be checked against the chain. A draft carries 草稿.
 */
import type { DocumentResponse } from '../../../../shared/inspection-documents.schemas.ts';
import { DocumentState } from '../../../../shared/inspections.enums.ts';
import { openPdf } from '../../../platform/pdf/pdf.ts';
import { shanghaiDateTime } from '../../../../shared/dates.ts';

/** The document's head revision as a PDF under the unit's title. */
export function renderDocumentPdf(doc: DocumentResponse, unitTitle: string): Promise<Buffer> {
  const { pdf, done } = openPdf(`${doc.template} ${doc.number}`);
  const width = pdf.page.width - 112;
  if (doc.state !== DocumentState.Issued) {
    pdf
      .save()
      .fillColor('#d9d9d9')
      .fontSize(96)
      .rotate(-30, { origin: [300, 420] });
    pdf.text('草稿', 180, 360, { lineBreak: false }).restore();
    pdf.fillColor('black');
  }
  // Back to the top-left margin (the watermark moved the text cursor).
  pdf.x = pdf.page.margins.left;
  pdf.y = pdf.page.margins.top;
  pdf.fontSize(16).text(unitTitle, { align: 'center', width });
  pdf.moveDown(0.3).fontSize(22).text(doc.template, { align: 'center', width });
  pdf.moveDown(0.3).fontSize(11).text(doc.number, { align: 'center', width });
  pdf.moveDown(1);
  for (const field of doc.templateFields) {
    const value = doc.fields[field.key] ?? '';
    pdf.fontSize(11).fillColor('#333333').text(`${field.label}:`, { continued: !field.multiline });
    pdf
      .fillColor('black')
      .fontSize(12)
      .text(field.multiline ? value || '—' : ` ${value || '—'}`, {
        width,
        indent: field.multiline ? 24 : 0,
      });
    pdf.moveDown(0.5);
  }
  pdf
    .moveDown(1)
    .fontSize(12)
    .text(doc.inspectionId ? '执法人员签名:' : '签发人签名:');
  for (const member of doc.team) {
    const sig = doc.signatures.find((s) => s.userId === member.userId);
    pdf
      .fontSize(11)
      .text(
        sig
          ? `${sig.signerLabel}  已签名 ${shanghaiDateTime(sig.signedAt)} (北京时间)  签名摘要 ${sig.hash.slice(0, 16)}`
          : `${member.name}  未签名`,
        { indent: 24 },
      );
  }
  const head = doc.revisions[doc.revisions.length - 1];
  pdf
    .moveDown(2)
    .fontSize(8)
    .fillColor('#666666')
    .text(`修订 ${doc.headSeq} · ${doc.state} · 修订哈希 ${head?.hash ?? ''}`, { width });
  pdf.end();
  return done;
}
