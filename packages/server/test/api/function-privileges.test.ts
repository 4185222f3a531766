import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { withSystem } from '../../src/db/context.js';
import { query } from '../../src/db/sql.js';
import { createTestApp, systemRows, type TestContext } from '../helpers.js';

/**
 * Migration 0045: the application's functions are executable by the owner and tj_app only. A SECURITY
 * DEFINER function runs as the owner past row-level security, so a grant to PUBLIC would let any other role
 * on a shared server (a reporting login, a postgres_fdw mapping) read or change what its scope hides.
 */
let t: TestContext;
// Roles are the cluster's, not the database's: a name of its own per run, dropped afterwards.
const outsider = `tj_probe_${process.pid}_${Date.now() % 100000}`;

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  await systemRows(t.database, sql.raw(`create role ${outsider} nologin`));
  await systemRows(t.database, sql.raw(`grant usage on schema public to ${outsider}`));
});
afterAll(async () => {
  await systemRows(t.database, sql.raw(`drop owned by ${outsider}`)).catch(() => undefined);
  await systemRows(t.database, sql.raw(`drop role if exists ${outsider}`)).catch(() => undefined);
  await t?.close();
});

/** Runs `statement` as `role` (SET LOCAL ROLE in the owner's transaction); the error's SQLSTATE, or 'ok'. */
async function as(role: string, statement: string): Promise<string> {
  try {
    await withSystem(t.database, 'test', async (tx) => {
      await tx.execute(sql.raw(`set local role ${role}`));
      await query(tx, sql.raw(statement));
    });
    return 'ok';
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string } };
    return e.code ?? e.cause?.code ?? String(err);
  }
}

describe('function privileges (migration 0045)', () => {
  test('no function of the application grants EXECUTE to PUBLIC; the SECURITY DEFINER ones are many', async () => {
    const rows = await systemRows<{ name: string; definer: boolean; public_exec: boolean; app_exec: boolean }>(
      t.database,
      sql`select p.oid::regprocedure::text as name, p.prosecdef as definer,
                 (p.proacl is null or exists (select 1 from aclexplode(p.proacl) a where a.grantee = 0 and a.privilege_type = 'EXECUTE')) as public_exec,
                 has_function_privilege('tj_app', p.oid, 'EXECUTE') as app_exec
            from pg_proc p join pg_namespace n on n.oid = p.pronamespace
           where n.nspname = 'public'
             and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`,
    );
    expect(rows.filter((r) => r.definer).length).toBeGreaterThan(20);
    expect(rows.filter((r) => r.public_exec).map((r) => r.name)).toEqual([]);
    // tj_app keeps every function (tj_backup_state, 0039, had its own grant already).
    expect(rows.filter((r) => !r.app_exec).map((r) => r.name)).toEqual([]);
  });

  test('a role outside tj_app is refused a SECURITY DEFINER function that tj_app may call', async () => {
    expect(await as('tj_app', `select * from tj_org_directory('余庆')`)).toBe('ok');
    expect(await as(outsider, `select * from tj_org_directory('余庆')`)).toBe('42501');
    expect(await as(outsider, `select tj_take_snapshot('2026-11')`)).toBe('42501');
  });

  test('a function a later migration creates gets the same grants from the start (default privileges)', async () => {
    await systemRows(t.database, sql`create function tj_probe_later() returns int language sql as 'select 1'`);
    try {
      expect(await as('tj_app', 'select tj_probe_later()')).toBe('ok');
      expect(await as(outsider, 'select tj_probe_later()')).toBe('42501');
    } finally {
      await systemRows(t.database, sql`drop function tj_probe_later()`);
    }
  });
});
