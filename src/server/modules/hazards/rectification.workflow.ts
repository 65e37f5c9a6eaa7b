/**
 * @module The closed loop of a major hazard as a state machine: which action moves which state, and
 * who may take it. 上报 → 治理中 needs the 五落实 (责任、措施、资金、时限、预案; 《2024年矿山安全生产工作要点》第19条; from
 * 安监总局令第16号, UNVERIFIED: see docs/sources.md); 待验收 → 已销号 is a regulator's acceptance; a rejection
 * sends it back to 治理中.
 */
import { HazardState, hazardActions, type HazardAction } from '../../../shared/hazard.enums.ts';
import type { Role } from '../../platform/auth/permissions.ts';
import { AppError, AppErrorCode } from '../../platform/errors.ts';

interface Transition {
  from: HazardState;
  to: HazardState;
  roles: readonly Role[];
}

export const hazardTransitions: Record<HazardAction, Transition> = {
  /** The enterprise (or a regulator on its behalf) fixes the 五落实 plan. */
  plan: {
    from: HazardState.Reported,
    to: HazardState.Rectifying,
    roles: ['enterprise_admin', 'safety_officer', 'regulator_admin'],
  },
  /** The enterprise reports the rectification done, with its evidence. */
  submit: {
    from: HazardState.Rectifying,
    to: HazardState.AwaitingAcceptance,
    roles: ['enterprise_admin', 'safety_officer'],
  },
  /** A regulator of the jurisdiction accepts: 销号. */
  accept: {
    from: HazardState.AwaitingAcceptance,
    to: HazardState.Closed,
    roles: ['regulator_admin', 'inspector'],
  },
  /** A regulator refuses the rectification, with a reason: back to 治理中. */
  reject: {
    from: HazardState.AwaitingAcceptance,
    to: HazardState.Rectifying,
    roles: ['regulator_admin', 'inspector'],
  },
};

/** The actions a role may take on a hazard in a given state. */
export function allowedActions(state: HazardState, role: Role): HazardAction[] {
  return hazardActions.filter(
    (a) => hazardTransitions[a].from === state && hazardTransitions[a].roles.includes(role),
  );
}

/**
 * The state after `action`, or an error: 403 when the role may never take the action, 409 (listing the
 * actions the caller may take now) when the hazard is not in the state the action starts from.
 */
export function nextHazardState(state: HazardState, action: HazardAction, role: Role): HazardState {
  const t = hazardTransitions[action];
  if (!t.roles.includes(role)) {
    throw new AppError(AppErrorCode.Forbidden, `角色 ${role} 不能执行 ${action}`, [
      { path: 'action', message: `允许的角色: ${t.roles.join(', ')}`, value: action },
    ]);
  }
  if (t.from !== state) {
    const allowed = allowedActions(state, role);
    throw new AppError(AppErrorCode.Conflict, `隐患处于 ${state} 状态, 不能执行 ${action}`, [
      {
        path: 'state',
        message: `当前可执行: ${allowed.length ? allowed.join(', ') : '无'}`,
        value: state,
      },
      ...allowed.map((a) => ({ path: 'allowedActions', message: a, value: a })),
    ]);
  }
  return t.to;
}
