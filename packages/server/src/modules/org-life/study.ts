import ExcelJS from 'exceljs';
import { sql, type SQL } from 'drizzle-orm';
import {
  DomainError,
  STUDY_HEADER_HELP,
  findStudyHeader,
  isBelowStudyThreshold,
  parseHeadCount,
  rankByStudyRate,
  studyRate,
  studyRoundProblems,
  type Rules,
  type StudyHeaderMap,
  type api,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import { cellProblems, cellText, readUpload, type SheetRow } from '../../excel/read.js';
import { loadOrg } from '../organizations/service.js';
import { loadOne, loadOrgRef, num, pageOf, refuse } from './common.js';
import { roundsInLine } from './in-line.js';
import { rankingPage, studyStatsKept } from './study-figures.js';
import type { SessionUser } from '../../http/session.js';

type O = typeof api.orgLife;

/* -------------------------------------------------------------------- rounds */

interface RoundRow {
  id: number;
  org_id: number;
  org_name: string;
  org_path: string;
  year: number;
  round_no: number;
  title: string;
  start_on: string;
  branches: number;
  participants: number;
  base: number;
}

/** Rounds in the caller's line (see in-line.ts), with the participation the caller can see. */
const roundSelect = (source: SQL) => sql`
  select s.id, s.org_id, s.org_name, s.org_path, s.year, s.round_no, s.title, s.start_on::text as start_on,
         (select count(*)::int from study_participation p where p.round_id = s.id) as branches,
         (select coalesce(sum(p.participants), 0)::int from study_participation p where p.round_id = s.id) as participants,
         (select coalesce(sum(p.base), 0)::int from study_participation p where p.round_id = s.id) as base
    from ${source} s`;

const toRound = (r: RoundRow) => ({
  id: num(r.id),
  orgId: num(r.org_id),
  orgName: r.org_name,
  year: r.year,
  roundNo: r.round_no,
  title: r.title,
  startOn: r.start_on,
  branches: r.branches,
  participants: r.participants,
  base: r.base,
  rate: studyRate(r.participants, r.base),
});

async function loadRound(tx: Tx, id: number): Promise<RoundRow> {
  return loadOne<RoundRow>(tx, sql`${roundSelect(await roundsInLine(tx))} where s.id = ${id}`, '青年大学习期次');
}

/** Rounds run in the line of `under` (by it, below it, or above it), newest first. */
export async function listRounds(tx: Tx, q: api.QueryOf<O['listStudyRounds']>) {
  const conds: SQL[] = [q.year ? sql`s.year = ${q.year}` : sql`true`];
  if (q.under) {
    const org = await loadOrg(tx, q.under);
    conds.push(sql`(s.org_path::ltree <@ ${org.path}::ltree or ${org.path}::ltree <@ s.org_path::ltree)`);
  }
  const where = sql.join(conds, sql` and `);
  const source = await roundsInLine(tx);
  const { offset, limit } = pageOf(q);
  const rows = await query<RoundRow>(tx, sql`${roundSelect(source)} where ${where} order by s.year desc, s.round_no desc, s.id offset ${offset} limit ${limit}`);
  const [{ n }] = (await query<{ n: number }>(tx, sql`select count(*)::int as n from ${source} s where ${where}`)) as [{ n: number }];
  return { items: rows.map(toRound), total: n, page: q.page, pageSize: q.pageSize };
}

export async function createRound(tx: Tx, body: api.BodyOf<O['createStudyRound']>) {
  const org = await loadOrgRef(tx, body.orgId, 'orgId');
  refuse('round_refused', studyRoundProblems(body), 'startOn');
  const [dup] = await query<{ id: number }>(tx, sql`select id from study_rounds where org_id = ${org.id} and year = ${body.year} and round_no = ${body.roundNo}`);
  if (dup) throw new DomainError('duplicate', `${org.name}已登记${body.year}年第${body.roundNo}期`, 'roundNo', 409);
  const [row] = await query<{ id: number }>(
    tx,
    sql`insert into study_rounds (org_id, year, round_no, title, start_on) values (${org.id}, ${body.year}, ${body.roundNo}, ${body.title}, ${body.startOn}) returning id`,
  );
  return toRound(await loadRound(tx, num(row!.id)));
}

/** Every active branch under the round's organization, with its participation in the round (none = 0). */
export async function roundDetail(tx: Tx, rules: Rules, id: number): Promise<api.ResponseOf<O['getStudyRound']>> {
  const r = await loadRound(tx, id);
  const rows = await query<{ id: number; name: string; parent_name: string | null; participants: number | null; base: number | null; members: number }>(
    tx,
    sql`select b.id, b.name, pa.name as parent_name, p.participants, p.base,
               (select count(*)::int from people x where x.org_id = b.id and x.member_status = 'active') as members
          from organizations b
          left join organizations pa on pa.id = b.parent_id
          left join study_participation p on p.org_id = b.id and p.round_id = ${id}
         where b.path <@ ${r.org_path}::ltree and b.type in ('branch', 'joint_branch') and (b.status = 'active' or p.id is not null)
         order by b.path`,
  );
  const items = rankByStudyRate(
    rows.map((b) => {
      const participants = b.participants ?? 0;
      const base = b.base ?? b.members;
      const rate = studyRate(participants, base);
      return { orgId: num(b.id), orgName: b.name, parentName: b.parent_name, participants, base, rate, below: isBelowStudyThreshold(rate, rules) };
    }),
  );
  return { ...toRound(r), threshold: rules.youthWork.studyRateThreshold, items, below: items.filter((i) => i.below).length };
}

/* -------------------------------------------------------------------- import */

export async function buildStudyTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('参学情况');
  ws.columns = [
    { header: '组织名称', width: 40 },
    { header: '参学人数', width: 12 },
    { header: '团员数', width: 12 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.addRow(['（示例，导入前删除）共青团某某村团支部', 18, 25]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export { decodeCsv, parseCsv } from '../../excel/csv.js';

const TOTAL_ROW = /^(合计|总计|小计|总数)$/;

interface StudyBatch {
  roundId: number;
  rows: { orgId: number; participants: number; base: number }[];
}

/**
 * Reads one round's participation as the national platform exports it and
 * checks every row; nothing is written until the report is accepted.
 * Organizations are matched by exact name among branches under the round's
 * organization, within the caller's scope.
 */
export async function previewStudyImport(tx: Tx, user: SessionUser, roundId: number, body: { fileName: string; contentBase64: string }): Promise<api.orgLife.StudyImportReport> {
  const round = await loadRound(tx, roundId);
  const sheet: SheetRow[] = [];
  for await (const r of readUpload(body)) sheet.push(r);
  const rows = sheet.map((r) => ({ row: r.row, cells: r.cells.map(cellText) }));
  const header = findStudyHeader(rows.map((r) => r.cells));
  if (!header) {
    throw new DomainError('bad_header', `找不到表头：${STUDY_HEADER_HELP}`, 'contentBase64');
  }
  const map = header.map as Required<Pick<StudyHeaderMap, 'name' | 'participants'>> & StudyHeaderMap;
  const headerCells = rows[header.row]!.cells;
  const col = (i: number | undefined) => (i === undefined ? null : headerCells[i] || `第${i + 1}列`);
  const errors: api.orgLife.StudyImportReport['errors'] = [];
  const parsed: { row: number; name: string; participants: number; base: number | null }[] = [];
  let total = 0;
  for (const [i, r] of rows.entries()) {
    if (i <= header.row || r.cells.every((c) => c === '')) continue;
    const name = r.cells[map.name] ?? '';
    if (TOTAL_ROW.test(name.replace(/\s/g, ''))) continue;
    total++;
    const unstorable = cellProblems(sheet[i]!, (c) => headerCells[c] || undefined);
    if (unstorable.length) {
      errors.push(...unstorable);
      continue;
    }
    const before = errors.length;
    if (!name) errors.push({ row: r.row, column: col(map.name)!, message: '组织名称为空' });
    const p = parseHeadCount(r.cells[map.participants] ?? '');
    if (!p.ok) errors.push({ row: r.row, column: col(map.participants)!, message: `参学人数${p.reason}` });
    let base: number | null = null;
    if (map.base !== undefined && (r.cells[map.base] ?? '') !== '') {
      const b = parseHeadCount(r.cells[map.base]!);
      if (!b.ok) errors.push({ row: r.row, column: col(map.base)!, message: `团员数${b.reason}` });
      else base = b.value;
    }
    if (errors.length === before) parsed.push({ row: r.row, name, participants: (p as { value: number }).value, base });
  }
  const names = [...new Set(parsed.map((p) => p.name))];
  const orgs = names.length
    ? await query<{ id: number; name: string; type: string; status: string; members: number }>(
        tx,
        sql`select o.id, o.name, o.type, o.status, (select count(*)::int from people x where x.org_id = o.id and x.member_status = 'active') as members
              from organizations o where o.name = any(${sql.param(names)}::text[]) and o.path <@ ${round.org_path}::ltree`,
      )
    : [];
  const byName = new Map<string, typeof orgs>();
  for (const o of orgs) byName.set(o.name, [...(byName.get(o.name) ?? []), o]);
  const seen = new Map<number, number>();
  const valid: (StudyBatch['rows'][number] & { row: number; orgName: string })[] = [];
  const nameCol = col(map.name)!;
  for (const p of parsed) {
    const matches = byName.get(p.name) ?? [];
    if (!matches.length) {
      errors.push({ row: p.row, column: nameCol, message: `在“${round.org_name}”之下找不到名为“${p.name}”的组织（按全称精确匹配）` });
      continue;
    }
    if (matches.length > 1) {
      errors.push({ row: p.row, column: nameCol, message: `“${p.name}”有${matches.length}个同名组织，无法确定是哪一个` });
      continue;
    }
    const org = matches[0]!;
    if (org.type !== 'branch' && org.type !== 'joint_branch') {
      errors.push({ row: p.row, column: nameCol, message: `“${p.name}”不是团支部，参学情况按团支部导入（上级组织的参学率由其下团支部汇总）` });
      continue;
    }
    if (org.status !== 'active') {
      errors.push({ row: p.row, column: nameCol, message: `“${p.name}”已撤销` });
      continue;
    }
    const first = seen.get(num(org.id));
    if (first) {
      errors.push({ row: p.row, column: nameCol, message: `与第${first}行是同一团支部` });
      continue;
    }
    seen.set(num(org.id), p.row);
    const base = p.base ?? org.members;
    if (base === 0) {
      errors.push({ row: p.row, column: col(map.base) ?? nameCol, message: `“${p.name}”没有在册团员，请在表中填写团员数（参学基数）` });
      continue;
    }
    valid.push({ row: p.row, orgId: num(org.id), orgName: org.name, participants: p.participants, base });
  }
  errors.sort((a, b) => a.row - b.row);
  const batch: StudyBatch = { roundId, rows: valid.map(({ orgId, participants, base }) => ({ orgId, participants, base })) };
  const report = { total, valid: valid.length, errors };
  const [b] = await query<{ id: number }>(
    tx,
    sql`insert into import_batches (org_id, kind, file_name, rows, report) values (${user.scopeOrgId ?? round.org_id}, 'study', ${body.fileName}, ${JSON.stringify(batch)}::jsonb, ${JSON.stringify(report)}::jsonb) returning id`,
  );
  return {
    batchId: num(b!.id),
    fileName: body.fileName,
    roundId,
    columns: { name: col(map.name)!, participants: col(map.participants)!, base: col(map.base) },
    headerRow: rows[header.row]!.row,
    ...report,
    rows: valid.map((v) => ({ row: v.row, orgId: v.orgId, orgName: v.orgName, participants: v.participants, base: v.base, rate: studyRate(v.participants, v.base) })),
  };
}

export async function commitStudyImport(tx: Tx, batchId: number) {
  const [batch] = await query<{ id: number; kind: string; rows: StudyBatch; report: { errors: unknown[] }; committed_at: string | null }>(
    tx,
    sql`select id, kind, rows, report, committed_at from import_batches where id = ${batchId} for update`,
  );
  if (!batch || batch.kind !== 'study') throw notFound('导入批次');
  if (batch.committed_at) throw new DomainError('already_committed', '该批次已经导入，不能重复导入', undefined, 409);
  const { roundId, rows } = batch.rows;
  await loadRound(tx, roundId).catch(() => {
    throw new HttpError(404, 'not_found', '该批次对应的期次不存在或不在您的管理范围内');
  });
  for (let i = 0; i < rows.length; i += 1000) {
    const values = rows.slice(i, i + 1000).map((r) => sql`(${roundId}, ${r.orgId}, ${r.participants}, ${r.base})`);
    await tx.execute(sql`insert into study_participation (round_id, org_id, participants, base) values ${sql.join(values, sql`, `)}
      on conflict (round_id, org_id) do update set participants = excluded.participants, base = excluded.base`);
  }
  await tx.execute(sql`update import_batches set committed_at = now() where id = ${batchId}`);
  return { written: rows.length, skippedErrors: batch.report.errors.length, roundId };
}

/* --------------------------------------------------------------------- stats */

/**
 * 参学率 of a subtree for a year (or one round number): each branch's
 * participation per round number, the latest import winning when the same
 * round was imported at two levels; summed up the tree.
 */
export async function studyStats(
  tx: Tx,
  rules: Rules,
  q: { orgId: number; year?: number; roundNo?: number; page?: number; pageSize?: number; belowOnly?: boolean },
  currentYear: number,
  opts: { plain?: boolean; all?: boolean } = {},
): Promise<api.ResponseOf<O['studyStats']>> {
  const org = await loadOrg(tx, q.orgId);
  const year = q.year ?? currentYear;
  const paging = { page: q.page, pageSize: q.pageSize, belowOnly: q.belowOnly, all: opts.all };
  // A year's figures are kept (study-figures.ts); one round number's are computed live.
  if (!opts.plain && !q.roundNo) return studyStatsKept(tx, rules, org, year, paging);
  const rows = await query<{ branch_id: number; branch_name: string; parent_name: string | null; branch_path: string; round_no: number; title: string; participants: number; base: number }>(
    tx,
    sql`select distinct on (p.org_id, s.round_no)
               p.org_id as branch_id, b.name as branch_name, pa.name as parent_name, b.path::text as branch_path, s.round_no, s.title, p.participants, p.base
          from study_participation p
          join ${await roundsInLine(tx)} s on s.id = p.round_id
          join organizations b on b.id = p.org_id
          left join organizations pa on pa.id = b.parent_id
         where b.path <@ ${org.path}::ltree and s.year = ${year} ${q.roundNo ? sql`and s.round_no = ${q.roundNo}` : sql``}
         order by p.org_id, s.round_no, p.updated_at desc, p.id desc`,
  );
  const sum = (list: typeof rows) => {
    const participants = list.reduce((s, r) => s + r.participants, 0);
    const base = list.reduce((s, r) => s + r.base, 0);
    return { participants, base, rate: studyRate(participants, base) };
  };
  const roundNos = [...new Set(rows.map((r) => r.round_no))].sort((a, b) => a - b);
  const rounds = roundNos.map((n) => {
    const list = rows.filter((r) => r.round_no === n);
    return { roundNo: n, title: list[0]!.title, ...sum(list) };
  });
  const children = await query<{ id: number; name: string; path: string }>(
    tx,
    sql`select id, name, path::text as path from organizations where parent_id = ${org.id} and status = 'active' order by sort_order, id`,
  );
  const under = (path: string, branchPath: string) => branchPath === path || branchPath.startsWith(`${path}.`);
  const childRows = children
    .map((c) => {
      const s = sum(rows.filter((r) => under(c.path, r.branch_path)));
      return { orgId: num(c.id), orgName: c.name, ...s, below: isBelowStudyThreshold(s.rate, rules) };
    })
    .filter((c) => c.base > 0);
  const byBranch = new Map<number, typeof rows>();
  for (const r of rows) byBranch.set(num(r.branch_id), [...(byBranch.get(num(r.branch_id)) ?? []), r]);
  const branches = rankByStudyRate(
    [...byBranch.entries()].map(([id, list]) => {
      const s = sum(list);
      return { orgId: id, orgName: list[0]!.branch_name, parentName: list[0]!.parent_name, ...s, below: isBelowStudyThreshold(s.rate, rules) };
    }),
  );
  const total = sum(rows);
  return {
    year,
    roundNo: q.roundNo ?? null,
    threshold: rules.youthWork.studyRateThreshold,
    ...total,
    rounds,
    children: childRows,
    ...(({ rows, ...p }) => ({ branches: rows, ...p }))(rankingPage(branches, paging)),
    below: branches.filter((b) => b.below).length,
  };
}
