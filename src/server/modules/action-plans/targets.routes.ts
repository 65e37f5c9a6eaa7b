/**
 * @module HTTP adapter of the progress board (issue 8 §2–4): targets with trend and drill-down, and the
 * regional risk grading.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actionPlansApi as api } from '../../../shared/action-plans.api.ts';
import {
  IndicatorKeyParams,
  RegionalRiskQuery,
  TargetBoardQuery,
  TargetTrendQuery,
} from '../../../shared/action-plans.schemas.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { principalOf } from '../../platform/http/auth.http.ts';
import { responses } from '../../platform/http/route-helpers.ts';
import { regionalRisk } from './regional-risk.service.ts';
import { targetBoard, targetMines, targetTrend } from './targets.service.ts';
import { ActionPlanPermission } from './action-plans.permissions.ts';

export function registerTargetRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['action-plans'];
  const config = { permission: ActionPlanPermission.Read };
  r.get(
    api.targetBoard.path,
    {
      config,
      schema: {
        tags,
        summary: '攻坚目标: 各指标的实时值 (按地区和日期) 及适用的目标',
        querystring: TargetBoardQuery,
        response: responses(api.targetBoard.response),
      },
    },
    (req) => targetBoard(deps, principalOf(req), req.query),
  );
  r.get(
    api.targetTrend.path,
    {
      config,
      schema: {
        tags,
        summary: '指标趋势: 近若干月月末的值',
        params: IndicatorKeyParams,
        querystring: TargetTrendQuery,
        response: responses(api.targetTrend.response),
      },
    },
    (req) => targetTrend(deps, principalOf(req), req.params.key, req.query),
  );
  r.get(
    api.targetMines.path,
    {
      config,
      schema: {
        tags,
        summary: '拖后腿的矿山: 未计入分子 (或未减少) 的矿山及原因',
        params: IndicatorKeyParams,
        querystring: TargetBoardQuery,
        response: responses(api.targetMines.response),
      },
    },
    (req) => targetMines(deps, principalOf(req), req.params.key, req.query),
  );
  r.get(
    api.regionalRisk.path,
    {
      config,
      schema: {
        tags,
        summary: '区域风险分级: 下级地区的月度风险系数、等级和排名 (当月实时, 往月为留存)',
        querystring: RegionalRiskQuery,
        response: responses(api.regionalRisk.response),
      },
    },
    (req) => regionalRisk(deps, principalOf(req), req.query),
  );
}
