import { sql, type SQL } from 'drizzle-orm';
import { api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import { likeText, loadOne, loadOrgRef, num, numOrNull, pageOf, subtreeFilter } from '../org-life/common.js';
import { committeeFinder, exportColumns, readTable, rowProblems, type ImportColumn, type ImportError } from './common.js';

type R = typeof api.registriesSmall;
type Item = api.registriesSmall.SocietyItem;

/** 青年社团 (issue 17, item 6): youth societies a township (or any committee) keeps in touch with. */
const SELECT = sql`
  select s.id, s.org_id, o.name as org_name, s.name, s.society_type, s.members, s.contact_name, s.contact_phone, s.active, s.founded_on::text as founded_on, s.note
    from youth_societies s join organizations o on o.id = s.org_id`;

interface Row {
  id: number;
  org_id: number;
  org_name: string;
  name: string;
  society_type: Item['societyType'];
  members: number | null;
  contact_name: string | null;
  contact_phone: string | null;
  active: boolean;
  founded_on: string | null;
  note: string | null;
}

const toItem = (r: Row): Item => ({
  id: num(r.id),
  orgId: num(r.org_id),
  orgName: r.org_name,
  name: r.name,
  societyType: r.society_type,
  members: numOrNull(r.members),
  contactName: r.contact_name,
  contactPhone: r.contact_phone,
  active: r.active,
  foundedOn: r.founded_on,
  note: r.note,
});

async function filter(tx: Tx, q: api.QueryOf<R['exportSocieties']>): Promise<SQL> {
  const conds: SQL[] = [await subtreeFilter(tx, q.under)];
  if (q.active !== undefined) conds.push(sql`s.active = ${q.active}`);
  if (q.societyType) conds.push(sql`s.society_type = ${q.societyType}`);
  if (q.q) conds.push(sql`(s.name like ${likeText(q.q)} or s.contact_name like ${likeText(q.q)})`);
  return sql.join(conds, sql` and `);
}

export async function listSocieties(tx: Tx, q: api.QueryOf<R['listSocieties']>) {
  const where = await filter(tx, q);
  const { offset, limit } = pageOf(q);
  const rows = await query<Row>(tx, sql`${SELECT} where ${where} order by o.sort_order, o.path, s.name offset ${offset} limit ${limit}`);
  const [n] = await query<{ n: number; active: number; members: number }>(
    tx,
    sql`select count(*)::int as n, count(*) filter (where s.active)::int as active, coalesce(sum(s.members), 0)::int as members
          from youth_societies s join organizations o on o.id = s.org_id where ${where}`,
  );
  return { items: rows.map(toItem), total: Number(n!.n), active: Number(n!.active), members: Number(n!.members), page: q.page, pageSize: q.pageSize };
}

export async function allSocieties(tx: Tx, q: api.QueryOf<R['exportSocieties']>): Promise<Item[]> {
  return (await query<Row>(tx, sql`${SELECT} where ${await filter(tx, q)} order by o.sort_order, o.path, s.name`)).map(toItem);
}

export async function societyItem(tx: Tx, id: number): Promise<Item> {
  return toItem(await loadOne<Row>(tx, sql`${SELECT} where s.id = ${id}`, '青年社团'));
}

function refuseBranch(org: { type: string }) {
  if (org.type === 'branch' || org.type === 'joint_branch') throw new HttpError(422, 'branch', '青年社团由乡镇团委或上级团委联系，所属组织不能是团支部', 'orgId');
}

const insertValues = (orgId: number, b: Partial<api.BodyOf<R['createSociety']>>) =>
  sql`(${orgId}, ${b.name!}, ${b.societyType!}, ${b.members ?? null}, ${b.contactName || null}, ${b.contactPhone || null}, ${b.active ?? true}, ${b.foundedOn ?? null}::date, ${b.note || null})`;
const INSERT = sql`insert into youth_societies (org_id, name, society_type, members, contact_name, contact_phone, active, founded_on, note) values `;

export async function createSociety(tx: Tx, body: api.BodyOf<R['createSociety']>): Promise<number> {
  const org = await loadOrgRef(tx, body.orgId, 'orgId', '所属组织');
  refuseBranch(org);
  const [row] = await query<{ id: number }>(tx, sql`${INSERT}${insertValues(num(org.id), body)} returning id`);
  return num(row!.id);
}

const COLUMN_OF: Record<string, string> = {
  name: 'name',
  societyType: 'society_type',
  members: 'members',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  active: 'active',
  foundedOn: 'founded_on',
  note: 'note',
};

export async function updateSociety(tx: Tx, id: number, body: api.BodyOf<R['updateSociety']>): Promise<void> {
  await societyItem(tx, id);
  const sets: SQL[] = [sql`updated_at = now()`];
  for (const [k, v] of Object.entries(body)) if (v !== undefined && COLUMN_OF[k]) sets.push(sql`${sql.identifier(COLUMN_OF[k])} = ${v === '' ? null : v}`);
  await tx.execute(sql`update youth_societies set ${sql.join(sets, sql`, `)} where id = ${id}`);
}

export const SOCIETY_COLUMNS: ImportColumn[] = [
  { key: 'name', header: '社团名称', required: true },
  { key: 'township', header: '所属组织' },
  { key: 'societyType', header: '社团类型', required: true },
  { key: 'members', header: '成员数', kind: 'int' },
  { key: 'contactName', header: '联系人' },
  { key: 'contactPhone', header: '联系电话' },
  { key: 'active', header: '是否活跃', kind: 'bool' },
  { key: 'foundedOn', header: '成立日期', kind: 'date' },
  { key: 'note', header: '备注' },
];

export const SOCIETY_EXPORT = exportColumns<Item>(SOCIETY_COLUMNS, (s, k) => (k === 'township' ? s.orgName : (s as unknown as Record<string, string | number | boolean | null>)[k]));

/** Societies from a sheet in the export's columns; 所属组织 by name (empty: the organization imported to); written only when every row is clean. */
export async function importSocieties(tx: Tx, body: api.BodyOf<R['importSocieties']>): Promise<api.registriesSmall.SmallImportResult> {
  const root = await loadOrgRef(tx, body.orgId, 'orgId', '导入到组织');
  refuseBranch(root);
  const { rows, errors } = await readTable(body, SOCIETY_COLUMNS);
  const find = await committeeFinder(tx, { id: num(root.id), path: root.path, name: root.name });
  const headerOf = (k: string) => SOCIETY_COLUMNS.find((c) => c.key === k)?.header ?? (k === 'orgId' ? '所属组织' : k);
  const ready: SQL[] = [];
  for (const { row, v } of rows) {
    if (errors.some((e) => e.row === row)) continue;
    const org = find(v.township as string | null);
    if (typeof org === 'string') {
      errors.push({ row, column: '所属组织', message: org });
      continue;
    }
    const { township: _t, ...fields } = v;
    const parsed = api.registriesSmall.createSociety.body!.safeParse({ ...Object.fromEntries(Object.entries(fields).filter(([, x]) => x !== null)), orgId: org.id });
    if (!parsed.success) errors.push(...rowProblems(row, parsed.error.issues, headerOf));
    else ready.push(insertValues(org.id, parsed.data));
  }
  const clean = errors.length === 0;
  if (clean && !body.dryRun && ready.length) await tx.execute(sql`${INSERT}${sql.join(ready, sql`, `)}`);
  return { total: rows.length, created: clean && !body.dryRun ? ready.length : 0, written: clean && !body.dryRun, errors: errors.sort((a, b) => a.row - b.row) as ImportError[] };
}
