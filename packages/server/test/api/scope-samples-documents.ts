/** Sample bodies for the documents' write routes (issue 14.5), for the scope walk. */
export const SAMPLE_BODIES: Record<string, (inside: Record<string, number | undefined>) => unknown> = {
  'POST /api/documents/revoke': () => ({ code: 'ABCD-EFGH-JKLM', reason: '范围测试作废' }),
};
