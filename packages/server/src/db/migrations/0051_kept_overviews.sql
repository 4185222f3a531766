-- Issue 15: the last two overviews that read more as the subtree grows, kept so that they do not.
--
-- 1. 班子结构 of the township committees (cadres/overview's composition issues). 0037 keeps the issues of
--    the organizations whose pattern is fixed (a secretary only); the townships' and subdistricts' pattern
--    is configured (rules.cadres: secretaries, part-time deputies, members, the share from outside the
--    establishment, and which configured titles count as 委员), so the overview checked each of them live:
--    2,016 township committees at the synthetic province, 106 ms. Each active township or subdistrict
--    committee now keeps one row describing its current posts, a signature the overview judges against
--    whatever the rules are when it reads:
--      cad:ci:tm:<secretaries>:<part-time deputies>:<built-in 委员 posts>:<holders>:<holders from outside>:<custom>
--        day = the month of the oldest holder's birth (0001-01-01 with no holder),
--      cad:ci:td:<the same signature>, day = the oldest holder's birth date (with a holder only),
--    where <custom> lists the posts of configured titles as "title/count" joined by ";" in code-point order
--    (a configured title cannot contain "/" or ";": they separate the rule's fields). The rows sum over a
--    subtree to the count of committees by signature and oldest birth, so the overview reads the month rows
--    and, for the signatures born in the cut-off month, the day rows: as many rows as there are distinct
--    signatures and months, not committees. Written by tj_cadre_org_rows, so the triggers of 0037 (posts,
--    cadres' birth date and establishment, organizations' type and status) refresh them, and the recount and
--    rebuild compute them. The earlier function is chained, not copied.
--
-- 2. 组织活动 by month (org-life/stats/activities: its months and its children's counts). act:count and
--    act:people are kept by the day held; a year read at a province's children was ~9,500 rows, each through
--    the table's per-row scope probe (25 ms). tj_activity_figs now also writes the month's rows, day = the
--    1st: act:mcount, act:mpeople. A period reads its whole months from them and the days at either end
--    from the day rows (figures.ts monthSpan).
ALTER FUNCTION tj_cadre_org_rows(bigint[]) RENAME TO tj_cadre_org_rows_before_0051;
--> statement-breakpoint
CREATE FUNCTION tj_cadre_org_rows(p_orgs bigint[]) RETURNS TABLE (org_id bigint, metric text, day date, value bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT * FROM tj_cadre_org_rows_before_0051(p_orgs)
  UNION ALL
  SELECT o.id, 'cad:ci:t' || x.k || ':' || s.sig, x.day, 1::bigint
    FROM organizations o
   CROSS JOIN LATERAL (
     SELECT count(*) FILTER (WHERE p.title = 'secretary') || ':'
            || count(*) FILTER (WHERE p.title = 'deputy_secretary' AND p.employment <> 'full_time') || ':'
            || count(*) FILTER (WHERE p.title IN ('organization_member', 'propaganda_member', 'member')) || ':'
            || count(DISTINCT p.cadre_id) || ':'
            || count(DISTINCT p.cadre_id) FILTER (WHERE c.establishment = 'outside') || ':'
            || coalesce((SELECT string_agg(t.title || '/' || t.n, ';' ORDER BY t.title COLLATE "C")
                           FROM (SELECT q.title, count(*) AS n FROM cadre_posts q
                                  WHERE q.org_id = o.id AND q.end_on IS NULL
                                    AND q.title NOT IN ('secretary', 'deputy_secretary', 'organization_member', 'propaganda_member', 'member')
                                  GROUP BY q.title) t), '') AS sig,
            min(c.birth_date) AS oldest
       FROM cadre_posts p JOIN cadres c ON c.id = p.cadre_id
      WHERE p.org_id = o.id AND p.end_on IS NULL) s
   CROSS JOIN LATERAL (VALUES ('m', coalesce(date_trunc('month', s.oldest)::date, DATE '0001-01-01')), ('d', s.oldest)) x(k, day)
   WHERE o.id = ANY (p_orgs) AND o.status = 'active' AND o.type IN ('township', 'subdistrict') AND x.day IS NOT NULL
$$;
--> statement-breakpoint
-- Backfill: the committees' own rows, and their change added to org_figures at every ancestor.
SELECT tj_cadre_org_figures_refresh(ARRAY(SELECT id FROM organizations WHERE type IN ('township', 'subdistrict') AND status = 'active'));
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tj_activity_figs(p_held date, p_people int, p_venue bigint) RETURNS tj_fig[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[ROW('act:count', p_held, 1)::tj_fig, ROW('act:people', p_held, p_people)::tj_fig,
               ROW('act:mcount', date_trunc('month', p_held)::date, 1)::tj_fig, ROW('act:mpeople', date_trunc('month', p_held)::date, p_people)::tj_fig]
      || CASE WHEN p_venue IS NOT NULL THEN ARRAY[ROW('act:venue', p_held, 1)::tj_fig] ELSE ARRAY[]::tj_fig[] END
$$;
--> statement-breakpoint
-- Backfill: the month rows of every activity, at its organization and every ancestor.
INSERT INTO org_figures (org_id, metric, day, value)
SELECT a.id, m.metric, m.day, sum(m.value)::bigint
  FROM (SELECT t.org_id, date_trunc('month', t.held_on)::date AS month, count(*) AS n, sum(t.member_count + t.youth_count) AS people
          FROM activities t GROUP BY 1, 2) g
 CROSS JOIN LATERAL (VALUES ('act:mcount', g.month, g.n), ('act:mpeople', g.month, g.people)) m(metric, day, value)
  JOIN organizations o ON o.id = g.org_id
 CROSS JOIN generate_series(1, nlevel(o.path)) i
  JOIN organizations a ON a.path = subpath(o.path, 0, i)
 GROUP BY a.id, m.metric, m.day HAVING sum(m.value) <> 0
ON CONFLICT (org_id, metric, day) DO UPDATE SET value = org_figures.value + EXCLUDED.value;
