/**
 * @module The substation 通信中断 behind a silence (issue 22 §2, FZDY/FZSS → 断网 attribution): for a
 * 断线 of a point the mine's files define, its substation's reported outages within the silence; for a
 * 断网 of the mine, those of every substation with points. Read when asked, so a FZSS file arriving after
 * the alarm (late, resent) explains it the same (event time).
 */
import type { CoalAlarmOutagesResponse } from '../../../shared/coal-upload.schemas.ts';
import type { Principal } from '../../platform/auth/scope.ts';
import { requirePermission, type ServiceDeps } from '../../platform/context.ts';
import { loadVisibleAlarm } from '../monitoring/alarm.service.ts';
import * as devices from './coal-device.repository.ts';
import { explainSilence } from './coal-outage.ts';
import { outageSpans } from './coal-read.service.ts';
import { CoalUploadPermission } from './coal-upload.permissions.ts';

export async function alarmOutages(
  deps: ServiceDeps,
  principal: Principal,
  alarmId: string,
): Promise<CoalAlarmOutagesResponse> {
  requirePermission(principal, CoalUploadPermission.Read);
  const { a: alarm } = await loadVisibleAlarm(deps.db, principal, alarmId);
  const none = { applies: false, explained: false, substations: [], outages: [] };
  if (alarm.kind !== '断线' && alarm.kind !== '断网') {
    return none;
  }
  const own =
    alarm.kind === '断线' && alarm.sensorId
      ? await devices.substationOfSensor(deps.db, alarm.sensorId)
      : undefined;
  const codes =
    alarm.kind === '断线'
      ? own === undefined
        ? []
        : [own]
      : await devices.substationsWithPoints(deps.db, alarm.mineId);
  if (codes.length === 0) {
    return none;
  }
  const from = alarm.triggeredAt;
  const to = alarm.closedAt ?? deps.clock();
  const spans = outageSpans(
    await devices.statesBetween(deps.db, alarm.mineId, 'substation', from, to),
  );
  const r = explainSilence(
    { from: from.getTime(), to: alarm.closedAt?.getTime() ?? null },
    codes,
    [...spans].flatMap(([code, list]) =>
      list.map((s) => ({ code, from: Date.parse(s.from), to: s.to ? Date.parse(s.to) : null })),
    ),
  );
  const defined = await devices.substationsOf(deps.db, alarm.mineId);
  const location = (code: string) => defined.get(code)?.location ?? null;
  return {
    applies: true,
    explained: r.explained,
    substations: codes.map((code) => ({ code, location: location(code) })),
    outages: r.outages.map((o) => ({
      code: o.code,
      location: location(o.code),
      from: new Date(o.from).toISOString(),
      to: o.to === null ? null : new Date(o.to).toISOString(),
    })),
  };
}
