/**
 * @module The accident's hold on a mine's resumption (issue 24): a mine where an accident with a death
 * happened returns to 生产 (复工复产验收, through the registry) only after that accident's 整改 is accepted —
 * 西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第21条 (发生死亡事故的矿山, 必须停产整顿, 严格组织验收), 《2024年矿山安全生产工作要点》
 * 第35条 (依法责令停产整顿, 严格组织验收). The registry calls this in the resumption's transaction.
 */
import { shanghaiDateTime } from '../../../shared/dates.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode } from '../../platform/errors.ts';
import { fatalAccidentsNotRectified } from './accident.repository.ts';

/** Refuses (409) the resumption of a mine with a fatal accident whose 整改 is not accepted, naming it. */
export async function checkNoAccidentHoldsResumption(db: Db, mineId: string): Promise<void> {
  const open = await fatalAccidentsNotRectified(db, mineId);
  const [first] = open;
  if (!first) {
    return;
  }
  const name = `${shanghaiDateTime(first.occurredAt)} ${first.place} ${first.kind}事故 (死亡 ${first.deaths} 人)`;
  throw new AppError(
    AppErrorCode.Conflict,
    `该矿 ${name} 的整改尚未验收, 不得复工复产 (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》第21条)`,
    open.map((a) => ({
      path: 'accident',
      message: `${shanghaiDateTime(a.occurredAt)} ${a.place} ${a.kind}事故的整改尚未验收`,
      value: a.id,
    })),
  );
}
