-- Reserved: transfers need both sides (issue 11 item 1). Replace with the real statements.
SELECT 1;
