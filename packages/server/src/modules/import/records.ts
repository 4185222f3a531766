import { sql, type SQL } from 'drizzle-orm';
import { type DuesMethod, APPRAISAL_GRADE_LABELS, REGISTRATION_STATUS_LABELS, appraisalYearProblem, registrationInputProblems, type AppraisalGrade, type RegistrationStatus } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query, textArray } from '../../db/sql.js';
import { today } from '../../lib/clock.js';
import { paymentsProblems } from '../daily-work/dues.js';
import type { ImportContext, KindHandler, ParsedRow, PlanItem } from './kind.js';

/**
 * Records of a registered person by year or month (past registrations,
 * appraisals, dues): the person is found by ID number in the caller's scope,
 * the record by person and year (month); a record the file repeats as stored
 * is unchanged.
 */
interface RecordSpec {
  table: 'registrations' | 'appraisals' | 'dues_payments';
  /** The stored columns compared with a row. */
  stored: readonly string[];
  /** The column that, with person_id, identifies the record; and its value in a row. */
  keyColumn: 'year' | 'period';
  key: (v: ParsedRow['v']) => number | string;
  /** The stored columns: column → [label, value of a row]. */
  columns: (v: ParsedRow['v'], on: string) => Record<string, [label: string, value: string | number | null]>;
  problems: (v: ParsedRow['v'], on: string) => [field: string, message: string][];
  /** Rules that need the stored person (the dues standard): each row's problems, by the row's field. */
  personProblems?: (tx: Tx, rows: { v: ParsedRow['v']; personId: number }[], ctx: ImportContext, on: string) => Promise<[field: string, message: string][][]>;
  label: (v: ParsedRow['v']) => string;
}

const lastDay = (year: number, on: string) => (`${year}-12-31` > on ? on : `${year}-12-31`);
const monthEnd = (period: string, on: string) => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return end > on ? on : end;
};

const SPECS: Record<'registrations' | 'appraisals' | 'dues', RecordSpec> = {
  registrations: {
    table: 'registrations',
    stored: ['status', 'decided_on', 'note'],
    keyColumn: 'year',
    key: (v) => v.year as number,
    columns: (v, on) => ({
      status: ['注册状态', v.registrationStatus as string],
      decided_on: ['注册日期', (v.decidedOn as string | null) ?? lastDay(v.year as number, on)],
      note: ['备注', (v.note as string | null) ?? null],
    }),
    problems: (v, on) =>
      registrationInputProblems({ year: v.year as number, status: v.registrationStatus as RegistrationStatus, decidedOn: (v.decidedOn as string | null) ?? lastDay(v.year as number, on), note: v.note as string | null }, on).map((m) => [
        /日期/.test(m) ? 'decidedOn' : /原因/.test(m) ? 'note' : 'registrationStatus',
        m,
      ]),
    label: (v) => `${v.name ?? ''} ${v.year}年度${REGISTRATION_STATUS_LABELS[v.registrationStatus as RegistrationStatus] ?? ''}`,
  },
  appraisals: {
    table: 'appraisals',
    stored: ['grade'],
    keyColumn: 'year',
    key: (v) => v.year as number,
    columns: (v) => ({ grade: ['评议结果', v.appraisalGrade as string] }),
    problems: (v, on) => {
      const p = appraisalYearProblem(v.year as number, on);
      return p ? [['year', p]] : [];
    },
    label: (v) => `${v.name ?? ''} ${v.year}年度${APPRAISAL_GRADE_LABELS[v.appraisalGrade as AppraisalGrade] ?? ''}`,
  },
  dues: {
    table: 'dues_payments',
    stored: ['amount_fen', 'paid_on', 'method', 'receipt_no'],
    keyColumn: 'period',
    key: (v) => v.period as string,
    columns: (v, on) => ({
      amount_fen: ['金额', Math.round((v.amount as number) * 100)],
      paid_on: ['缴费日期', (v.paidOn as string | null) ?? monthEnd(v.period as string, on)],
      method: ['缴费方式', (v.method as string | null) ?? 'cash'],
      receipt_no: ['收据号', (v.receiptNo as string | null) ?? null],
    }),
    problems: () => [],
    // The dues rules of recording a payment by hand (daily-work/dues.ts), not a second copy of them.
    personProblems: async (tx, rows, ctx, on) => {
      const cols = rows.map(({ v }) => SPECS.dues.columns(v, on));
      const found = await paymentsProblems(
        tx,
        ctx.rules,
        on,
        rows.map(({ v, personId }, i) => ({
          personId,
          period: v.period as string,
          amountFen: cols[i]!.amount_fen![1] as number,
          paidOn: cols[i]!.paid_on![1] as string,
          method: cols[i]!.method![1] as DuesMethod,
          receiptNo: cols[i]!.receipt_no![1] as string | null,
        })),
      );
      return found.map((messages) => messages.map((m): [string, string] => [duesField(m), m]));
    },
    label: (v) => `${v.name ?? ''} ${v.period}团费`,
  },
};

/** The file's field a dues rule's message is about. */
const duesField = (message: string) =>
  /金额/.test(message) ? 'amount' : /交纳日期/.test(message) ? 'paidOn' : /回单/.test(message) ? 'receiptNo' : /月|入团/.test(message) ? 'period' : 'idNumber';

export function recordKind(kind: 'registrations' | 'appraisals' | 'dues'): KindHandler {
  const spec = SPECS[kind];
  return {
    async plan(tx, rows, ctx) {
      const on = today();
      const ids = [...new Set(rows.map((r) => r.v.idNumber as string))];
      const persons = new Map<string, { id: number; org_id: number; name: string }>();
      for (let i = 0; i < ids.length; i += 5000) {
        for (const p of await query<{ id: number; org_id: number; name: string; id_number: string }>(tx, sql`select id, org_id, name, id_number from people where id_number = any(${textArray(ids.slice(i, i + 5000))})`)) {
          persons.set(p.id_number, { id: Number(p.id), org_id: Number(p.org_id), name: p.name });
        }
      }
      const personIds = [...persons.values()].map((p) => p.id);
      const stored = new Map<string, Record<string, unknown>>();
      for (let i = 0; i < personIds.length; i += 5000) {
        const part = JSON.stringify(personIds.slice(i, i + 5000));
        for (const s of await query<Record<string, unknown>>(tx, sql`select id, person_id, ${sql.identifier(spec.keyColumn)}::text as key, ${sql.join(spec.stored.map((c) => sql`${sql.identifier(c)}::text as ${sql.identifier(c)}`), sql`, `)}
                 from ${sql.identifier(spec.table)} where person_id = any(array(select jsonb_array_elements_text(${part}::jsonb)::bigint))`)) {
          stored.set(`${s.person_id}|${s.key}`, s);
        }
      }
      const withPerson = rows.flatMap((r) => {
        const p = persons.get(r.v.idNumber as string);
        return p ? [{ r, v: r.v, personId: p.id }] : [];
      });
      const ruled = new Map<ParsedRow, [string, string][]>();
      if (spec.personProblems) (await spec.personProblems(tx, withPerson, ctx, on)).forEach((ps, i) => ruled.set(withPerson[i]!.r, ps));
      const seen = new Map<string, number>();
      const items: PlanItem[] = [];
      let unchanged = 0;
      for (const r of rows) {
        const before = ctx.errorCount();
        const person = persons.get(r.v.idNumber as string);
        if (!person) ctx.err(r.row, 'idNumber', '名册中没有该身份证号（或不在您的管理范围内），请先导入人员');
        else if (r.v.name && r.v.name !== person.name) ctx.err(r.row, 'name', `姓名与名册不一致（名册中为“${person.name}”）`);
        for (const [field, message] of [...spec.problems(r.v, on), ...(ruled.get(r) ?? [])]) ctx.err(r.row, field, message);
        if (ctx.errorCount() > before || !person) continue;
        const key = `${person.id}|${spec.key(r.v)}`;
        const first = seen.get(key);
        if (first) {
          ctx.err(r.row, spec.keyColumn === 'year' ? 'year' : 'period', `与第${first}行重复（同一人同一${spec.keyColumn === 'year' ? '年度' : '月份'}）`);
          continue;
        }
        seen.set(key, r.row);
        const cols = spec.columns(r.v, on);
        const old = stored.get(key);
        const values = Object.fromEntries(Object.entries(cols).map(([c, [, value]]) => [c, value]));
        if (old) {
          const fields = Object.entries(cols)
            .filter(([c, [, value]]) => normalize(old[c]) !== normalize(value))
            .map(([, [label]]) => label);
          if (!fields.length) {
            unchanged++;
            continue;
          }
          items.push({ row: r.row, op: 'update', label: spec.label({ ...r.v, name: person.name }), fields, data: { id: Number(old.id), values } });
        } else {
          items.push({ row: r.row, op: 'create', label: spec.label({ ...r.v, name: person.name }), fields: [], data: { person_id: person.id, org_id: person.org_id, [spec.keyColumn]: spec.key(r.v), ...values } });
        }
      }
      return { items, unchanged };
    },

    async apply(tx, items, _ctx: ImportContext, done) {
      const creates = items.filter((i) => i.op === 'create').map((i) => i.data);
      for (let i = 0; i < creates.length; i += 1000) {
        const chunk = creates.slice(i, i + 1000);
        const columns = Object.keys(chunk[0]!);
        const rowsSql: SQL[] = chunk.map((c) => sql`(${sql.join(columns.map((k) => sql`${c[k] ?? null}`), sql`, `)})`);
        await tx.execute(sql`insert into ${sql.identifier(spec.table)} (${sql.join(columns.map((k) => sql.identifier(k)), sql`, `)}) values ${sql.join(rowsSql, sql`, `)}`);
        done(chunk.length);
      }
      for (const u of items.filter((i) => i.op === 'update')) {
        const { id, values } = u.data as { id: number; values: Record<string, unknown> };
        await tx.execute(sql`update ${sql.identifier(spec.table)} set ${sql.join(Object.entries(values).map(([k, v]) => sql`${sql.identifier(k)} = ${v}`), sql`, `)} where id = ${id}`);
        done(1);
      }
    },
  };
}

/** A stored value (read as text) as compared with the file's. */
const normalize = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
