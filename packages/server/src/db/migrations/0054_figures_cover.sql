-- The kept figures' key carries their value (issue 15). Every read of org_figures is a range of its key
-- (organization, metric, days) summed; the value was in the table only, so each row of the range was one more
-- page of the table to visit (the rows of one range are written over months, far apart). The org-life
-- overview of the demo county read 7,149 pages for 154 rows; with the value in the key's index the ranges are
-- read from the index alone (index-only scans, once VACUUM has marked the table's pages): 181 pages, the
-- statement 8.1 → 5.5 ms on PGlite (BENCHMARKS.md). The price is on writes: a changed value is a new index
-- entry (no heap-only update); the demo county's generation, every write through the figure triggers, took
-- 1-3 % longer. ON CONFLICT (org_id, metric, day) still finds the key: INCLUDE columns are not key columns.
ALTER TABLE org_figures DROP CONSTRAINT org_figures_pk, ADD CONSTRAINT org_figures_pk PRIMARY KEY (org_id, metric, day) INCLUDE (value);
