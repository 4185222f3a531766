import { describe, expect, it } from 'vitest';
import { loadNationalConfig, parseProvinces } from '../../src/national/config.js';

/** National mode's setting (NATIONAL_PROVINCES): read strictly, refused in Chinese naming the item. */
describe('national config', () => {
  it('is off without NATIONAL_PROVINCES and reads the provinces with it', () => {
    expect(loadNationalConfig({})).toBeUndefined();
    const cfg = loadNationalConfig({
      NATIONAL_PROVINCES: '[{"code":"52","name":" 贵州省 ","url":"postgres://u@10.0.0.52/tj"}]',
      DATABASE_URL: 'postgres://u@10.0.0.1/national',
    });
    expect(cfg).toEqual({ provinces: [{ code: '52', name: '贵州省', url: 'postgres://u@10.0.0.52/tj' }], selfUrl: 'postgres://u@10.0.0.1/national' });
  });

  it('refuses a bad code, a duplicate, a missing address, and national mode without PostgreSQL', () => {
    expect(() => parseProvinces('{')).toThrow('须为 JSON 数组');
    expect(() => parseProvinces('[{"code":"5","name":"贵州省","url":"postgres://x/y"}]')).toThrow('第1项：省份代码须为两位数字');
    expect(() => parseProvinces('[{"code":"52","name":"贵州省","url":"mysql://x"}]')).toThrow('数据库地址');
    expect(() => parseProvinces('[{"code":"52","name":"贵州省","url":"postgres://a/b"},{"code":"52","name":"又一省","url":"postgres://c/d"}]')).toThrow('省份代码 52 重复');
    expect(() => loadNationalConfig({ NATIONAL_PROVINCES: '[]' })).toThrow('全国模式须使用 PostgreSQL');
  });
});
