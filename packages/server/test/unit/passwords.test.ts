import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, passwordProblem } from '@tuanjian/domain';
import { generatePassword } from '../../src/modules/auth/passwords.js';

describe('one-time passwords (new accounts, resets by an administrator, the first platform administrator)', () => {
  it('always pass the password policy that a chosen password must pass', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(passwordProblem(p, DEFAULT_RULES, { username: 'county_admin', name: '县团委管理员' }), p).toBeNull();
    }
  });
});
