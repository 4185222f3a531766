import { describe, expect, it } from 'vitest';
import { LEDGER_KINDS, LEDGERS, ledgerDef, ledgerPeriodText, ledgersOfKind } from '../../src/index.js';

describe('the ledger catalogue (余庆: 组织台账4项、工作台账5项、青年台账2项)', () => {
  it('has 4 organization, 5 work and 2 youth ledgers, each key once', () => {
    expect(ledgersOfKind('organization')).toHaveLength(4);
    expect(ledgersOfKind('work')).toHaveLength(5);
    expect(ledgersOfKind('youth')).toHaveLength(2);
    expect(new Set(LEDGERS.map((l) => l.key)).size).toBe(LEDGERS.length);
    expect(LEDGERS.every((l) => (LEDGER_KINDS as readonly string[]).includes(l.kind))).toBe(true);
  });

  it('gives every column a Chinese header and a unique key within its ledger', () => {
    for (const l of LEDGERS) {
      expect(new Set(l.columns.map((c) => c.key)).size, l.key).toBe(l.columns.length);
      for (const c of l.columns) expect(c.label, `${l.key}.${c.key}`).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('asks for the registry permission where a ledger lists people', () => {
    for (const key of ['cadres', 'roster', 'development', 'registration', 'dues', 'youth_roster', 'appeals']) expect(ledgerDef(key)!.permission).toBe('person:read');
    for (const key of ['org_settings', 'elections', 'org_life', 'activities']) expect(ledgerDef(key)!.permission).toBe('stats:read');
  });

  it('prints the period: a year, or the day it was generated', () => {
    expect(ledgerPeriodText(ledgerDef('dues')!, { year: 2025, today: '2026-11-20' })).toBe('2025年度');
    expect(ledgerPeriodText(ledgerDef('roster')!, { year: 2025, today: '2026-11-20' })).toBe('截至2026-11-20');
    expect(ledgerDef('nope')).toBeUndefined();
  });
});
