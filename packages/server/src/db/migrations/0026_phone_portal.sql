-- 报到 on the phone (issue 13): a member arriving in a new place finds the branch by its name or by its
-- 组织编号 (the number the branch's page shows and the branch tells newcomers). The directory of
-- active organizations (0004) now also answers an all-digit query with the organization of that number,
-- first; still nothing but id, name, type and the parent's name.
CREATE OR REPLACE FUNCTION tj_org_directory(p_query text)
RETURNS TABLE (id bigint, name text, type text, parent_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT o.id, o.name, o.type, p.name
    FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id
   WHERE o.status = 'active'
     AND ((length(p_query) >= 2 AND strpos(o.name, p_query) > 0)
          OR o.id = CASE WHEN p_query ~ '^[0-9]{1,18}$' THEN p_query::bigint END)
   ORDER BY (o.id::text = p_query) DESC, o.path LIMIT 20
$$;
