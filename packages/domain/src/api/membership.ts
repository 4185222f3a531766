import { z } from 'zod';
import { contract } from './contract.js';

/*
 * Members' life after joining: transfers (组织关系转接), annual registration
 * (团籍注册), education appraisal (团员教育评议), leaving (超龄离团/退团/除名/开除团籍)
 * and reinstatement, 推优入党, and audits (回头看). Contracts are added here.
 */
export const MEMBERSHIP_PLACEHOLDER = contract({
  method: 'GET',
  path: '/api/membership/summary',
  permission: 'person:read',
  tag: '团员管理',
  summary: '（占位）',
  response: z.object({ ok: z.literal(true) }),
});
