/**
 * @module PDF documents with a CJK font (enforcement documents, periodic reports): pdfkit with Noto
 * Sans/Serif CJK from the system (Debian fonts-noto-cjk) or MINEWATCH_CJK_FONT, collected into a
 * Buffer. Without a Chinese font there is no PDF: the error says how to get one.
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError, AppErrorCode } from '../errors.ts';
import { configuredCjkFont } from '../config.ts';

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
  const configured = configuredCjkFont();
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

/** A new A4 document in the CJK font, and the promise of its bytes once `pdf.end()` is called. */
export function openPdf(
  title: string,
  options: { margin?: number; layout?: 'portrait' | 'landscape' } = {},
): { pdf: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const font = cjkFont();
  const pdf = new PDFDocument({
    size: 'A4',
    margin: options.margin ?? 56,
    layout: options.layout ?? 'portrait',
    info: { Title: title },
  });
  pdf.registerFont('cjk', font.path, font.family ?? '');
  pdf.font('cjk');
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  return { pdf, done };
}
