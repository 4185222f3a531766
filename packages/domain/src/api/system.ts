import { z } from 'zod';
import { contract } from './contract.js';

export const health = contract({
  method: 'GET',
  path: '/api/health',
  permission: 'public',
  tag: '系统',
  summary: '健康检查',
  response: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string() }),
});
