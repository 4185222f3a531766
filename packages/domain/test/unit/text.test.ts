import { describe, expect, it } from 'vitest';
import { forbiddenCharacter, textProblem } from '../../src/text.js';

describe('text that may be stored', () => {
  it('accepts Chinese, emoji, tabs and line breaks', () => {
    for (const s of ['共青团余庆县白泥镇委员会', '批量15016', 'a\tb\nc\r\n', '👍青年', '']) expect(forbiddenCharacter(s)).toBeNull();
  });
  it('refuses NUL and other control characters, naming the code point', () => {
    expect(forbiddenCharacter('a\u0000b')).toBe('U+0000');
    expect(forbiddenCharacter('x\u001by')).toBe('U+001B');
    expect(forbiddenCharacter('\u007f')).toBe('U+007F');
    expect(forbiddenCharacter('\u0085')).toBe('U+0085');
    expect(forbiddenCharacter('\uffff')).toBe('U+FFFF');
  });
  it('refuses lone surrogates but not pairs', () => {
    expect(forbiddenCharacter('a\ud800')).toBe('U+D800');
    expect(forbiddenCharacter('\udc00b')).toBe('U+DC00');
    expect(forbiddenCharacter('\ud83d\udc4d')).toBeNull();
  });
  it('names the field in Chinese', () => {
    expect(textProblem('张\u0000三', '姓名')).toBe('姓名含有不可见的控制字符（U+0000），请删除后重新输入');
  });
});
