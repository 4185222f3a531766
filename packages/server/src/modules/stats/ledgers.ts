import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { sql, type SQL } from 'drizzle-orm';
import {
  ACTIVITY_TYPE_LABELS,
  APPEAL_CATEGORY_LABELS,
  APPEAL_RATING_LABELS,
  APPEAL_STATUS_LABELS,
  APPRAISAL_GRADE_LABELS,
  CADRE_EMPLOYMENT_LABELS,
  CADRE_TITLE_LABELS,
  DEVELOPMENT_STAGE_LABELS,
  DUES_METHOD_LABELS,
  ELECTION_STEP_LABELS,
  GENDER_LABELS,
  LEDGER_CASE_STATUS_LABELS,
  LEDGER_KIND_LABELS,
  LEDGERS,
  MEETING_KIND_LABELS,
  MEETING_STATUS_LABELS,
  ORG_TYPE_LABELS,
  REGISTRATION_STATUS_LABELS,
  SECTOR_LABELS,
  TERM_STATUS_LABELS,
  educationName,
  ethnicityName,
  fenToYuan,
  hasPermission,
  ledgerDef,
  ledgerPeriodText,
  ledgersOfKind,
  maskPhone,
  politicalStatusName,
  termState,
  type LedgerDef,
  type LedgerKind,
  type Rules,
  type api,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import type { SessionUser } from '../../http/session.js';
import { currentYear, today } from '../../lib/clock.js';
import { loadOrg } from '../organizations/service.js';

type Cell = string | number | null;
type Row = Record<string, unknown>;
interface Ctx {
  path: string;
  year: number;
  from: string;
  to: string;
  today: string;
  rules: Rules;
}
interface Source {
  /** The ledger's records in print order (paged and counted by the caller). */
  select: SQL;
  cells: (r: Row) => Record<string, Cell>;
}

const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const label = (labels: Record<string, string>, v: unknown): string | null => (v === null || v === undefined ? null : (labels[String(v)] ?? String(v)));
const yesNo = (v: unknown) => (v === null || v === undefined ? null : v ? '是' : '否');
const hours = (minutes: unknown) => (minutes === null || minutes === undefined ? null : Math.round(Number(minutes) / 6) / 10);

/** The records behind each ledger: organizations of the subtree only (`o.path <@ scope`), visible through the scoped transaction. */
const SOURCES: Record<string, (c: Ctx) => Source> = {
  org_settings: (c) => ({
    select: sql`
      select o.name, par.name as parent_name, o.type, o.sector, u.name as admin_unit, o.founded_on::text as founded_on, o.contact_name,
             (select k.name from cadre_posts cp join cadres k on k.id = cp.cadre_id
               where cp.org_id = o.id and cp.title = 'secretary' and cp.end_on is null order by cp.start_on desc limit 1) as secretary,
             (select r.value from org_rollups r where r.org_id = o.id and r.metric = 'members:total') as members
        from organizations o
        left join organizations par on par.id = o.parent_id
        left join admin_units u on u.id = o.admin_unit_id
       where o.path <@ ${c.path}::ltree and o.status = 'active'
       order by o.path`,
    cells: (r) => ({
      name: str(r.name),
      parentName: str(r.parent_name),
      type: label(ORG_TYPE_LABELS, r.type),
      sector: label(SECTOR_LABELS, r.sector),
      adminUnit: str(r.admin_unit),
      foundedOn: str(r.founded_on),
      secretary: str(r.secretary),
      members: num(r.members) ?? 0,
      contactName: str(r.contact_name),
    }),
  }),
  cadres: (c) => ({
    select: sql`
      select k.name, k.gender, k.birth_date::text as birth_date, k.political_status, k.education, k.work_unit,
             o.name as org_name, cp.title, cp.employment, cp.start_on::text as start_on, cp.on_duty
        from cadre_posts cp
        join cadres k on k.id = cp.cadre_id
        join organizations o on o.id = cp.org_id
       where o.path <@ ${c.path}::ltree and cp.end_on is null
       order by o.path, case cp.title when 'secretary' then 0 when 'deputy_secretary' then 1 else 2 end, cp.start_on, k.name`,
    cells: (r) => ({
      name: str(r.name),
      gender: label(GENDER_LABELS, r.gender),
      birthDate: str(r.birth_date),
      politicalStatus: politicalStatusName(str(r.political_status)) ?? str(r.political_status),
      education: educationName(str(r.education)) ?? str(r.education),
      orgName: str(r.org_name),
      title: label(CADRE_TITLE_LABELS, r.title),
      employment: label(CADRE_EMPLOYMENT_LABELS, r.employment),
      startOn: str(r.start_on),
      onDuty: r.on_duty ? '在岗' : '不在岗',
      workUnit: str(r.work_unit),
    }),
  }),
  elections: (c) => ({
    select: sql`
      select o.name as org_name, t.started_on::text as started_on, t.length_years,
             e.title as election_title, e.stage as election_stage
        from organizations o
        left join lateral (select ct.started_on, ct.length_years from committee_terms ct
                            where ct.org_id = o.id order by ct.started_on desc limit 1) t on true
        left join lateral (select el.title, el.stage from elections el
                            where el.org_id = o.id and el.status = 'in_progress' order by el.planned_on desc limit 1) e on true
       where o.path <@ ${c.path}::ltree and o.status = 'active'
         and o.type in ('county', 'township', 'subdistrict', 'unit_committee', 'general_branch', 'branch', 'joint_branch')
       order by o.path`,
    cells: (r) => {
      const term = r.started_on ? { startedOn: String(r.started_on), lengthYears: Number(r.length_years) } : null;
      const state = termState(term, c.today, c.rules);
      return {
        orgName: str(r.org_name),
        startedOn: term?.startedOn ?? null,
        lengthYears: term?.lengthYears ?? null,
        dueOn: state.endsOn,
        termState: TERM_STATUS_LABELS[state.status],
        electionTitle: str(r.election_title),
        electionStage: r.election_stage ? `${label(ELECTION_STEP_LABELS, r.election_stage)}` : null,
      };
    },
  }),
  roster: (c) => ({
    select: sql`
      select p.member_no, p.name, p.gender, p.ethnicity, p.birth_date::text as birth_date, p.education, p.joined_on::text as joined_on,
             o.name as org_name, coalesce(p.grade, p.occupation) as occupation, p.phone
        from people p join organizations o on o.id = p.org_id
       where o.path <@ ${c.path}::ltree and p.member_status = 'active' and p.registry_status = 'active'
       order by o.path, p.member_no nulls last, p.name`,
    cells: (r) => ({
      memberNo: str(r.member_no),
      name: str(r.name),
      gender: label(GENDER_LABELS, r.gender),
      ethnicity: ethnicityName(str(r.ethnicity)) ?? str(r.ethnicity),
      birthDate: str(r.birth_date),
      education: educationName(str(r.education)) ?? str(r.education),
      joinedOn: str(r.joined_on),
      orgName: str(r.org_name),
      occupation: str(r.occupation),
      phone: r.phone ? maskPhone(String(r.phone)) : null,
    }),
  }),
  org_life: (c) => ({
    select: sql`
      select o.name as org_name, m.kind, m.topic, m.planned_on::text as planned_on, m.held_on::text as held_on, m.place, m.expected, m.present, m.status
        from meetings m join organizations o on o.id = m.org_id
       where o.path <@ ${c.path}::ltree and coalesce(m.held_on, m.planned_on) between ${c.from}::date and ${c.to}::date
       order by o.path, coalesce(m.held_on, m.planned_on), m.id`,
    cells: (r) => ({
      orgName: str(r.org_name),
      kind: label(MEETING_KIND_LABELS, r.kind),
      topic: str(r.topic),
      plannedOn: str(r.planned_on),
      heldOn: str(r.held_on),
      place: str(r.place),
      expected: num(r.expected),
      present: num(r.present),
      status: label(MEETING_STATUS_LABELS, r.status),
    }),
  }),
  development: (c) => ({
    select: sql`
      select p.name, p.gender, p.birth_date::text as birth_date, o.name as org_name, dc.stage, dc.started_on::text as started_on,
             dc.approved_on::text as approved_on, dc.status
        from development_cases dc
        join people p on p.id = dc.person_id
        join organizations o on o.id = dc.branch_id
       where o.path <@ ${c.path}::ltree and dc.started_on <= ${c.to}::date
         and (dc.status = 'in_progress' or dc.approved_on between ${c.from}::date and ${c.to}::date or dc.started_on >= ${c.from}::date)
       order by o.path, dc.started_on, p.name`,
    cells: (r) => ({
      name: str(r.name),
      gender: label(GENDER_LABELS, r.gender),
      birthDate: str(r.birth_date),
      orgName: str(r.org_name),
      stage: label(DEVELOPMENT_STAGE_LABELS, r.stage),
      startedOn: str(r.started_on),
      approvedOn: str(r.approved_on),
      status: label(LEDGER_CASE_STATUS_LABELS, r.status),
    }),
  }),
  registration: (c) => ({
    select: sql`
      select p.member_no, p.name, o.name as org_name, r.status as registration, r.decided_on::text as decided_on, r.note, a.grade
        from people p
        join organizations o on o.id = p.org_id
        left join registrations r on r.person_id = p.id and r.year = ${c.year}
        left join appraisals a on a.person_id = p.id and a.year = ${c.year}
       where o.path <@ ${c.path}::ltree and p.member_status = 'active' and p.registry_status = 'active'
       order by o.path, p.member_no nulls last, p.name`,
    cells: (r) => ({
      memberNo: str(r.member_no),
      name: str(r.name),
      orgName: str(r.org_name),
      registration: r.registration ? label(REGISTRATION_STATUS_LABELS, r.registration) : '未办理',
      decidedOn: str(r.decided_on),
      appraisal: label(APPRAISAL_GRADE_LABELS, r.grade),
      note: str(r.note),
    }),
  }),
  dues: (c) => ({
    select: sql`
      select p.name, o.name as org_name, d.period, d.amount_fen, d.paid_on::text as paid_on, d.method, d.receipt_no
        from dues_payments d
        join people p on p.id = d.person_id
        join organizations o on o.id = d.org_id
       where o.path <@ ${c.path}::ltree and d.period like ${`${c.year}-%`}
       order by o.path, p.name, d.period`,
    cells: (r) => ({
      name: str(r.name),
      orgName: str(r.org_name),
      period: str(r.period),
      amount: fenToYuan(Number(r.amount_fen)),
      paidOn: str(r.paid_on),
      method: label(DUES_METHOD_LABELS, r.method),
      receiptNo: str(r.receipt_no),
    }),
  }),
  activities: (c) => ({
    select: sql`
      select * from (
        select o.path, o.name as org_name, 'activity' as category, a.type, a.theme, a.held_on::text as date, a.place,
               a.member_count as members, a.youth_count as youth, null::bigint as minutes, a.id
          from activities a join organizations o on o.id = a.org_id
         where o.path <@ ${c.path}::ltree and a.held_on between ${c.from}::date and ${c.to}::date
        union all
        select o.path, o.name, 'service', null, sp.title, sp.start_on::text, null,
               null, (select count(distinct sr.volunteer_id) from service_records sr
                        where sr.project_id = sp.id and sr.served_on between ${c.from}::date and ${c.to}::date)::int,
               (select coalesce(sum(sr.minutes), 0) from service_records sr
                 where sr.project_id = sp.id and sr.served_on between ${c.from}::date and ${c.to}::date)::bigint,
               sp.id
          from service_projects sp join organizations o on o.id = sp.org_id
         where o.path <@ ${c.path}::ltree and sp.start_on <= ${c.to}::date and (sp.end_on is null or sp.end_on >= ${c.from}::date)
      ) x order by x.path, x.date, x.category, x.id`,
    cells: (r) => ({
      orgName: str(r.org_name),
      category: r.category === 'service' ? '志愿服务' : '团的活动',
      type: r.category === 'service' ? '志愿服务项目' : label(ACTIVITY_TYPE_LABELS, r.type),
      theme: str(r.theme),
      date: str(r.date),
      place: str(r.place),
      members: num(r.members),
      youth: num(r.youth),
      hours: hours(r.minutes),
    }),
  }),
  youth_roster: (c) => ({
    select: sql`
      select p.name, p.gender, p.birth_date::text as birth_date, p.ethnicity, p.education, p.political_status, o.name as org_name,
             coalesce(p.grade, p.occupation) as occupation, p.phone
        from people p join organizations o on o.id = p.org_id
       where o.path <@ ${c.path}::ltree and p.registry_status = 'active'
         and extract(year from p.birth_date)::int between ${c.year - c.rules.ages.youthMax} and ${c.year - c.rules.ages.youthMin}
       order by o.path, p.name, p.id`,
    cells: (r) => ({
      name: str(r.name),
      gender: label(GENDER_LABELS, r.gender),
      birthDate: str(r.birth_date),
      ethnicity: ethnicityName(str(r.ethnicity)) ?? str(r.ethnicity),
      education: educationName(str(r.education)) ?? str(r.education),
      politicalStatus: politicalStatusName(str(r.political_status)) ?? str(r.political_status),
      orgName: str(r.org_name),
      occupation: str(r.occupation),
      phone: r.phone ? maskPhone(String(r.phone)) : null,
    }),
  }),
  appeals: (c) => ({
    select: sql`
      select a.tracking_code, a.category, a.title, a.asker_name, o.name as org_name, (a.created_at at time zone 'Asia/Shanghai')::date::text as submitted_on,
             a.deadline::text as deadline, a.status, a.answered_on::text as answered_on, a.rating
        from appeals a join organizations o on o.id = a.org_id
       where o.path <@ ${c.path}::ltree and (a.created_at at time zone 'Asia/Shanghai')::date between ${c.from}::date and ${c.to}::date
       order by a.created_at, a.id`,
    cells: (r) => ({
      trackingCode: str(r.tracking_code),
      category: label(APPEAL_CATEGORY_LABELS, r.category),
      title: str(r.title),
      askerName: str(r.asker_name),
      orgName: str(r.org_name),
      submittedOn: str(r.submitted_on),
      deadline: str(r.deadline),
      status: label(APPEAL_STATUS_LABELS, r.status),
      answeredOn: str(r.answered_on),
      rating: r.rating === null || r.rating === undefined ? null : `${r.rating}分 ${APPEAL_RATING_LABELS[Number(r.rating)] ?? ''}`.trim(),
    }),
  }),
};

// Every ledger of the catalogue has its source (checked at start-up).
for (const l of LEDGERS) if (!SOURCES[l.key]) throw new Error(`ledger ${l.key} has no source`);

/** A ledger the account may read: those that list people need the registry permission. */
function allowed(user: SessionUser, def: LedgerDef) {
  if (!hasPermission(user.role, def.permission)) throw new HttpError(403, 'forbidden', `无权查看“${def.title}”（需要查看人员信息的权限）`);
}

async function context(tx: Tx, orgId: number, year: number | undefined, rules: Rules) {
  const org = await loadOrg(tx, orgId);
  const y = year ?? currentYear();
  const ctx: Ctx = { path: org.path, year: y, from: `${y}-01-01`, to: `${y}-12-31`, today: today(), rules };
  return { org, ctx };
}

const toCells = (def: LedgerDef, src: Source, rows: Row[]): Cell[][] =>
  rows.map((r) => {
    const cells = src.cells(r);
    return def.columns.map((col) => cells[col.key] ?? null);
  });

export function ledgerCatalogue(): api.ledgers.LedgerInfo[] {
  return LEDGERS.map((l) => ({ key: l.key, kind: l.kind, title: l.title, period: l.period, description: l.description, permission: l.permission, columns: l.columns }));
}

export async function ledgerPage(
  tx: Tx,
  user: SessionUser,
  key: string,
  q: { orgId: number; year?: number; page: number; pageSize: number },
  rules: Rules,
): Promise<api.ledgers.LedgerPage> {
  const def = ledgerDef(key)!;
  allowed(user, def);
  const { org, ctx } = await context(tx, q.orgId, q.year, rules);
  const src = SOURCES[key]!(ctx);
  const [count] = await query<{ n: number }>(tx, sql`select count(*)::int as n from (${src.select}) x`);
  const rows = await query<Row>(tx, sql`${src.select} limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`);
  return {
    key: def.key,
    title: def.title,
    orgId: org.id,
    orgName: org.name,
    periodText: ledgerPeriodText(def, ctx),
    columns: def.columns,
    items: toCells(def, src, rows),
    total: Number(count!.n),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Rows of a whole ledger, read in batches inside the request's transaction. */
async function allCells(tx: Tx, def: LedgerDef, ctx: Ctx): Promise<Cell[][]> {
  const src = SOURCES[def.key]!(ctx);
  const out: Cell[][] = [];
  const batch = 5000;
  for (let offset = 0; ; offset += batch) {
    const rows = await query<Row>(tx, sql`${src.select} limit ${batch} offset ${offset}`);
    out.push(...toCells(def, src, rows));
    if (rows.length < batch) return out;
  }
}

const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;

/** One sheet as a ledger is printed: title, unit and period line, bold header, thin borders; written and committed row by row. */
function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, def: LedgerDef, orgName: string, period: string, cells: Cell[][]) {
  const ws = wb.addWorksheet(def.title.replace(/[\\/?*[\]:]/g, '').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 3 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 6 }, ...def.columns.map((c) => ({ width: c.width }))];
  const width = def.columns.length + 1;
  ws.mergeCells(1, 1, 1, width);
  ws.mergeCells(2, 1, 2, width);
  const title = ws.getRow(1);
  title.getCell(1).value = def.title;
  title.getCell(1).font = { bold: true, size: 16 };
  title.getCell(1).alignment = { horizontal: 'center' };
  title.height = 26;
  title.commit();
  const info = ws.getRow(2);
  info.getCell(1).value = `单位：${orgName}    期间：${period}    共${cells.length}条`;
  info.commit();
  const header = ws.getRow(3);
  ['序号', ...def.columns.map((c) => c.label)].forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = border;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  header.commit();
  cells.forEach((values, i) => {
    const row = ws.addRow([i + 1, ...values]);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = border;
    });
    row.commit();
  });
  ws.commit();
}

async function sendSheets(reply: FastifyReply, fileName: string, sheets: { def: LedgerDef; orgName: string; period: string; cells: Cell[][] }[]) {
  const { PassThrough } = await import('node:stream');
  const stream = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const done = (async () => {
    for (const s of sheets) writeSheet(wb, s.def, s.orgName, s.period, s.cells);
    await wb.commit();
  })();
  done.catch((err) => stream.destroy(err));
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  return reply.send(stream);
}

export async function exportLedger(tx: Tx, user: SessionUser, reply: FastifyReply, key: string, q: { orgId: number; year?: number }, rules: Rules) {
  const def = ledgerDef(key)!;
  allowed(user, def);
  const { org, ctx } = await context(tx, q.orgId, q.year, rules);
  const period = ledgerPeriodText(def, ctx);
  const cells = await allCells(tx, def, ctx);
  return sendSheets(reply, `${def.title}-${org.name}-${period}.xlsx`, [{ def, orgName: org.name, period, cells }]);
}

export async function exportLedgerKind(tx: Tx, user: SessionUser, reply: FastifyReply, kind: LedgerKind, q: { orgId: number; year?: number }, rules: Rules) {
  const defs = ledgersOfKind(kind);
  for (const def of defs) allowed(user, def);
  const { org, ctx } = await context(tx, q.orgId, q.year, rules);
  const sheets = [];
  for (const def of defs) sheets.push({ def, orgName: org.name, period: ledgerPeriodText(def, ctx), cells: await allCells(tx, def, ctx) });
  return sendSheets(reply, `${LEDGER_KIND_LABELS[kind]}-${org.name}-${ctx.year}.xlsx`, sheets);
}
