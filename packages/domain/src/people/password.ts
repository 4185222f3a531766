import type { Rules } from '../rules/config.js';

/** Why a new password is not acceptable, or null when it is. */
export function passwordProblem(password: string, rules: Rules, username?: string): string | null {
  const min = rules.security.passwordMinLength;
  if (password.length < min) return `密码至少${min}位`;
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}
