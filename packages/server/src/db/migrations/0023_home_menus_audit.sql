-- Reserved: short names, ordering, audit grouping (issue 12). Replace with the real statements.
SELECT 1;
