-- Reserved: statement limits and search indexes (issue 11). Replace with the real statements.
SELECT 1;
