-- Reserved: ids in request bodies (issue 11). Replace with the real statements.
SELECT 1;
