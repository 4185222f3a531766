import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { DomainError, EDUCATIONS, ETHNICITIES, POLITICAL_STATUSES, codeForName, idCardBirthDate, parseIdCard, type Rules, api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { importBatches, people } from '../../db/schema.js';
import { query, textArray, withSavepoint } from '../../db/sql.js';
import { notFound } from '../../http/errors.js';
import { cellDate, cellProblems, cellText, readUpload } from '../../excel/read.js';
import { today } from '../../lib/clock.js';
import { loadOrg } from '../organizations/service.js';
import { duplicateMessage, personProblems, type PersonInput } from './service.js';

/** The import template's columns, in order; * marks required ones. */
export const IMPORT_COLUMNS = [
  { header: '姓名*', key: 'name', width: 12 },
  { header: '性别*', key: 'gender', width: 8, list: ['男', '女'] },
  { header: '身份证号*', key: 'idNumber', width: 22 },
  { header: '民族*', key: 'ethnicity', width: 12, list: ETHNICITIES.map((e) => e.name) },
  { header: '学历', key: 'education', width: 14, list: EDUCATIONS.map((e) => e.name) },
  { header: '政治面貌*', key: 'politicalStatus', width: 14, list: POLITICAL_STATUSES.map((e) => e.name) },
  { header: '联系电话', key: 'phone', width: 14 },
  { header: '工作单位/职业', key: 'occupation', width: 20 },
  { header: '在校学生', key: 'isStudent', width: 10, list: ['是', '否'] },
  { header: '年级班级', key: 'grade', width: 16 },
  { header: '所在组织', key: 'org', width: 30 },
  { header: '团员编号', key: 'memberNo', width: 20 },
  { header: '入团时间', key: 'joinedOn', width: 12 },
  { header: '入队时间', key: 'pioneerJoinedOn', width: 12 },
] as const;
type ColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];
const HEADER_OF = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.header.replace('*', '')])) as Record<ColumnKey, string>;

export async function buildTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('青年团员名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  const codes = wb.addWorksheet('代码表', { state: 'hidden' });
  sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  // ID numbers, phones and member numbers are text: Excel must not turn them into numbers.
  for (const key of ['idNumber', 'phone', 'memberNo'] as const) sheet.getColumn(key).numFmt = '@';
  IMPORT_COLUMNS.forEach((c, i) => {
    if (!('list' in c)) return;
    const col = codes.getColumn(i + 1);
    col.values = [c.header, ...c.list];
    const letter = col.letter;
    const range = `'代码表'!$${letter}$2:$${letter}$${c.list.length + 1}`;
    for (let r = 2; r <= 5001; r++) {
      sheet.getCell(r, i + 1).dataValidation = { type: 'list', allowBlank: !c.header.endsWith('*'), formulae: [range], showErrorMessage: true, error: `请从下拉列表中选择${c.header.replace('*', '')}` };
    }
  });
  sheet.addRow({ name: '（示例，导入前删除）张三', gender: '男', idNumber: '520329200501010011', ethnicity: '汉族', education: '普通高中', politicalStatus: '共青团员', isStudent: '否', org: '', memberNo: '', joinedOn: '' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface ParsedRow {
  row: number;
  input: PersonInput;
}

/** A row kept in the batch: what will be inserted, with its row in the file (to name it if the commit fails). */
type BatchRow = PersonInput & { row?: number };

const HEADER_ERROR = '表头';

/**
 * Reads and checks a roster. Nothing is written to the registry: good rows are
 * kept in an import batch until the user accepts them (commitImport).
 */
export async function previewImport(tx: Tx, body: api.BodyOf<typeof api.people.previewImport>, rules: Rules): Promise<api.ImportReport> {
  const target = await loadOrg(tx, body.orgId);
  const errors: api.ImportReport['errors'] = [];
  const err = (row: number, key: ColumnKey | typeof HEADER_ERROR, message: string) => errors.push({ row, column: key === HEADER_ERROR ? HEADER_ERROR : HEADER_OF[key], message });
  const rows: ParsedRow[] = [];
  let sawHeader = false;
  let dataRows = 0;
  const orgNames = new Set<string>();
  const headerOf = (i: number) => (IMPORT_COLUMNS[i] ? HEADER_OF[IMPORT_COLUMNS[i]!.key] : undefined);
  try {
    for await (const r of readUpload(body)) {
      const values = r.cells;
      if (!sawHeader) {
        sawHeader = true;
        const headers = IMPORT_COLUMNS.map((_, i) => cellText(values[i]).replace('*', ''));
        const expected = IMPORT_COLUMNS.map((c) => c.header.replace('*', ''));
        if (r.row !== 1 || headers.join('|') !== expected.join('|')) err(r.row, HEADER_ERROR, `表头与模板不一致，请使用下载的导入模板（应为：${expected.join('、')}）`);
        continue;
      }
      if (cellText(values[0]).startsWith('（示例')) continue; // the template's sample row
      dataRows++;
      const get = (key: ColumnKey) => values[IMPORT_COLUMNS.findIndex((c) => c.key === key)] ?? null;
      const row = r.row;
      const unstorable = cellProblems(r, headerOf);
      if (unstorable.length) {
        errors.push(...unstorable);
        continue;
      }
      const before = errors.length;
      const name = cellText(get('name'));
      if (name.length < 2 || name.length > 30) err(row, 'name', '姓名应为2—30个字');
      const gender = { 男: 'male', 女: 'female' }[cellText(get('gender'))] as 'male' | 'female' | undefined;
      if (!gender) err(row, 'gender', '性别应为“男”或“女”');
      const rawId = get('idNumber');
      if (typeof rawId === 'number') err(row, 'idNumber', '身份证号是数字格式，Excel 可能已丢失末位数字，请将该列设置为文本后重新填写');
      const idNumber = cellText(rawId).toUpperCase();
      const ethnicity = codeForName(ETHNICITIES, cellText(get('ethnicity')));
      if (!ethnicity) err(row, 'ethnicity', `民族“${cellText(get('ethnicity'))}”不在 GB 3304 民族代码表中`);
      const eduText = cellText(get('education'));
      const education = eduText ? codeForName(EDUCATIONS, eduText) : null;
      if (education === undefined) err(row, 'education', `学历“${eduText}”不在代码表中`);
      const political = codeForName(POLITICAL_STATUSES, cellText(get('politicalStatus')));
      if (!political) err(row, 'politicalStatus', `政治面貌“${cellText(get('politicalStatus'))}”不在 GB/T 4762 代码表中`);
      const phone = cellText(get('phone')) || null;
      if (phone && !/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/.test(phone)) err(row, 'phone', '联系电话格式不正确');
      const student = cellText(get('isStudent'));
      if (student && student !== '是' && student !== '否') err(row, 'isStudent', '在校学生应填“是”或“否”');
      const orgName = cellText(get('org'));
      if (orgName) orgNames.add(orgName);
      const joinedOn = cellDate(get('joinedOn'));
      if (joinedOn === undefined) err(row, 'joinedOn', '入团时间应为日期，如 2020-05-04');
      const pioneerJoinedOn = cellDate(get('pioneerJoinedOn'));
      if (pioneerJoinedOn === undefined) err(row, 'pioneerJoinedOn', '入队时间应为日期，如 2014-06-01');
      if (errors.length > before) {
        // Still report what the ID and age rules say about this row, so one upload shows every problem.
        const rowErrors = new Set(errors.slice(before).map((e) => e.column));
        const parsed = parseIdCard(idNumber, today());
        const probe: PersonInput = {
          name, gender: gender ?? (parsed.ok ? parsed.info.gender : 'male'), idNumber, ethnicity: ethnicity ?? '01', politicalStatus: political ?? '13',
          orgId: target.id, memberNo: cellText(get('memberNo')).toUpperCase() || null, joinedOn: joinedOn ?? null,
        };
        if (typeof rawId !== 'number') {
          for (const [field, message] of personProblems(probe, rules, today(), null)) {
            if (!rowErrors.has(HEADER_OF[field as ColumnKey])) err(row, field as ColumnKey, message);
          }
        }
        continue;
      }
      rows.push({
        row,
        input: {
          name,
          gender: gender!,
          idNumber,
          ethnicity: ethnicity!,
          education: education ?? null,
          politicalStatus: political!,
          phone,
          occupation: cellText(get('occupation')) || null,
          isStudent: student === '是',
          grade: cellText(get('grade')) || null,
          orgId: orgName ? -1 : target.id,
          memberNo: cellText(get('memberNo')).toUpperCase() || null,
          joinedOn: joinedOn ?? null,
          pioneerJoinedOn: pioneerJoinedOn ?? null,
          ...(orgName ? { orgName } : {}),
        } as PersonInput,
      });
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw new DomainError('bad_file', '无法读取该文件，请上传由模板填写的 .xlsx 文件', 'contentBase64', 400);
  }
  if (!sawHeader) throw new DomainError('empty_file', '文件中没有内容：第一个工作表是空的，请使用下载的导入模板填写', 'contentBase64', 422);

  // Organizations named in the file: resolved within the caller's scope only.
  const orgs = orgNames.size
    ? await query<{ id: number; name: string; type: string; status: string }>(
        tx,
        sql`select id, name, type, status from organizations where name = any(${textArray([...orgNames])}) and path <@ ${target.path}::ltree`,
      )
    : [];
  const orgByName = new Map<string, { id: number; type: string; status: string }[]>();
  for (const o of orgs) orgByName.set(o.name, [...(orgByName.get(o.name) ?? []), { ...o, id: Number(o.id) }]);

  const existing = new Map(
    (await query<{ id_number: string; org_id: number; org_name: string | null; in_scope: boolean }>(
      tx,
      sql`select * from tj_people_locations(${textArray(rows.map((r) => r.input.idNumber))})`,
    )).map((l) => [l.id_number, l]),
  );
  const same = await identicalInRegistry(tx, rows.filter((r) => existing.get(r.input.idNumber)?.in_scope).map((r) => r.input));
  // Member numbers are unique in the registry: checked here so that the commit never meets the constraint.
  const memberNos = [...new Set(rows.flatMap((r) => (r.input.memberNo ? [r.input.memberNo] : [])))];
  const memberNoHolder = new Map(
    memberNos.length
      ? (await query<{ member_no: string; id_number: string }>(tx, sql`select member_no, id_number from people where member_no = any(${textArray(memberNos)})`)).map((m) => [m.member_no, m.id_number])
      : [],
  );

  const on = today();
  const seen = new Map<string, number>();
  const seenMemberNo = new Map<string, number>();
  const valid: ParsedRow[] = [];
  let unchanged = 0;
  for (const r of rows) {
    const p = r.input as PersonInput & { orgName?: string };
    const before = errors.length;
    let org: { id: number; type: string; status: string } = { id: target.id, type: target.type, status: target.status };
    if (p.orgName) {
      const matches = orgByName.get(p.orgName) ?? [];
      if (matches.length === 0) err(r.row, 'org', `所在组织“${p.orgName}”不存在或不在“${target.name}”之下`);
      else if (matches.length > 1) err(r.row, 'org', `所在组织“${p.orgName}”有重名，请在系统中逐个登记`);
      else org = matches[0]!;
      p.orgId = org.id;
      delete p.orgName;
    }
    for (const [field, message] of personProblems(p, rules, on, org)) err(r.row, field as ColumnKey, message);
    const firstRow = seen.get(p.idNumber);
    if (firstRow) err(r.row, 'idNumber', `与第${firstRow}行的身份证号重复`);
    else seen.set(p.idNumber, r.row);
    if (p.memberNo) {
      const first = seenMemberNo.get(p.memberNo);
      if (first) err(r.row, 'memberNo', `与第${first}行的团员编号重复`);
      else seenMemberNo.set(p.memberNo, r.row);
      const holder = memberNoHolder.get(p.memberNo);
      if (holder && holder !== p.idNumber) err(r.row, 'memberNo', `团员编号${p.memberNo}已被他人使用`);
    }
    const loc = existing.get(p.idNumber);
    if (errors.length === before && loc) {
      if (same.has(key(p))) {
        unchanged++;
        continue;
      }
      err(r.row, 'idNumber', loc.in_scope ? `${duplicateMessage(loc)}；如需修改请在人员详情中修改` : duplicateMessage(loc));
    }
    if (errors.length === before) valid.push(r);
  }
  errors.sort((a, b) => a.row - b.row);
  const report = { total: dataRows, valid: valid.length, unchanged, errors };
  const [batch] = await tx
    .insert(importBatches)
    .values({ orgId: target.id, kind: 'people', fileName: body.fileName, rows: valid.map((v): BatchRow => ({ ...v.input, row: v.row })), report })
    .returning({ id: importBatches.id });
  return { batchId: batch!.id, fileName: body.fileName, ...report };
}

const key = (p: PersonInput) =>
  [p.idNumber, p.name, p.gender, p.ethnicity, p.education ?? '', p.politicalStatus, p.phone ?? '', p.orgId, p.memberNo ?? '', p.joinedOn ?? ''].join('|');

/** Which of these rows match the registry exactly (a re-import of the same file). */
async function identicalInRegistry(tx: Tx, rows: PersonInput[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const found = await query<{ id_number: string; name: string; gender: string; ethnicity: string; education: string | null; political_status: string; phone: string | null; org_id: number; member_no: string | null; joined_on: string | null }>(
    tx,
    sql`select id_number, name, gender, ethnicity, education, political_status, phone, org_id, member_no, joined_on::text as joined_on
          from people where id_number = any(${textArray(rows.map((r) => r.idNumber))})`,
  );
  return new Set(
    found.map((f) =>
      key({ idNumber: f.id_number, name: f.name, gender: f.gender as 'male', ethnicity: f.ethnicity, education: f.education, politicalStatus: f.political_status, phone: f.phone, orgId: Number(f.org_id), memberNo: f.member_no, joinedOn: f.joined_on }),
    ),
  );
}

const toInsert = (p: BatchRow) => ({
  orgId: p.orgId,
  name: p.name,
  gender: p.gender,
  idNumber: p.idNumber,
  birthDate: idCardBirthDate(p.idNumber),
  ethnicity: p.ethnicity,
  education: p.education ?? null,
  politicalStatus: p.politicalStatus,
  phone: p.phone ?? null,
  occupation: p.occupation ?? null,
  isStudent: p.isStudent ?? false,
  grade: p.grade ?? null,
  pioneerJoinedOn: p.pioneerJoinedOn ?? null,
  memberNo: p.memberNo ?? null,
  joinedOn: p.joinedOn ?? null,
  memberStatus: p.memberNo ? 'active' : null,
});

/** What the database said about one row, as the column a user can correct. */
const COLUMN_OF_CONSTRAINT: Record<string, { key: ColumnKey; message: string }> = {
  people_id_number_uq: { key: 'idNumber', message: '该身份证号已登记（可能在校验后被他人登记）' },
  people_member_no_uq: { key: 'memberNo', message: '团员编号已被使用（可能在校验后被他人使用）' },
};

/**
 * Inserts a chunk inside a savepoint; when the database refuses it, finds the
 * row it refused (one savepoint per row) and names its row and column, so a
 * commit never fails with a message that points nowhere.
 */
export async function insertChunk(tx: Tx, chunk: BatchRow[]) {
  try {
    await withSavepoint(tx, async (sp) => {
      await sp.insert(people).values(chunk.map(toInsert));
    });
    return;
  } catch (e) {
    if (!pgCode(e)) throw e;
  }
  for (const p of chunk) {
    try {
      await withSavepoint(tx, async (sp) => {
        await sp.insert(people).values(toInsert(p));
      });
    } catch (e) {
      const pg = pgCode(e);
      if (!pg) throw e;
      const known = pg.constraint ? COLUMN_OF_CONSTRAINT[pg.constraint] : undefined;
      const column = known ? HEADER_OF[known.key] : (pg.column && COLUMN_OF_DB[pg.column]) || '—';
      const where = p.row ? `第${p.row}行` : `身份证号${p.idNumber}`;
      throw new DomainError('import_row_refused', `${where}“${column}”：${known?.message ?? '数据库拒绝了该值，请修改后重新上传'}；本次未导入任何数据`, undefined, 422);
    }
  }
}

const COLUMN_OF_DB: Record<string, string> = Object.fromEntries(
  IMPORT_COLUMNS.map((c) => [c.key.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`), c.header.replace('*', '')]),
);

function pgCode(err: unknown): { code: string; constraint?: string; column?: string } | undefined {
  let cur: unknown = err;
  for (let i = 0; i < 4 && cur; i++) {
    const e = cur as { code?: unknown; constraint?: string; column?: string; cause?: unknown };
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e as { code: string; constraint?: string; column?: string };
    cur = e.cause;
  }
  return undefined;
}

export async function commitImport(tx: Tx, batchId: number): Promise<{ inserted: number; unchanged: number; skippedErrors: number }> {
  const [batch] = await tx.select().from(importBatches).where(sql`id = ${batchId}`);
  if (!batch) throw notFound('导入批次');
  if (batch.committedAt) throw new DomainError('already_committed', '该批次已经导入，不能重复导入', undefined, 409);
  const report = batch.report as { unchanged: number; errors: { row: number; column: string; message: string }[] };
  const headerError = report.errors.find((e) => e.column === HEADER_ERROR);
  if (headerError) throw new DomainError('bad_header', `第${headerError.row}行表头有误，不能导入：${headerError.message}`, undefined, 422);
  const rows = batch.rows as BatchRow[];
  for (let i = 0; i < rows.length; i += 1000) await insertChunk(tx, rows.slice(i, i + 1000));
  await tx.update(importBatches).set({ committedAt: sql`now()` }).where(sql`id = ${batchId}`);
  return { inserted: rows.length, unchanged: report.unchanged, skippedErrors: new Set(report.errors.map((e) => e.row)).size };
}
