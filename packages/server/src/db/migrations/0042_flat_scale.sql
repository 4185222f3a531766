-- Intentionally empty. Reserved for indexes the province needs for the kept figures of issue 15; the
-- province-scale bench (bench/province.ts, bench/flat-scale.ts) found none that an index would fix:
-- the slow reads found at city/province size are query shapes under row-level security (a LIKE on
-- org_figures.metric is not leakproof, so it cannot be an index condition; see BENCHMARKS.md, issue 15 at
-- scale). Kept so that the numbering of the migrations after it stays.
SELECT 1;
