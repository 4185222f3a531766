import { sql } from 'drizzle-orm';
import type { api } from '@tuanjian/domain';
import { withSystem } from '../../src/db/context.js';
import { query } from '../../src/db/sql.js';
import { today } from '../../src/lib/clock.js';
import { seedDeputiesDemo } from '../../src/seed/demo-deputies.js';
import type { TestContext } from '../helpers.js';

type Ids = Partial<Record<api.RefKind, number>>;

/** 团代会代表 (issue 17, item 2): bodies valid except for the reference under test. */
export const SAMPLE_BODIES: Record<string, (ids: Ids) => unknown> = {
  'POST /api/registries/deputies/congresses': (ids) => ({ orgId: ids.org, level: 'township', term: 9, openedOn: '2026-01-01' }),
  'POST /api/registries/deputies': (ids) => ({ congressId: ids.congress, orgId: ids.org, name: '越权代表', gender: 'male', categories: ['农村青年'] }),
  'PATCH /api/registries/deputies/:id': () => ({ unitPost: '越权修改' }),
  'POST /api/registries/deputies/:id/liaisons': (ids) => ({ targetOrgId: ids.org, since: today() }),
  'POST /api/registries/deputies/stations': (ids) => ({ congressId: ids.congress, orgId: ids.org, name: '越权联络站' }),
  'POST /api/registries/deputies/committees': (ids) => ({ congressId: ids.congress, name: '越权专委会' }),
  'POST /api/registries/deputies/import': (ids) => ({ congressId: ids.congress, fileName: 'x.xlsx', contentBase64: 'UEsDBA==' }),
};

/**
 * The county congress's deputies and stations in every township (the demo), and a township congress
 * (乡镇团代会) with a 专委会 in each township, so that every kind has a record in both townships.
 */
export async function prepareRecords(t: TestContext): Promise<void> {
  const on = today();
  await withSystem(t.database, 'demo', async (tx) => {
    await seedDeputiesDemo(tx, { today: on, year: Number(on.slice(0, 4)) });
    const townships = await query<{ id: number; name: string }>(tx, sql`select id, name from organizations where type in ('township', 'subdistrict') order by id`);
    for (const tw of townships) {
      const [c] = await query<{ id: number }>(
        tx,
        sql`insert into congresses (org_id, level, term, title, opened_on) values (${tw.id}, 'township', 1, ${`${tw.name}第一次团代会`}, '2024-05-04') returning id`,
      );
      await tx.execute(sql`insert into deputy_committees (org_id, congress_id, name) values (${tw.id}, ${c!.id}, '青年发展专委会')`);
    }
  });
}
