import type { RouteDef } from '../../http/route.js';

/** 报送任务 and 改革考核 (issue 6). */
export const reportRoutes: RouteDef[] = [];
