import { api } from '@tuanjian/domain';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { CLIENT_FIELDS, lightModule, lightModules } from '../../vite-light-contracts';

/** Evaluates a light module's source as the browser would (its exports by name). */
async function evaluate(source: string): Promise<Record<string, unknown>> {
  return import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
}

describe('the API contracts in the web bundle (vite-light-contracts.ts)', () => {
  it('keeps what the client reads of a contract and the constants; a schema read at run time throws naming itself', async () => {
    const shared = z.object({ name: z.string() });
    const m = await evaluate(
      lightModule('example.ts', {
        getThing: api.contract({ method: 'GET', path: '/api/things/:id', permission: 'org:read', tag: '组织', summary: '详情', params: api.idParam, response: shared, refs: { 'params.id': 'org' } }),
        exportThings: api.contract({ method: 'GET', path: '/api/things/export', permission: 'org:read', tag: '组织', summary: '导出', response: z.unknown(), file: true }),
        LABELS: { a: '甲', b: '乙' },
        LIMIT: 20,
        shared,
      }),
    );
    expect(m.getThing).toEqual({ method: 'GET', path: '/api/things/:id', permission: 'org:read' });
    expect(m.exportThings).toEqual({ method: 'GET', path: '/api/things/export', permission: 'org:read', file: true });
    expect([m.LABELS, m.LIMIT]).toEqual([{ a: '甲', b: '乙' }, 20]);
    expect(() => (m.shared as z.ZodType).parse({})).toThrow('example.ts shared: the zod schemas of the API contracts are not in the web bundle');
    expect(() => lightModule('example.ts', { helper: () => 1 })).toThrow('example.ts: export helper is a function');
  });

  it('replaces every module of api/ but contract.ts and index.ts, with the same exports, each contract with the real one’s method, path, permission and file', { timeout: 60_000 }, async () => {
    const modules = await lightModules();
    const names = [...modules.keys()].map((f) => f.replace(/^.*[\\/]/, ''));
    expect(names).toContain('national.ts');
    expect(names).not.toContain('contract.ts');
    expect(names).not.toContain('index.ts');
    // Per module: the same export names; every contract with the real one's client fields.
    let checked = 0;
    for (const [file, source] of modules) {
      const real: Record<string, unknown> = await import(file);
      const light = await evaluate(source);
      expect(Object.keys(light).sort(), file).toEqual(Object.keys(real).sort());
      for (const [name, c] of Object.entries(real)) {
        if (!(typeof c === 'object' && c !== null && 'method' in c && 'path' in c && 'response' in c)) continue;
        expect(light[name], name).toEqual(Object.fromEntries(CLIENT_FIELDS.filter((k) => k in c).map((k) => [k, (c as api.Contract)[k]])));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(400);
  });
});
