import {
  accidentStages,
  accidentWorkflowSteps,
  findingNatures,
  investigationLevels,
  responsiblePartyKinds,
} from '../../shared/accident-workflow.ts';
import { describe, expect, it } from 'vitest';
import {
  contractorStaffRoles,
  employmentKinds,
  hydrogeologyTypes,
  licenceKinds,
  mineKinds,
  mineScales,
  mineStatuses,
  standardizationLevels,
  tailingsStackings,
} from '../../shared/registry.enums.ts';
import { hazardSources, hazardStates } from '../../shared/hazard.enums.ts';
import {
  alarmKinds,
  alarmStates,
  callChannels,
  facilityKinds,
  warningLevels,
} from '../../shared/monitoring.enums.ts';
import { quantityNames } from '../../shared/monitoring.quantities.ts';
import { defaultCallPolicy } from '../../shared/monitoring.policy.ts';
import {
  areaKinds,
  areaStates,
  factorNames,
  leadRules,
  leadStatuses,
} from '../../shared/leads.enums.ts';
import {
  announcedReasons,
  checklistResults,
  documentTemplates,
  findingKinds,
  InspectionManner,
  inspectionKinds,
  penaltyStatuses,
  penaltyTargets,
} from '../../shared/inspections.enums.ts';
import { periodicReportKinds } from '../../shared/periodic-report.periods.ts';
import {
  caseStates,
  outcomes,
  publicReportCategories,
  verificationResults,
} from '../../shared/public-reports.ts';
import {
  accidentGrades,
  accidentKinds,
  chainRecorders,
  defaultChainSteps,
  interviewParties,
  interviewStates,
  noticeChannels,
} from '../../shared/accidents.ts';
import { disasterGrades, factorKinds, surveyStates, zoneClasses } from '../../shared/surveys.ts';
import { dutyKinds, dutySources } from '../../shared/duty.ts';
import { defaultRegionalRisk } from '../../shared/targets.settings.ts';
import { coalFeedStates } from '../../shared/coal-upload.enums.ts';
import { warningCallStates, warningKinds } from '../../shared/warnings.schemas.ts';
import {
  closureReasons,
  closureSteps,
  recordKinds,
  slopeTargets,
} from '../../shared/pits-ponds.ts';
import { enUS } from './en-US.ts';
import { zhCN } from './zh-CN.ts';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null && k !== 'values'
      ? keys(v as object, `${prefix}${k}.`)
      : [`${prefix}${k}`],
  );
}

describe('translations', () => {
  it('English has exactly the Chinese keys', () => {
    expect(keys(enUS).sort()).toEqual(keys(zhCN).sort());
  });

  it('every string is non-empty in both languages', () => {
    const empty = (o: object, at: string): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'object' && v !== null
          ? empty(v as object, `${at}${k}.`)
          : typeof v === 'string' && v.length > 0
            ? []
            : [`${at}${k}`],
      );
    expect(empty(zhCN, 'zh.')).toEqual([]);
    expect(empty(enUS, 'en.')).toEqual([]);
  });

  it('English translates every domain value the registry, hazards, monitoring, leads, enforcement and plans store', () => {
    const all = [
      ...mineKinds,
      ...mineStatuses,
      ...mineScales,
      ...standardizationLevels,
      ...licenceKinds,
      ...hydrogeologyTypes,
      ...tailingsStackings,
      ...contractorStaffRoles,
      ...employmentKinds,
      ...hazardStates,
      ...hazardSources,
      ...warningLevels,
      ...alarmKinds,
      ...alarmStates,
      ...facilityKinds,
      ...quantityNames,
      ...callChannels,
      ...leadRules,
      ...leadStatuses,
      ...factorNames,
      ...areaKinds,
      ...areaStates,
      ...inspectionKinds,
      ...Object.values(InspectionManner),
      ...announcedReasons,
      ...findingKinds,
      ...dutyKinds,
      ...dutySources,
      ...checklistResults,
      ...penaltyTargets,
      ...penaltyStatuses,
      ...documentTemplates,
      ...periodicReportKinds,
      ...caseStates,
      ...outcomes,
      ...publicReportCategories,
      ...verificationResults,
      '收到举报',
      '受理',
      '核实',
      '办理',
      '反馈',
      '奖励',
      '追责',
      ...accidentKinds,
      ...accidentStages,
      ...accidentWorkflowSteps,
      ...investigationLevels,
      ...findingNatures,
      ...responsiblePartyKinds,
      ...factorKinds,
      ...disasterGrades,
      ...zoneClasses,
      ...surveyStates,
      '未普查',
      '普查过期',
      ...recordKinds,
      ...slopeTargets,
      ...closureSteps,
      ...closureReasons,
      '未按期报送',
      '雷达监测未在线',
      '应闭库未启动',
      '闭库步骤逾期',
      ...accidentGrades,
      ...noticeChannels,
      ...interviewParties,
      ...interviewStates,
      ...chainRecorders,
      ...defaultChainSteps.map((s) => s.label),
      '按时',
      '迟报',
      '逾期未报',
      '待报',
      ...defaultRegionalRisk.levels.map((l) => l.name),
      '定时',
      '手动',
      '草稿',
      '已签发',
      '零处罚',
      '只检查不处罚',
      ...Object.values(defaultCallPolicy).flatMap((p) => p.steps.map((s) => s.stage)),
      ...coalFeedStates,
      ...warningKinds,
      ...warningCallStates,
      // 测点状态 flags (MT/T 1201.1-2023 附录B; the coal point card shows them by name).
      '报警',
      '断电',
      '标校',
      '超量程',
      '分站故障',
      '不巡检',
      '暂停',
      '传感器故障',
    ];
    expect(all.filter((v) => !enUS.values[v])).toEqual([]);
  });
});
