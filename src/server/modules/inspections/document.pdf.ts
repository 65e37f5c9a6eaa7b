/**
 * @module Renders an enforcement document's revision to PDF with a CJK font (issue 7 §4): the unit and
 * title, the number, each field, the signatures with their time and hash, and the revision's hash in
 * the footer, so that a printed copy can be checked against the chain. A draft carries 草稿.
 * The font is Noto Sans/Serif CJK from the system (Debian fonts-noto-cjk) or MINEWATCH_CJK_FONT.
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError, AppErrorCode } from '../../platform/errors.ts';
import type { DocumentView } from './document.service.ts';

const candidates: { path: string; family?: string }[] = [
  {
    path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    family: 'NotoSansCJKsc-Regular',
  },
  {
    path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
    family: 'NotoSerifCJKsc-Regular',
  },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  { path: '/System/Library/Fonts/PingFang.ttc', family: 'PingFangSC-Regular' },
];

/** The CJK font to embed, or a clear error naming how to get one. */
export function cjkFont(): { path: string; family?: string } {
  const configured = process.env.MINEWATCH_CJK_FONT;
  if (configured) {
    const [path = '', family] = configured.split('#');
    if (existsSync(path)) {
      return family ? { path, family } : { path };
    }
  }
  const found = candidates.find((c) => existsSync(c.path));
  if (!found) {
    throw new AppError(
      AppErrorCode.Internal,
      '服务器没有中文字体，无法生成 PDF: 请安装 fonts-noto-cjk，或用 MINEWATCH_CJK_FONT=<字体文件>[#<字体名>] 指定',
    );
  }
  return found;
}

/** An instant as Beijing time (UTC+8, no daylight saving), YYYY-MM-DD HH:mm:ss. */
function beijing(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export function renderDocumentPdf(doc: DocumentView, unitTitle: string): Promise<Buffer> {
  const font = cjkFont();
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `${doc.template} ${doc.number}` },
  });
  pdf.registerFont('cjk', font.path, font.family ?? '');
  pdf.font('cjk');
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - 112;
  if (doc.state !== '已签发') {
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
  pdf.moveDown(1).fontSize(12).text('执法人员签名:');
  for (const member of doc.team) {
    const sig = doc.signatures.find((s) => s.userId === member.userId);
    pdf
      .fontSize(11)
      .text(
        sig
          ? `${sig.signerLabel}  已签名 ${beijing(sig.signedAt)} (北京时间)  签名摘要 ${sig.hash.slice(0, 16)}`
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
