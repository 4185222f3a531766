import { z } from 'zod';
import { RULE_SECTIONS } from '../rules/config.js';
import { contract } from './contract.js';

const rulesResponse = z.object({ rules: z.record(z.string(), z.record(z.string(), z.unknown())) });

export const getRules = contract({
  method: 'GET',
  path: '/api/rules',
  permission: 'authenticated',
  tag: '规则配置',
  summary: '当前生效的业务规则（年龄、时限、比例等）',
  response: rulesResponse,
});

export const updateRuleSection = contract({
  method: 'PUT',
  path: '/api/rules/:section',
  permission: 'rules:write',
  tag: '规则配置',
  summary: '修改一组业务规则',
  params: z.object({ section: z.enum(RULE_SECTIONS, { error: '规则分组无效' }).describe('规则分组') }),
  body: z.record(z.string(), z.union([z.number(), z.boolean()])),
  response: rulesResponse,
});
