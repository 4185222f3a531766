import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, DEMO_PASSWORD, passwordProblem, passwordStrength, resolveRules } from '../../src/index.js';
import commonPasswordsZh from '../../src/people/common-passwords-zh.json';

/** Issue 11 item 4: the strength of a new password, with Chinese-aware dictionaries. */
describe('password strength', () => {
  it('refuses the passwords the outside probe could set for the administrator, saying why and how to do better', () => {
    for (const p of ['Password1', 'abcd1234']) {
      const problem = passwordProblem(p, DEFAULT_RULES, { username: 'admin', name: '平台管理员' });
      expect(problem, p).toMatch(/^密码强度不足：.*常用的?密码.*建议使用12位以上/);
    }
  });

  it('refuses the published demo password in any letter case as a new password', () => {
    expect(DEMO_PASSWORD).toBe('Tuanjian2026');
    for (const p of ['Tuanjian2026', 'tuanjian2026', 'TUANJIAN2026']) {
      expect(passwordProblem(p, DEFAULT_RULES, { username: 'county_admin' }), p).toContain('公开的演示密码');
    }
  });

  it('knows the passwords, names and pinyin words Chinese users pick', () => {
    for (const p of ['woaini1314', 'qq123456a', 'a123456789', 'Woaini5201314', 'Zhangwei1990', 'Wangfang1988', 'Tuanzhibu2026', 'Gongqingtuan1', 'Xiaoming2008']) {
      expect(passwordProblem(p, DEFAULT_RULES), p).toMatch(/^密码强度不足：/);
      expect(passwordStrength(p).score, p).toBeLessThan(3);
    }
    expect(passwordProblem('Tuanzhibu2026', DEFAULT_RULES)).toContain('“Tuanzhibu”');
    expect(passwordProblem('Zhangwei1990', DEFAULT_RULES)).toContain('姓名');
    expect(commonPasswordsZh.source).toMatch(/CSDN/);
    for (const w of ['woaini1314', 'qq123456', 'a123456', '5201314']) expect(commonPasswordsZh.passwords).toContain(w);
    expect(commonPasswordsZh.names).toContain('zhangwei');
  });

  it("counts the user's own username and name as guessable, also reversed", () => {
    // Without the owner the reversed username looks random; with it, it is refused.
    expect(passwordProblem('Nimda_ixgnol2', DEFAULT_RULES)).toBeNull();
    expect(passwordProblem('Nimda_ixgnol2', DEFAULT_RULES, { username: 'longxi_admin', name: '龙溪镇团委书记' })).toMatch(/^密码强度不足：密码中不应包含您的用户名、姓名/);
  });

  it('accepts long passwords that are hard to guess', () => {
    for (const p of ['Gqt-Yuqing-2026', 'Http2026pass', 'Strong2026x', 'hF4kW9zQ3nBv']) {
      expect(passwordProblem(p, DEFAULT_RULES, { username: 'county_admin', name: '余庆县团委管理员' }), p).toBeNull();
    }
  });

  it('takes the minimum score from the security rules', () => {
    expect(DEFAULT_RULES.security.passwordMinScore).toBe(3);
    const lenient = resolveRules({ security: { passwordMinScore: 0 } });
    expect(passwordProblem('Password1', lenient)).toBeNull();
    const strict = resolveRules({ security: { passwordMinScore: 4 } });
    expect(passwordProblem('Strong2026x', strict)).toMatch(/^密码强度不足/);
    expect(passwordProblem('Gqt-Yuqing-2026', strict)).toBeNull();
  });

  it('estimates a 256-character input in bounded time', () => {
    passwordStrength('warm-up-1');
    const started = performance.now();
    passwordProblem('p@$$w0rd'.repeat(32), DEFAULT_RULES);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
