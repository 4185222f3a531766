import { sql, type SQL } from 'drizzle-orm';
import {
  APPEAL_STATUS_LABELS,
  DEVELOPMENT_INBOX_STAGES,
  ELECTION_DUE_WINDOW_MONTHS,
  ELECTION_STEP_LABELS,
  MEETING_KIND_LABELS,
  TRANSFER_WAITS_ON,
  api,
  appraisalDeadline,
  developmentItemTitle,
  inboxLink,
  monthEnd,
  monthLabel,
  monthStart,
  noticeItemTitle,
  partyMeetingDeadline,
  registrationDeadline,
  remittanceDeadline,
  transferItemTitle,
  type DevelopmentStep,
  type InboxKind,
  type Rules,
  type TransferInitiator,
  type TransferWaitingSide,
} from '@tuanjian/domain';
import { textArray } from '../../db/sql.js';
import { chinaDateOf } from '../org-life/common.js';
import { selfRegisteredAt } from '../daily-work/portal.js';

/**
 * The sources of 待办, one query each. Every source selects the same columns:
 *   ref_id    the record the item is about
 *   org_id    the organization the item waits on
 *   since     when it started waiting (date text)
 *   deadline  by when it must be done (date text or null)
 *   a, b, c   texts for the title and link (source-specific)
 *   n         a count (aggregate items: members not yet registered …)
 * `w(column)` is the caller's filter on the waiting organization (its own
 * organization, or a subtree), applied inside the query so the index on the
 * open state and organization is used. Row-level security confines all of it
 * to the caller's scope as usual.
 */
export interface SourceRow {
  ref_id: number;
  org_id: number;
  since: string | null;
  deadline: string | null;
  a: string | null;
  b: string | null;
  c: string | null;
  n: number | null;
}

export interface SourceContext {
  on: string;
  rules: Rules;
  w: (column: string) => SQL;
}

export interface Source {
  kind: InboxKind;
  /** Items that can be overdue (have deadlines); the others are left out of the overdue view. */
  hasDeadlines: boolean;
  /** The platform administrator's items (no organization of its own; `w` is always true): only its inbox lists them. */
  platform?: boolean;
  /**
   * The one deadline every item of the source has on a day (this year's registration, this month's dues …):
   * while it has not passed, nothing of the source is overdue and the overdue views do not query it.
   */
  fixedDeadline?(ctx: Pick<SourceContext, 'on' | 'rules'>): string;
  /**
   * For a source with at most one item per organization (members or months counted by organization): the
   * organizations whose item is overdue (column org_id), each found by its first member or month that makes
   * it so rather than by counting them all (the overdue summary).
   */
  overdueOrgs?(ctx: SourceContext): SQL;
  query(ctx: SourceContext): SQL;
  title(r: SourceRow, on: string): string;
  link(r: SourceRow): string;
}

/** A nightly backup (BACKUP_AT) with two hours' slack: older than this, the last success is an item. */
export const BACKUP_OVERDUE_HOURS = 26;

const dateOf = (column: string) => sql`(${chinaDateOf(column)})::text`;

/** A member (people p) not registered in `year`: an item of the registration source. */
const unregistered = (year: number) =>
  sql`p.member_status = 'active' and not exists (select 1 from registrations r where r.person_id = p.id and r.year = ${year})`;
/** A member (people p) of `year` not appraised for it: an item of the appraisal source. */
const unappraised = (year: number) =>
  sql`p.member_status = 'active' and (p.joined_on is null or p.joined_on <= ${`${year}-12-31`}::date)
      and not exists (select 1 from appraisals a where a.person_id = p.id and a.year = ${year})`;
/** The organizations (filtered by `w`) with at least one member (people p) matching `member`. */
const withMember = (w: SourceContext['w'], member: SQL) =>
  sql`select o.id as org_id from organizations o where ${w('o.id')} and exists (select 1 from people p where p.org_id = o.id and ${member})`;
const noOrgs = sql`select null::bigint as org_id where false`;

/** The months of `on`'s year before its own ('YYYY-MM'). */
function monthsBefore(on: string): string[] {
  const year = on.slice(0, 4);
  return Array.from({ length: Number(on.slice(5, 7)) - 1 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

const sidesInitiating = (side: 'from' | 'to') =>
  (Object.entries(TRANSFER_WAITS_ON) as [TransferInitiator, 'from' | 'to'][]).filter(([, s]) => s === side).map(([i]) => i);
const textList = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

const devStages = (who: 'branch' | 'approver') =>
  (Object.entries(DEVELOPMENT_INBOX_STAGES) as [DevelopmentStep, 'branch' | 'approver'][]).filter(([, w]) => w === who).map(([s]) => s);

export const SOURCES: Source[] = [
  {
    kind: 'notice',
    hasDeadlines: true,
    query: ({ w }) => sql`
      select n.id as ref_id, t.org_id, ${dateOf('coalesce(t.chased_at, n.created_at)')} as since, n.deadline::text as deadline,
             n.title as a, case when not r.read then 'read' else 'reply' end as b, (t.chased_at is not null)::text as c, t.chase_count as n
        from notice_targets t join notices n on n.id = t.notice_id
        cross join lateral (select exists (select 1 from notice_reads x where x.notice_id = t.notice_id and x.org_id = t.org_id) as read) r
        cross join lateral (select exists (select 1 from notice_replies y where y.notice_id = t.notice_id and y.org_id = t.org_id) as replied) rp
       where ${w('t.org_id')} and (not r.read or (n.reply_required and not rp.replied))`,
    title: (r) => noticeItemTitle(r.a!, r.b as 'read' | 'reply') + (r.c === 'true' ? '（已催办）' : ''),
    link: (r) => inboxLink('notice', { id: r.ref_id }),
  },
  {
    kind: 'transfer',
    hasDeadlines: true,
    query: ({ w, on }) => {
      const to = sidesInitiating('to');
      const from = sidesInitiating('from');
      // The lowest committee above both sides, for a receiving side's request past its due date.
      const common = 'lca(fo.path, tor.path)';
      const superior = `(subpath(${common}, nlevel(${common}) - 1)::text)::bigint`;
      return sql`
      select t.id as ref_id, case when t.initiated_by in (${textList(to)}) then t.to_org_id else t.from_org_id end as org_id,
             ${dateOf('t.created_at')} as since, t.due_on::text as deadline, t.person_name as a,
             case when t.initiated_by in (${textList(to)}) then 'to' else 'from' end as b, null::text as c, null::int as n
        from transfers t
       where t.status = 'pending'
         and ((t.initiated_by in (${textList(to)}) and ${w('t.to_org_id')}) or (t.initiated_by in (${textList(from)}) and ${w('t.from_org_id')}))
      union all
      select t.id, ${sql.raw(superior)}, t.due_on::text, t.due_on::text, t.person_name, 'superior', null::text, null::int
        from transfers t join organizations fo on fo.id = t.from_org_id join organizations tor on tor.id = t.to_org_id
       where t.status = 'pending' and t.initiated_by in (${textList(from)}) and t.due_on < ${on}::date
         and nlevel(${sql.raw(common)}) > 0 and ${w(superior)}`;
    },
    title: (r) => transferItemTitle(r.a!, r.b as TransferWaitingSide),
    // The tab that lists it: a transfer in waits on the receiving side, one out on the sending side.
    link: (r) => inboxLink('transfer', { org: r.org_id, tab: r.b === 'to' ? 'in' : r.b === 'from' ? 'out' : 'all', id: r.ref_id }),
  },
  {
    // A transfer from another province the national system started: it waits on the receiving branch (its own server).
    kind: 'interprovince',
    hasDeadlines: false,
    query: ({ w }) => sql`
      select i.id as ref_id, i.org_id, ${dateOf('i.created_at')} as since, null::text as deadline, i.person_name as a,
             coalesce(i.other_province_name, i.other_province) as b, i.other_org_name as c, null::int as n
        from interprovince_transfers i
       where i.direction = 'in' and i.status = 'pending' and ${w('i.org_id')}`,
    title: (r) => `${r.a}从${r.b}${r.c ?? ''}跨省转入，待本组织接收或退回`,
    link: (r) => inboxLink('interprovince', { org: r.org_id }),
  },
  {
    kind: 'graduate_escalated',
    hasDeadlines: true,
    query: ({ w }) => sql`
      select t.id as ref_id, t.escalated_to_org_id as org_id, t.escalated_on::text as since, t.due_on::text as deadline,
             t.person_name as a, null::text as b, null::text as c, null::int as n
        from transfers t
       where t.status = 'pending' and t.escalated_to_org_id is not null and ${w('t.escalated_to_org_id')}`,
    title: (r) => `${r.a}的组织关系转接逾期未接收，已提交本级督办`,
    link: (r) => inboxLink('graduate_escalated', { org: r.org_id, tab: 'overdue', transfer: r.ref_id }),
  },
  {
    kind: 'development',
    hasDeadlines: false,
    query: ({ w }) => sql`
      select c.id as ref_id, case when c.stage in (${textList(devStages('approver'))}) then b.parent_id else c.branch_id end as org_id,
             ${dateOf('c.updated_at')} as since, null::text as deadline, p.name as a, c.stage as b, null::text as c, null::int as n
        from development_cases c join organizations b on b.id = c.branch_id join people p on p.id = c.person_id
       where c.status = 'in_progress'
         and ((c.stage in (${textList(devStages('branch'))}) and ${w('c.branch_id')})
              or (c.stage in (${textList(devStages('approver'))}) and ${w('b.parent_id')}))`,
    title: (r) => developmentItemTitle(r.a!, r.b as DevelopmentStep),
    link: (r) => inboxLink('development', {}, `/development/cases/${r.ref_id}`),
  },
  {
    kind: 'correction',
    hasDeadlines: false,
    query: ({ w }) => sql`
      select r.id as ref_id, r.org_id, ${dateOf('r.at')} as since, null::text as deadline,
             r.after->>'personName' as a, r.after->>'field' as b, null::text as c, null::int as n
        from audit_log r
       where r.entity = 'correction_requests' and r.action = 'insert' and ${w('r.org_id')}
         and not exists (select 1 from audit_log x where x.entity = 'correction_requests' and x.action = 'update' and x.entity_id = r.id::text)`,
    title: (r) => `${r.a}申请更正${api.dailyWork.CORRECTION_FIELD_LABELS[r.b as keyof typeof api.dailyWork.CORRECTION_FIELD_LABELS] ?? '个人信息'}`,
    link: (r) => inboxLink('correction', { org: r.org_id, correction: r.ref_id }),
  },
  {
    kind: 'registration',
    hasDeadlines: true,
    fixedDeadline: ({ on, rules }) => registrationDeadline(Number(on.slice(0, 4)), rules),
    query: ({ w, on, rules }) => {
      const year = Number(on.slice(0, 4));
      return sql`
      select p.org_id as ref_id, p.org_id, ${`${year}-01-01`}::text as since, ${registrationDeadline(year, rules)}::text as deadline,
             ${String(year)}::text as a, null::text as b,
             (count(*) filter (where ${selfRegisteredAt(year)} is not null))::text as c, count(*)::int as n
        from people p
       where ${unregistered(year)} and ${w('p.org_id')}
       group by p.org_id`;
    },
    overdueOrgs: ({ w, on, rules }) => {
      const year = Number(on.slice(0, 4));
      return registrationDeadline(year, rules) < on ? withMember(w, unregistered(year)) : noOrgs;
    },
    title: (r) => `${r.a}年团籍注册：${r.n}名团员未注册${Number(r.c) ? `（其中${r.c}人已自助注册，待确认）` : ''}`,
    link: (r) => inboxLink('registration', { org: r.org_id, year: r.a! }),
  },
  {
    kind: 'appraisal',
    hasDeadlines: true,
    fixedDeadline: ({ on, rules }) => appraisalDeadline(Number(on.slice(0, 4)) - 1, rules),
    query: ({ w, on, rules }) => {
      const year = Number(on.slice(0, 4)) - 1;
      return sql`
      select p.org_id as ref_id, p.org_id, ${`${year + 1}-01-01`}::text as since, ${appraisalDeadline(year, rules)}::text as deadline,
             ${String(year)}::text as a, null::text as b, null::text as c, count(*)::int as n
        from people p
       where ${unappraised(year)} and ${w('p.org_id')}
       group by p.org_id`;
    },
    overdueOrgs: ({ w, on, rules }) => {
      const year = Number(on.slice(0, 4)) - 1;
      return appraisalDeadline(year, rules) < on ? withMember(w, unappraised(year)) : noOrgs;
    },
    title: (r) => `${r.a}年度团员教育评议：${r.n}名团员未评议`,
    link: (r) => inboxLink('appraisal', { org: r.org_id, year: r.a! }),
  },
  {
    kind: 'meeting',
    hasDeadlines: true,
    query: ({ w, on }) => sql`
      select m.id as ref_id, m.org_id, m.planned_on::text as since, m.planned_on::text as deadline,
             m.topic as a, m.kind as b, null::text as c, null::int as n
        from meetings m
       where m.status = 'planned' and m.planned_on <= ${monthEnd(on)}::date and ${w('m.org_id')}`,
    title: (r, on) =>
      `${MEETING_KIND_LABELS[r.b as keyof typeof MEETING_KIND_LABELS] ?? '会议'}“${r.a}”${r.deadline! < on ? '已过计划日期，待记录' : `计划于${r.deadline}召开，待记录`}`,
    link: (r) => inboxLink('meeting', { org: r.org_id, meeting: r.ref_id }),
  },
  {
    kind: 'dues',
    hasDeadlines: true,
    fixedDeadline: ({ on }) => monthEnd(on),
    query: ({ w, on }) => {
      const period = on.slice(0, 7);
      return sql`
      select p.org_id as ref_id, p.org_id, ${monthStart(on)}::text as since, ${monthEnd(on)}::text as deadline,
             ${period}::text as a, null::text as b, null::text as c, count(*)::int as n
        from people p left join dues_profiles dp on dp.person_id = p.id
       where p.member_status = 'active' and ${w('p.org_id')} and dp.exempt_reason is null
         and (p.joined_on is null or p.joined_on <= ${monthEnd(on)}::date)
         and not exists (select 1 from dues_payments x where x.person_id = p.id and x.period = ${period})
       group by p.org_id`;
    },
    title: (r) => `${monthLabel(r.a!)}团费：${r.n}名团员未交纳`,
    link: (r) => inboxLink('dues', { org: r.org_id, tab: 'unpaid', period: r.a! }),
  },
  {
    // Receipts members uploaded in the portal (团员自助), one item per branch.
    kind: 'dues_receipt',
    hasDeadlines: false,
    query: ({ w }) => sql`
      select r.org_id as ref_id, r.org_id, min(${dateOf('r.created_at')}) as since, null::text as deadline,
             null::text as a, null::text as b, null::text as c, count(*)::int as n
        from dues_receipts r
       where r.status = 'pending' and ${w('r.org_id')}
       group by r.org_id`,
    title: (r) => `团员上传的团费交纳凭证：${r.n}张待确认`,
    link: (r) => inboxLink('dues_receipt', { org: r.org_id, tab: 'receipts' }),
  },
  {
    // Applications young people submitted online (入团申请), each waiting on the chosen branch.
    kind: 'join_application',
    hasDeadlines: false,
    query: ({ w }) => sql`
      select a.id as ref_id, a.org_id, ${dateOf('a.created_at')} as since, null::text as deadline,
             a.name as a, a.school as b, null::text as c, null::int as n
        from join_applications a
       where a.status = 'pending' and ${w('a.org_id')}`,
    title: (r) => `${r.a}（${r.b}）在线提交了入团申请，待受理`,
    link: (r) => inboxLink('join_application', { org: r.org_id, application: r.ref_id }),
  },
  {
    // 电子档案 (issue 14): members of a branch not yet 团员身份已认证, one item per branch.
    kind: 'archive',
    hasDeadlines: false,
    query: ({ w }) => sql`
      select p.org_id as ref_id, p.org_id, min(p.joined_on)::text as since, null::text as deadline,
             null::text as a, null::text as b, null::text as c, count(*)::int as n
        from people p
       where p.member_status = 'active' and p.identity_verified_on is null and ${w('p.org_id')}
       group by p.org_id`,
    title: (r) => `电子档案：${r.n}名团员身份未认证`,
    link: (r) => inboxLink('archive', { org: r.org_id }),
  },
  {
    // Uploads waiting on the committee above the branch (as development approvals do), one item per branch.
    kind: 'archive_review',
    hasDeadlines: false,
    query: ({ w }) => sql`
      select d.org_id as ref_id, b.parent_id as org_id, min(${dateOf('d.created_at')}) as since, null::text as deadline,
             b.name as a, null::text as b, null::text as c, count(*)::int as n
        from archive_documents d join organizations b on b.id = d.org_id
       where d.status = 'pending' and ${w('b.parent_id')}
       group by d.org_id, b.parent_id, b.name`,
    title: (r) => `${r.a}上传的电子档案：${r.n}份待审核`,
    link: (r) => inboxLink('archive_review', { org: r.ref_id, tab: 'review' }),
  },
  {
    kind: 'remittance',
    hasDeadlines: true,
    // Months first (one row per branch and month this year before this one: an index probe on (org_id, period)
    // each, not every payment of the subtree), then the months no remittance covers; due by the end of the
    // month rules.dues.remitGraceMonths after the first of them (remittanceDeadline).
    query: ({ w, on, rules }) => sql`
      select g.org_id as ref_id, g.org_id, (min(g.period) || '-01') as since,
             ((min(g.period) || '-01')::date + make_interval(months => ${rules.dues.remitGraceMonths + 1}) - interval '1 day')::date::text as deadline,
             min(g.period) as a, max(g.period) as b, null::text as c, count(*)::int as n
        from (select o.id as org_id, m.period from organizations o cross join unnest(${textArray(monthsBefore(on))}) as m(period)
               where ${w('o.id')} and exists (select 1 from dues_payments x where x.org_id = o.id and x.period = m.period)) g
       where not exists (select 1 from dues_remittances r where r.org_id = g.org_id and g.period between r.period_from and r.period_to)
       group by g.org_id`,
    // Overdue: some month whose remittance deadline has passed was collected and not remitted.
    overdueOrgs: ({ w, on, rules }) => sql`
      select o.id as org_id from organizations o
       where ${w('o.id')}
         and exists (select 1 from unnest(${textArray(monthsBefore(on).filter((m) => remittanceDeadline(m, rules) < on))}) as m(period)
                      where exists (select 1 from dues_payments x where x.org_id = o.id and x.period = m.period)
                        and not exists (select 1 from dues_remittances r where r.org_id = o.id and m.period between r.period_from and r.period_to))`,
    title: (r) => `团费上缴：${r.a === r.b ? monthLabel(r.a!) : `${monthLabel(r.a!)}至${monthLabel(r.b!)}`}收缴的团费未上缴（${r.n}个月）`,
    link: (r) => inboxLink('remittance', { org: r.org_id, tab: 'remit' }),
  },
  {
    kind: 'report',
    hasDeadlines: true,
    query: ({ w }) => sql`
      select s.id as ref_id, s.org_id, ${dateOf('t.created_at')} as since, t.deadline::text as deadline,
             t.title as a, s.status as b, t.id::text as c, null::int as n
        from report_submissions s join tj_report_tasks_in_line() t on t.id = s.task_id
       where s.status in ('draft', 'returned') and t.status = 'open' and ${w('s.org_id')}
      union all
      select s.id, t.org_id, ${dateOf('s.submitted_at')}, null::text, t.title, s.status || ':' || o.name, t.id::text, null::int
        from report_submissions s join report_tasks t on t.id = s.task_id join organizations o on o.id = s.org_id
       where s.status = 'submitted' and t.status = 'open' and ${w('t.org_id')}`,
    title: (r) =>
      r.b === 'draft' ? `《${r.a}》待报送` : r.b === 'returned' ? `《${r.a}》被退回，待修改后重新报送` : `${r.b!.slice('submitted:'.length)}报送的《${r.a}》待审核`,
    link: (r) => inboxLink('report', { task: r.c!, report: r.ref_id }),
  },
  {
    kind: 'appeal',
    hasDeadlines: true,
    query: ({ w }) => sql`
      select a.id as ref_id, a.org_id, ${dateOf('a.created_at')} as since, a.deadline::text as deadline,
             a.title as a, a.status as b, null::text as c, null::int as n
        from appeals a
       where a.status in ('submitted', 'assigned') and ${w('a.org_id')}`,
    title: (r) => `青年之声“${r.a}”${APPEAL_STATUS_LABELS[r.b as keyof typeof APPEAL_STATUS_LABELS]}`,
    link: (r) => inboxLink('appeal', { org: r.org_id, appeal: r.ref_id }),
  },
  {
    kind: 'rectification',
    hasDeadlines: true,
    query: ({ w }) => sql`
      select x.id as ref_id, x.org_id, ${dateOf('x.created_at')} as since, x.deadline::text as deadline,
             x.requirement as a, null::text as b, null::text as c, null::int as n
        from rectification_tasks x
       where x.status in ('open', 'overdue') and ${w('x.org_id')}`,
    title: (r) => `整改任务：${r.a}`,
    link: (r) => inboxLink('rectification', { org: r.org_id, tab: 'tasks', rectification: r.ref_id }),
  },
  {
    kind: 'star_rating',
    hasDeadlines: false,
    query: ({ w }) => sql`
      select e.id as ref_id, e.org_id, ${dateOf('e.created_at')} as since, null::text as deadline,
             r.title as a, e.status as b, null::text as c, null::int as n
        from star_rating_entries e left join star_ratings r on r.id = e.rating_id
       where e.status = 'pending' and coalesce(r.status, 'open') = 'open' and ${w('e.org_id')}
      union all
      select e.id, r.org_id, ${dateOf('e.updated_at')}, null::text, r.title, e.status, o.name, null::int
        from star_rating_entries e join star_ratings r on r.id = e.rating_id join organizations o on o.id = e.org_id
       where e.status in ('self_assessed', 'reviewed') and r.status = 'open' and ${w('r.org_id')}`,
    title: (r) =>
      r.b === 'pending'
        ? `${r.a ?? '对标定级'}：待本支部自评`
        : r.b === 'self_assessed'
          ? `${r.a}：${r.c}的自评待审核`
          : `${r.a}：${r.c}待确定等级`,
    link: (r) => inboxLink('star_rating', { org: r.org_id, entry: r.ref_id }),
  },
  {
    kind: 'honor',
    hasDeadlines: false,
    query: ({ w }) => sql`
      select n.id as ref_id, c.org_id, ${dateOf('n.created_at')} as since, null::text as deadline,
             c.title as a, coalesce(p.name, cd.name, o.name, '推荐对象') as b, c.id::text as c, null::int as n
        from honor_nominations n join honor_campaigns c on c.id = n.campaign_id
        left join people p on p.id = n.person_id left join cadres cd on cd.id = n.cadre_id left join organizations o on o.id = n.nominee_org_id
       where n.status = 'nominated' and c.status = 'nominating' and ${w('c.org_id')}`,
    title: (r) => `${r.a}：${r.b}的推荐待审核`,
    link: (r) => inboxLink('honor', { campaign: r.c!, nomination: r.ref_id }),
  },
  {
    kind: 'election',
    hasDeadlines: true,
    query: ({ w, on }) => sql`
      select e.id as ref_id, e.org_id, ${dateOf('e.created_at')} as since, e.planned_on::text as deadline,
             e.title as a, e.stage as b, 'election'::text as c, null::int as n
        from elections e
       where e.status = 'in_progress' and ${w('e.org_id')}
      union all
      select ct.id, ct.org_id, ct.started_on::text, (ct.started_on + make_interval(years => ct.length_years))::date::text,
             null::text, null::text, 'term'::text, null::int
        from committee_terms ct
       where ct.ended_on is null and ${w('ct.org_id')}
         and (ct.started_on + make_interval(years => ct.length_years))::date <= (${on}::date + make_interval(months => ${ELECTION_DUE_WINDOW_MONTHS}))::date
         and not exists (select 1 from elections e2 where e2.org_id = ct.org_id and e2.status = 'in_progress')
      union all
      -- 换届 campaigns (issue 17): the target until its election is completed; the committee once the deadline has passed.
      select t.id, t.org_id, t.started_on::text, t.deadline::text, t.title, null::text, 'campaign'::text, null::int
        from election_campaign_targets t
       where ${w('t.org_id')} and not exists (select 1 from elections e3 where e3.org_id = t.org_id and e3.kind = 'election' and e3.status = 'completed'
                                                  and ${chinaDateOf('e3.created_at')} >= t.started_on)
      union all
      select t.id, t.campaign_org_id, t.started_on::text, t.deadline::text, t.title, o.name, 'campaign_watch'::text, null::int
        from election_campaign_targets t join organizations o on o.id = t.org_id
       where ${w('t.campaign_org_id')} and t.deadline < ${on}::date
         and not exists (select 1 from elections e3 where e3.org_id = t.org_id and e3.kind = 'election' and e3.status = 'completed'
                           and ${chinaDateOf('e3.created_at')} >= t.started_on)`,
    title: (r, on) =>
      r.c === 'campaign'
        ? `${r.a}：请于${r.deadline}前完成换届${r.deadline! < on ? '（已逾期）' : ''}`
        : r.c === 'campaign_watch'
          ? `${r.a}：${r.b}逾期未完成换届（期限${r.deadline}）`
          : r.c === 'election'
        ? `${r.a}：${ELECTION_STEP_LABELS[r.b as keyof typeof ELECTION_STEP_LABELS] ?? r.b}阶段${r.deadline! < on ? '，已过计划选举日期' : ''}`
        : r.deadline! < on
          ? `本届委员会任期已于${r.deadline}届满，待换届`
          : `本届委员会任期将于${r.deadline}届满，请筹备换届`,
    link: (r) =>
      r.c === 'campaign' || r.c === 'campaign_watch'
        ? inboxLink('election', { org: r.org_id }, '/cadres/campaigns')
        : r.c === 'election'
          ? inboxLink('election', {}, `/cadres/elections/${r.ref_id}`)
          : inboxLink('election', { org: r.org_id }),
  },
  {
    // 党委研究团的工作 (issue 17, item 6): a township whose party committee has not met on league work this year,
    // due by the end of the configured month (registries/small.ts).
    kind: 'party_meeting',
    hasDeadlines: true,
    fixedDeadline: ({ on, rules }) => partyMeetingDeadline(Number(on.slice(0, 4)), rules),
    query: ({ w, on, rules }) => {
      const year = Number(on.slice(0, 4));
      return sql`
      select o.id as ref_id, o.id as org_id, ${`${year}-01-01`}::text as since, ${partyMeetingDeadline(year, rules)}::text as deadline,
             ${String(year)}::text as a, null::text as b, null::text as c, null::int as n
        from organizations o
       where o.type in ('township', 'subdistrict') and o.status = 'active' and ${w('o.id')}
         and not exists (select 1 from party_league_meetings m where m.org_id = o.id and m.held_on between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date)`;
    },
    title: (r, on) => `${r.a}年乡镇党委尚未研究团的工作${r.deadline! < on ? '（已逾期）' : `，请于${r.deadline}前召开并登记`}`,
    link: (r) => inboxLink('party_meeting', { org: r.org_id, year: r.a! }),
  },
  {
    kind: 'venue',
    hasDeadlines: false,
    query: ({ w, on, rules }) => sql`
      select v.id as ref_id, v.org_id, l.last::text as since, null::text as deadline, v.name as a, null::text as b, null::text as c,
             (${on}::date - l.last)::int as n
        from venues v
        cross join lateral (select coalesce((select max(x.held_on) from activities x where x.venue_id = v.id), ${chinaDateOf('v.created_at')}) as last) l
       where v.status = 'active' and ${w('v.org_id')} and l.last <= ${on}::date - ${rules.youthWork.venueIdleDays}::int`,
    title: (r) => `阵地“${r.a}”已${r.n}天无活动（闲置）`,
    link: (r) => inboxLink('venue', { org: r.org_id, venue: r.ref_id }),
  },
  {
    // The platform administrator's (规则配置 → 数据备份, ops/backup.ts): the last backup failed, or the last
    // success is older than a nightly run and its slack. Listed on the platform's root organization.
    kind: 'backup',
    hasDeadlines: false,
    platform: true,
    query: () => sql`
      select 0::bigint as ref_id, (select r.id from organizations r where r.parent_id is null order by r.id limit 1) as org_id,
             ${dateOf('coalesce(b.last_success_at, b.at)')} as since, null::text as deadline, b.error as a, null::text as b,
             case when b.ok then 'stale' else 'failed' end as c,
             floor(extract(epoch from now() - b.last_success_at) / 3600)::int as n
        from tj_backup_state() b
       where not b.ok or b.last_success_at < now() - make_interval(hours => ${BACKUP_OVERDUE_HOURS})`,
    title: (r) => (r.c === 'failed' ? `数据备份失败：${r.a ?? '未知原因'}` : `已超过${r.n}小时未备份`),
    link: () => inboxLink('backup'),
  },
];

export const SOURCE_BY_KIND = Object.fromEntries(SOURCES.map((s) => [s.kind, s])) as Record<InboxKind, Source>;
