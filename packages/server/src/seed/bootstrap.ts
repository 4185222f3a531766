import { queryResult } from '../db/sql.js';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/connection.js';
import { withSystem } from '../db/context.js';
import { generatePassword, hashPassword } from '../modules/auth/passwords.js';
import { DEMO_PASSWORD, YUQING, demoAccounts, generateCounty } from './demo-county.js';
import { writeTree } from './tree.js';
import { seedDemoPeople } from './demo-people.js';
import { seedMembershipDemo } from './demo-membership.js';
import { seedCadresDemo } from './demo-cadres.js';
import { seedDailyWorkDemo } from './demo-daily-work.js';
import { seedOrgLifeDemo } from './demo-org-life.js';
import { seedReportsDemo } from './demo-reports.js';
import { seedStatsDemo } from './demo-stats.js';
import { seedRegistriesDemo } from './demo-registries.js';
import { seedRegistriesSmallDemo } from './demo-registries-small.js';
import { seedDeputiesDemo } from './demo-deputies.js';
import { today } from '../lib/clock.js';

export interface InitialData {
  /** Lines to print at start-up (logins). */
  messages: string[];
  /** The first-run platform admin password, when it was just created. */
  adminPassword?: string;
}

/**
 * First start of an installation: creates the platform admin (random password,
 * printed once, must be changed at first login) and, on an empty database,
 * the demo county with its demo logins. Later starts change nothing.
 */
export async function ensureInitialData(
  database: Database,
  opts: {
    loadDemo: boolean;
    demoScale?: number;
    /** The year of records (membership, cadres, organizational life, dues…); API tests load only the registry. */
    demoRecords?: boolean;
    log?: FastifyBaseLogger;
    /** Told the share of the demo county written so far (0–1), for the start-up page (ops/startup.ts). */
    onProgress?: (fraction: number) => void;
  },
): Promise<InitialData> {
  const progress = opts.onProgress ?? (() => {});
  const messages: string[] = [];
  let adminPassword: string | undefined;
  await withSystem(database, '系统初始化', async (tx) => {
    // One initializer at a time, also when several servers share a PostgreSQL database.
    await tx.execute(sql`select pg_advisory_xact_lock(72002)`);
    const { rows } = await queryResult<{ n: number }>(tx, sql`select count(*)::int as n from accounts where role = 'platform_admin'`);
    if (rows[0]!.n === 0) {
      adminPassword = generatePassword();
      await tx.execute(sql`insert into accounts (username, display_name, password_hash, role, must_change_password)
        values ('admin', '平台管理员', ${await hashPassword(adminPassword)}, 'platform_admin', true)`);
      messages.push(`平台管理员 admin 的初始密码（只显示这一次，首次登录须修改）: ${adminPassword}`);
    }
    const orgs = await queryResult<{ n: number }>(tx, sql`select count(*)::int as n from organizations`);
    if (opts.loadDemo && orgs.rows[0]!.n === 0) {
      const started = Date.now();
      const county = generateCounty(YUQING);
      progress(0.02);
      const count = await writeTree(tx, county);
      progress(0.1);
      const on = today();
      const population = await seedDemoPeople(tx, county, { regionCode: YUQING.regionCode, year: Number(on.slice(0, 4)), today: on, scale: opts.demoScale ?? 1 });
      if (opts.demoRecords !== false) {
        const year = Number(on.slice(0, 4));
        progress(0.55);
        await seedMembershipDemo(tx, on);
        progress(0.62);
        await seedCadresDemo(tx, { today: on, year });
        progress(0.68);
        await seedOrgLifeDemo(tx, { today: on, year });
        progress(0.76);
        await seedDailyWorkDemo(tx, { today: on, year });
        progress(0.84);
        await seedReportsDemo(tx, { today: on, year });
        await seedRegistriesDemo(tx, { today: on, year });
        await seedRegistriesSmallDemo(tx, { today: on, year });
        await seedDeputiesDemo(tx, { today: on, year });
        progress(0.9);
        await seedStatsDemo(tx, { today: on, year });
      }
      progress(0.96);
      // Siblings in the tree's order (townships by administrative code, then units, schools, branches): migration 0023.
      await tx.execute(sql`select tj_renumber_children(p.parent_id) from (select distinct parent_id from organizations where parent_id is not null) p`);
      const hash = await hashPassword(DEMO_PASSWORD);
      for (const a of demoAccounts(county)) {
        await tx.execute(sql`insert into accounts (username, display_name, password_hash, role, scope_org_id, must_change_password)
          values (${a.username}, ${a.displayName}, ${hash}, ${a.role}, ${a.org.id!}, false)`);
      }
      await tx.execute(sql`insert into system_state (key, value) values ('demo', ${JSON.stringify({ county: YUQING.countyName, loadedAt: new Date().toISOString() })}::jsonb)`);
      opts.log?.info({ organizations: count, ...population, ms: Date.now() - started }, 'demo county loaded');
    }
  });
  const demo = await withSystem(database, 'system', (tx) => queryResult<{ value: { county: string } }>(tx, sql`select value from system_state where key = 'demo'`));
  if (demo.rows[0]) {
    messages.push(`演示数据: ${demo.rows[0].value.county}。演示账号（密码均为 ${DEMO_PASSWORD}）:`);
    for (const a of demoAccounts(generateCounty(YUQING))) messages.push(`  ${a.username.padEnd(18)} ${a.displayName}（${a.org.name}）`);
  }
  return { messages, adminPassword };
}
