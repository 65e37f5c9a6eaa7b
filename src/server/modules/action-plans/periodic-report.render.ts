/**
 * @module A periodic report's files (issue 8 §5), rendered from its archived figures: an xlsx with a
 * sheet per section, and a PDF in a Chinese font with tables and charts (bars of each indicator against
 * its goal, trend lines, the regions' risk coefficients) drawn as vector graphics.
 */
import { openPdf } from '../../platform/pdf/pdf.ts';
import { shanghaiDateTime } from '../../../shared/dates.ts';
import { writeWorkbook } from '../../platform/tabular/write-table.ts';
import type { PeriodicReportData } from '../../../shared/action-plans.schemas.ts';

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
const goals = (i: PeriodicReportData['indicators'][number]) =>
  i.targets.map((t) => `${t.year}年 ${i.direction === 'atMost' ? '≤' : '≥'}${t.goal}%`).join('; ');
const metText = (i: PeriodicReportData['indicators'][number]) =>
  i.targets.length === 0
    ? '无目标'
    : i.targets.every((t) => t.met === true)
      ? '达标'
      : i.targets.some((t) => t.met === false)
        ? '未达标'
        : '无数据';

/** The report as an xlsx workbook, a sheet per section. */
export function renderPeriodicReportXlsx(d: PeriodicReportData): Promise<Buffer> {
  type I = PeriodicReportData['indicators'][number];
  type O = PeriodicReportData['tasks']['overdueList'][number];
  type R = PeriodicReportData['regionalRisk']['regions'][number];
  const summary: [string, string | number][] = [
    ['报告', d.title],
    ['地区', d.region.name],
    ['统计期', `${d.period.start} 至 ${d.period.end}`],
    ['生成时间 (北京时间)', shanghaiDateTime(d.generatedAt)],
    ['任务总数', d.tasks.total],
    ['已完成', d.tasks.done],
    ['进行中', d.tasks.inProgress],
    ['未开始', d.tasks.notStarted],
    ['逾期', d.tasks.overdue],
    ['本期进展报告', d.tasks.reportsInPeriod],
    ['本期新增重大隐患', d.hazards.found],
    ['本期销号', d.hazards.closed],
    ['期末未销号', d.hazards.openAtEnd],
    ['期末逾期未整改', d.hazards.overdueAtEnd],
    ['本期执法检查', d.enforcement.inspections],
    ['发现问题', d.enforcement.findings],
    ['行政处罚', d.enforcement.penalties],
    ['罚款 (元)', d.enforcement.fineYuan],
  ];
  return writeWorkbook([
    {
      name: '概况',
      columns: [
        { header: '项目', value: (r: [string, string | number]) => r[0] },
        { header: '数值', value: (r: [string, string | number]) => r[1] },
      ],
      items: summary,
    },
    {
      name: '目标指标',
      columns: [
        { header: '指标', value: (i: I) => i.name },
        { header: '当前值 (%)', value: (i: I) => i.value },
        { header: '分子', value: (i: I) => i.numerator },
        { header: '分母', value: (i: I) => i.denominator },
        { header: '目标', value: (i: I) => goals(i) },
        { header: '达标', value: (i: I) => metText(i) },
        { header: '依据', value: (i: I) => i.source },
      ],
      items: d.indicators,
    },
    {
      name: '趋势',
      columns: [
        { header: '日期', value: (r: { date: string }) => r.date },
        ...d.trend.series.map((s) => ({
          header: `${s.name} (%)`,
          value: (r: { i: number }) => s.values[r.i] ?? null,
        })),
      ],
      items: d.trend.dates.map((date, i) => ({ date, i })),
    },
    {
      name: '逾期任务',
      columns: [
        { header: '方案', value: (o: O) => o.plan },
        { header: '序号', value: (o: O) => o.number },
        { header: '任务内容', value: (o: O) => o.content },
        { header: '牵头单位', value: (o: O) => o.leadUnit },
        { header: '完成时限', value: (o: O) => o.deadline },
        { header: '进度 (%)', value: (o: O) => o.percent },
      ],
      items: d.tasks.overdueList,
    },
    {
      name: '区域风险',
      columns: [
        { header: '排名', value: (r: R) => r.rank },
        { header: '地区', value: (r: R) => r.regionName },
        { header: '风险系数', value: (r: R) => r.coefficient },
        { header: '风险等级', value: (r: R) => r.level },
        { header: '矿山数', value: (r: R) => r.mines },
        { header: '公式', value: () => d.regionalRisk.formula },
      ],
      items: d.regionalRisk.regions,
    },
  ]);
}

const palette = ['#1677ff', '#52c41a', '#fa8c16', '#eb2f96', '#722ed1'];
const levelColor: Record<string, string> = {
  重大风险: '#cf1322',
  较大风险: '#fa8c16',
  一般风险: '#fadb14',
  低风险: '#1677ff',
};

type Pdf = PDFKit.PDFDocument;

function ensureSpace(pdf: Pdf, height: number) {
  if (pdf.y + height > pdf.page.height - pdf.page.margins.bottom) {
    pdf.addPage();
  }
}

function heading(pdf: Pdf, text: string) {
  ensureSpace(pdf, 60);
  pdf.moveDown(0.8).fontSize(14).fillColor('black').text(text, pdf.page.margins.left);
  pdf.moveDown(0.3);
}

/** A table with fixed column widths; rows wrap and break pages. */
function table(pdf: Pdf, widths: number[], header: string[], rows: string[][]) {
  const left = pdf.page.margins.left;
  const draw = (cells: string[], bold: boolean) => {
    pdf.fontSize(8.5);
    const height =
      Math.max(...cells.map((c, i) => pdf.heightOfString(c, { width: (widths[i] ?? 60) - 6 }))) + 6;
    ensureSpace(pdf, height);
    const y = pdf.y;
    let x = left;
    if (bold) {
      pdf
        .rect(
          left,
          y,
          widths.reduce((a, b) => a + b, 0),
          height,
        )
        .fill('#f0f0f0');
    }
    cells.forEach((c, i) => {
      pdf.fillColor('black').text(c, x + 3, y + 3, { width: (widths[i] ?? 60) - 6 });
      x += widths[i] ?? 60;
    });
    pdf
      .moveTo(left, y + height)
      .lineTo(x, y + height)
      .lineWidth(0.3)
      .strokeColor('#bfbfbf')
      .stroke();
    pdf.x = left;
    pdf.y = y + height;
  };
  draw(header, true);
  for (const r of rows) {
    draw(r, false);
  }
}

/** Horizontal bars (0–100 %) with an optional goal tick per bar. */
function bars(
  pdf: Pdf,
  items: { label: string; value: number | null; goal?: number | undefined; color?: string }[],
  max = 100,
) {
  const left = pdf.page.margins.left;
  const labelW = 170;
  const barW = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right - labelW - 50;
  const rowH = 16;
  ensureSpace(pdf, items.length * rowH + 10);
  let y = pdf.y + 4;
  for (const it of items) {
    pdf
      .fontSize(8)
      .fillColor('black')
      .text(it.label, left, y + 3, { width: labelW - 6, lineBreak: false, ellipsis: true });
    pdf.rect(left + labelW, y + 2, barW, rowH - 6).fill('#f5f5f5');
    const v = Math.max(0, Math.min(max, it.value ?? 0));
    if (it.value !== null) {
      pdf.rect(left + labelW, y + 2, (barW * v) / max, rowH - 6).fill(it.color ?? '#1677ff');
    }
    if (it.goal !== undefined && it.goal >= 0) {
      const gx = left + labelW + (barW * Math.min(max, it.goal)) / max;
      pdf
        .moveTo(gx, y)
        .lineTo(gx, y + rowH - 2)
        .lineWidth(1.5)
        .strokeColor('#cf1322')
        .stroke();
    }
    pdf
      .fillColor('black')
      .text(it.value === null ? '—' : String(it.value), left + labelW + barW + 6, y + 3, {
        lineBreak: false,
      });
    y += rowH;
  }
  pdf.x = left;
  pdf.y = y + 6;
}

/** Trend lines over the report's dates (0–100 %), with a legend. */
function lines(pdf: Pdf, trend: PeriodicReportData['trend']) {
  const left = pdf.page.margins.left + 30;
  const w = pdf.page.width - pdf.page.margins.right - left;
  const h = 150;
  ensureSpace(pdf, h + 60);
  const top = pdf.y + 6;
  pdf.lineWidth(0.5).strokeColor('#d9d9d9');
  for (const g of [0, 25, 50, 75, 100]) {
    const y = top + h - (h * g) / 100;
    pdf
      .moveTo(left, y)
      .lineTo(left + w, y)
      .stroke();
    pdf
      .fontSize(7)
      .fillColor('#8c8c8c')
      .text(`${g}%`, left - 28, y - 4, { width: 24, align: 'right', lineBreak: false });
  }
  const n = trend.dates.length;
  const xAt = (i: number) => left + (n <= 1 ? w / 2 : (w * i) / (n - 1));
  trend.dates.forEach((date, i) => {
    if (n <= 8 || i % Math.ceil(n / 8) === 0 || i === n - 1) {
      pdf
        .fontSize(6.5)
        .fillColor('#8c8c8c')
        .text(date.slice(0, 7), xAt(i) - 18, top + h + 4, {
          width: 36,
          align: 'center',
          lineBreak: false,
        });
    }
  });
  trend.series.forEach((s, k) => {
    const color = palette[k % palette.length] ?? '#1677ff';
    let started = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        started = false;
        return;
      }
      const y = top + h - (h * Math.max(0, Math.min(100, v))) / 100;
      if (started) {
        pdf.lineTo(xAt(i), y);
      } else {
        pdf.moveTo(xAt(i), y);
        started = true;
      }
    });
    pdf.lineWidth(1.5).strokeColor(color).stroke();
  });
  let ly = top + h + 18;
  trend.series.forEach((s, k) => {
    pdf.rect(left, ly + 2, 10, 4).fill(palette[k % palette.length] ?? '#1677ff');
    pdf
      .fontSize(7.5)
      .fillColor('black')
      .text(s.name, left + 14, ly, { lineBreak: false });
    ly += 11;
  });
  pdf.x = pdf.page.margins.left;
  pdf.y = ly + 4;
}

/** The report as a PDF with its tables and charts. */
export async function renderPeriodicReportPdf(d: PeriodicReportData): Promise<Buffer> {
  const { pdf, done } = openPdf(d.title, { margin: 48 });
  const width = pdf.page.width - 96;
  pdf.fontSize(18).text(d.title, { align: 'center', width });
  pdf
    .moveDown(0.4)
    .fontSize(9)
    .fillColor('#595959')
    .text(
      `${d.region.name} · 统计期 ${d.period.start} 至 ${d.period.end} · 生成于 ${shanghaiDateTime(d.generatedAt)}（北京时间）`,
      { align: 'center', width },
    );

  heading(pdf, '一、攻坚目标完成情况');
  table(
    pdf,
    [150, 45, 55, 80, 40, 129],
    ['指标', '当前值', '分子/分母', '目标', '达标', '依据'],
    d.indicators.map((i) => [
      i.name,
      pct(i.value),
      `${i.numerator}/${i.denominator}`,
      goals(i) || '—',
      metText(i),
      i.source,
    ]),
  );
  pdf.moveDown(0.5).fontSize(8).fillColor('#8c8c8c').text('图 1  各占比指标当前值 (红线为目标)');
  bars(
    pdf,
    d.indicators
      .filter((i) => i.measure === 'share')
      .map((i) => ({ label: i.name, value: i.value, goal: i.targets[0]?.goal })),
  );

  heading(pdf, '二、主要指标趋势');
  lines(pdf, d.trend);

  heading(pdf, '三、攻坚任务推进情况');
  pdf
    .fontSize(10)
    .fillColor('black')
    .text(
      `任务 ${d.tasks.total} 项：已完成 ${d.tasks.done}，进行中 ${d.tasks.inProgress}，未开始 ${d.tasks.notStarted}，逾期 ${d.tasks.overdue}；本期进展报告 ${d.tasks.reportsInPeriod} 份。`,
      { width },
    );
  if (d.tasks.overdueList.length) {
    pdf.moveDown(0.4);
    table(
      pdf,
      [90, 35, 170, 90, 60, 54],
      ['方案', '序号', '逾期任务', '牵头单位', '完成时限', '进度'],
      d.tasks.overdueList.map((o) => [
        o.plan,
        o.number,
        o.content,
        o.leadUnit,
        o.deadline,
        `${o.percent}%`,
      ]),
    );
  }

  heading(pdf, '四、重大事故隐患与执法');
  pdf
    .fontSize(10)
    .text(
      `本期新增重大事故隐患 ${d.hazards.found} 项，销号 ${d.hazards.closed} 项；期末未销号 ${d.hazards.openAtEnd} 项，其中逾期 ${d.hazards.overdueAtEnd} 项。` +
        `本期执法检查 ${d.enforcement.inspections} 次，发现问题 ${d.enforcement.findings} 项，行政处罚 ${d.enforcement.penalties} 起，罚款 ${d.enforcement.fineYuan} 元。`,
      { width },
    );

  heading(pdf, '五、区域风险分级与排名');
  pdf.fontSize(9).fillColor('#595959').text(`风险系数公式：${d.regionalRisk.formula}`, { width });
  if (d.regionalRisk.regions.length) {
    pdf.moveDown(0.3);
    const max = Math.max(10, ...d.regionalRisk.regions.map((r) => r.coefficient));
    bars(
      pdf,
      d.regionalRisk.regions.map((r) => ({
        label: `${r.rank}. ${r.regionName}（${r.level}）`,
        value: r.coefficient,
        color: levelColor[r.level] ?? '#1677ff',
      })),
      max,
    );
  }
  pdf
    .moveDown(1)
    .fontSize(7)
    .fillColor('#8c8c8c')
    .text(
      '本报告由 minewatch 依据报告生成时的台账数据自动生成并存档；指标口径与依据见各指标“依据”栏。',
      { width },
    );
  pdf.end();
  return done;
}
