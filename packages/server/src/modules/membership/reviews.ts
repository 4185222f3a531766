import { sql } from 'drizzle-orm';
import {
  DomainError,
  REVIEW_RULE_LABELS,
  api,
  auditAdmission,
  leavingProblems,
  maskIdCard,
  reviewPeriodProblems,
  type AuditFinding,
  type DevelopmentStep,
  type FindingStatus,
  type RecordedStep,
  type ReviewRule,
  type ReviewStatus,
  type Rules,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { HttpError, notFound } from '../../http/errors.js';
import { loadOrg } from '../organizations/service.js';
import { markLeft } from './leaving.js';
import { chinaDate, loadPerson, memberFacts, refuse, subtree, today } from './common.js';

/*
 * 回头看: an audit of the admissions of a subtree in a period. Opening one
 * checks every member admitted in the period against the rules and records a
 * finding per problem; the auditor then confirms a finding (清退: the member
 * leaves with reason 'revoked', the development case is revoked) or dismisses it.
 */

interface CampaignRow {
  id: number;
  org_id: number;
  org_name: string;
  title: string;
  period_from: string;
  period_to: string;
  status: ReviewStatus;
  opened_on: string;
  checked: number;
  found: number;
  revoked: number;
  open_findings: number;
}

const CAMPAIGN_SELECT = sql`
  select c.id, c.org_id, o.name as org_name, c.title, c.period_from::text as period_from, c.period_to::text as period_to, c.status,
         ${chinaDate('c.created_at')} as opened_on, c.checked,
         (select count(distinct f.person_id) from review_findings f where f.campaign_id = c.id)::int as found,
         (select count(distinct f.person_id) from review_findings f where f.campaign_id = c.id and f.status = 'confirmed')::int as revoked,
         (select count(*) from review_findings f where f.campaign_id = c.id and f.status = 'open')::int as open_findings
    from review_campaigns c join organizations o on o.id = c.org_id`;

const toSummary = (r: CampaignRow) => ({
  id: Number(r.id),
  orgId: Number(r.org_id),
  orgName: r.org_name,
  title: r.title,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  status: r.status,
  openedOn: r.opened_on,
  checked: Number(r.checked),
  found: Number(r.found),
  revoked: Number(r.revoked),
  openFindings: Number(r.open_findings),
});

interface FindingRow {
  id: number;
  campaign_id: number;
  person_id: number;
  person_name: string;
  id_number: string | null;
  joined_on: string | null;
  org_id: number;
  org_name: string;
  rule: ReviewRule;
  detail: string;
  status: FindingStatus;
  note: string | null;
  campaign_title: string | null;
}

const FINDING_SELECT = sql`
  select f.id, f.campaign_id, f.person_id, coalesce(p.name, '（已转出）') as person_name, p.id_number, p.joined_on::text as joined_on,
         f.org_id, o.name as org_name, f.rule, f.detail, f.status, f.note, c.title as campaign_title
    from review_findings f join organizations o on o.id = f.org_id
    left join people p on p.id = f.person_id
    left join review_campaigns c on c.id = f.campaign_id`;

const toFinding = (r: FindingRow): api.membership.ReviewFindingItem => ({
  id: Number(r.id),
  campaignId: Number(r.campaign_id),
  personId: Number(r.person_id),
  personName: r.person_name,
  idNumberMasked: r.id_number ? maskIdCard(r.id_number) : '****',
  joinedOn: r.joined_on,
  orgId: Number(r.org_id),
  orgName: r.org_name,
  rule: r.rule,
  detail: r.detail,
  status: r.status,
  note: r.note,
});

export async function listReviews(tx: Tx, q: api.QueryOf<typeof api.membership.listReviews>) {
  const rows = await query<CampaignRow>(tx, sql`${CAMPAIGN_SELECT} where ${await subtree(tx, q.under)} order by c.created_at desc, c.id desc`);
  return rows.map(toSummary);
}

export async function getReview(tx: Tx, id: number) {
  const [row] = await query<CampaignRow>(tx, sql`${CAMPAIGN_SELECT} where c.id = ${id}`);
  if (!row) throw notFound('“回头看”检查');
  const findings = await query<FindingRow>(tx, sql`${FINDING_SELECT} where f.campaign_id = ${id} order by o.path, f.person_id, f.id`);
  return { ...toSummary(row), findings: findings.map(toFinding) };
}

interface Admission {
  personId: number;
  orgId: number;
  findings: AuditFinding[];
}

/** Every member admitted in the period under the organization, checked against the rules. */
async function checkAdmissions(tx: Tx, path: string, from: string, to: string, rules: Rules): Promise<Admission[]> {
  const cases = await query<{ case_id: number; person_id: number; org_id: number; birth_date: string; started_on: string; approved_on: string | null }>(
    tx,
    sql`select distinct on (c.person_id) c.id as case_id, c.person_id, p.org_id, p.birth_date::text as birth_date,
               c.started_on::text as started_on, c.approved_on::text as approved_on
          from development_cases c
          join organizations b on b.id = c.branch_id
          join people p on p.id = c.person_id
         where b.path <@ ${path}::ltree and c.status = 'admitted' and p.member_status = 'active'
           and c.approved_on between ${from}::date and ${to}::date
         order by c.person_id, c.approved_on desc, c.id desc`,
  );
  const steps = new Map<number, RecordedStep[]>();
  if (cases.length) {
    const rows = await query<{ case_id: number; step: DevelopmentStep; acted_on: string; data: Record<string, unknown> | string | null }>(
      tx,
      sql`select case_id, step, acted_on::text as acted_on, data from development_steps
           where case_id in (${sql.join(cases.map((c) => sql`${c.case_id}`), sql`, `)}) order by acted_on, id`,
    );
    for (const r of rows) {
      const list = steps.get(Number(r.case_id)) ?? [];
      const data = typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : (r.data ?? {});
      list.push({ step: r.step, actedOn: r.acted_on, data });
      steps.set(Number(r.case_id), list);
    }
  }
  const withoutRecord = await query<{ person_id: number; org_id: number; birth_date: string }>(
    tx,
    sql`select p.id as person_id, p.org_id, p.birth_date::text as birth_date
          from people p join organizations o on o.id = p.org_id
         where o.path <@ ${path}::ltree and p.member_status = 'active'
           and p.joined_on between ${from}::date and ${to}::date
           and not exists (select 1 from development_cases c where c.person_id = p.id)
         order by p.id`,
  );
  return [
    ...cases.map((c) => ({
      personId: Number(c.person_id),
      orgId: Number(c.org_id),
      findings: auditAdmission(
        { birthDate: c.birth_date, developmentCase: { startedOn: c.started_on, approvedOn: c.approved_on, steps: steps.get(Number(c.case_id)) ?? [] } },
        rules,
      ),
    })),
    ...withoutRecord.map((p) => ({
      personId: Number(p.person_id),
      orgId: Number(p.org_id),
      findings: auditAdmission({ birthDate: p.birth_date, developmentCase: null }, rules),
    })),
  ];
}

export async function openReview(tx: Tx, body: api.BodyOf<typeof api.membership.openReview>, rules: Rules) {
  const org = await loadOrg(tx, body.orgId);
  if (org.status !== 'active') throw new DomainError('dissolved', '已撤销的组织不能开展“回头看”', 'orgId');
  refuse('review_period', reviewPeriodProblems(body.periodFrom, body.periodTo, today()), 'periodTo');
  const admissions = await checkAdmissions(tx, org.path, body.periodFrom, body.periodTo, rules);
  const findings = admissions.flatMap((a) => a.findings.map((f) => ({ ...f, personId: a.personId, orgId: a.orgId })));
  const [campaign] = await query<{ id: number }>(
    tx,
    sql`insert into review_campaigns (org_id, title, period_from, period_to, status, checked)
        values (${org.id}, ${body.title}, ${body.periodFrom}::date, ${body.periodTo}::date, ${findings.length ? 'open' : 'closed'}, ${admissions.length})
        returning id`,
  );
  const campaignId = Number(campaign!.id);
  for (let i = 0; i < findings.length; i += 500) {
    const values = findings.slice(i, i + 500).map((f) => sql`(${campaignId}, ${f.personId}, ${f.orgId}, ${f.rule}, ${f.detail})`);
    await query(tx, sql`insert into review_findings (campaign_id, person_id, org_id, rule, detail) values ${sql.join(values, sql`, `)}`);
  }
  return getReview(tx, campaignId);
}

async function loadFinding(tx: Tx, id: number): Promise<FindingRow> {
  await query(tx, sql`select id from review_findings where id = ${id} for update`);
  const [row] = await query<FindingRow>(tx, sql`${FINDING_SELECT} where f.id = ${id}`);
  if (!row) throw notFound('问题记录');
  if (row.status !== 'open') throw new DomainError('finding_closed', '该问题已核实处理', undefined, 409);
  return row;
}

async function closeIfDone(tx: Tx, campaignId: number) {
  await query(
    tx,
    sql`update review_campaigns set status = 'closed'
         where id = ${campaignId} and status = 'open'
           and not exists (select 1 from review_findings f where f.campaign_id = ${campaignId} and f.status = 'open')`,
  );
}

async function findingItem(tx: Tx, id: number) {
  const [row] = await query<FindingRow>(tx, sql`${FINDING_SELECT} where f.id = ${id}`);
  return toFinding(row!);
}

/** 清退: the finding is confirmed, the member leaves with reason 'revoked', the admission is revoked. */
export async function confirmFinding(tx: Tx, id: number, body: api.BodyOf<typeof api.membership.confirmFinding>, rules: Rules) {
  const finding = await loadFinding(tx, id);
  const person = await loadPerson(tx, Number(finding.person_id)).catch((err) => {
    if (err instanceof HttpError && err.status === 404) {
      throw new DomainError('person_out_of_scope', '该团员已转出您的管理范围，请联系其现所在组织办理', undefined, 409);
    }
    throw err;
  });
  const [pending] = await query(tx, sql`select 1 from transfers where person_id = ${person.id} and status = 'pending'`);
  refuse(
    'revocation_refused',
    leavingProblems(memberFacts(person), 'revoked', body.onDate, { today: today(), rules, hasPendingTransfer: !!pending }),
    undefined,
    person.member_status === 'active' ? 422 : 409,
  );
  const label = REVIEW_RULE_LABELS[finding.rule];
  const reason = `“回头看”${finding.campaign_title ? `（${finding.campaign_title}）` : ''}清退：${label}，${finding.detail}。${body.note}`;
  await markLeft(tx, [person], 'revoked', reason, body.onDate, body.approvedBy);
  await query(
    tx,
    sql`update development_cases set status = 'revoked', stop_reason = ${`回头看清退：${label}`}
         where person_id = ${person.id} and status = 'admitted'`,
  );
  await query(tx, sql`update review_findings set status = 'confirmed', note = ${body.note} where id = ${id}`);
  // Other open findings about the same person in this review end with the same decision.
  await query(
    tx,
    sql`update review_findings set status = 'confirmed', note = ${`已因“${label}”清退`}
         where campaign_id = ${finding.campaign_id} and person_id = ${person.id} and status = 'open'`,
  );
  await closeIfDone(tx, Number(finding.campaign_id));
  return findingItem(tx, id);
}

export async function dismissFinding(tx: Tx, id: number, body: api.BodyOf<typeof api.membership.dismissFinding>) {
  const finding = await loadFinding(tx, id);
  await query(tx, sql`update review_findings set status = 'dismissed', note = ${body.note} where id = ${id}`);
  await closeIfDone(tx, Number(finding.campaign_id));
  return findingItem(tx, id);
}
