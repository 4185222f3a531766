-- The income share read once per statement, not once per member (issue 15: the kept figures rebuilt at a
-- province). 0041's tj_dues_person_rows joined a plain CTE over tj_dues_ppm(), which the planner pulled up into
-- the select list, so the SECURITY DEFINER function (a settings switch and a query of rule_settings each time)
-- ran for every value that names it: 1.6 million calls and 54 s of the 170-s rebuild of the synthetic city's
-- figures (pg_stat_user_functions), 80 million at a province. MATERIALIZED evaluates it once. Same rows.
CREATE OR REPLACE FUNCTION tj_dues_person_rows(p_ids bigint[]) RETURNS TABLE (person_id bigint, org_id bigint, metric text, day date, value bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH p AS MATERIALIZED (
    SELECT p.id, p.org_id, coalesce(date_trunc('month', p.joined_on)::date, DATE '0001-01-01') AS j,
           coalesce(d.exempt_reason, '') <> '' AS exempt, coalesce(d.category = 'employed', false) AS emp,
           coalesce(d.monthly_income_fen, 0)::bigint AS income, p.identity_verified_on IS NOT NULL AS verified
      FROM people p LEFT JOIN dues_profiles d ON d.person_id = p.id
     WHERE p.id = ANY (p_ids) AND p.member_status = 'active'),
  k AS MATERIALIZED (SELECT tj_dues_ppm() AS ppm)
  SELECT p.id, p.org_id, x.metric, x.day, x.value
    FROM p CROSS JOIN k CROSS JOIN LATERAL (VALUES
      ('dues:0:m', DATE '0001-01-01', 1::bigint, true),
      ('dues:0:x', DATE '0001-01-01', 1::bigint, p.exempt),
      ('arc:v', DATE '0001-01-01', 1::bigint, p.verified),
      ('dues:j:f', p.j, 1::bigint, NOT p.exempt AND NOT p.emp),
      ('dues:0:f', DATE '0001-01-01', 1::bigint, NOT p.exempt AND NOT p.emp),
      ('dues:j:e', p.j, 1::bigint, NOT p.exempt AND p.emp),
      ('dues:0:e', DATE '0001-01-01', 1::bigint, NOT p.exempt AND p.emp),
      ('dues:j:y:' || k.ppm, p.j, (p.income * k.ppm + 500000) / 1000000, NOT p.exempt AND p.emp),
      ('dues:0:y:' || k.ppm, DATE '0001-01-01', (p.income * k.ppm + 500000) / 1000000, NOT p.exempt AND p.emp)) AS x(metric, day, value, keep)
   WHERE x.keep
  UNION ALL
  SELECT p.id, p.org_id, 'dues:po', tj_dues_month(x.period), 1
    FROM p JOIN dues_payments x ON x.person_id = p.id
   WHERE NOT p.exempt AND x.period >= to_char(p.j, 'YYYY-MM')
  UNION ALL
  -- 电子档案: the kinds whose latest document is not returned, as a bit set (application_letter 1,
  -- application_form 2, photo 4, certificate 8, other 16), and whether a latest document waits for review.
  SELECT p.id, p.org_id, x.metric, DATE '0001-01-01', 1
    FROM p CROSS JOIN LATERAL (
      SELECT 'arc:s:' || coalesce(sum(CASE l.kind WHEN 'application_letter' THEN 1 WHEN 'application_form' THEN 2 WHEN 'photo' THEN 4
                                                  WHEN 'certificate' THEN 8 ELSE 16 END) FILTER (WHERE l.status <> 'returned'), 0) AS sig,
             coalesce(bool_or(l.status = 'pending'), false) AS pending
        FROM (SELECT DISTINCT ON (d.kind) d.kind, d.status FROM archive_documents d WHERE d.person_id = p.id ORDER BY d.kind, d.id DESC) l) a
    CROSS JOIN LATERAL (VALUES (a.sig, true), ('arc:p', a.pending)) AS x(metric, keep)
   WHERE x.keep
$$;
