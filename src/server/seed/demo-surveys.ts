/**
 * @module The demo province's 隐蔽致灾因素普查 (issue 25 §1), written through the surveys service as
 * 原平's regulator: two underground mines with a passed survey in date (their grades published), one whose
 * passed survey is out of date (普查过期), one returned (退回重查), one awaiting review; the other
 * underground mines of 原平 have none and are 未普查 findings (原平第14条: 2024年6月底前).
 */
import { addDays, todayIn } from '../../shared/dates.ts';
import { MineKind } from '../../shared/registry.enums.ts';
import { SurveyState, type FactorInput, type ReviewInput } from '../../shared/surveys.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { minesOfCounties } from '../modules/registry/mine.repository.ts';
import { fileSurvey, reviewSurvey } from '../modules/surveys/survey.service.ts';
import { principal } from './demo-enforcement.ts';

const factorSets: FactorInput[][] = [
  [
    { kind: '采空区', level: '中等', location: '北翼 4# 煤层老空区', note: '' },
    { kind: '水害', level: '复杂', location: '奥灰含水层带压区', note: '' },
    { kind: '断层', level: '简单', location: 'F2 正断层', note: '' },
  ],
  [
    { kind: '老窑', level: '极复杂', location: '井田东部小窑破坏区', note: '资料不全, 物探圈定' },
    { kind: '火区', level: '中等', location: '9# 煤层露头', note: '' },
  ],
  [{ kind: '采空区', level: '中等', location: '一采区上部', note: '' }],
  [{ kind: '水害', level: '复杂', location: '地表河流下', note: '' }],
  [{ kind: '断层', level: '中等', location: 'F5 逆断层', note: '' }],
];

/** Days before today of each survey and of its review (null: awaiting), and the outcome. */
const plan: { surveyed: number; reviewed: number | null; outcome: ReviewInput['outcome'] }[] = [
  { surveyed: 90, reviewed: 60, outcome: SurveyState.Passed },
  { surveyed: 200, reviewed: 180, outcome: SurveyState.Passed },
  { surveyed: 420, reviewed: 400, outcome: SurveyState.Passed },
  { surveyed: 40, reviewed: 20, outcome: SurveyState.Returned },
  { surveyed: 10, reviewed: null, outcome: SurveyState.Passed },
];

export async function seedDemoSurveys(deps: ServiceDeps): Promise<void> {
  const admin = await principal(deps, 'yp.admin');
  const today = todayIn(deps.clock);
  const mines = await minesOfCounties(
    deps.db,
    {
      counties: ['140981'],
      kinds: [MineKind.CoalUnderground, MineKind.UndergroundMetal],
      liveOnly: true,
    },
    plan.length,
  );
  for (const [i, mine] of mines.entries()) {
    const p = plan[i];
    if (!p) {
      break;
    }
    const survey = await fileSurvey(deps, admin, {
      mineId: mine.id,
      surveyedOn: addDays(today, -p.surveyed),
      surveyor: '晋北地质勘查技术服务有限公司',
      areaKm2: 3 + i,
      scopeYears: 3 + (i % 3),
      scopeDescription: '井田范围及周边 500 m, 未来 3-5 年采掘范围',
      factors: factorSets[i] ?? [],
      zones: [
        { zoneClass: '可采区', name: '一采区', note: '' },
        { zoneClass: '缓采区', name: '二采区 (待探放水)', note: '' },
        { zoneClass: '禁采区', name: '老空积水区', note: '' },
      ],
      note: '',
    });
    if (p.reviewed !== null) {
      await reviewSurvey(deps, admin, survey.id, {
        reviewedOn: addDays(today, -p.reviewed),
        outcome: p.outcome,
        note:
          p.outcome === SurveyState.Returned ? '采空区边界与钻探资料不符, 推倒重来' : '资料齐全',
      });
    }
  }
}
