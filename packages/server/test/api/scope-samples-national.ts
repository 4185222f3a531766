/**
 * Sample bodies of the 跨省转接 write routes (national server) for the scope walk: a township's account
 * is refused them (403, not a national administrator) before the national tier is asked.
 */
export const SAMPLE_BODIES: Record<string, () => unknown> = {
  'POST /api/national/transfers': () => ({ fromProvince: '52', idNumber: '520329199001010011', personName: '越权测试', toProvince: '53', toOrgId: 1, reason: '越权测试发起' }),
  'POST /api/national/transfers/:key/accept': () => ({}),
  'POST /api/national/transfers/:key/reject': () => ({ reason: '越权测试退回' }),
  'POST /api/national/requests/:province/:id/start': () => ({ toOrgId: 1 }),
  'POST /api/national/requests/:province/:id/decline': () => ({ reason: '越权测试' }),
};
