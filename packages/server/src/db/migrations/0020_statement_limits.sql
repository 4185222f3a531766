-- Statement limits (issue 11): a people search by name reads each organization's matches in name order
-- from this index, a page's worth at a time (modules/people/service.ts, searchPage), instead of sorting
-- every match of a common prefix. text_pattern_ops: the prefix is a ~>=~/~<~ range (leakproof under RLS).
CREATE INDEX IF NOT EXISTS "people_org_name_idx" ON "people" USING btree ("org_id", "name" text_pattern_ops, "id");
