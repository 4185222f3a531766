import { sql } from 'drizzle-orm';
import { parseIdCard } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query, textArray } from '../../db/sql.js';
import { today } from '../../lib/clock.js';
import { duplicateMessage, personProblems, type PersonInput } from '../people/service.js';
import { insertChunk } from '../people/import.js';
import type { KindHandler, PlanItem } from './kind.js';
import { orgsByName, type OrgRef } from './orgs-lookup.js';
import { sameValue } from './read.js';

/** The registry fields an import may set, as stored (column) and as the file's field. */
const FIELDS: [field: keyof PersonInput | 'org', column: string, label: string][] = [
  ['name', 'name', '姓名'],
  ['gender', 'gender', '性别'],
  ['ethnicity', 'ethnicity', '民族'],
  ['education', 'education', '学历'],
  ['politicalStatus', 'political_status', '政治面貌'],
  ['phone', 'phone', '联系电话'],
  ['occupation', 'occupation', '工作单位/职业'],
  ['isStudent', 'is_student', '在校学生'],
  ['grade', 'grade', '年级班级'],
  ['org', 'org_id', '所在团组织'],
  ['memberNo', 'member_no', '团员编号'],
  ['joinedOn', 'joined_on', '入团时间'],
  ['pioneerJoinedOn', 'pioneer_joined_on', '入队时间'],
];

type Stored = Record<string, unknown> & { id: number; id_number: string; member_status: string | null };

/**
 * ID numbers (member numbers) looked up per statement. Each lookup joins the chunk as a set to a unique
 * index (`wanted`, tj_people_locations): its cost grows with the chunk, not with the registry, so every
 * statement stays far under the statement limit at any registry size (test/api/import-scale.test.ts).
 */
export const LOOKUP_CHUNK = 5000;

/** A chunk of values as a derived table `wanted(v)`, each value once: joined, never searched row by row (`= any(array)`). */
const wanted = (values: readonly string[]) => sql`(select distinct v from jsonb_array_elements_text(${JSON.stringify(values)}::jsonb) as x(v)) as wanted`;

export const peopleKind: KindHandler = {
  check({ row, v }, ctx) {
    const name = v.name as string | null;
    if (name && (name.length < 2 || name.length > 30)) ctx.err(row, 'name', '姓名应为2—30个字');
    if (v.phone && !/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/.test(v.phone as string)) ctx.err(row, 'phone', '联系电话格式不正确');
    if (typeof v.memberNo === 'string') v.memberNo = v.memberNo.toUpperCase();
    if (v.isStudent !== undefined && v.isStudent !== null) v.isStudent = v.isStudent === 'true';
  },

  async plan(tx, rows, ctx) {
    const on = today();
    const orgNames = [...new Set(rows.flatMap((r) => (r.v.org ? [r.v.org as string] : [])))];
    const findOrg = await orgsByName(tx, ctx.target.path, orgNames, ctx.county.name);
    const ids = rows.map((r) => r.v.idNumber as string);
    const locations = new Map<string, { org_name: string | null; in_scope: boolean }>();
    const stored = new Map<string, Stored>();
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const part = ids.slice(i, i + LOOKUP_CHUNK);
      for (const l of await query<{ id_number: string; org_name: string | null; in_scope: boolean }>(tx, sql`select * from tj_people_locations(${textArray(part)})`)) locations.set(l.id_number, l);
      for (const p of await query<Stored>(
        tx,
        sql`select p.id, p.id_number, p.name, p.gender, p.ethnicity, p.education, p.political_status, p.phone, p.occupation, p.is_student, p.grade, p.org_id,
                   p.member_no, p.joined_on::text as joined_on, p.pioneer_joined_on::text as pioneer_joined_on, p.member_status
              from ${wanted(part)} join people p on p.id_number = wanted.v`,
      )) stored.set(p.id_number, { ...p, id: Number(p.id), org_id: Number(p.org_id) });
    }
    const memberNos = [...new Set(rows.flatMap((r) => (r.v.memberNo ? [r.v.memberNo as string] : [])))];
    const holder = new Map<string, string>();
    for (let i = 0; i < memberNos.length; i += LOOKUP_CHUNK) {
      const part = memberNos.slice(i, i + LOOKUP_CHUNK);
      for (const m of await query<{ member_no: string; id_number: string }>(tx, sql`select p.member_no, p.id_number from ${wanted(part)} join people p on p.member_no = wanted.v`)) holder.set(m.member_no, m.id_number);
    }
    const orgInfo = new Map<number, OrgRef | { id: number; type: string; status: string }>([[ctx.target.id, ctx.target]]);
    const seen = new Map<string, number>();
    const seenNo = new Map<string, number>();
    const items: PlanItem[] = [];
    let unchanged = 0;
    for (const r of rows) {
      const before = ctx.errorCount();
      const v = r.v;
      const idNumber = v.idNumber as string;
      const first = seen.get(idNumber);
      if (first) ctx.err(r.row, 'idNumber', `与第${first}行的身份证号重复`);
      else seen.set(idNumber, r.row);
      let orgId: number | undefined;
      if (v.org) {
        const found = findOrg(v.org as string);
        if (found.length === 0) ctx.err(r.row, 'org', `所在团组织“${v.org}”不存在或不在“${ctx.target.name}”之下`);
        else if (found.length > 1) ctx.err(r.row, 'org', `所在团组织“${v.org}”有重名，请改为全称`);
        else {
          orgId = found[0]!.id;
          orgInfo.set(orgId, found[0]!);
        }
      }
      const loc = locations.get(idNumber);
      if (loc && !loc.in_scope) {
        ctx.err(r.row, 'idNumber', duplicateMessage(loc));
        continue;
      }
      const old = stored.get(idNumber);
      const parsed = parseIdCard(idNumber, on);
      const fileValue = (f: string): unknown => (f === 'org' ? orgId : v[f]);
      const person: PersonInput = old
        ? {
            name: old.name as string, gender: old.gender as 'male', idNumber, ethnicity: old.ethnicity as string, education: old.education as string | null,
            politicalStatus: old.political_status as string, phone: old.phone as string | null, occupation: old.occupation as string | null,
            isStudent: old.is_student as boolean, grade: old.grade as string | null, orgId: Number(old.org_id), memberNo: old.member_no as string | null,
            joinedOn: old.joined_on as string | null, pioneerJoinedOn: old.pioneer_joined_on as string | null,
          }
        : { name: '', gender: parsed.ok ? parsed.info.gender : 'male', idNumber, ethnicity: '', politicalStatus: '', orgId: ctx.target.id };
      const changed: string[] = [];
      for (const [f, column, label] of FIELDS) {
        const value = fileValue(f);
        if (value === null || value === undefined || value === '') continue;
        const key = f === 'org' ? 'orgId' : f;
        const current = old ? (column === 'org_id' ? Number(old.org_id) : old[column]) : undefined;
        if (old && sameValue(v, f, current, value)) continue;
        (person as unknown as Record<string, unknown>)[key] = value;
        if (old) changed.push(label);
      }
      if (!old && !v.ethnicity) ctx.err(r.row, 'ethnicity', '请填写民族');
      if (!old && !v.politicalStatus) ctx.err(r.row, 'politicalStatus', '请填写政治面貌');
      if (person.memberNo) {
        const firstNo = seenNo.get(person.memberNo);
        if (firstNo) ctx.err(r.row, 'memberNo', `与第${firstNo}行的团员编号重复`);
        else seenNo.set(person.memberNo, r.row);
        const h = holder.get(person.memberNo);
        if (h && h !== idNumber) ctx.err(r.row, 'memberNo', `团员编号${person.memberNo}已被他人使用`);
      }
      if (!old || changed.length) {
        for (const [field, message] of personProblems(person, ctx.rules, on, orgInfo.get(person.orgId) ?? null)) ctx.err(r.row, field === 'orgId' ? 'org' : field, message);
      }
      if (ctx.errorCount() > before) continue;
      if (old && !changed.length) {
        unchanged++;
        continue;
      }
      items.push({ row: r.row, op: old ? 'update' : 'create', label: person.name, fields: changed, data: { ...person, id: old?.id, memberStatus: old?.member_status ?? null } });
    }
    return { items, unchanged };
  },

  async apply(tx, items, _ctx, done) {
    const creates = items.filter((i) => i.op === 'create');
    for (let i = 0; i < creates.length; i += 1000) {
      const chunk = creates.slice(i, i + 1000);
      await insertChunk(tx, chunk.map((c) => ({ ...(c.data as unknown as PersonInput), row: c.row })));
      done(chunk.length);
    }
    const updates = items.filter((i) => i.op === 'update');
    for (let i = 0; i < updates.length; i += 1000) {
      const chunk = updates.slice(i, i + 1000).map((u) => u.data as unknown as PersonInput & { id: number; memberStatus: string | null });
      const json = JSON.stringify(
        chunk.map((p) => ({
          id: p.id, org_id: p.orgId, name: p.name, gender: p.gender, ethnicity: p.ethnicity, education: p.education ?? null, political_status: p.politicalStatus,
          phone: p.phone ?? null, occupation: p.occupation ?? null, is_student: p.isStudent ?? false, grade: p.grade ?? null, member_no: p.memberNo ?? null,
          joined_on: p.joinedOn ?? null, pioneer_joined_on: p.pioneerJoinedOn ?? null, member_status: p.memberStatus ?? (p.memberNo ? 'active' : null),
        })),
      );
      await tx.execute(sql`
        update people p set org_id = x.org_id, name = x.name, gender = x.gender, ethnicity = x.ethnicity, education = x.education,
               political_status = x.political_status, phone = x.phone, occupation = x.occupation, is_student = x.is_student, grade = x.grade,
               member_no = x.member_no, joined_on = x.joined_on, pioneer_joined_on = x.pioneer_joined_on, member_status = x.member_status, version = p.version + 1
          from jsonb_to_recordset(${json}::jsonb) as x(id bigint, org_id bigint, name text, gender text, ethnicity text, education text, political_status text,
               phone text, occupation text, is_student boolean, grade text, member_no text, joined_on date, pioneer_joined_on date, member_status text)
         where p.id = x.id`);
      done(chunk.length);
    }
  },
};

