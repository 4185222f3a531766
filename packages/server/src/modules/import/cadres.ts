import { sql } from 'drizzle-orm';
import { api, cadreTitleLabel, parseIdCard } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { cadrePosts } from '../../db/schema.js';
import { query, textArray } from '../../db/sql.js';
import { today } from '../../lib/clock.js';
import { addPost, createCadre, updateCadre } from '../cadres/service.js';
import { recordTerm } from '../cadres/stats.js';
import { atRow, bodyProblems, dryRun } from './dry-run.js';
import type { ImportContext, KindHandler, PlanItem } from './kind.js';
import { orgsByName } from './orgs-lookup.js';
import { sameValue } from './read.js';

const ALIASES: Record<string, string> = { orgId: 'org', startedOn: 'termStart', lengthYears: 'termYears' };
const CADRE_FIELDS: [field: string, column: string, label: string][] = [
  ['name', 'name', '姓名'],
  ['gender', 'gender', '性别'],
  ['ethnicity', 'ethnicity', '民族'],
  ['education', 'education', '学历'],
  ['politicalStatus', 'political_status', '政治面貌'],
  ['phone', 'phone', '联系电话'],
  ['workUnit', 'work_unit', '工作单位'],
  ['establishment', 'establishment', '编制'],
];

type StoredCadre = Record<string, unknown> & { id: number; id_number: string; version: number };

interface State {
  cadreIds: Map<string, number>;
  terms: Set<number>;
}

export const cadresKind: KindHandler = {
  async plan(tx, rows, ctx) {
    const on = today();
    const findOrg = await orgsByName(tx, ctx.target.path, [...new Set(rows.flatMap((r) => (r.v.org ? [r.v.org as string] : [])))], ctx.county.name);
    const ids = [...new Set(rows.map((r) => r.v.idNumber as string))];
    const stored = new Map(
      (await query<StoredCadre>(tx, sql`select id, id_number, version, name, gender, ethnicity, education, political_status, phone, work_unit, establishment from cadres where id_number = any(${textArray(ids)})`)).map((c) => [
        c.id_number,
        { ...c, id: Number(c.id), version: Number(c.version) },
      ]),
    );
    const people = new Map((await query<{ id: number; id_number: string }>(tx, sql`select id, id_number from people where id_number = any(${textArray(ids)})`)).map((p) => [p.id_number, Number(p.id)]));
    const posts = await query<{ cadre_id: number; org_id: number; title: string; employment: string; start_on: string; id: number }>(
      tx,
      sql`select p.id, p.cadre_id, p.org_id, p.title, p.employment, p.start_on::text as start_on from cadre_posts p join cadres c on c.id = p.cadre_id
           where c.id_number = any(${textArray(ids)}) and p.end_on is null`,
    );
    const postOf = new Map(posts.map((p) => [`${Number(p.cadre_id)}|${Number(p.org_id)}|${p.title}`, p]));
    const terms = new Map(
      (await query<{ org_id: number; started_on: string }>(tx, sql`select distinct on (org_id) org_id, started_on::text as started_on from committee_terms where ended_on is null order by org_id, started_on desc`)).map((t) => [
        Number(t.org_id),
        t.started_on,
      ]),
    );
    const items: PlanItem[] = [];
    let unchanged = 0;
    const seen = new Map<string, number>();
    for (const r of rows) {
      const v = r.v;
      const before = ctx.errorCount();
      const idNumber = v.idNumber as string;
      const found = findOrg(v.org as string);
      if (found.length !== 1) {
        ctx.err(r.row, 'org', found.length ? `任职组织“${v.org}”有重名，请改为全称` : `任职组织“${v.org}”不存在或不在“${ctx.target.name}”之下`);
        continue;
      }
      const org = found[0]!;
      const old = stored.get(idNumber);
      const parsed = parseIdCard(idNumber, on);
      const data: Record<string, unknown> = { idNumber, orgId: org.id, title: v.title, employment: v.employment ?? 'part_time', startOn: v.startOn };
      const fields: string[] = [];
      if (!old) {
        const firstRow = seen.get(idNumber);
        const cadre = {
          orgId: org.id,
          personId: people.get(idNumber),
          name: v.name,
          gender: v.gender ?? (parsed.ok ? parsed.info.gender : undefined),
          idNumber,
          ethnicity: v.ethnicity ?? '01',
          education: v.education ?? null,
          politicalStatus: v.politicalStatus,
          phone: v.phone ?? null,
          workUnit: v.workUnit ?? null,
          establishment: v.establishment ?? 'outside',
          civilServant: false,
          localResident: true,
        };
        for (const p of bodyProblems(api.cadres.createCadre.body!, cadre, ALIASES)) ctx.err(r.row, p.field, p.message);
        if (!firstRow) data.cadre = cadre;
        seen.set(idNumber, firstRow ?? r.row);
      } else {
        const changes: Record<string, unknown> = {};
        for (const [f, column, label] of CADRE_FIELDS) {
          if (v[f] === null || v[f] === undefined || v[f] === (old as Record<string, unknown>)[column]) continue;
          changes[f] = v[f];
          fields.push(label);
        }
        if (fields.length && !seen.has(idNumber)) data.update = { id: old.id, version: old.version, changes };
        seen.set(idNumber, seen.get(idNumber) ?? r.row);
      }
      const post = old ? postOf.get(`${old.id}|${org.id}|${v.title}`) : undefined;
      if (!post) {
        for (const p of bodyProblems(api.cadres.addPost.body!, { orgId: org.id, title: v.title, employment: data.employment, startOn: v.startOn }, ALIASES)) ctx.err(r.row, p.field, p.message);
        data.post = true;
        if (old) fields.push(`新任${cadreTitleLabel(String(v.title))}`);
      } else if (!sameValue(v, 'startOn', post.start_on) || (v.employment && post.employment !== v.employment)) {
        data.postUpdate = { id: Number(post.id), startOn: v.startOn, employment: data.employment };
        fields.push('任职信息');
      }
      if (v.termStart && !sameValue(v, 'termStart', terms.get(org.id))) {
        data.term = { orgId: org.id, startedOn: v.termStart, lengthYears: v.termYears ?? undefined };
        if (old) fields.push('本届任期');
      }
      if (ctx.errorCount() > before) continue;
      if (old && !fields.length) {
        unchanged++;
        continue;
      }
      items.push({ row: r.row, op: old ? 'update' : 'create', label: `${v.name}（${org.name}${cadreTitleLabel(String(v.title))}）`, fields, data });
    }
    const ok = await dryRun(tx, items, ctx, ALIASES, newState, (sp, item, s) => applyOne(sp, item, s, ctx));
    return { items: ok, unchanged };
  },

  async apply(tx, items, ctx, done) {
    const s = newState();
    for (const item of items) {
      await atRow(item.row, () => applyOne(tx, item, s, ctx));
      done(1);
    }
  },
};

const newState = (): State => ({ cadreIds: new Map(), terms: new Set() });

async function applyOne(tx: Tx, item: PlanItem, s: State, ctx: ImportContext): Promise<void> {
  const d = item.data as Record<string, unknown> & { idNumber: string; orgId: number };
  let cadreId = s.cadreIds.get(d.idNumber);
  if (d.cadre) {
    cadreId = await createCadre(tx, d.cadre as api.BodyOf<typeof api.cadres.createCadre>, ctx.rules);
    s.cadreIds.set(d.idNumber, cadreId);
  }
  const update = d.update as { id: number; version: number; changes: Record<string, unknown> } | undefined;
  if (update) {
    await updateCadre(tx, update.id, { ...update.changes, version: update.version } as api.BodyOf<typeof api.cadres.updateCadre>, ctx.rules);
    cadreId = update.id;
  }
  if (!cadreId) {
    const [c] = await query<{ id: number }>(tx, sql`select id from cadres where id_number = ${d.idNumber}`);
    cadreId = c ? Number(c.id) : undefined;
  }
  if (d.post && cadreId) await addPost(tx, cadreId, { orgId: d.orgId, title: String(d.title), employment: d.employment as 'part_time', startOn: d.startOn as string }, ctx.rules);
  const pu = d.postUpdate as { id: number; startOn: string; employment: string } | undefined;
  if (pu) await tx.update(cadrePosts).set({ startOn: pu.startOn, employment: pu.employment }).where(sql`id = ${pu.id}`);
  const term = d.term as { orgId: number; startedOn: string; lengthYears?: number } | undefined;
  if (term && !s.terms.has(term.orgId)) {
    s.terms.add(term.orgId);
    await recordTerm(tx, term, ctx.rules);
  }
}
