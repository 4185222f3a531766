import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer } from './harness.js';

/** The embedded database survives a SIGTERM in the middle of writes, and restarts as it was. */
const dataDir = mkdtempSync(join(tmpdir(), 'tj-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function session(url: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'baini_admin', password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tj_session='))!.split(';')[0]!;
  const { csrfToken, account } = await res.json();
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  return { call, scopeOrgId: account.scopeOrgId as number };
}

describe('graceful shutdown of the embedded database', () => {
  it('keeps every acknowledged write and stays consistent after SIGTERM during writes', async () => {
    const first = await startServer({}, { dataDir });
    const { call, scopeOrgId } = await session(first.url);
    const acknowledged: number[] = [];
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop && i < 500; i++) {
        try {
          const res = await call('POST', '/api/orgs', { parentId: scopeOrgId, name: `关停测试${i}号团支部`, type: 'branch', sector: 'other' });
          if (res.status === 200) acknowledged.push((await res.json()).id);
        } catch {
          break; // connection closed by the shutdown
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 1500));
    const exitCode = await first.stop();
    stop = true;
    await writer;
    expect(exitCode).toBe(0);
    expect(acknowledged.length).toBeGreaterThan(5);

    const second = await startServer({}, { dataDir });
    try {
      // The restart found the data: no second demo load, every acknowledged organization is there, with its audit row.
      expect(second.output()).not.toContain('初始密码');
      const again = await session(second.url);
      const children = await (await again.call('GET', `/api/orgs/${scopeOrgId}/children`)).json();
      const ids = new Set(children.map((c: { id: number }) => c.id));
      for (const id of acknowledged) expect(ids.has(id), `organization ${id}`).toBe(true);
      const audit = await (await again.call('GET', `/api/audit?entity=organizations&action=insert&pageSize=500&actor=${encodeURIComponent('白泥镇团委书记')}`)).json();
      const audited = new Set(audit.items.map((a: { entityId: string }) => Number(a.entityId)));
      for (const id of acknowledged) expect(audited.has(id), `audit of ${id}`).toBe(true);
    } finally {
      await second.stop();
    }
  });
});
