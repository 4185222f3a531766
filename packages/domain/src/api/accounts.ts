import { z } from 'zod';
import { ROLES } from '../auth/roles.js';
import { contract, idParam, paged, pageQuery, phoneString } from './contract.js';

export const ACCOUNT_STATUSES = ['active', 'disabled'] as const;

export const accountItem = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  role: z.enum(ROLES),
  scopeOrgId: z.number().nullable(),
  scopeOrgName: z.string().nullable(),
  status: z.enum(ACCOUNT_STATUSES),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AccountItem = z.infer<typeof accountItem>;

const role = z.enum(ROLES, { error: '角色无效' }).describe('角色');

export const listAccounts = contract({
  method: 'GET',
  path: '/api/accounts',
  permission: 'account:read',
  tag: '账号',
  summary: '账号列表（限本账号范围）',
  query: z.object({
    q: z.string().trim().max(50).optional().describe('用户名或姓名'),
    role: role.optional(),
    under: z.coerce.number().int().positive().optional().describe('组织'),
    ...pageQuery,
  }),
  response: paged(accountItem),
  refs: { 'query.under': 'org' },
});

const withPassword = z.object({ account: accountItem, initialPassword: z.string() });

export const createAccount = contract({
  method: 'POST',
  path: '/api/accounts',
  permission: 'account:write',
  tag: '账号',
  summary: '新建账号（返回一次性初始密码）',
  body: z.object({
    username: z
      .string()
      .trim()
      .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, '用户名应为3-32位字母、数字或_.-，以字母开头')
      .describe('用户名'),
    displayName: z.string().trim().min(2, '姓名至少2个字').max(30).describe('姓名'),
    phone: phoneString.nullish().describe('手机号'),
    role,
    scopeOrgId: z.number().int().positive().nullable().describe('管理范围'),
  }),
  response: withPassword,
  refs: { 'body.scopeOrgId': 'org' },
});

export const updateAccount = contract({
  method: 'PATCH',
  path: '/api/accounts/:id',
  permission: 'account:write',
  tag: '账号',
  summary: '修改账号（角色、范围、停用）',
  params: idParam,
  body: z.object({
    displayName: z.string().trim().min(2).max(30).optional().describe('姓名'),
    phone: phoneString.nullish().describe('手机号'),
    role: role.optional(),
    scopeOrgId: z.number().int().positive().nullable().optional().describe('管理范围'),
    status: z.enum(ACCOUNT_STATUSES).optional().describe('状态'),
  }),
  response: accountItem,
  refs: { 'params.id': 'account', 'body.scopeOrgId': 'org' },
});

export const resetAccountPassword = contract({
  method: 'POST',
  path: '/api/accounts/:id/reset-password',
  permission: 'account:write',
  tag: '账号',
  summary: '重置密码（返回一次性密码，首次登录须修改）',
  params: idParam,
  response: withPassword,
  refs: { 'params.id': 'account' },
});

export const unlockAccount = contract({
  method: 'POST',
  path: '/api/accounts/:id/unlock',
  permission: 'account:write',
  tag: '账号',
  summary: '解除登录锁定',
  params: idParam,
  response: accountItem,
  refs: { 'params.id': 'account' },
});
