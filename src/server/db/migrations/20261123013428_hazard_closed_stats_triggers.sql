-- hazard_closed_stats keeps, per county, the counts of 已销号 hazards along each dimension of the
-- dynamic analysis. Triggers keep it exact in the same transaction as the change: a hazard entering
-- or leaving 已销号 (or a closed one edited or deleted), and a mine changing county or kind.
-- hazard_closed_stats_rebuild() recomputes it from scratch (used below and after bulk loads).
-- The open working set, covered: the analysis and the open counts read it index-only.
CREATE INDEX hazards_open_cover_idx ON hazards (found_on, id)
  INCLUDE (mine_id, criterion_id, state, source, deadline, supervised)
  WHERE state <> '已销号';
--> statement-breakpoint
-- A 销号 hazard always has its closing time (the analysis counts it by closing month).
ALTER TABLE hazards ADD CONSTRAINT hazards_closed_at_check CHECK (state <> '已销号' OR closed_at IS NOT NULL);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hazard_closed_stats_add(
  p_county text, p_kind text, p_source text, p_part text, p_category text,
  p_found date, p_closed timestamptz, p_delta integer
) RETURNS void AS $$
DECLARE
  cm text := to_char((p_closed AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM');
BEGIN
  INSERT INTO hazard_closed_stats AS s (county_code, dim, key, part, closed) VALUES
    (p_county, 'kind', p_kind, '', p_delta),
    (p_county, 'source', p_source, '', p_delta),
    (p_county, 'category', p_category, p_part, p_delta),
    (p_county, 'foundMonth', to_char(p_found, 'YYYY-MM'), '', p_delta),
    (p_county, 'closedMonth', cm, '', p_delta),
    (p_county, 'foundYearClosedMonth', to_char(p_found, 'YYYY') || '|' || cm, '', p_delta)
  ON CONFLICT (county_code, dim, key, part) DO UPDATE SET closed = s.closed + EXCLUDED.closed;
  IF p_delta < 0 THEN
    DELETE FROM hazard_closed_stats WHERE county_code = p_county AND closed = 0;
  END IF;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hazards_closed_stats_trigger() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.state = '已销号' THEN
    PERFORM hazard_closed_stats_add(m.county_code, m.kind, OLD.source, c.part,
      COALESCE(c.parent_code, c.code), OLD.found_on, OLD.closed_at, -1)
    FROM mines m, hazard_criteria c WHERE m.id = OLD.mine_id AND c.id = OLD.criterion_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.state = '已销号' THEN
    PERFORM hazard_closed_stats_add(m.county_code, m.kind, NEW.source, c.part,
      COALESCE(c.parent_code, c.code), NEW.found_on, NEW.closed_at, 1)
    FROM mines m, hazard_criteria c WHERE m.id = NEW.mine_id AND c.id = NEW.criterion_id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER hazards_closed_stats
  AFTER INSERT OR UPDATE OR DELETE ON hazards
  FOR EACH ROW EXECUTE FUNCTION hazards_closed_stats_trigger();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION mines_closed_stats_trigger() RETURNS trigger AS $$
BEGIN
  PERFORM hazard_closed_stats_add(OLD.county_code, OLD.kind, h.source, c.part,
      COALESCE(c.parent_code, c.code), h.found_on, h.closed_at, -1),
    hazard_closed_stats_add(NEW.county_code, NEW.kind, h.source, c.part,
      COALESCE(c.parent_code, c.code), h.found_on, h.closed_at, 1)
  FROM hazards h JOIN hazard_criteria c ON c.id = h.criterion_id
  WHERE h.mine_id = NEW.id AND h.state = '已销号';
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER mines_closed_stats
  AFTER UPDATE OF county_code, kind ON mines
  FOR EACH ROW
  WHEN (OLD.county_code IS DISTINCT FROM NEW.county_code OR OLD.kind IS DISTINCT FROM NEW.kind)
  EXECUTE FUNCTION mines_closed_stats_trigger();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hazard_closed_stats_rebuild() RETURNS void AS $$
BEGIN
  DELETE FROM hazard_closed_stats;
  INSERT INTO hazard_closed_stats (county_code, dim, key, part, closed)
  SELECT county_code,
    CASE WHEN GROUPING(kind) = 0 THEN 'kind' WHEN GROUPING(source) = 0 THEN 'source'
      WHEN GROUPING(category) = 0 THEN 'category' WHEN GROUPING(found_month) = 0 THEN 'foundMonth'
      WHEN GROUPING(closed_month) = 0 THEN 'closedMonth' ELSE 'foundYearClosedMonth' END,
    COALESCE(kind, source, category, found_month, closed_month, fy_cm),
    COALESCE(part, ''), count(*)::int
  FROM (
    SELECT m.county_code, m.kind, h.source, c.part, COALESCE(c.parent_code, c.code) AS category,
      to_char(h.found_on, 'YYYY-MM') AS found_month,
      to_char((h.closed_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM') AS closed_month,
      to_char(h.found_on, 'YYYY') || '|' || to_char((h.closed_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM') AS fy_cm
    FROM hazards h JOIN mines m ON m.id = h.mine_id JOIN hazard_criteria c ON c.id = h.criterion_id
    WHERE h.state = '已销号'
  ) t
  GROUP BY GROUPING SETS ((county_code, kind), (county_code, source), (county_code, part, category),
    (county_code, found_month), (county_code, closed_month), (county_code, fy_cm));
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
SELECT hazard_closed_stats_rebuild();
