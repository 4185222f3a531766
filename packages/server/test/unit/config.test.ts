import { describe, expect, it } from 'vitest';
import { loadConfig, parseTrustProxy } from '../../src/config.js';

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default, a hop count or a list of addresses when set, and refuses "true"', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,loopback')).toEqual(['127.0.0.1', '10.0.0.0/8', 'loopback']);
    expect(() => parseTrustProxy('true')).toThrow(/TRUST_PROXY/);
  });
});
