import { sql, type SQL } from 'drizzle-orm';
import { DomainError, programProblems, programTally, type Rules, type api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import type { SheetColumn } from '../../excel/workbook.js';
import { currentYear } from '../../lib/clock.js';
import { likeText, loadOne, num, numOrNull, pageOf, subtreeFilter } from '../org-life/common.js';

type R = typeof api.registriesSmall;
type Item = api.registriesSmall.ProgramFlagItem;

/** 西部计划、三支一扶… (issue 17, item 6): a cadre or a volunteer flagged with a configured programme and year. */
const SELECT = sql`
  select f.id, f.cadre_id, f.volunteer_id, coalesce(c.name, v.name) as name, f.org_id, o.name as org_name, f.program, f.program_year, f.note
    from service_program_flags f join organizations o on o.id = f.org_id
    left join cadres c on c.id = f.cadre_id left join volunteers v on v.id = f.volunteer_id`;

interface Row {
  id: number;
  cadre_id: number | null;
  volunteer_id: number | null;
  name: string;
  org_id: number;
  org_name: string;
  program: string;
  program_year: number;
  note: string | null;
}

const toItem = (r: Row): Item => ({
  id: num(r.id),
  kind: r.cadre_id !== null ? 'cadre' : 'volunteer',
  cadreId: numOrNull(r.cadre_id),
  volunteerId: numOrNull(r.volunteer_id),
  name: r.name,
  orgId: num(r.org_id),
  orgName: r.org_name,
  program: r.program,
  programYear: Number(r.program_year),
  note: r.note,
});

async function filter(tx: Tx, q: api.QueryOf<R['exportProgramFlags']>, withProgram = true): Promise<SQL> {
  const conds: SQL[] = [await subtreeFilter(tx, q.under)];
  if (q.kind) conds.push(q.kind === 'cadre' ? sql`f.cadre_id is not null` : sql`f.volunteer_id is not null`);
  if (withProgram && q.program) conds.push(sql`f.program = ${q.program}`);
  if (q.programYear) conds.push(sql`f.program_year = ${q.programYear}`);
  if (q.q) conds.push(sql`coalesce(c.name, v.name) like ${likeText(q.q)}`);
  return sql.join(conds, sql` and `);
}

export async function listFlags(tx: Tx, rules: Rules, q: api.QueryOf<R['listProgramFlags']>) {
  const where = await filter(tx, q);
  const { offset, limit } = pageOf(q);
  const rows = await query<Row>(tx, sql`${SELECT} where ${where} order by f.program_year desc, f.program, o.path, f.id offset ${offset} limit ${limit}`);
  // The tally by programme ignores the programme filter (every programme's count beside the filtered list).
  const counts = await query<{ program: string; cadres: number; volunteers: number }>(
    tx,
    sql`select f.program, count(f.cadre_id)::int as cadres, count(f.volunteer_id)::int as volunteers
          from service_program_flags f join organizations o on o.id = f.org_id left join cadres c on c.id = f.cadre_id left join volunteers v on v.id = f.volunteer_id
         where ${await filter(tx, q, false)} group by f.program`,
  );
  const order = programTally(counts.map((c) => ({ program: c.program, n: 1 })), rules).map((t) => t.program);
  const tally = order.map((p) => counts.find((c) => c.program === p)!).map((c) => ({ program: c.program, cadres: Number(c.cadres), volunteers: Number(c.volunteers) }));
  const total = counts.filter((c) => !q.program || c.program === q.program).reduce((s, c) => s + (q.kind !== 'volunteer' ? Number(c.cadres) : 0) + (q.kind !== 'cadre' ? Number(c.volunteers) : 0), 0);
  return { items: rows.map(toItem), total, page: q.page, pageSize: q.pageSize, tally };
}

export async function allFlags(tx: Tx, q: api.QueryOf<R['exportProgramFlags']>): Promise<Item[]> {
  return (await query<Row>(tx, sql`${SELECT} where ${await filter(tx, q)} order by f.program_year desc, f.program, o.path, f.id`)).map(toItem);
}

/** Flags (or corrects, or clears with an empty programme) a cadre's or volunteer's programme; kept at the record's organization. */
export async function putFlag(tx: Tx, rules: Rules, body: api.BodyOf<R['putProgramFlag']>): Promise<number | null> {
  if (!body.cadreId === !body.volunteerId) throw new HttpError(422, 'one_of', '请选择一名团干部或一名志愿者', 'cadreId');
  const [p] = programProblems(body, rules, currentYear());
  if (p) throw new DomainError('program_refused', p.message, p.field);
  const owner = body.cadreId
    ? await loadOne<{ org_id: number }>(tx, sql`select org_id from cadres where id = ${body.cadreId}`, '团干部', 'cadreId')
    : await loadOne<{ org_id: number }>(tx, sql`select org_id from volunteers where id = ${body.volunteerId!}`, '志愿者', 'volunteerId');
  const col = body.cadreId ? sql`cadre_id` : sql`volunteer_id`;
  const id = body.cadreId ?? body.volunteerId!;
  const [existing] = await query<{ id: number }>(tx, sql`select id from service_program_flags where ${col} = ${id}`);
  if (!body.program) {
    if (existing) await tx.execute(sql`delete from service_program_flags where id = ${existing.id}`);
    return null;
  }
  if (existing) {
    await tx.execute(
      sql`update service_program_flags set program = ${body.program}, program_year = ${body.programYear!}, note = ${body.note || null}, org_id = ${num(owner.org_id)}, updated_at = now() where id = ${existing.id}`,
    );
    return num(existing.id);
  }
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into service_program_flags (org_id, ${col}, program, program_year, note) values (${num(owner.org_id)}, ${id}, ${body.program}, ${body.programYear!}, ${body.note || null}) returning id`,
  );
  return num(row!.id);
}

export const FLAG_EXPORT: SheetColumn<Item>[] = [
  { header: '姓名', width: 12, value: (f) => f.name },
  { header: '类别', width: 10, value: (f) => (f.kind === 'cadre' ? '团干部' : '志愿者') },
  { header: '专项计划', width: 24, value: (f) => f.program },
  { header: '服务年度', width: 10, value: (f) => f.programYear },
  { header: '所属组织', width: 30, value: (f) => f.orgName },
  { header: '备注', width: 30, value: (f) => f.note },
];
