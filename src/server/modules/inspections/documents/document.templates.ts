/**
 * @module The document templates: the four enforcement documents (issue 7 §4) and the 函告 and 通报 of
 * an overdue hazard's ladder (《2024年矿山安全生产工作要点》第20条; 《原平市矿山企业安全生产治本攻坚三年行动实施方案》第9条;
 * 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第7条): their fields, which of them must be filled before anyone
 * signs (智能提醒), the first revision's text drawn from the inspection or the hazard, and the difference
 * between two revisions.
 * Field wording follows the usual 安全生产执法文书 formats; the wording is editable in every revision.
 */
import { DocumentTemplate } from '../../../../shared/inspections.enums.ts';
import type { TemplateFieldResponse } from '../../../../shared/inspection-documents.schemas.ts';
import type { InspectionResponse } from '../../../../shared/inspections.schemas.ts';

export interface TemplatePenalty {
  partyName: string;
  target: string;
  facts: string;
  legalBasis: string;
  amountYuan: number;
  decidedOn: string;
}

interface Template {
  /** Short code used in the document number, e.g. 〔2026〕检记 12 号. */
  abbr: string;
  fields: TemplateFieldResponse[];
  /** The first revision's text from an inspection (none for the templates made from a hazard's step). */
  prefill?: (
    i: InspectionResponse,
    p: TemplatePenalty | null,
    related: { rectifyOrderNumber?: string },
  ) => Record<string, string>;
}

const f = (
  key: string,
  label: string,
  required = true,
  multiline = false,
): TemplateFieldResponse => ({
  key,
  label,
  required,
  multiline,
});

/** Items not met, as lines without numbers (numbered together with the findings). */
function checklistLines(i: InspectionResponse): string[] {
  return i.checklist
    .filter((c) => c.result === '不符合')
    .map((c) => `检查项不符合: ${c.text}${c.note ? ` (${c.note})` : ''}`);
}

function findingLines(i: InspectionResponse): string[] {
  return i.findings.map(
    (x) =>
      `[${x.kind}${x.criterionCode ? ` ${x.criterionCode}` : ''}] ${x.location}: ${x.description}${x.deadline ? ` (整改期限 ${x.deadline})` : ''}`,
  );
}

const numbered = (lines: string[]) => lines.map((l, n) => `${n + 1}. ${l}`).join('\n');
const findingsText = (i: InspectionResponse) => numbered(findingLines(i));

function earliestDeadline(i: InspectionResponse): string {
  return (
    i.findings
      .map((x) => x.deadline)
      .filter((d): d is string => Boolean(d))
      .sort()[0] ?? ''
  );
}

/** What a 函告 or 通报 is drawn from: the hazard, its mine and deadline, and the step reached. */
export interface HazardActFacts {
  unitName: string;
  enterpriseName: string;
  mineName: string;
  criterionCode: string;
  description: string;
  location: string;
  foundOn: string;
  deadline: string;
  step: string;
  dueOn: string;
  today: string;
}

const hazardFacts = (h: HazardActFacts) =>
  `${h.mineName}于 ${h.foundOn} 发现重大事故隐患 (${h.criterionCode}): ${h.location ? `${h.location}, ` : ''}${h.description}。治理时限 ${h.deadline}，逾期升级于 ${h.dueOn} 到达${h.step}，至 ${h.today} 仍未完成整改销号，整改进展缓慢。`;

/** The clause every 函告 and 通报 rests on, printed in its text. */
export const hazardActBasis =
  '《2024年矿山安全生产工作要点》第20条: 建立矿山重大事故隐患清单管理和动态分析机制，对重大事故隐患整改进展缓慢的及时采取函告、通报、约谈、曝光等措施。';

/** The first revision of a 函告 or 通报 made from a hazard's reached step. */
export function hazardActPrefill(
  template: typeof DocumentTemplate.HazardLetter | typeof DocumentTemplate.HazardCircular,
  h: HazardActFacts,
): Record<string, string> {
  if (template === DocumentTemplate.HazardLetter) {
    return {
      party: h.enterpriseName,
      subject: `关于${h.mineName}重大事故隐患整改逾期的函`,
      facts: hazardFacts(h),
      requirement:
        '请你单位主要负责人按照“五落实”要求，立即组织整改，于回复期限前将整改情况书面回复我单位。逾期未整改的，将依次采取通报、约谈、曝光等措施。',
      basis: hazardActBasis,
      replyBy: '',
      issuedOn: h.today,
    };
  }
  return {
    scope: `${h.enterpriseName}及其上级公司、辖区各矿山企业`,
    subject: `关于${h.mineName}重大事故隐患整改进展缓慢的通报`,
    facts: `${hazardFacts(h)}此前已函告，仍未整改到位。`,
    requirement:
      '现予通报。责令该企业立即整改并举一反三；各矿山企业引以为戒，严格落实重大事故隐患“五落实”和闭环销号。',
    basis: hazardActBasis,
    issuedOn: h.today,
  };
}

export const templates: Record<DocumentTemplate, Template> = {
  [DocumentTemplate.SiteRecord]: {
    abbr: '检记',
    fields: [
      f('party', '被检查单位'),
      f('site', '检查场所'),
      f('time', '检查时间'),
      f('kind', '检查方式'),
      f('inspectors', '执法人员'),
      f('bodyCamera', '执法记录仪编号', false),
      f('partyPresent', '被检查单位现场负责人'),
      f('situation', '检查情况', true, true),
      f('measures', '现场处理措施', false, true),
    ],
    prefill: (i) => ({
      party: i.enterpriseName,
      site: i.mineName,
      time: i.inspectedOn,
      kind: i.kind,
      inspectors: i.team.map((m) => m.name).join('、'),
      bodyCamera: i.bodyCameraRef ?? '',
      partyPresent: '',
      situation: [numbered([...checklistLines(i), ...findingLines(i)]), i.summary]
        .filter(Boolean)
        .join('\n'),
      measures: i.orders.map((o) => `${o.kind} (${o.orderedOn}): ${o.reason}`).join('\n'),
    }),
  },
  [DocumentTemplate.RectifyOrder]: {
    abbr: '责改',
    fields: [
      f('party', '被责令单位'),
      f('problems', '经查存在的问题', true, true),
      f('requirement', '整改要求', true, true),
      f('deadline', '整改期限'),
      f('recheckOn', '复查日期', false),
    ],
    prefill: (i) => ({
      party: i.enterpriseName,
      problems: findingsText(i),
      requirement: '责令你单位对上述问题于期限前整改完毕，达到有关法律法规规章和标准规定的要求。',
      deadline: earliestDeadline(i),
      recheckOn: i.recheckOn ?? '',
    }),
  },
  [DocumentTemplate.RecheckOpinion]: {
    abbr: '复查',
    fields: [
      f('party', '被复查单位'),
      f('orderNumber', '原责令限期整改指令书文号'),
      f('recheckedOn', '复查日期'),
      f('opinion', '复查意见', true, true),
    ],
    prefill: (i, _p, related) => ({
      party: i.enterpriseName,
      orderNumber: related.rectifyOrderNumber ?? '',
      recheckedOn: i.recheckedOn ?? '',
      opinion: i.recheckResult ?? '',
    }),
  },
  [DocumentTemplate.PenaltyDecision]: {
    abbr: '罚',
    fields: [
      f('party', '被处罚人'),
      f('target', '处罚对象'),
      f('facts', '违法事实和证据', true, true),
      f('legalBasis', '处罚依据', true, true),
      f('decision', '处罚决定', true, true),
      f('payment', '缴纳方式和期限', true, true),
      f('remedy', '救济途径', true, true),
      f('decidedOn', '决定日期'),
    ],
    prefill: (i, p) => ({
      party: p?.partyName ?? i.enterpriseName,
      target: p?.target ?? '',
      facts: p?.facts ?? findingsText(i),
      legalBasis: p?.legalBasis ?? '',
      decision: p ? `罚款人民币 ${p.amountYuan.toLocaleString('zh-CN')} 元` : '',
      payment:
        '自收到本决定书之日起十五日内缴至指定银行或者通过电子支付系统缴纳 (《行政处罚法》第六十七条)。',
      remedy:
        '如不服本决定，可以在收到本决定书之日起六十日内申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。',
      decidedOn: p?.decidedOn ?? '',
    }),
  },
  [DocumentTemplate.HazardLetter]: {
    abbr: '函',
    fields: [
      f('party', '受函单位'),
      f('subject', '事由'),
      f('facts', '隐患及整改情况', true, true),
      f('requirement', '要求', true, true),
      f('basis', '依据', true, true),
      f('replyBy', '回复期限'),
      f('issuedOn', '发函日期'),
    ],
  },
  [DocumentTemplate.HazardCircular]: {
    abbr: '通',
    fields: [
      f('scope', '通报范围'),
      f('subject', '标题'),
      f('facts', '隐患及整改情况', true, true),
      f('requirement', '通报要求', true, true),
      f('basis', '依据', true, true),
      f('issuedOn', '通报日期'),
    ],
  },
};

/** Fields whose text differs between two revisions, in template order. */
export function diffFields(
  template: DocumentTemplate,
  before: Record<string, string>,
  after: Record<string, string>,
) {
  return templates[template].fields
    .filter((x) => (before[x.key] ?? '') !== (after[x.key] ?? ''))
    .map((x) => ({
      key: x.key,
      label: x.label,
      before: before[x.key] ?? '',
      after: after[x.key] ?? '',
    }));
}

/** Required fields left empty: signing waits until they are filled. */
export function missingFields(template: DocumentTemplate, fields: Record<string, string>) {
  return templates[template].fields
    .filter((x) => x.required && !(fields[x.key] ?? '').trim())
    .map((x) => ({ key: x.key, label: x.label }));
}
