import { sql } from 'drizzle-orm';
import {
  HONOR_LEVELS,
  HONOR_LEVEL_LABELS,
  RECIPIENT_KINDS,
  RECIPIENT_KIND_LABELS,
  honorAwardProblems,
  honorAwardTypes,
  type HonorLevel,
  type RecipientKind,
  type Rules,
  type api,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { cellDate } from '../../excel/read.js';
import type { SheetColumn } from '../../excel/workbook.js';
import { currentYear } from '../../lib/clock.js';
import { loadOrgRef, num } from '../org-life/common.js';
import { importTemplate, orgMatcher, readImportSheet, type ImportColumn } from './sheet-import.js';

/*
 * 荣誉记录 in Excel: the template, the export and the import share the columns
 * (export → edit → import round-trips; the export leaves 公民身份号码 blank and a
 * person is then found by name). The recipient is a person (by ID number, or a
 * name unique under the organization imported into), a league organization (full
 * name or 简称) or another collective (its name, kept at 所属组织). Every row is
 * checked; only a file without errors is written; the same honor of the same
 * recipient (type, title, year) already recorded is updated, not duplicated.
 */

type Item = api.registries.HonorAwardItem;
type Key = 'recipient' | 'kind' | 'idNumber' | 'awardType' | 'title' | 'level' | 'awardingBody' | 'year' | 'awardedOn' | 'certificateNo' | 'org' | 'note';

const COLUMNS: (ImportColumn<Key> & { value: (h: Item) => string | number | null })[] = [
  { key: 'recipient', header: '获得者', required: true, width: 30, value: (h) => h.recipientName },
  { key: 'kind', header: '获得者类别', required: true, width: 10, value: (h) => RECIPIENT_KIND_LABELS[h.recipientKind] },
  { key: 'idNumber', header: '公民身份号码', width: 20, alias: /身份证/, value: () => null },
  { key: 'awardType', header: '荣誉类型', required: true, width: 18, value: (h) => h.awardType },
  { key: 'title', header: '荣誉名称', required: true, width: 30, value: (h) => h.title },
  { key: 'level', header: '授予层级', required: true, width: 12, value: (h) => HONOR_LEVEL_LABELS[h.level] },
  { key: 'awardingBody', header: '授予机关', required: true, width: 30, value: (h) => h.awardingBody },
  { key: 'year', header: '年度', required: true, width: 8, alias: /^授予年度$/, value: (h) => h.year },
  { key: 'awardedOn', header: '授予日期', width: 12, value: (h) => h.awardedOn },
  { key: 'certificateNo', header: '证书编号', width: 16, value: (h) => h.certificateNo },
  { key: 'org', header: '所属组织', width: 30, value: (h) => h.orgName },
  { key: 'note', header: '备注', width: 30, value: (h) => h.note },
];

export const AWARD_EXPORT_COLUMNS: SheetColumn<Item>[] = [
  ...COLUMNS.map((c) => ({ header: c.header, width: c.width, value: c.value })),
  { header: '证书扫描件', width: 10, value: (h) => (h.certificates ? `${h.certificates}份` : '无') },
];

export function buildHonorTemplate(): Promise<Buffer> {
  return importTemplate('荣誉记录', COLUMNS, [
    ['张三', '个人', '520329199805041234', '优秀志愿者', '2025年度全省优秀青年志愿者', '省（区）级', '共青团贵州省委', 2025, '2025-12-05', '', '', ''],
    ['共青团余庆县白泥镇委员会', '团组织', '', '五四红旗团委', '2025年度全市五四红旗团委', '市级', '共青团遵义市委', 2025, '', '', '', ''],
    ['某某公司青年突击队', '其他集体', '', '青年突击队', '2025年度全县青年突击队', '县级', '共青团余庆县委', 2025, '', '', '白泥镇', ''],
  ]);
}

/** An ID number as stored: trimmed, a final x upper-case. */
const normalizeIdCard = (t: string) => t.replace(/\s/g, '').toUpperCase();

const KIND_BY_LABEL: Record<string, RecipientKind> = { ...Object.fromEntries(RECIPIENT_KINDS.map((k) => [RECIPIENT_KIND_LABELS[k], k])), 集体: 'collective', 组织: 'org' };
const LEVEL_BY_LABEL: Record<string, HonorLevel> = {
  ...Object.fromEntries(HONOR_LEVELS.map((l) => [HONOR_LEVEL_LABELS[l], l])),
  国家级: 'national',
  省级: 'provincial',
  区级: 'provincial',
  自治区级: 'provincial',
  地市级: 'city',
  县级: 'county',
  区县级: 'county',
  乡镇级: 'township',
  街道级: 'township',
};

interface Row {
  row: number;
  orgId: number;
  recipientKind: RecipientKind;
  personId: number | null;
  recipientOrgId: number | null;
  recipientName: string;
  awardType: string;
  title: string;
  level: HonorLevel;
  awardingBody: string;
  year: number;
  awardedOn: string | null;
  certificateNo: string | null;
  note: string | null;
}

const keyOf = (r: Pick<Row, 'recipientKind' | 'personId' | 'recipientOrgId' | 'orgId' | 'recipientName' | 'awardType' | 'title' | 'year'>) =>
  [r.recipientKind, r.recipientKind === 'person' ? r.personId : r.recipientKind === 'org' ? r.recipientOrgId : `${r.orgId}|${r.recipientName}`, r.awardType, r.title, r.year].join('|');

export async function importAwards(tx: Tx, rules: Rules, body: api.BodyOf<typeof api.registries.importHonorAwards>): Promise<api.registries.NewSectorImportResult> {
  const root = await loadOrgRef(tx, body.orgId, 'orgId', '导入到组织');
  const { lines, total, errors } = await readImportSheet(body, COLUMNS);
  const orgs = await query<{ id: number; name: string; short_name: string | null; type: string }>(
    tx,
    sql`select id, name, short_name, type from organizations where path <@ ${root.path}::ltree and status = 'active'`,
  );
  const orgOf = orgMatcher({ id: num(root.id), name: root.name }, orgs);
  // People named in the file, by ID number and by name, under the organization imported into.
  const ids = [...new Set(lines.map((l) => normalizeIdCard(l.txt('idNumber'))).filter(Boolean))];
  const names = [...new Set(lines.filter((l) => KIND_BY_LABEL[l.txt('kind')] === 'person').map((l) => l.txt('recipient')))];
  const people = await query<{ id: number; name: string; id_number: string; org_id: number }>(
    tx,
    sql`select p.id, p.name, p.id_number, p.org_id from people p join organizations o on o.id = p.org_id
         where o.path <@ ${root.path}::ltree and (p.id_number = any(${sql.param(ids)}::text[]) or p.name = any(${sql.param(names)}::text[]))`,
  );
  const types = honorAwardTypes(rules);
  const thisYear = currentYear();
  const valid: Row[] = [];
  const seen = new Map<string, number>();
  for (const l of lines) {
    const { txt, err } = l;
    const before = errors.length;
    const name = txt('recipient');
    if (!name) err('recipient', '获得者为空');
    else if (name.length > 100) err('recipient', '获得者不能超过100个字');
    const kind = KIND_BY_LABEL[txt('kind')];
    if (!kind) err('kind', txt('kind') ? `获得者类别“${txt('kind')}”无效，应为个人、团组织或其他集体` : '获得者类别为空（个人、团组织或其他集体）');
    const level = LEVEL_BY_LABEL[txt('level')];
    if (!level) err('level', txt('level') ? `授予层级“${txt('level')}”无效，应为全国、省（区）级、市级、县级或乡镇（街道）级` : '授予层级为空');
    const title = txt('title');
    if (title.length < 2 || title.length > 100) err('title', title ? '荣誉名称应为2至100个字' : '荣誉名称为空');
    const awardingBody = txt('awardingBody');
    if (awardingBody.length < 2 || awardingBody.length > 100) err('awardingBody', awardingBody ? '授予机关应为2至100个字' : '授予机关为空');
    const yearText = txt('year').replace(/年$/, '');
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : null;
    if (year === null) err('year', txt('year') ? `年度“${txt('year')}”应为四位年份` : '年度为空');
    const awardedOn = cellDate(l.cell('awardedOn'));
    if (awardedOn === undefined) err('awardedOn', `授予日期“${txt('awardedOn')}”不是有效日期`);
    const certificateNo = txt('certificateNo') || null;
    if (certificateNo && certificateNo.length > 50) err('certificateNo', '证书编号不能超过50个字');
    const note = txt('note') || null;
    if (note && note.length > 500) err('note', '备注不能超过500个字');
    let personId: number | null = null;
    let recipientOrgId: number | null = null;
    let orgId = num(root.id);
    let recipientName = name;
    if (kind === 'person' && name) {
      const idNumber = normalizeIdCard(txt('idNumber'));
      const found = idNumber ? people.filter((p) => p.id_number === idNumber) : people.filter((p) => p.name === name);
      if (idNumber && !found.length) err('idNumber', `在“${root.name}”之下找不到公民身份号码为${txt('idNumber')}的人员`);
      else if (idNumber && found[0]!.name !== name) err('recipient', `公民身份号码${txt('idNumber')}登记的姓名是“${found[0]!.name}”，与“${name}”不符`);
      else if (!found.length) err('recipient', `在“${root.name}”之下找不到名为“${name}”的人员，请填写公民身份号码`);
      else if (found.length > 1) err('idNumber', `“${name}”有${found.length}人同名，请填写公民身份号码`);
      else {
        personId = num(found[0]!.id);
        orgId = num(found[0]!.org_id);
      }
    } else if (kind === 'org' && name) {
      const o = orgOf(name);
      if (typeof o === 'string') err('recipient', o);
      else {
        recipientOrgId = o.id;
        orgId = o.id;
        recipientName = orgs.find((x) => num(x.id) === o.id)!.name;
      }
    } else if (kind === 'collective') {
      const o = orgOf(txt('org'));
      if (typeof o === 'string') err('org', o);
      else orgId = o.id;
    }
    const awardType = txt('awardType');
    if (!awardType) err('awardType', '荣誉类型为空');
    else if (kind && year !== null) {
      const problems = honorAwardProblems({ recipientKind: kind, personId: personId ?? 0, recipientOrgId: recipientOrgId ?? 0, recipientName: name, awardType, year, awardedOn }, types, thisYear);
      for (const p of problems) err(p.startsWith('荣誉类型') ? 'awardType' : p.startsWith('授予日期') ? 'awardedOn' : 'year', p);
    }
    if (errors.length > before) continue;
    const row: Row = { row: l.row, orgId, recipientKind: kind!, personId, recipientOrgId, recipientName, awardType, title, level: level!, awardingBody, year: year!, awardedOn: awardedOn ?? null, certificateNo, note };
    const first = seen.get(keyOf(row));
    if (first) {
      err('title', `与第${first}行是同一获得者的同一荣誉`);
      continue;
    }
    seen.set(keyOf(row), l.row);
    valid.push(row);
  }
  errors.sort((a, b) => a.row - b.row);
  const result = { total, valid: valid.length, created: 0, updated: 0, written: false, errors };
  if (errors.length || body.dryRun || !valid.length) return result;

  const existing = await query<{ id: number; org_id: number; recipient_kind: RecipientKind; person_id: number | null; recipient_org_id: number | null; recipient_name: string; award_type: string; title: string; year: number }>(
    tx,
    sql`select h.id, h.org_id, h.recipient_kind, h.person_id, h.recipient_org_id, h.recipient_name, h.award_type, h.title, h.year
          from honor_awards h join organizations o on o.id = h.org_id where o.path <@ ${root.path}::ltree`,
  );
  const byKey = new Map(
    existing.map((e) => [
      keyOf({ recipientKind: e.recipient_kind, personId: e.person_id === null ? null : num(e.person_id), recipientOrgId: e.recipient_org_id === null ? null : num(e.recipient_org_id), orgId: num(e.org_id), recipientName: e.recipient_name, awardType: e.award_type, title: e.title, year: Number(e.year) }),
      num(e.id),
    ]),
  );
  const updates = valid.filter((v) => byKey.has(keyOf(v)));
  const creates = valid.filter((v) => !byKey.has(keyOf(v)));
  const CHUNK = 1000;
  for (let i = 0; i < updates.length; i += CHUNK) {
    const values = updates
      .slice(i, i + CHUNK)
      .map((v) => sql`(${byKey.get(keyOf(v))!}::bigint, ${v.level}::text, ${v.awardingBody}::text, ${v.awardedOn}::date, ${v.certificateNo}::text, ${v.note}::text)`);
    await tx.execute(sql`update honor_awards h set level = v.level, awarding_body = v.awarding_body, awarded_on = coalesce(v.awarded_on, h.awarded_on),
        certificate_no = coalesce(v.certificate_no, h.certificate_no), note = coalesce(v.note, h.note), updated_at = now()
      from (values ${sql.join(values, sql`, `)}) as v(id, level, awarding_body, awarded_on, certificate_no, note)
      where h.id = v.id and (h.level, h.awarding_body, h.awarded_on, h.certificate_no, h.note)
                        is distinct from (v.level, v.awarding_body, coalesce(v.awarded_on, h.awarded_on), coalesce(v.certificate_no, h.certificate_no), coalesce(v.note, h.note))`);
  }
  for (let i = 0; i < creates.length; i += CHUNK) {
    const values = creates
      .slice(i, i + CHUNK)
      .map(
        (v) => sql`(${v.orgId}, ${v.recipientKind}, ${v.personId}, ${v.recipientOrgId}, ${v.recipientName}, ${v.awardType}, ${v.title}, ${v.level}, ${v.awardingBody}, ${v.year},
                    ${v.awardedOn}::date, ${v.certificateNo}, ${v.note})`,
      );
    await tx.execute(sql`insert into honor_awards (org_id, recipient_kind, person_id, recipient_org_id, recipient_name, award_type, title, level, awarding_body, year, awarded_on, certificate_no, note)
        values ${sql.join(values, sql`, `)}`);
  }
  result.updated = updates.length;
  result.created = creates.length;
  result.written = true;
  return result;
}
