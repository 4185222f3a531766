import { describe, expect, it } from 'vitest';
import { duesBehind, registrationBehind } from '../../src/index.js';

describe('branches behind on a township home', () => {
  it('dues: only branches owing a month, lowest collection first, then most months owed', () => {
    const rows = [
      { id: 1, dueMonths: 10, unpaidMonths: 0, collectionRate: 1 },
      { id: 2, dueMonths: 10, unpaidMonths: 5, collectionRate: 0.5 },
      { id: 3, dueMonths: 0, unpaidMonths: 0, collectionRate: null },
      { id: 4, dueMonths: 20, unpaidMonths: 10, collectionRate: 0.5 },
      { id: 5, dueMonths: 4, unpaidMonths: 4, collectionRate: 0 },
    ];
    expect(duesBehind(rows).map((r) => r.id)).toEqual([5, 4, 2]);
  });

  it('registration: only branches with members still undecided, lowest share registered first', () => {
    const rows = [
      { id: 1, total: 10, unregistered: 0, rate: 0.9 },
      { id: 2, total: 10, unregistered: 3, rate: 0.7 },
      { id: 3, total: 0, unregistered: 0, rate: 0 },
      { id: 4, total: 10, unregistered: 10, rate: 0 },
      { id: 5, total: 20, unregistered: 6, rate: 0.7 },
    ];
    expect(registrationBehind(rows).map((r) => r.id)).toEqual([4, 5, 2]);
  });
});
