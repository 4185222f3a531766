SELECT tj_apply_scope(t.tbl, t.col) FROM (VALUES
  ('dues_profiles', 'org_id'),
  ('dues_payments', 'org_id'),
  ('dues_remittances', 'org_id'),
  ('star_ratings', 'org_id'),
  ('star_rating_entries', 'org_id'),
  ('rectification_tasks', 'org_id')) AS t(tbl, col);
-- reset_codes is handled by the authentication code only: no grant to tj_app.
