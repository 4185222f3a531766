import { z } from 'zod';
import { contract } from './contract.js';

/** Whether the database answers (503 when not) and, with DATABASE_REPLICA_URL, whether the replica does. */
export const health = contract({
  method: 'GET',
  path: '/api/health',
  permission: 'public',
  tag: '系统',
  summary: '健康检查',
  response: z.object({
    status: z.literal('ok'),
    database: z.enum(['pglite', 'postgres']),
    replica: z.enum(['ok', 'unreachable', 'none']),
    version: z.string(),
  }),
});

export const backupStatus = z.object({
  ok: z.boolean(),
  at: z.string(),
  trigger: z.enum(['nightly', 'manual']),
  file: z.string().optional(),
  bytes: z.number().optional(),
  ms: z.number(),
  error: z.string().optional(),
  lastSuccessAt: z.string().nullable().optional(),
});

/** The last backup (time, size, outcome) and the backup settings, for the platform administrator. */
export const getBackupStatus = contract({
  method: 'GET',
  path: '/api/system/backup',
  permission: 'rules:write',
  tag: '系统',
  summary: '数据备份状态',
  response: z.object({
    last: backupStatus.nullable(),
    settings: z.object({ dir: z.string(), at: z.string().nullable(), keepDaily: z.number(), keepMonthly: z.number() }),
  }),
});
