import { z } from 'zod';
import { ROLES, PERMISSIONS } from '../auth/roles.js';
import { contract, okResponse } from './contract.js';
import { ORG_TYPES } from '../org/types.js';

export const sessionAccount = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  scopeOrgId: z.number().nullable(),
  scopeOrgName: z.string().nullable(),
  scopeOrgType: z.enum(ORG_TYPES).nullable(),
  mustChangePassword: z.boolean(),
  permissions: z.array(z.enum(PERMISSIONS)),
});
export type SessionAccount = z.infer<typeof sessionAccount>;

const sessionResponse = z.object({ account: sessionAccount, csrfToken: z.string() });

export const login = contract({
  method: 'POST',
  path: '/api/auth/login',
  permission: 'public',
  tag: '认证',
  summary: '登录',
  body: z.object({
    username: z.string().trim().min(1, '请输入用户名').max(64).describe('用户名'),
    password: z.string().min(1, '请输入密码').max(256).describe('密码'),
  }),
  response: sessionResponse,
});

export const logout = contract({
  method: 'POST',
  path: '/api/auth/logout',
  permission: 'authenticated',
  tag: '认证',
  summary: '退出登录',
  response: okResponse,
});

export const me = contract({
  method: 'GET',
  path: '/api/auth/me',
  permission: 'authenticated',
  tag: '认证',
  summary: '当前账号',
  response: sessionResponse,
});

export const changePassword = contract({
  method: 'POST',
  path: '/api/auth/password',
  permission: 'authenticated',
  tag: '认证',
  summary: '修改密码',
  body: z.object({
    oldPassword: z.string().min(1, '请输入原密码').describe('原密码'),
    newPassword: z.string().min(1, '请输入新密码').max(256).describe('新密码'),
  }),
  response: sessionResponse,
});
