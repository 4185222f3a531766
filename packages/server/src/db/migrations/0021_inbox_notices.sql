-- Reserved: 待办 and 通知公告 (issue 12). Replace with the real statements.
SELECT 1;
