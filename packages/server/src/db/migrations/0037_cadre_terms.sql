-- Cadre figures kept by organization and day in the same transaction (issue 15: 配备率, 在岗率, structure,
-- terms, training, reserve, liaison coverage), rolled up into org_figures (0031) under metrics "cad:*".
--
-- Counts of distinct cadres over a subtree are not sums of posts (a cadre holding posts in two organizations
-- counts once at their common ancestors). Every cadre keeps own rows in cadre_figures: for each organization
-- v on the paths from its posts' organizations to the root, g(v) = the set of figures the cadre adds to v's
-- subtree (held, on duty, by type/sector, by employment, its attributes, trained in a year, previous term),
-- written at v as g(v) minus g of v's children on those paths. The rows are nonzero only at the posts'
-- organizations and where their paths branch; summed over any subtree they telescope to g(top of the
-- subtree): each cadre counts once, with the figures of the posts inside the subtree only.
--   current posts (end_on null, organization active), key k in {*:*, <type>:*, *:<sector>, <type>:<sector>}:
--     cad:h:<k> held, cad:d:<k> on duty (在岗), cad:e:<employment>, cad:trn (day = 1 January of each year
--     with training attendance, on-duty holders only), and the cadre's attributes: cad:g:<gender>,
--     cad:edu:<education group>, cad:pol:<party|league|other>, cad:est:<establishment>, cad:cs, cad:by (value = year of birth),
--     cad:bm (day = birth month), cad:bd (day = birth date), cad:bday (day = birthday in 2000): ages on any date.
--   previous term (posts held the day before the organization's latest recorded term began):
--     cad:p:h, cad:p:e:<employment>, cad:p:g/edu/pol/est/cs, cad:p:age (day = 0001-01-01 + the age on that day;
--     the earliest such day under the subtree's top, as the live set takes it).
-- Every metric is read by exact name (metric = any(...)), never by a prefix range, so the reads do not
-- depend on the database's collation.
-- Organization figures that are per organization keep own rows in cadre_org_figures (org_id, metric, day):
--   cad:st:<k> should have a secretary (active, staffed type), cad:sf:<k> has one; cad:posts current posts;
--   cad:ho / cad:hop has a holder now / in the previous term; cad:elec elections in progress; cad:tnever,
--   cad:tend (day = end of the latest term) for active elected organizations; trainings held by the
--   organization by start day: cad:tc:<kind> courses, cad:ta:<kind> attendances, cad:th:<kind> hours;
--   active reserve talents: cad:rs:n, cad:rs:bm/bd, cad:rsm:bm/bd (league or party members), cad:rs:party,
--   cad:rs:league, cad:rs:cur (current cadres); composition errors of the organizations with the secretary-only
--   pattern: cad:ci:sec (not exactly one secretary), else cad:ci:obm/obd (the oldest holder's birth month/date);
--   active branches cad:br and their liaison coverage cad:cov
--   (+1 at the start of each covered interval, -1 the day after it ends: covered on a date = sum up to it).
-- Both tables are refreshed by statement triggers for the cadres / organizations a write touches (only the
-- rows that change are written), and the change is added to org_figures at every ancestor in the same call.
-- tj_figures_recount() and tj_figures_rebuild() recompute them from the records (chained onto 0031's, below).

CREATE TABLE "cadre_figures" (
	"cadre_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "cadre_figures_pk" PRIMARY KEY ("cadre_id", "org_id", "metric", "day")
);
--> statement-breakpoint
CREATE TABLE "cadre_org_figures" (
	"org_id" bigint NOT NULL,
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "cadre_org_figures_pk" PRIMARY KEY ("org_id", "metric", "day")
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "reserve_talents_person_idx" ON "reserve_talents" USING btree ("person_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "reserve_talents_org_idx" ON "reserve_talents" USING btree ("org_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cadres_person_idx" ON "cadres" USING btree ("person_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "training_attendance_cadre_idx" ON "training_attendance" USING btree ("cadre_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "trainings_org_idx" ON "trainings" USING btree ("org_id", "start_on");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cadre_posts_org_title_idx" ON "cadre_posts" USING btree ("org_id", "title") WHERE end_on IS NULL;
--> statement-breakpoint
-- Age in whole years on a date, as ageOn (domain people/idcard.ts).
CREATE FUNCTION tj_age_on(p_birth date, p_on date) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT (extract(year FROM p_on) - extract(year FROM p_birth)
          - CASE WHEN (extract(month FROM p_on), extract(day FROM p_on)) < (extract(month FROM p_birth), extract(day FROM p_birth)) THEN 1 ELSE 0 END)::int
$$;
--> statement-breakpoint
CREATE FUNCTION tj_cadre_figure_rows(p_ids bigint[]) RETURNS TABLE (cadre_id bigint, org_id bigint, metric text, day date, value bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH pts AS MATERIALIZED (
    SELECT p.cadre_id, o.path, 'c'::text AS kind, p.on_duty, o.type, o.sector, p.employment, NULL::date AS held_on
      FROM cadre_posts p JOIN organizations o ON o.id = p.org_id
     WHERE p.cadre_id = ANY (p_ids) AND p.end_on IS NULL AND o.status = 'active'
    UNION ALL
    SELECT p.cadre_id, o.path, 'p', p.on_duty, o.type, o.sector, p.employment, ct.started_on - 1
      FROM cadre_posts p JOIN organizations o ON o.id = p.org_id
      JOIN LATERAL (SELECT max(t.started_on) AS started_on FROM committee_terms t WHERE t.org_id = p.org_id) ct ON ct.started_on IS NOT NULL
     WHERE p.cadre_id = ANY (p_ids) AND o.status = 'active' AND p.start_on < ct.started_on AND (p.end_on IS NULL OR p.end_on >= ct.started_on)),
  yrs AS (SELECT DISTINCT a.cadre_id, make_date(extract(year FROM t.start_on)::int, 1, 1) AS d
            FROM training_attendance a JOIN trainings t ON t.id = a.training_id WHERE a.cadre_id = ANY (p_ids)),
  pm AS (
    SELECT x.cadre_id, x.path, m.metric, m.day, m.value
      FROM pts x JOIN cadres c ON c.id = x.cadre_id
     CROSS JOIN LATERAL (
       SELECT 'cad:h:' || k AS metric, DATE '0001-01-01' AS day, 1::bigint AS value
         FROM unnest(ARRAY['*:*', x.type || ':*', '*:' || x.sector, x.type || ':' || x.sector]) k WHERE x.kind = 'c'
       UNION ALL SELECT 'cad:d:' || k, DATE '0001-01-01', 1
         FROM unnest(ARRAY['*:*', x.type || ':*', '*:' || x.sector, x.type || ':' || x.sector]) k WHERE x.kind = 'c' AND x.on_duty
       UNION ALL SELECT 'cad:trn', y.d, 1 FROM yrs y WHERE y.cadre_id = x.cadre_id AND x.kind = 'c' AND x.on_duty
       UNION ALL SELECT 'cad:by', DATE '0001-01-01', extract(year FROM c.birth_date)::bigint WHERE x.kind = 'c'
       UNION ALL SELECT 'cad:bm', date_trunc('month', c.birth_date)::date, 1 WHERE x.kind = 'c'
       UNION ALL SELECT 'cad:bd', c.birth_date, 1 WHERE x.kind = 'c'
       UNION ALL SELECT 'cad:bday', make_date(2000, extract(month FROM c.birth_date)::int, extract(day FROM c.birth_date)::int), 1 WHERE x.kind = 'c'
       UNION ALL SELECT CASE x.kind WHEN 'c' THEN 'cad:' ELSE 'cad:p:' END || a, DATE '0001-01-01', 1
         FROM unnest(ARRAY['e:' || x.employment, 'g:' || c.gender, 'est:' || c.establishment,
                           -- educationGroupOf and politicalGroupOf (domain cadres/structure.ts)
                           'edu:' || CASE WHEN coalesce(c.education, '') = '' THEN 'unknown' WHEN c.education = '10' THEN 'postgraduate'
                                          WHEN c.education = '20' THEN 'bachelor' WHEN c.education = '30' THEN 'college' ELSE 'below_college' END,
                           'pol:' || CASE WHEN c.political_status IN ('01', '02') THEN 'party' WHEN c.political_status = '03' THEN 'league' ELSE 'other' END]
                     || CASE WHEN c.civil_servant THEN ARRAY['cs'] ELSE ARRAY[]::text[] END
                     || CASE WHEN x.kind = 'p' THEN ARRAY['h'] ELSE ARRAY[]::text[] END) a) m),
  items AS (
    SELECT pm.cadre_id, a.id AS org_id, a.parent_id, pm.metric, pm.day, pm.value
      FROM pm CROSS JOIN generate_series(1, nlevel(pm.path)) i JOIN organizations a ON a.path = subpath(pm.path, 0, i)
    UNION
    SELECT x.cadre_id, a.id, a.parent_id, 'cad:p:age', DATE '0001-01-01' + tj_age_on(c.birth_date, min(x.held_on)), 1
      FROM pts x JOIN cadres c ON c.id = x.cadre_id
     CROSS JOIN generate_series(1, nlevel(x.path)) i JOIN organizations a ON a.path = subpath(x.path, 0, i)
     WHERE x.kind = 'p'
     GROUP BY x.cadre_id, a.id, a.parent_id, c.birth_date)
  SELECT w.cadre_id, w.org_id, w.metric, w.day, sum(w.v)::bigint FROM (
    SELECT s.cadre_id, s.org_id, s.metric, s.day, s.value AS v FROM items s
    UNION ALL
    SELECT s.cadre_id, s.parent_id, s.metric, s.day, -s.value FROM items s WHERE s.parent_id IS NOT NULL) w
   GROUP BY w.cadre_id, w.org_id, w.metric, w.day HAVING sum(w.v) <> 0;
END
$$;
--> statement-breakpoint
CREATE FUNCTION tj_cadre_org_rows(p_orgs bigint[]) RETURNS TABLE (org_id bigint, metric text, day date, value bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH o AS MATERIALIZED (SELECT * FROM organizations WHERE id = ANY (p_orgs)),
  iv AS (SELECT l.target_org_id AS org, l.since AS s, coalesce(l.until, 'infinity'::date) AS e
           FROM liaisons l JOIN o b ON b.id = l.target_org_id
          WHERE b.status = 'active' AND b.type IN ('branch', 'joint_branch') AND (l.until IS NULL OR l.until >= l.since)),
  ivm AS (SELECT iv.*, max(iv.e) OVER (PARTITION BY iv.org ORDER BY iv.s, iv.e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev FROM iv),
  ivg AS (SELECT ivm.*, sum(CASE WHEN ivm.prev IS NULL OR ivm.s > ivm.prev + 1 THEN 1 ELSE 0 END) OVER (PARTITION BY ivm.org ORDER BY ivm.s, ivm.e ROWS UNBOUNDED PRECEDING) AS grp FROM ivm),
  isl AS (SELECT ivg.org, min(ivg.s) AS s, max(ivg.e) AS e FROM ivg GROUP BY ivg.org, ivg.grp),
  r AS (
    SELECT o.id AS org_id, 'cad:st:' || k AS metric, DATE '0001-01-01' AS day, 1::bigint AS value
      FROM o, unnest(ARRAY['*:*', o.type || ':*', '*:' || o.sector, o.type || ':' || o.sector]) k
     WHERE o.status = 'active' AND o.type IN ('central', 'provincial', 'city', 'county', 'township', 'subdistrict', 'unit_committee', 'general_branch', 'branch', 'joint_branch')
    UNION ALL
    SELECT o.id, 'cad:sf:' || k, DATE '0001-01-01', 1
      FROM o, unnest(ARRAY['*:*', o.type || ':*', '*:' || o.sector, o.type || ':' || o.sector]) k
     WHERE o.status = 'active' AND o.type IN ('central', 'provincial', 'city', 'county', 'township', 'subdistrict', 'unit_committee', 'general_branch', 'branch', 'joint_branch')
       AND EXISTS (SELECT 1 FROM cadre_posts p WHERE p.org_id = o.id AND p.title = 'secretary' AND p.end_on IS NULL)
    UNION ALL
    SELECT o.id, 'cad:posts', DATE '0001-01-01', count(*) FROM o JOIN cadre_posts p ON p.org_id = o.id AND p.end_on IS NULL WHERE o.status = 'active' GROUP BY o.id
    UNION ALL
    SELECT o.id, 'cad:ho', DATE '0001-01-01', 1 FROM o
     WHERE o.status = 'active' AND EXISTS (SELECT 1 FROM cadre_posts p WHERE p.org_id = o.id AND p.end_on IS NULL)
    UNION ALL
    SELECT o.id, 'cad:hop', DATE '0001-01-01', 1 FROM o
      JOIN LATERAL (SELECT max(t.started_on) AS started_on FROM committee_terms t WHERE t.org_id = o.id) ct ON ct.started_on IS NOT NULL
     WHERE o.status = 'active'
       AND EXISTS (SELECT 1 FROM cadre_posts p WHERE p.org_id = o.id AND p.start_on < ct.started_on AND (p.end_on IS NULL OR p.end_on >= ct.started_on))
    UNION ALL
    SELECT e.org_id, 'cad:elec', DATE '0001-01-01', count(*) FROM elections e WHERE e.org_id = ANY (p_orgs) AND e.status = 'in_progress' GROUP BY e.org_id
    UNION ALL
    SELECT o.id, CASE WHEN t.started_on IS NULL THEN 'cad:tnever' ELSE 'cad:tend' END,
           coalesce((t.started_on + make_interval(years => t.length_years))::date, DATE '0001-01-01'), 1
      FROM o LEFT JOIN LATERAL (SELECT ct.started_on, ct.length_years FROM committee_terms ct WHERE ct.org_id = o.id ORDER BY ct.started_on DESC, ct.id DESC LIMIT 1) t ON true
     WHERE o.status = 'active' AND o.type IN ('county', 'township', 'subdistrict', 'unit_committee', 'general_branch', 'branch', 'joint_branch')
    UNION ALL
    SELECT t.org_id, 'cad:tc:' || t.kind, t.start_on, count(*) FROM trainings t WHERE t.org_id = ANY (p_orgs) GROUP BY t.org_id, t.kind, t.start_on
    UNION ALL
    SELECT t.org_id, 'cad:ta:' || t.kind, t.start_on, count(*) FROM trainings t JOIN training_attendance a ON a.training_id = t.id
     WHERE t.org_id = ANY (p_orgs) GROUP BY t.org_id, t.kind, t.start_on
    UNION ALL
    SELECT t.org_id, 'cad:th:' || t.kind, t.start_on, sum(a.hours) FROM trainings t JOIN training_attendance a ON a.training_id = t.id
     WHERE t.org_id = ANY (p_orgs) GROUP BY t.org_id, t.kind, t.start_on
    UNION ALL
    SELECT r.org_id, m.metric, m.day, 1 FROM reserve_talents r JOIN people p ON p.id = r.person_id
     CROSS JOIN LATERAL (SELECT p.member_status = 'active' OR p.political_status IN ('01', '02', '03') AS member,
                                p.political_status IN ('01', '02') AS party,
                                EXISTS (SELECT 1 FROM cadres c JOIN cadre_posts cp ON cp.cadre_id = c.id WHERE c.person_id = r.person_id AND cp.end_on IS NULL) AS cur) f
     CROSS JOIN LATERAL (
       SELECT 'cad:rs:n' AS metric, DATE '0001-01-01' AS day
       UNION ALL SELECT 'cad:rs:bm', date_trunc('month', p.birth_date)::date
       UNION ALL SELECT 'cad:rs:bd', p.birth_date
       UNION ALL SELECT 'cad:rsm:bm', date_trunc('month', p.birth_date)::date WHERE f.member
       UNION ALL SELECT 'cad:rsm:bd', p.birth_date WHERE f.member
       UNION ALL SELECT 'cad:rs:party', DATE '0001-01-01' WHERE f.party
       UNION ALL SELECT 'cad:rs:league', DATE '0001-01-01' WHERE f.member AND NOT f.party
       UNION ALL SELECT 'cad:rs:cur', DATE '0001-01-01' WHERE f.cur) m
     WHERE r.org_id = ANY (p_orgs) AND r.status = 'active'
    UNION ALL
    -- Composition errors of organizations with the secretary-only pattern (every staffed type but township and
    -- subdistrict, whose pattern is configured): not exactly one secretary, or else the oldest holder's birth
    -- date (an error once older than rules.ages.cadreMaxSpecial).
    SELECT o.id, CASE WHEN s.n <> 1 THEN 'cad:ci:sec' ELSE m.metric END, CASE WHEN s.n <> 1 THEN DATE '0001-01-01' ELSE m.day END, 1
      FROM o CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE p.title = 'secretary') AS n, min(c.birth_date) AS oldest
                                   FROM cadre_posts p JOIN cadres c ON c.id = p.cadre_id WHERE p.org_id = o.id AND p.end_on IS NULL) s
      CROSS JOIN LATERAL (VALUES ('cad:ci:obm', date_trunc('month', s.oldest)::date), ('cad:ci:obd', s.oldest)) m(metric, day)
     WHERE o.status = 'active' AND o.type IN ('central', 'provincial', 'city', 'county', 'unit_committee', 'general_branch', 'branch', 'joint_branch')
       AND (s.n <> 1 AND m.metric = 'cad:ci:obm' OR s.n = 1)
    UNION ALL
    SELECT o.id, 'cad:br', DATE '0001-01-01', 1 FROM o WHERE o.status = 'active' AND o.type IN ('branch', 'joint_branch')
    UNION ALL
    SELECT isl.org, 'cad:cov', isl.s, 1 FROM isl
    UNION ALL
    SELECT isl.org, 'cad:cov', isl.e + 1, -1 FROM isl WHERE isl.e <> 'infinity'::date)
  SELECT r.org_id, r.metric, r.day, sum(r.value)::bigint FROM r GROUP BY r.org_id, r.metric, r.day HAVING sum(r.value) <> 0;
END
$$;
--> statement-breakpoint
-- The change of own rows (organization, metric, day, new value, old value; null: none) added to org_figures at the
-- organization and every ancestor: static SQL, so its plan is kept (the generic tj_figure_trigger plans a
-- dynamic statement at every call, which cost more than the figures themselves on single-row writes).
CREATE FUNCTION tj_cadre_figures_rollup(g bigint[], m text[], d date[], nv bigint[], ov bigint[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO org_figures (org_id, metric, day, value)
  SELECT a.id, x.m, x.d, sum(coalesce(x.nv, 0) - coalesce(x.ov, 0))
    FROM unnest(g, m, d, nv, ov) x(g, m, d, nv, ov)
    JOIN organizations o ON o.id = x.g
   CROSS JOIN generate_series(1, nlevel(o.path)) i
    JOIN organizations a ON a.path = subpath(o.path, 0, i)
   GROUP BY a.id, x.m, x.d HAVING sum(coalesce(x.nv, 0) - coalesce(x.ov, 0)) <> 0
  ON CONFLICT (org_id, metric, day) DO UPDATE SET value = org_figures.value + EXCLUDED.value;
END
$$;
--> statement-breakpoint
-- Own rows brought up to date for the given cadres / organizations: the difference with the stored rows is
-- computed once, and only the statements that have rows to write are run (each fires the rollup trigger,
-- whose cost is per statement: most writes change nothing here, or only add).
CREATE FUNCTION tj_cadre_figures_refresh(p_ids bigint[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  c bigint[]; g bigint[]; m text[]; d date[]; nv bigint[]; ov bigint[];
BEGIN
  SELECT array_agg(coalesce(n.cadre_id, o.cadre_id)), array_agg(coalesce(n.org_id, o.org_id)), array_agg(coalesce(n.metric, o.metric)),
         array_agg(coalesce(n.day, o.day)), array_agg(n.value), array_agg(o.value)
    INTO c, g, m, d, nv, ov
    FROM tj_cadre_figure_rows(p_ids) n
    FULL JOIN (SELECT * FROM cadre_figures WHERE cadre_id = ANY (p_ids)) o
      ON o.cadre_id = n.cadre_id AND o.org_id = n.org_id AND o.metric = n.metric AND o.day = n.day
   WHERE n.value IS DISTINCT FROM o.value;
  IF c IS NULL THEN
    RETURN;
  END IF;
  IF array_position(nv, NULL) IS NOT NULL THEN
    DELETE FROM cadre_figures f USING unnest(c, g, m, d, nv) x(c, g, m, d, nv)
     WHERE x.nv IS NULL AND f.cadre_id = x.c AND f.org_id = x.g AND f.metric = x.m AND f.day = x.d;
  END IF;
  IF array_position(ov, NULL) IS NOT NULL THEN
    INSERT INTO cadre_figures (cadre_id, org_id, metric, day, value) SELECT x.c, x.g, x.m, x.d, x.nv FROM unnest(c, g, m, d, nv, ov) x(c, g, m, d, nv, ov) WHERE x.ov IS NULL;
  END IF;
  IF EXISTS (SELECT 1 FROM unnest(nv, ov) x(nv, ov) WHERE x.nv IS NOT NULL AND x.ov IS NOT NULL) THEN
    UPDATE cadre_figures f SET value = x.nv FROM unnest(c, g, m, d, nv, ov) x(c, g, m, d, nv, ov)
     WHERE x.nv IS NOT NULL AND x.ov IS NOT NULL AND f.cadre_id = x.c AND f.org_id = x.g AND f.metric = x.m AND f.day = x.d;
  END IF;
  PERFORM tj_cadre_figures_rollup(g, m, d, nv, ov);
END
$$;
--> statement-breakpoint
CREATE FUNCTION tj_cadre_org_figures_refresh(p_orgs bigint[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  g bigint[]; m text[]; d date[]; nv bigint[]; ov bigint[];
BEGIN
  SELECT array_agg(coalesce(n.org_id, o.org_id)), array_agg(coalesce(n.metric, o.metric)), array_agg(coalesce(n.day, o.day)), array_agg(n.value), array_agg(o.value)
    INTO g, m, d, nv, ov
    FROM tj_cadre_org_rows(p_orgs) n
    FULL JOIN (SELECT * FROM cadre_org_figures WHERE org_id = ANY (p_orgs)) o
      ON o.org_id = n.org_id AND o.metric = n.metric AND o.day = n.day
   WHERE n.value IS DISTINCT FROM o.value;
  IF g IS NULL THEN
    RETURN;
  END IF;
  IF array_position(nv, NULL) IS NOT NULL THEN
    DELETE FROM cadre_org_figures f USING unnest(g, m, d, nv) x(g, m, d, nv)
     WHERE x.nv IS NULL AND f.org_id = x.g AND f.metric = x.m AND f.day = x.d;
  END IF;
  IF array_position(ov, NULL) IS NOT NULL THEN
    INSERT INTO cadre_org_figures (org_id, metric, day, value) SELECT x.g, x.m, x.d, x.nv FROM unnest(g, m, d, nv, ov) x(g, m, d, nv, ov) WHERE x.ov IS NULL;
  END IF;
  IF EXISTS (SELECT 1 FROM unnest(nv, ov) x(nv, ov) WHERE x.nv IS NOT NULL AND x.ov IS NOT NULL) THEN
    UPDATE cadre_org_figures f SET value = x.nv FROM unnest(g, m, d, nv, ov) x(g, m, d, nv, ov)
     WHERE x.nv IS NOT NULL AND x.ov IS NOT NULL AND f.org_id = x.g AND f.metric = x.m AND f.day = x.d;
  END IF;
  PERFORM tj_cadre_figures_rollup(g, m, d, nv, ov);
END
$$;
--> statement-breakpoint
-- TG_ARGV[0]: the columns whose change matters on UPDATE; [1]: a query over the changed rows "x" giving the
-- cadres to refresh ('' for none); [2]: the same for the organizations.
CREATE FUNCTION tj_cadre_figures_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  ncols text := (SELECT string_agg('n.' || trim(c), ', ') FROM unnest(string_to_array(TG_ARGV[0], ',')) c);
  ocols text := (SELECT string_agg('o.' || trim(c), ', ') FROM unnest(string_to_array(TG_ARGV[0], ',')) c);
  x text;
  cids bigint[];
  oids bigint[];
BEGIN
  x := CASE TG_OP WHEN 'INSERT' THEN 'SELECT * FROM new_rows' WHEN 'DELETE' THEN 'SELECT * FROM old_rows'
       ELSE format('SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (%1$s) IS DISTINCT FROM (%2$s)
                    UNION ALL SELECT o.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (%1$s) IS DISTINCT FROM (%2$s)', ncols, ocols) END;
  EXECUTE format('WITH x AS MATERIALIZED (%s) SELECT (SELECT array_agg(DISTINCT c) FROM (%s) y(c) WHERE c IS NOT NULL),
                                                      (SELECT array_agg(DISTINCT c) FROM (%s) z(c) WHERE c IS NOT NULL)',
                 x, coalesce(nullif(TG_ARGV[1], ''), 'SELECT NULL::bigint'), coalesce(nullif(TG_ARGV[2], ''), 'SELECT NULL::bigint'))
     INTO cids, oids;
  IF cids IS NOT NULL THEN
    PERFORM tj_cadre_figures_refresh(cids);
  END IF;
  IF oids IS NOT NULL THEN
    PERFORM tj_cadre_org_figures_refresh(oids);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The recount's part for these figures: recomputed from the records, not read from the own tables.
CREATE FUNCTION tj_cadre_recount_rows() RETURNS TABLE (org_id bigint, metric text, day date, value bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT f.org_id, f.metric, f.day, f.value FROM tj_cadre_figure_rows(ARRAY(SELECT DISTINCT p.cadre_id FROM cadre_posts p)) f
  UNION ALL
  SELECT f.org_id, f.metric, f.day, f.value FROM tj_cadre_org_rows(ARRAY(SELECT id FROM organizations)) f
$$;
--> statement-breakpoint
CREATE FUNCTION tj_cadre_rebuild_own_rows() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM cadre_figures;
  DELETE FROM cadre_org_figures;
  INSERT INTO cadre_figures SELECT * FROM tj_cadre_figure_rows(ARRAY(SELECT DISTINCT p.cadre_id FROM cadre_posts p));
  INSERT INTO cadre_org_figures SELECT * FROM tj_cadre_org_rows(ARRAY(SELECT id FROM organizations));
END
$$;
--> statement-breakpoint
-- tj_figures_recount() and tj_figures_rebuild() are chained, not copied (as 0038 and 0041 do): the functions as
-- they are when this runs (0031's) are renamed *_before_0037 and called by the new ones.
ALTER FUNCTION tj_figures_recount() RENAME TO tj_figures_recount_before_0037;
--> statement-breakpoint
CREATE FUNCTION tj_figures_recount() RETURNS TABLE (org_id bigint, metric text, day date, value bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT * FROM tj_figures_recount_before_0037()
  UNION ALL
  SELECT a.id, d.metric, d.day, sum(d.value)::bigint FROM tj_cadre_recount_rows() d
    JOIN organizations x ON x.id = d.org_id
    JOIN organizations a ON a.path @> x.path
   GROUP BY a.id, d.metric, d.day HAVING sum(d.value) <> 0;
END
$$;
--> statement-breakpoint
ALTER FUNCTION tj_figures_rebuild() RENAME TO tj_figures_rebuild_before_0037;
--> statement-breakpoint
-- The own rows first (their rollup into org_figures is left to the recount), then the earlier rebuild, which
-- replaces org_figures by tj_figures_recount() (the whole chain, resolved by name when it runs).
CREATE FUNCTION tj_figures_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM tj_cadre_rebuild_own_rows();
  PERFORM tj_figures_rebuild_before_0037();
END
$$;
--> statement-breakpoint
-- The own rows' rollup triggers (0031's generic trigger), created and then disabled: the refresh functions add
-- their changes to org_figures themselves (tj_cadre_figures_rollup). They stay declared so that what reads the
-- figure sources from pg_trigger (the bench's set-based rebuild, bench/synthetic-year.ts) finds these tables;
-- tj_figures_rebuild() replaces org_figures by the recount, which computes these rows from the records.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['cadre_figures', 'cadre_org_figures'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_figure_trigger(%L, %L)',
                   t || '_figures_ins', t, 'org_id', 'ARRAY[ROW(r.metric, r.day, r.value)::tj_fig]');
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_figure_trigger(%L, %L)',
                   t || '_figures_upd', t, 'org_id', 'ARRAY[ROW(r.metric, r.day, r.value)::tj_fig]');
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_figure_trigger(%L, %L)',
                   t || '_figures_del', t, 'org_id', 'ARRAY[ROW(r.metric, r.day, r.value)::tj_fig]');
    EXECUTE format('ALTER TABLE %I DISABLE TRIGGER %I, DISABLE TRIGGER %I, DISABLE TRIGGER %I', t, t || '_figures_ins', t || '_figures_upd', t || '_figures_del');
  END LOOP;
END $$;
--> statement-breakpoint
-- The writes that change them: table, columns whose change matters, cadres to refresh, organizations to refresh.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('cadre_posts', 'cadre_id, org_id, title, employment, start_on, end_on, on_duty',
     'SELECT cadre_id FROM x',
     'SELECT org_id FROM x UNION ALL SELECT r.org_id FROM reserve_talents r JOIN cadres c ON c.person_id = r.person_id WHERE c.id IN (SELECT cadre_id FROM x)'),
    ('cadres', 'birth_date, gender, education, political_status, establishment, civil_servant, person_id',
     'SELECT id FROM x',
     'SELECT r.org_id FROM reserve_talents r WHERE r.person_id IN (SELECT person_id FROM x)
      UNION ALL SELECT p.org_id FROM cadre_posts p WHERE p.cadre_id IN (SELECT id FROM x) AND p.end_on IS NULL'),
    ('organizations', 'status, type, sector, path',
     'SELECT p.cadre_id FROM cadre_posts p JOIN organizations po ON po.id = p.org_id JOIN x ON po.path <@ x.path',
     'SELECT id FROM x'),
    ('committee_terms', 'org_id, started_on, length_years',
     'SELECT p.cadre_id FROM cadre_posts p WHERE p.org_id IN (SELECT org_id FROM x)',
     'SELECT org_id FROM x'),
    ('elections', 'org_id, status', '', 'SELECT org_id FROM x'),
    ('trainings', 'org_id, kind, start_on',
     'SELECT a.cadre_id FROM training_attendance a WHERE a.training_id IN (SELECT id FROM x)',
     'SELECT org_id FROM x'),
    ('training_attendance', 'training_id, cadre_id, hours',
     'SELECT cadre_id FROM x',
     'SELECT t.org_id FROM trainings t WHERE t.id IN (SELECT training_id FROM x)'),
    ('reserve_talents', 'org_id, person_id, status', '', 'SELECT org_id FROM x'),
    ('liaisons', 'target_org_id, since, until', '', 'SELECT target_org_id FROM x')) AS v(tbl, cols, cad, org) LOOP
    -- A new cadre has no post yet: inserting cadres changes no figure.
    IF t.tbl <> 'cadres' THEN
      EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_cadre_figures_trigger(%L, %L, %L)',
                     t.tbl || '_cadre_figures_ins', t.tbl, t.cols, t.cad, t.org);
    END IF;
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_cadre_figures_trigger(%L, %L, %L)',
                   t.tbl || '_cadre_figures_upd', t.tbl, t.cols, t.cad, t.org);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tj_cadre_figures_trigger(%L, %L, %L)',
                   t.tbl || '_cadre_figures_del', t.tbl, t.cols, t.cad, t.org);
  END LOOP;
END $$;
--> statement-breakpoint
-- People: only the reserve talents' organizations, when birth date, political status or member status change.
CREATE TRIGGER people_cadre_figures_upd AFTER UPDATE ON people REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tj_cadre_figures_trigger('birth_date, political_status, member_status', '',
    'SELECT r.org_id FROM reserve_talents r WHERE r.person_id IN (SELECT id FROM x)');
--> statement-breakpoint
-- Backfill on an existing database: the own rows from the records, added to org_figures.
SELECT tj_cadre_rebuild_own_rows();
--> statement-breakpoint
SELECT tj_cadre_figures_rollup(array_agg(org_id), array_agg(metric), array_agg(day), array_agg(value), array_agg(NULL::bigint))
  FROM (SELECT org_id, metric, day, sum(value)::bigint AS value
          FROM (SELECT org_id, metric, day, value FROM cadre_figures UNION ALL SELECT org_id, metric, day, value FROM cadre_org_figures) u
         GROUP BY 1, 2, 3) z;
