-- Reserved: accounts and sessions (issue 11). Replace with the real statements.
SELECT 1;
