-- The import's "where is each of these ID numbers registered" lookup (tj_people_locations), made safe at
-- any registry size (issue 14, 100,000 people through the mapped import).
--
-- Before: `WHERE p.id_number = ANY (p_id_numbers)` in a SQL function. PostgreSQL 18 (PGlite 0.5) keeps the
-- plan of a SQL function's query in the session's plan cache and, after five calls, switches to the generic
-- plan. A first import calls it once per 5,000 rows while `people` is still empty, so the cached generic
-- plan is a sequential scan of people that searches the 5,000-element array for every row. After that
-- import committed 100,000 people in the same session, the re-import's preview ran that plan 20 times:
-- 100,000 rows x 5,000 array elements per call (18 s per call at 30,000 people, over 10 minutes in all at
-- 100,000: the preview's request budget was spent and it failed with 查询过大).
--
-- Now: the array is joined as a set (unnest, each distinct number once), so even a plan made for an empty
-- table reads people once per call instead of once per array element; and the function is planned for
-- each call with the actual array and the table as it is now (plan_cache_mode = force_custom_plan), which
-- probes the unique index people_id_number_uq once per number. Same result columns, same security.
CREATE OR REPLACE FUNCTION tj_people_locations(p_id_numbers text[])
RETURNS TABLE (id_number text, person_id bigint, org_id bigint, org_name text, in_scope boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public SET plan_cache_mode = force_custom_plan AS $$
  SELECT p.id_number, p.id, p.org_id,
         CASE WHEN o.path <@ tj_scope() THEN o.name END,
         coalesce(o.path <@ tj_scope(), false)
    FROM (SELECT DISTINCT x.n FROM unnest(p_id_numbers) AS x(n)) AS wanted
    JOIN people p ON p.id_number = wanted.n
    JOIN organizations o ON o.id = p.org_id
$$;
