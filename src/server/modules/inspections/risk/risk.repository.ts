/**
 * @module SQL of the risk facts: per mine, the registry's kind, scale, standardization and disaster
 * grade, with its open and overdue hazards, recent alarms and unanswered calls, open leads, changes of
 * 矿长 / 主要负责人 and accidents, counted from the other modules' tables in one query.
 */
import { ilike, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../../platform/db/client.ts';
import { mines } from '../../registry/mine.table.ts';
import { likeText } from '../../registry/registry.scope.ts';

/** A condition on `mines`: its name holds the text (none without a text). */
export function mineNameLike(text: string | undefined): SQL | undefined {
  return text ? ilike(mines.name, likeText(text)) : undefined;
}

/** One mine's facts as the query answers them. */
export interface RiskFactRow {
  id: string;
  name: string;
  county_code: string;
  kind: string;
  scale: string;
  standardization_level: string;
  disaster_grade: string | null;
  open_hazards: number;
  overdue_hazards: number;
  alarms: number;
  unanswered: number;
  open_leads: number;
  management_changes: number;
  accidents: number;
}

/** Since when each fact is counted (ISO timestamps), and today for overdue deadlines. */
export interface RiskFactWindow {
  today: string;
  since90: string;
  since365: string;
  since3y: string;
}

/** The facts of every mine not archived or closed matching `where` (a condition on `mines`), by name. */
export async function mineRiskFacts(db: Db, where: SQL | undefined, w: RiskFactWindow) {
  return queryRows<RiskFactRow>(
    db,
    sql`SELECT mines.id, mines.name, mines.county_code, mines.kind, mines.scale, mines.standardization_level, mines.disaster_grade,
          (SELECT count(*) FROM hazards h WHERE h.mine_id = mines.id AND h.closed_at IS NULL)::int AS open_hazards,
          (SELECT count(*) FROM hazards h WHERE h.mine_id = mines.id AND h.closed_at IS NULL
             AND h.deadline < ${w.today}::date)::int AS overdue_hazards,
          (SELECT count(*) FROM alarms a WHERE a.mine_id = mines.id
             AND a.opened_at >= ${w.since90}::timestamptz)::int AS alarms,
          (SELECT count(*) FROM alarms a WHERE a.mine_id = mines.id AND a.opened_at >= ${w.since90}::timestamptz
             AND a.acknowledged_at IS NULL AND a.call_round > 0)::int AS unanswered,
          (SELECT count(*) FROM leads l WHERE l.mine_id = mines.id AND l.closed_at IS NULL)::int AS open_leads,
          (SELECT count(*) FROM people p WHERE p.mine_id = mines.id
             AND p.roles && ARRAY['矿长', '主要负责人']::text[]
             AND (p.created_at >= ${w.since365}::timestamptz OR p.archived_at >= ${w.since365}::timestamptz))::int
            AS management_changes,
          (SELECT count(*) FROM accidents ac WHERE ac.mine_id = mines.id
             AND ac.occurred_at >= ${w.since3y}::timestamptz)::int AS accidents
        FROM mines
        WHERE mines.archived_at IS NULL AND mines.status <> '关闭' AND ${where ?? sql`TRUE`}
        ORDER BY mines.name, mines.id`,
  );
}
