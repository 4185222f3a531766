import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import {
  COMMITTEE_ROLES,
  DEPUTY_STATUS_LABELS,
  DomainError,
  ETHNICITIES,
  POLITICAL_STATUSES,
  api,
  deputyCategories,
  deputyProblems,
  ethnicityName,
  politicalStatusName,
  type DeputyStatus,
  type Rules,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { cellDate, cellProblems, cellText, readUpload, type SheetRow } from '../../excel/read.js';
import type { SheetColumn } from '../../excel/workbook.js';
import { today } from '../../lib/clock.js';
import { loadOne, num } from '../org-life/common.js';

/*
 * 团代会代表 in Excel: the export, the template and the import share the
 * columns (export → edit → import round-trips). Every row is checked; a file
 * is written only when no row has an error; a deputy of the congress with the
 * same name and birth date (or the same name without one) is updated.
 */

type Item = api.deputies.DeputyItem;
const GENDER = { male: '男', female: '女' } as const;

const COLUMNS = [
  { key: 'name', header: '姓名', required: true, width: 10, value: (d: Item) => d.name },
  { key: 'gender', header: '性别', required: true, width: 6, value: (d: Item) => GENDER[d.gender] },
  { key: 'birthDate', header: '出生日期', width: 12, value: (d: Item) => d.birthDate },
  { key: 'ethnicity', header: '民族', width: 8, value: (d: Item) => ethnicityName(d.ethnicity) ?? d.ethnicity },
  { key: 'politicalStatus', header: '政治面貌', width: 12, value: (d: Item) => politicalStatusName(d.politicalStatus) ?? d.politicalStatus },
  { key: 'unitPost', header: '工作单位及职务', width: 30, value: (d: Item) => d.unitPost },
  { key: 'phone', header: '联系电话', width: 14, value: (d: Item) => d.phone },
  { key: 'categories', header: '身份类别', required: true, width: 24, value: (d: Item) => d.categories.join('、') },
  { key: 'constituency', header: '选举单位', required: true, width: 30, value: (d: Item) => d.orgName },
  { key: 'station', header: '代表联络站', width: 24, value: (d: Item) => d.stationName },
  { key: 'committee', header: '专委会', width: 20, value: (d: Item) => d.committeeName },
  { key: 'committeeRole', header: '专委会职务', width: 10, value: (d: Item) => d.committeeRole },
  { key: 'status', header: '代表状态', width: 10, value: (d: Item) => DEPUTY_STATUS_LABELS[d.status] },
  { key: 'terminatedOn', header: '终止日期', width: 12, value: (d: Item) => d.terminatedOn },
  { key: 'terminationReason', header: '终止原因', width: 20, value: (d: Item) => d.terminationReason },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];

export const DEPUTY_EXPORT_COLUMNS: SheetColumn<Item>[] = [
  ...COLUMNS.map((c) => ({ header: c.header, width: c.width, value: c.value })),
  { header: '团代会', width: 24, value: (d: Item) => d.congressTitle },
  { header: '本年联系次数', width: 12, value: (d: Item) => d.contactsThisYear },
];

export async function buildDeputyTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('团代会代表');
  ws.columns = COLUMNS.map((c) => ({ header: 'required' in c ? `${c.header}*` : c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(['（示例，导入前删除）张三', '男', '1998-05-04', '汉族', '共青团员', '某村团支部书记', '13800000000', '团干部、农村青年', '白泥镇', '白泥镇团代表联络站', '', '', '在任', '', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const STATUS_BY_LABEL: Record<string, DeputyStatus> = { 在任: 'serving', 终止资格: 'terminated', 终止: 'terminated' };
const ETHNICITY_CODE = new Map(ETHNICITIES.map((e) => [e.name, e.code]));
const POLITICAL_CODE = new Map<string, string>(POLITICAL_STATUSES.map((p) => [p.name, p.code]));
const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;

interface Parsed {
  row: number;
  orgId: number;
  name: string;
  gender: 'male' | 'female';
  birthDate: string | null;
  ethnicity: string | null;
  politicalStatus: string | null;
  unitPost: string | null;
  phone: string | null;
  categories: string[];
  stationId: number | null;
  committeeId: number | null;
  committeeRole: string | null;
  status: DeputyStatus;
  terminatedOn: string | null;
  terminationReason: string | null;
}

export async function importDeputies(tx: Tx, rules: Rules, body: api.BodyOf<typeof api.deputies.importDeputies>): Promise<api.deputies.DeputyImportResult> {
  const congress = await loadOne<{ id: number; org_id: number; title: string; path: string; org_name: string }>(
    tx,
    sql`select c.id, c.org_id, c.title, o.path::text as path, o.name as org_name from congresses c join organizations o on o.id = c.org_id where c.id = ${body.congressId}`,
    '团代会',
    'congressId',
  );
  const sheet: SheetRow[] = [];
  for await (const r of readUpload(body)) sheet.push(r);
  const headerIndex = sheet.findIndex((r) => r.cells.some((c) => cellText(c).replace('*', '') === '姓名'));
  if (headerIndex < 0) throw new DomainError('bad_header', '找不到表头：第一行应有“姓名”“性别”等列，请使用导入模板', 'contentBase64');
  const header = sheet[headerIndex]!.cells.map((c) => cellText(c).replace('*', '').trim());
  const at = {} as Record<ColumnKey, number>;
  for (const c of COLUMNS) {
    const i = header.findIndex((h) => h === c.header);
    if (i < 0 && 'required' in c) throw new DomainError('bad_header', `表头缺少“${c.header}”列，请使用导入模板`, 'contentBase64');
    at[c.key] = i;
  }
  const orgs = await query<{ id: number; name: string; short_name: string | null; type: string }>(
    tx,
    sql`select id, name, short_name, type from organizations where path <@ ${congress.path}::ltree and status = 'active'`,
  );
  const orgOf = (text: string): number | string => {
    const exact = orgs.filter((o) => o.name === text || o.short_name === text);
    const found = exact.length ? exact : orgs.filter((o) => (o.type === 'township' || o.type === 'subdistrict') && o.name.includes(text));
    if (found.length === 1) return num(found[0]!.id);
    return found.length ? `“${text}”对应多个组织，请填写全称` : `在“${congress.org_name}”之下找不到“${text}”`;
  };
  const stations = await query<{ id: number; name: string }>(tx, sql`select id, name from deputy_stations where congress_id = ${congress.id}`);
  const committees = await query<{ id: number; name: string }>(tx, sql`select id, name from deputy_committees where congress_id = ${congress.id}`);
  const categories = deputyCategories(rules);
  const on = today();
  const errors: api.deputies.DeputyImportResult['errors'] = [];
  const valid: Parsed[] = [];
  const seen = new Map<string, number>();
  let total = 0;
  for (const r of sheet.slice(headerIndex + 1)) {
    const cell = (k: ColumnKey) => (at[k] >= 0 ? r.cells[at[k]] : undefined);
    const txt = (k: ColumnKey) => cellText(cell(k)).trim();
    if (r.cells.every((c) => cellText(c) === '') || txt('name').startsWith('（示例')) continue;
    total++;
    const unstorable = cellProblems(r, (i) => header[i] || undefined);
    if (unstorable.length) {
      errors.push(...unstorable);
      continue;
    }
    const before = errors.length;
    const err = (k: ColumnKey, message: string) => errors.push({ row: r.row, column: COLUMNS.find((c) => c.key === k)!.header, message });
    const name = txt('name');
    if (name.length < 2 || name.length > 20) err('name', name ? `姓名“${name}”应为2至20个字` : '姓名为空');
    const gender = txt('gender') === '男' ? 'male' : txt('gender') === '女' ? 'female' : null;
    if (!gender) err('gender', txt('gender') ? `性别“${txt('gender')}”应为男或女` : '性别为空');
    const date = (k: 'birthDate' | 'terminatedOn', label: string): string | null => {
      const d = cellDate(cell(k));
      if (d === undefined) err(k, `${label}“${txt(k)}”不是有效日期`);
      return d ?? null;
    };
    const birthDate = date('birthDate', '出生日期');
    const terminatedOn = date('terminatedOn', '终止日期');
    const ethnicity = txt('ethnicity') ? (ETHNICITY_CODE.get(txt('ethnicity')) ?? null) : null;
    if (txt('ethnicity') && !ethnicity) err('ethnicity', `民族“${txt('ethnicity')}”无效`);
    const politicalStatus = txt('politicalStatus') ? (POLITICAL_CODE.get(txt('politicalStatus')) ?? null) : null;
    if (txt('politicalStatus') && !politicalStatus) err('politicalStatus', `政治面貌“${txt('politicalStatus')}”无效`);
    const phone = txt('phone') || null;
    if (phone && !PHONE.test(phone)) err('phone', `联系电话“${phone}”格式不正确`);
    const cats = [...new Set(txt('categories').split(/[、，,；;\s]+/).filter(Boolean))];
    const org = txt('constituency') ? orgOf(txt('constituency')) : '选举单位为空';
    if (typeof org === 'string') err('constituency', org);
    const station = txt('station') ? stations.find((s) => s.name === txt('station')) : undefined;
    if (txt('station') && !station) err('station', `该团代会没有名为“${txt('station')}”的代表联络站`);
    const committee = txt('committee') ? committees.find((c) => c.name === txt('committee')) : undefined;
    if (txt('committee') && !committee) err('committee', `该团代会没有名为“${txt('committee')}”的专委会`);
    const status = txt('status') ? STATUS_BY_LABEL[txt('status')] : 'serving';
    if (!status) err('status', `代表状态“${txt('status')}”应为在任或终止资格`);
    const committeeRole = txt('committeeRole') || (committee ? '委员' : null);
    if (committeeRole && committee && !(COMMITTEE_ROLES as readonly string[]).includes(committeeRole)) err('committeeRole', `专委会职务应为${COMMITTEE_ROLES.join('、')}`);
    if (status) {
      const problems = deputyProblems(
        { name, birthDate, categories: cats, status, terminatedOn, terminationReason: txt('terminationReason') || null, committeeId: committee ? num(committee.id) : null, committeeRole },
        categories,
        on,
      );
      for (const p of problems) err(/身份类别/.test(p) ? 'categories' : /出生/.test(p) ? 'birthDate' : /终止日期/.test(p) ? 'terminatedOn' : /原因|在任/.test(p) ? 'terminationReason' : 'committeeRole', p);
    }
    if (errors.length > before) continue;
    const key = `${name}|${birthDate ?? ''}`;
    const first = seen.get(key);
    if (first) {
      err('name', `与第${first}行是同一代表`);
      continue;
    }
    seen.set(key, r.row);
    valid.push({
      row: r.row,
      orgId: org as number,
      name,
      gender: gender!,
      birthDate,
      ethnicity,
      politicalStatus,
      unitPost: txt('unitPost') || null,
      phone,
      categories: cats,
      stationId: station ? num(station.id) : null,
      committeeId: committee ? num(committee.id) : null,
      committeeRole: committee ? committeeRole : null,
      status: status!,
      terminatedOn,
      terminationReason: txt('terminationReason') || null,
    });
  }
  errors.sort((a, b) => a.row - b.row);
  const result = { total, valid: valid.length, created: 0, updated: 0, written: false, errors };
  if (errors.length || body.dryRun || !valid.length) return result;
  const existing = await query<{ id: number; name: string; birth_date: string | null }>(
    tx,
    sql`select id, name, birth_date::text as birth_date from congress_deputies where congress_id = ${congress.id}`,
  );
  const byKey = new Map(existing.map((e) => [`${e.name}|${e.birth_date ?? ''}`, num(e.id)]));
  for (const v of valid) {
    const id = byKey.get(`${v.name}|${v.birthDate ?? ''}`);
    const cats = sql`${sql.param(v.categories)}::text[]`;
    if (id) {
      await tx.execute(sql`update congress_deputies set org_id = ${v.orgId}, gender = ${v.gender}, ethnicity = coalesce(${v.ethnicity}, ethnicity),
          political_status = coalesce(${v.politicalStatus}, political_status), unit_post = coalesce(${v.unitPost}, unit_post), phone = coalesce(${v.phone}, phone),
          categories = ${cats}, station_id = ${v.stationId}, committee_id = ${v.committeeId}, committee_role = ${v.committeeRole}, status = ${v.status},
          terminated_on = ${v.terminatedOn}, termination_reason = ${v.terminationReason}
        where id = ${id}`);
      result.updated++;
    } else {
      await tx.execute(sql`insert into congress_deputies (org_id, congress_id, congress_title, name, gender, birth_date, ethnicity, political_status, unit_post, phone, categories,
                                                         station_id, committee_id, committee_role, status, terminated_on, termination_reason)
        values (${v.orgId}, ${congress.id}, ${congress.title}, ${v.name}, ${v.gender}, ${v.birthDate}, ${v.ethnicity}, ${v.politicalStatus}, ${v.unitPost}, ${v.phone}, ${cats},
                ${v.stationId}, ${v.committeeId}, ${v.committeeRole}, ${v.status}, ${v.terminatedOn}, ${v.terminationReason})`);
      result.created++;
    }
  }
  result.written = true;
  return result;
}
