/**
 * @module The SQL of the 攻坚清单's indicators (issue 8 §2), for any region subtree and date. Every
 * indicator is one query yielding a row per mine with its share of the numerator (n) and of the
 * denominator (d) and a note, so the same definition gives the figure (Σn / Σd, or the change Σn
 * against Σd), and the drill-down to the mines that hold the figure back. A mine's status on the date
 * comes from its status history (the last change on or before it, else the status it had before its
 * first later change; before its registration it did not exist). What each indicator means, and its
 * source, is in indicator.rules.ts.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  FIVE_POSTS,
  FIVE_POSTS_EDUCATION,
  FIVE_POSTS_YEARS,
} from '../../../shared/compliance.rules.ts';
import type { HoldingBackResponse } from '../../../shared/action-plans.schemas.ts';
import { addDays, shanghaiMidnight } from '../../../shared/dates.ts';
import type { IndicatorKey, MonitoringRequirement } from '../../../shared/targets.settings.ts';
import type { Db } from '../../platform/db/client.ts';
import { queryRows } from '../../platform/db/client.ts';
import {
  indicatorDefinitions,
  MONITORED_HEIGHT_M,
  POND_GRADE_AT_MOST,
  TAILINGS_IDLE_YEARS,
} from './indicator.rules.ts';

/** 非煤矿山 as the plans count them for standardization (西藏《非煤矿山系统安全生产治本攻坚三年行动方案》一、工作目标, 第19条). */
const nonCoal = sql`mines.kind IN ('金属非金属地下矿山', '金属非金属露天矿山', '尾矿库')`;
/**
 * The non-coal *mines* whose number and scale the plans count (大中型非煤矿山占比, 一、工作目标; 小型矿山数量, 第11条):
 * a 尾矿库 is graded by 等别, not by mine scale, and is neither a 大中型 nor a 小型 mine.
 */
const nonCoalMines = sql`mines.kind IN ('金属非金属地下矿山', '金属非金属露天矿山')`;
const underground = sql`mines.kind IN ('煤矿井工', '金属非金属地下矿山')`;
const workings = sql`mines.kind IN ('煤矿井工', '露天煤矿', '金属非金属地下矿山', '金属非金属露天矿山')`;

/**
 * The mine's status on a date, from its history: the last change on or before it; else, when a later
 * change exists, the status before it (none when that change is the registration: the mine was not
 * there yet); else the current status.
 */
function statusOn(date: string): SQL {
  return sql`COALESCE(
    (SELECT s.to_status FROM mine_status_changes s WHERE s.mine_id = mines.id AND s.effective_date <= ${date}::date
      ORDER BY s.effective_date DESC, s.id DESC LIMIT 1),
    CASE WHEN EXISTS (SELECT 1 FROM mine_status_changes s WHERE s.mine_id = mines.id AND s.effective_date > ${date}::date)
      THEN (SELECT s.from_status FROM mine_status_changes s WHERE s.mine_id = mines.id AND s.effective_date > ${date}::date
        ORDER BY s.effective_date ASC, s.id ASC LIMIT 1)
      ELSE mines.status END)`;
}

/** The start of a Beijing calendar day as an instant (a timestamptz parameter). */
export const dayStart = (date: string): SQL =>
  sql`${shanghaiMidnight(date).toISOString()}::timestamptz`;
/** The end of a Beijing calendar day (the next day's start) as an instant. */
export const dayEnd = (date: string): SQL => dayStart(addDays(date, 1));

/**
 * Underground staff of a mine on a date: the highest daily 井下人数 of the 30 days to the date from the
 * mine's series (人员定位 or imports), else its approved underground staffing (核定井下人数).
 */
function staffOn(date: string): SQL {
  return sql`COALESCE((SELECT max(s.value) FROM mine_series s WHERE s.mine_id = mines.id AND s.factor = '井下人数'
      AND s.area = '' AND s.period_start >= ${dayEnd(date)} - interval '30 days' AND s.period_start < ${dayEnd(date)}),
    mines.approved_underground_staff, 0)`;
}

/** The indicators' editable definitions (settings) the SQL is built from. */
export interface IndicatorRules {
  /** What each kind of mine must monitor (plans.monitoringRequirements). */
  monitoring: readonly MonitoringRequirement[];
}

/** What an indicator's rows are built from. */
interface RowsContext {
  scope: SQL;
  date: string;
  baselineEnd: string;
  rules: IndicatorRules;
}

/** Rows per mine: id, name, county_code, n, d, note. */
type Rows = (c: RowsContext) => SQL;

const live = (date: string) =>
  sql`(mines.archived_at IS NULL OR mines.archived_at::date > ${date}::date)`;
const mineCols = sql`mines.id, mines.name, mines.county_code`;

function shareOfProducing(kinds: SQL, test: SQL, note: SQL) {
  return ({ scope, date }: { scope: SQL; date: string }) =>
    sql`SELECT ${mineCols}, (CASE WHEN ${test} THEN 1 ELSE 0 END)::float AS n, 1::float AS d, ${note} AS note
        FROM mines WHERE ${scope} AND ${live(date)} AND ${kinds} AND ${statusOn(date)} = '生产'`;
}

/**
 * The requirement a mine is held to (its kind and, for a pond, its stacking; else the kind-only
 * entry) as SQL giving the names of the groups with no reading in the 24 hours of the date; a mine of a
 * kind with no requirement is held to any reading at all.
 */
function missingGroups(requirements: readonly MonitoringRequirement[], date: string): SQL {
  const reporting = (quantities: readonly string[]) =>
    sql`EXISTS (SELECT 1 FROM monitoring_sensors s JOIN readings r ON r.sensor_no = s.no
          WHERE s.mine_id = mines.id AND s.quantity IN (${sql.join(
            quantities.map((q) => sql`${q}`),
            sql`, `,
          )})
            AND r.ts > ${dayEnd(date)} - interval '24 hours' AND r.ts <= ${dayEnd(date)})`;
  const missing = (r: MonitoringRequirement) =>
    sql`array_remove(ARRAY[${sql.join(
      r.groups.map(
        (g) => sql`CASE WHEN ${reporting(g.quantities)} THEN NULL ELSE ${g.name}::text END`,
      ),
      sql`, `,
    )}], NULL)`;
  // Stacking-specific entries first, so a pond on record as 湿排 meets the 湿排 list.
  const ordered = [...requirements].sort((a, b) => Number(!a.stacking) - Number(!b.stacking));
  const cases = ordered.map((r) =>
    r.stacking
      ? sql`WHEN mines.kind = ${r.kind} AND mines.tailings_stacking = ${r.stacking} THEN ${missing(r)}`
      : sql`WHEN mines.kind = ${r.kind} THEN ${missing(r)}`,
  );
  const anyReading = sql`CASE WHEN EXISTS (SELECT 1 FROM monitoring_sensors s JOIN readings r ON r.sensor_no = s.no
      WHERE s.mine_id = mines.id AND r.ts > ${dayEnd(date)} - interval '24 hours' AND r.ts <= ${dayEnd(date)})
      THEN ARRAY[]::text[] ELSE ARRAY['无任何监测数据']::text[] END`;
  return cases.length ? sql`(CASE ${sql.join(cases, sql` `)} ELSE ${anyReading} END)` : anyReading;
}

/** Whether a dated per-mine fact (机械化, 视频监控, 信息化 since) holds on the date. */
function doneBy(column: SQL, date: string) {
  return sql`${column} IS NOT NULL AND ${column} <= ${date}::date`;
}
const doneNote = (column: SQL, what: string) =>
  sql`CASE WHEN ${column} IS NULL THEN ${'未' + what}::text ELSE ${what + '于 '}::text || ${column}::text END`;

/**
 * Deaths at a mine in the 12 months to the date (n) and in the baseline calendar year (d), Beijing
 * days, from the accident register; mines with no death in either are left out.
 */
const deathRows: Rows = ({ scope, date, baselineEnd }) => {
  const baselineStart = `${baselineEnd.slice(0, 4)}-01-01`;
  const deaths = (from: SQL, to: SQL) =>
    sql`COALESCE((SELECT sum(a.deaths) FROM accidents a WHERE a.mine_id = mines.id
          AND a.occurred_at >= ${from} AND a.occurred_at < ${to}), 0)`;
  return sql`SELECT id, name, county_code, n, d, '近 12 个月 ' || n || ' 人, 基准年 ' || d || ' 人' AS note FROM (
      SELECT ${mineCols},
        ${deaths(sql`${dayEnd(date)} - interval '1 year'`, dayEnd(date))}::float AS n,
        ${deaths(dayStart(baselineStart), dayEnd(baselineEnd))}::float AS d
      FROM mines WHERE ${scope}) x
    WHERE n > 0 OR d > 0`;
};

const rowsOf: Record<IndicatorKey, Rows> = {
  standardization2Plus: shareOfProducing(
    nonCoal,
    sql`mines.standardization_level IN ('一级', '二级')`,
    sql`'标准化' || mines.standardization_level`,
  ),
  standardization3Plus: shareOfProducing(
    nonCoal,
    sql`mines.standardization_level IN ('一级', '二级', '三级')`,
    sql`'标准化' || mines.standardization_level`,
  ),
  largeMediumShare: shareOfProducing(
    nonCoalMines,
    sql`mines.scale IN ('大型', '中型')`,
    sql`mines.scale`,
  ),
  smallMinesChange: ({ scope, date, baselineEnd }) =>
    sql`SELECT ${mineCols},
            (CASE WHEN ${statusOn(date)} <> '关闭' THEN 1 ELSE 0 END)::float AS n,
            (CASE WHEN ${statusOn(baselineEnd)} <> '关闭' THEN 1 ELSE 0 END)::float AS d,
            ${statusOn(date)} AS note
          FROM mines WHERE ${scope} AND ${live(date)} AND ${nonCoalMines} AND mines.scale = '小型'`,
  undergroundStaffChange: ({ scope, date, baselineEnd }) =>
    sql`SELECT id, name, county_code, n, d, '现 ' || n || ' 人, 基准 ' || d || ' 人' AS note FROM (
            SELECT ${mineCols},
              (CASE WHEN ${statusOn(date)} = '生产' THEN ${staffOn(date)} ELSE 0 END)::float AS n,
              (CASE WHEN ${statusOn(baselineEnd)} = '生产' THEN ${staffOn(baselineEnd)} ELSE 0 END)::float AS d
            FROM mines WHERE ${scope} AND ${live(date)} AND ${underground}) x
          WHERE n > 0 OR d > 0`,
  monitoringCoverage: ({ scope, date, rules }) =>
    sql`SELECT id, name, county_code, (CASE WHEN cardinality(missing) = 0 THEN 1 ELSE 0 END)::float AS n,
            1::float AS d,
            CASE WHEN cardinality(missing) = 0 THEN kind ELSE kind || ' 无数据: ' || array_to_string(missing, '、') END AS note
          FROM (SELECT ${mineCols}, mines.kind, ${missingGroups(rules.monitoring, date)} AS missing
          FROM mines WHERE ${scope} AND ${live(date)} AND (
            (${underground} AND ${statusOn(date)} = '生产')
            OR (mines.kind = '尾矿库' AND ${statusOn(date)} <> '关闭')
            OR (mines.kind IN ('露天煤矿', '金属非金属露天矿山') AND mines.slope_height_m >= ${MONITORED_HEIGHT_M} AND ${statusOn(date)} <> '关闭')
            OR (mines.kind = '排土场' AND mines.dump_height_m >= ${MONITORED_HEIGHT_M} AND ${statusOn(date)} <> '关闭'))) x`,
  hazardStockCleared: ({ scope, date }) =>
    sql`SELECT ${mineCols},
            (count(*) FILTER (WHERE h.closed_at IS NOT NULL AND h.closed_at::date <= ${date}::date))::float AS n,
            count(*)::float AS d, '存量 ' || count(*) || ' 项' AS note
          FROM hazards h JOIN mines ON mines.id = h.mine_id
         WHERE ${scope} AND h.found_on < '2024-01-01'::date AND h.found_on <= ${date}::date
         GROUP BY mines.id, mines.name, mines.county_code`,
  // Closed = announced through the 闭库 workflow (modules/pits-ponds: 公告销号 on or before the date; 拉萨 二(六)3
  // 完成闭库治理的尾矿库, 应由县级以上地方政府公告销号), not merely marked 关闭 in the registry.
  tailingsClosure: ({ scope, date }) =>
    sql`SELECT ${mineCols}, (CASE WHEN c.delisted_on <= ${date}::date THEN 1 ELSE 0 END)::float AS n, 1::float AS d,
            '最后排放 ' || mines.tailings_last_discharge || CASE
              WHEN c.id IS NULL THEN '; 未启动闭库'
              WHEN c.delisted_on <= ${date}::date THEN '; 已公告销号 ' || c.delisted_on
              ELSE '; 闭库中, 已完成: ' || COALESCE((SELECT string_agg(s->>'step', '、') FROM jsonb_array_elements(c.steps) s
                WHERE (s->>'on')::date <= ${date}::date), '无') END AS note
          FROM mines LEFT JOIN pond_closures c ON c.mine_id = mines.id
          WHERE ${scope} AND ${live(date)} AND mines.kind = '尾矿库'
            AND mines.tailings_last_discharge < ${date}::date - make_interval(years => ${TAILINGS_IDLE_YEARS})`,
  // 吉林: 地下矿山 as a non-coal province counts them (金属非金属地下矿山).
  undergroundStandardization12: shareOfProducing(
    sql`mines.kind = '金属非金属地下矿山'`,
    sql`mines.standardization_level IN ('一级', '二级')`,
    sql`'标准化' || mines.standardization_level`,
  ),
  mediumPondsStandardization2Plus: shareOfProducing(
    sql`((${nonCoalMines} AND mines.scale IN ('大型', '中型'))
      OR (mines.kind = '尾矿库' AND mines.tailings_grade <= ${POND_GRADE_AT_MOST}))`,
    sql`mines.standardization_level IN ('一级', '二级')`,
    sql`'标准化' || mines.standardization_level`,
  ),
  deathsChange: deathRows,
  mechanizationShare: ({ scope, date }) =>
    shareOfProducing(
      sql`${nonCoalMines} AND mines.scale IN ('大型', '中型')`,
      doneBy(sql`mines.mechanized_on`, date),
      doneNote(sql`mines.mechanized_on`, '机械化'),
    )({ scope, date }),
  videoMonitoringShare: ({ scope, date }) =>
    shareOfProducing(
      nonCoal,
      doneBy(sql`mines.video_monitored_on`, date),
      doneNote(sql`mines.video_monitored_on`, '视频监控'),
    )({ scope, date }),
  informatizationShare: ({ scope, date }) =>
    shareOfProducing(
      nonCoal,
      doneBy(sql`mines.informatized_on`, date),
      doneNote(sql`mines.informatized_on`, '信息化'),
    )({ scope, date }),
  qualificationCompliance: ({ scope, date }) => {
    const active = sql`p.mine_id = mines.id AND (p.archived_at IS NULL OR p.archived_at::date > ${date}::date)`;
    const missingHead = sql`NOT EXISTS (SELECT 1 FROM people p WHERE ${active} AND '主要负责人' = ANY (p.roles))`;
    const unqualifiedPosts = sql`(SELECT string_agg(post, '、' ORDER BY ord) FROM unnest(ARRAY[${sql.join(
      FIVE_POSTS.map((p) => sql`${p}`),
      sql`, `,
    )}]::text[]) WITH ORDINALITY AS f(post, ord)
          WHERE NOT EXISTS (SELECT 1 FROM people p WHERE ${active} AND f.post = ANY (p.roles)
            AND p.education IN (${sql.join(
              FIVE_POSTS_EDUCATION.map((e) => sql`${e}`),
              sql`, `,
            )}) AND p.mining_years >= ${FIVE_POSTS_YEARS}))`;
    const expired = sql`(SELECT count(*) FROM certificates c JOIN people p ON p.id = c.person_id
          WHERE ${active} AND c.expires_on < ${date}::date)`;
    return sql`SELECT id, name, county_code,
            (CASE WHEN NOT head_missing AND posts IS NULL AND expired = 0 THEN 1 ELSE 0 END)::float AS n, 1::float AS d,
            concat_ws('; ', CASE WHEN head_missing THEN '无主要负责人' END,
              CASE WHEN posts IS NOT NULL THEN '五职不合格或缺: ' || posts END,
              CASE WHEN expired > 0 THEN '证书过期 ' || expired || ' 本' END) AS note
          FROM (SELECT ${mineCols}, ${missingHead} AS head_missing,
                  CASE WHEN ${underground} THEN ${unqualifiedPosts} END AS posts, ${expired} AS expired
                FROM mines WHERE ${scope} AND ${live(date)} AND ${workings} AND ${statusOn(date)} = '生产') x`;
  },
  postCardsCoverage: ({ scope, date }) => {
    const complete = sql`c.risk_list_on <= ${date}::date AND c.duty_list_on <= ${date}::date
      AND c.operation_card_on <= ${date}::date AND c.emergency_card_on <= ${date}::date`;
    return sql`SELECT id, name, county_code, done::float AS n, GREATEST(posts, 1)::float AS d,
            CASE WHEN posts = 0 THEN '未登记岗位' ELSE '已编制 ' || done || '/' || posts || ' 个岗位' END AS note
          FROM (SELECT ${mineCols},
                  (SELECT count(*) FROM post_cards c WHERE c.mine_id = mines.id AND c.created_at < ${dayEnd(date)}) AS posts,
                  (SELECT count(*) FROM post_cards c WHERE c.mine_id = mines.id AND ${complete}) AS done
                FROM mines WHERE ${scope} AND ${live(date)} AND ${nonCoal} AND ${statusOn(date)} = '生产') x`;
  },
};

export interface IndicatorScope {
  /** A condition on `mines`: the caller's jurisdiction and region (none: every mine). */
  scope: SQL | undefined;
  /** YYYY-MM-DD. */
  date: string;
  /** The year changes are counted against (its 31 December). */
  baselineYear: number;
}

function context(s: IndicatorScope, rules: IndicatorRules): RowsContext {
  return {
    scope: s.scope ?? sql`TRUE`,
    date: s.date,
    baselineEnd: `${s.baselineYear}-12-31`,
    rules,
  };
}

/** An indicator's numerator and denominator summed over the mines in scope on the date. */
export async function sumIndicator(
  db: Db,
  key: IndicatorKey,
  s: IndicatorScope,
  rules: IndicatorRules,
): Promise<{ n: number; d: number }> {
  const [row] = await queryRows<{ n: number | null; d: number | null }>(
    db,
    sql`SELECT sum(n) AS n, sum(d) AS d FROM (${rowsOf[key](context(s, rules))}) x`,
  );
  return { n: Number(row?.n ?? 0), d: Number(row?.d ?? 0) };
}

/**
 * The mines that hold an indicator back, worst first: for a share, those counted in the denominator
 * and not (fully) in the numerator; for a change, those that still count and did not go down against
 * the baseline.
 */
export async function holdingBackRows(
  db: Db,
  key: IndicatorKey,
  s: IndicatorScope,
  rules: IndicatorRules,
  limit: number,
): Promise<HoldingBackResponse[]> {
  const share = indicatorDefinitions[key].measure === 'share';
  const short = share ? sql`n < d` : sql`n > 0 AND n >= d`;
  const worst = share ? sql`d - n` : sql`n - d`;
  const rows = await queryRows<{
    id: string;
    name: string;
    county_code: string;
    n: number;
    d: number;
    note: string | null;
  }>(
    db,
    sql`SELECT * FROM (${rowsOf[key](context(s, rules))}) x WHERE ${short} ORDER BY ${worst} DESC, name, id LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    mineId: r.id,
    mineName: r.name,
    countyCode: r.county_code,
    numerator: Number(r.n),
    denominator: Number(r.d),
    note: r.note ?? '',
  }));
}
