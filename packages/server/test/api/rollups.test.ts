import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, loginAs, orgId, systemRows, type TestContext } from '../helpers.js';
import { insertPerson } from '../factories.js';
import { Rng } from '../../src/seed/random.js';

/**
 * The subtree figures in org_rollups are kept by triggers; after every kind of
 * write (new and moved organizations, dissolutions, people registered, moved,
 * admitted, leaving, deleted, development cases advancing) they must equal a
 * full recount.
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

async function mismatches(): Promise<unknown[]> {
  return systemRows(
    t.database,
    sql`(select 'missing' as kind, * from tj_rollup_recount() except select 'missing', * from org_rollups where value <> 0)
        union all
        (select 'extra', * from org_rollups where value <> 0 except select 'extra', * from tj_rollup_recount())
        limit 10`,
  );
}

const ids = async (q: ReturnType<typeof sql>) => (await systemRows<{ id: number }>(t.database, q)).map((r) => Number(r.id));
const exec = (q: ReturnType<typeof sql>) => systemRows(t.database, q);

describe('subtree rollups', () => {
  it('start equal to a recount of the demo county', async () => {
    expect(await mismatches()).toEqual([]);
  });

  it('stay equal to a recount through random writes of every kind', async () => {
    const rng = new Rng(4242);
    for (let round = 0; round < 12; round++) {
      const branches = await ids(sql`select id from organizations where type = 'branch' and status = 'active'`);
      const committees = await ids(sql`select id from organizations where type in ('township', 'unit_committee', 'general_branch') and status = 'active'`);
      const people = await ids(sql`select id from people order by id`);
      for (let op = 0; op < 8; op++) {
        const kind = rng.int(0, 9);
        const branch = rng.pick(branches);
        const person = rng.pick(people);
        if (kind === 0) await insertPerson(t.database, { orgId: branch, memberStatus: rng.chance(0.5) ? 'active' : null, isStudent: rng.chance(0.3), birthDate: `${rng.int(1992, 2011)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}` });
        if (kind === 1) await exec(sql`update people set member_status = case when member_status = 'active' then 'left' else 'active' end where id = ${person}`);
        if (kind === 2) await exec(sql`update people set org_id = ${branch} where id = ${person}`);
        if (kind === 3) await exec(sql`update people set registry_status = case when registry_status = 'active' then 'removed' else 'active' end, is_student = not is_student where id = ${person}`);
        if (kind === 4) await exec(sql`insert into organizations (parent_id, name, type, sector) values (${rng.pick(committees)}, ${`随机团支部${round}-${op}`}, 'branch', ${rng.pick(['school', 'village', 'other'])})`);
        if (kind === 5) {
          // Move a branch (with its people) or a general branch (with its subtree) somewhere else.
          const moving = rng.pick([...branches, ...committees.slice(-5)]);
          const target = rng.pick(committees);
          await exec(sql`update organizations set parent_id = ${target} where id = ${moving} and id <> ${target}
                          and not (select path from organizations where id = ${target}) <@ (select path from organizations where id = ${moving})`);
        }
        if (kind === 6) await exec(sql`update organizations set status = case when status = 'active' then 'dissolved' else 'active' end, sector = 'other' where id = ${branch}`);
        if (kind === 7) {
          // Deleting a person (only a fresh one: registry records are referenced from everywhere).
          const fresh = await insertPerson(t.database, { orgId: branch, memberStatus: 'active', birthDate: '2002-02-02' });
          if (rng.chance(0.5)) await exec(sql`delete from people where id = ${fresh.id}`);
        }
        if (kind === 8) await exec(sql`update development_cases set stage = 'oath', status = 'admitted', approved_on = coalesce(approved_on, '2026-03-01') where id = (select min(id) from development_cases where status = 'in_progress')`);
        if (kind === 9) await exec(sql`update people set org_id = ${branch}, member_status = 'active', birth_date = '2003-03-03' where id in (select id from people order by id desc limit 3)`);
      }
      expect(await mismatches(), `round ${round}`).toEqual([]);
    }
  });

  it('reads the dashboard from the rollups, equal to counting the registry live', async () => {
    const township = await orgId(t.database, '共青团余庆县白泥镇委员会');
    const county = await loginAs(t.app, 'county_admin');
    const res = await county.get(`/api/stats/dashboard?orgId=${township}`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    const year = new Date().getFullYear();
    const [live] = await systemRows<{ members: number; youth: number; orgs: number }>(
      t.database,
      sql`select (select count(*)::int from people p join organizations o on o.id = p.org_id
                   where p.member_status = 'active' and p.registry_status = 'active' and o.path <@ t.path) as members,
                 (select count(*)::int from people p join organizations o on o.id = p.org_id
                   where p.registry_status = 'active' and o.path <@ t.path
                     and ${year} - extract(year from p.birth_date)::int between 14 and 35) as youth,
                 (select count(*)::int from organizations o where o.status = 'active' and o.path <@ t.path) as orgs
            from organizations t where t.id = ${township}`,
    );
    expect(d.people.members).toBe(live!.members);
    expect(d.people.youth).toBe(live!.youth);
    expect(d.orgs.total).toBe(live!.orgs);
    const longxi = await loginAs(t.app, 'longxi_admin');
    expect((await longxi.get(`/api/stats/dashboard?orgId=${township}`)).statusCode).toBe(404);
  });

  it('keeps month-end snapshots that later writes do not change', async () => {
    const township = await orgId(t.database, '共青团余庆县白泥镇委员会');
    await exec(sql`select tj_take_snapshot('2026-10')`);
    const county = await loginAs(t.app, 'county_admin');
    const before = (await county.get(`/api/stats/snapshots?orgId=${township}`)).json();
    const branch = (await ids(sql`select id from organizations where parent_id = ${township} and type = 'branch' and status = 'active' limit 1`))[0]!;
    await insertPerson(t.database, { orgId: branch, memberStatus: 'active', birthDate: '2004-04-04' });
    await exec(sql`select tj_take_snapshot('2026-10')`);
    const after = (await county.get(`/api/stats/snapshots?orgId=${township}`)).json();
    expect(after).toEqual(before);
    expect(before[0].month).toBe('2026-10');
    const live = (await county.get(`/api/stats/dashboard?orgId=${township}`)).json();
    expect(live.people.members).toBe(before[0].metrics['members:total'] + 1);
  });
});

describe('statistical tables', () => {
  it('lists children as rows with a total row that equals the subtree, and exports merged Chinese headers', async () => {
    const countyId = await orgId(t.database, '共青团余庆县委员会');
    const county = await loginAs(t.app, 'county_admin');
    const res = await county.get(`/api/stats/tables/members?orgId=${countyId}`);
    expect(res.statusCode).toBe(200);
    const table = res.json();
    const membersCol = table.columns.findIndex((c: { key: string }) => c.key === 'members');
    const sum = table.rows.reduce((s: number, r: { values: number[] }) => s + r.values[membersCol]!, 0);
    expect(sum).toBe(table.total[membersCol]);
    const dash = (await county.get(`/api/stats/dashboard?orgId=${countyId}`)).json();
    expect(table.total[membersCol]).toBe(dash.people.members);
    const orgs = (await county.get(`/api/stats/tables/organizations?orgId=${countyId}`)).json();
    const totalCol = orgs.columns.findIndex((c: { key: string }) => c.key === 'total');
    expect(orgs.rows.reduce((s: number, r: { values: number[] }) => s + r.values[totalCol]!, 0)).toBe(orgs.total[totalCol]);

    const file = await county.get(`/api/stats/tables/organizations/export?orgId=${countyId}`);
    expect(file.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('基层团组织情况统计表');
    expect(ws.getCell('A3').value).toBe('组织名称');
    expect(ws.model.merges ?? []).toContain('A3:A4');
    expect(ws.getRow(ws.rowCount).getCell(1).value).toBe('合计');

    await exec(sql`select tj_take_snapshot('2026-09')`);
    const asOf = await county.get(`/api/stats/tables/members?orgId=${countyId}&asOf=2026-09`);
    expect(asOf.json().asOf).toBe('2026-09');
    expect((await county.get(`/api/stats/tables/members?orgId=${countyId}&asOf=2019-01`)).statusCode).toBe(404);
    expect((await county.get(`/api/stats/tables/nothing?orgId=${countyId}`)).statusCode).toBe(400);
  });
});
