import { sql, type SQL } from 'drizzle-orm';
import { HONOR_TYPE_LABELS, honorAwardProblems, honorAwardTypes, honorTally, type HonorLevel, type HonorType, type RecipientKind, type Rules, type api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import { currentYear } from '../../lib/clock.js';
import { storeAttachment } from '../org-life/attachments.js';
import { likeText, loadOne, loadOrgRef, loadPeopleRefs, num, numOrNull, pageOf, refuse, subtreeFilter } from '../org-life/common.js';

type R = typeof api.registries;
type Item = api.registries.HonorAwardItem;
const OWNER = 'honor_award';

interface AwardRow {
  id: number;
  org_id: number;
  org_name: string;
  recipient_kind: RecipientKind;
  person_id: number | null;
  recipient_org_id: number | null;
  recipient_name: string;
  award_type: string;
  title: string;
  level: HonorLevel;
  awarding_body: string;
  year: number;
  awarded_on: string | null;
  certificate_no: string | null;
  note: string | null;
  certificates: number;
}

const AWARD_SELECT = sql`
  select h.id, h.org_id, o.name as org_name, h.recipient_kind, h.person_id, h.recipient_org_id, h.recipient_name, h.award_type, h.title, h.level,
         h.awarding_body, h.year, h.awarded_on::text as awarded_on, h.certificate_no, h.note,
         (select count(*)::int from attachments a where a.owner_type = ${OWNER} and a.owner_id = h.id) as certificates
    from honor_awards h join organizations o on o.id = h.org_id`;

const toItem = (r: AwardRow): Item => ({
  id: num(r.id),
  orgId: num(r.org_id),
  orgName: r.org_name,
  recipientKind: r.recipient_kind,
  personId: numOrNull(r.person_id),
  recipientOrgId: numOrNull(r.recipient_org_id),
  recipientName: r.recipient_name,
  awardType: r.award_type,
  title: r.title,
  level: r.level,
  awardingBody: r.awarding_body,
  year: Number(r.year),
  awardedOn: r.awarded_on,
  certificateNo: r.certificate_no,
  note: r.note,
  certificates: Number(r.certificates),
});

async function awardFilter(tx: Tx, q: api.QueryOf<R['exportHonorAwards']>): Promise<SQL> {
  const conds: SQL[] = [await subtreeFilter(tx, q.under)];
  if (q.year) conds.push(sql`h.year = ${q.year}`);
  if (q.level) conds.push(sql`h.level = ${q.level}`);
  if (q.awardType) conds.push(sql`h.award_type = ${q.awardType}`);
  if (q.recipientKind) conds.push(sql`h.recipient_kind = ${q.recipientKind}`);
  if (q.q) conds.push(sql`(h.recipient_name like ${likeText(q.q)} or h.title like ${likeText(q.q)})`);
  return sql.join(conds, sql` and `);
}

export async function listAwards(tx: Tx, q: api.QueryOf<R['listHonorAwards']>) {
  const where = await awardFilter(tx, q);
  const { offset, limit } = pageOf(q);
  const rows = await query<AwardRow>(tx, sql`${AWARD_SELECT} where ${where} order by h.year desc, h.level, h.id desc offset ${offset} limit ${limit}`);
  // Counts by level and recipient kind (at most 15 rows), not every matching honor.
  const counts = await query<{ level: HonorLevel; recipient_kind: RecipientKind; n: number }>(
    tx,
    sql`select h.level, h.recipient_kind, count(*)::int as n from honor_awards h join organizations o on o.id = h.org_id where ${where} group by 1, 2`,
  );
  const tally = counts.map((a) => ({ level: a.level, recipientKind: a.recipient_kind, n: Number(a.n) }));
  return {
    items: rows.map(toItem),
    total: tally.reduce((s, a) => s + a.n, 0),
    page: q.page,
    pageSize: q.pageSize,
    tally: honorTally(tally),
  };
}

export async function allAwards(tx: Tx, q: api.QueryOf<R['exportHonorAwards']>): Promise<Item[]> {
  return (await query<AwardRow>(tx, sql`${AWARD_SELECT} where ${await awardFilter(tx, q)} order by h.year desc, h.level, h.id desc`)).map(toItem);
}

export { AWARD_EXPORT_COLUMNS } from './honors-import.js';

export async function awardDetail(tx: Tx, id: number): Promise<api.ResponseOf<R['getHonorAward']>> {
  const r = await loadOne<AwardRow>(tx, sql`${AWARD_SELECT} where h.id = ${id}`, '荣誉记录');
  const attachments = await query<{ id: number; file_name: string; mime_type: string; size: number; created_at: string }>(
    tx,
    sql`select id, file_name, mime_type, size, created_at::text as created_at from attachments where owner_type = ${OWNER} and owner_id = ${id} order by id`,
  );
  return { ...toItem(r), attachments: attachments.map((a) => ({ id: num(a.id), fileName: a.file_name, mimeType: a.mime_type, size: Number(a.size), createdAt: a.created_at })) };
}

export async function createAward(tx: Tx, rules: Rules, body: api.BodyOf<R['createHonorAward']>): Promise<number> {
  refuse('honor_refused', honorAwardProblems(body, honorAwardTypes(rules), currentYear()), 'awardType');
  let orgId: number;
  let name: string;
  if (body.recipientKind === 'person') {
    const p = (await loadPeopleRefs(tx, [body.personId!], 'personId', '获得者')).get(body.personId!)!;
    orgId = p.org_id;
    name = p.name;
  } else if (body.recipientKind === 'org') {
    const o = await loadOrgRef(tx, body.recipientOrgId!, 'recipientOrgId', '获得的团组织');
    orgId = num(o.id);
    name = o.name;
  } else {
    if (!body.orgId) throw new HttpError(422, 'missing_org', '请选择获得集体所属的组织', 'orgId');
    orgId = num((await loadOrgRef(tx, body.orgId, 'orgId', '所属组织')).id);
    name = body.recipientName!.trim();
  }
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into honor_awards (org_id, recipient_kind, person_id, recipient_org_id, recipient_name, award_type, title, level, awarding_body, year, awarded_on, certificate_no, note)
        values (${orgId}, ${body.recipientKind}, ${body.recipientKind === 'person' ? body.personId! : null}, ${body.recipientKind === 'org' ? body.recipientOrgId! : null}, ${name},
                ${body.awardType}, ${body.title}, ${body.level}, ${body.awardingBody}, ${body.year}, ${body.awardedOn ?? null}, ${body.certificateNo || null}, ${body.note || null})
        returning id`,
  );
  return num(row!.id);
}

export async function uploadCertificate(tx: Tx, rules: Rules, id: number, body: { fileName: string; contentBase64: string }) {
  const r = await loadOne<{ id: number; org_id: number }>(tx, sql`select id, org_id from honor_awards where id = ${id}`, '荣誉记录');
  return storeAttachment(tx, rules, { orgId: num(r.org_id), ownerType: OWNER, ownerId: id }, body);
}

/** Every honor of a person or an organization: the recorded awards and what the campaigns (评优表彰) awarded. */
export async function honorsOf(tx: Tx, q: api.QueryOf<R['getHonorsOf']>): Promise<api.ResponseOf<R['getHonorsOf']>> {
  if (!q.personId && !q.orgId) throw new HttpError(400, 'missing', '请指定人员或组织', 'personId');
  const awards = await query<AwardRow>(
    tx,
    sql`${AWARD_SELECT} where ${q.personId ? sql`h.person_id = ${q.personId}` : sql`h.recipient_org_id = ${q.orgId!}`}`,
  );
  const campaign = await query<{ id: number; honor_type: HonorType; title: string; year: number; awarded_on: string | null; org_name: string; org_type: string }>(
    tx,
    sql`select n.id, c.honor_type, c.title, c.year, n.awarded_on::text as awarded_on, co.name as org_name, co.type as org_type
          from honor_nominations n join tj_honor_campaigns_in_line() c on c.id = n.campaign_id join organizations co on co.id = c.org_id
         where n.status = 'awarded' and ${q.personId ? sql`(n.person_id = ${q.personId} or n.cadre_id in (select id from cadres where person_id = ${q.personId}))` : sql`n.nominee_org_id = ${q.orgId!}`}`,
  );
  const levelOf = (t: string): HonorLevel | null => (t === 'central' ? 'national' : t === 'provincial' ? 'provincial' : t === 'city' ? 'city' : t === 'county' ? 'county' : t === 'township' || t === 'subdistrict' ? 'township' : null);
  const items = [
    ...awards.map((a) => ({ source: 'award' as const, id: num(a.id), awardType: a.award_type, title: a.title, level: a.level, awardingBody: a.awarding_body, year: Number(a.year), awardedOn: a.awarded_on })),
    ...campaign.map((c) => ({ source: 'campaign' as const, id: num(c.id), awardType: HONOR_TYPE_LABELS[c.honor_type] ?? c.honor_type, title: c.title, level: levelOf(c.org_type), awardingBody: c.org_name, year: Number(c.year), awardedOn: c.awarded_on })),
  ].sort((a, b) => b.year - a.year || (b.awardedOn ?? '').localeCompare(a.awardedOn ?? ''));
  return { items };
}
