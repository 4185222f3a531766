import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * The one PostgreSQL schema, shared by PGlite and PostgreSQL. drizzle-kit
 * generates migrations from this file; row-level security, triggers and
 * functions are hand-written migrations beside them (see migrations/).
 */

/** ltree path of organization ids, root first: "1.12.305". */
export const ltree = customType<{ data: string }>({ dataType: () => 'ltree' });

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
};

export const organizations = pgTable(
  'organizations',
  {
    id: id(),
    parentId: ref('parent_id').references((): AnyPgColumn => organizations.id),
    /** Maintained by trigger from parent_id; never written by the application. */
    path: ltree('path').notNull().default(sql`''`),
    name: text('name').notNull(),
    shortName: text('short_name'),
    type: text('type').notNull(),
    sector: text('sector').notNull(),
    schoolStage: text('school_stage'),
    /** School class branches: the year the class graduates (毕业年级, 学社衔接). */
    graduationYear: integer('graduation_year'),
    /** GB/T 2260 code of a county-level or higher committee's region (团员编号 prefix). */
    regionCode: text('region_code'),
    adminUnitId: ref('admin_unit_id').references((): AnyPgColumn => adminUnits.id),
    foundedOn: date('founded_on', { mode: 'string' }),
    status: text('status').notNull().default('active'),
    dissolvedOn: date('dissolved_on', { mode: 'string' }),
    dissolvedReason: text('dissolved_reason'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    address: text('address'),
    sortOrder: integer('sort_order').notNull().default(0),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('organizations_path_gist').using('gist', t.path),
    /** Subtree walks in tree order (people lists): a btree range R ≤ path ≤ R || 'z'. */
    index('organizations_path_btree').using('btree', t.path),
    index('organizations_parent_idx').on(t.parentId),
    index('organizations_admin_unit_idx').on(t.adminUnitId),
    uniqueIndex('organizations_sibling_name_uq').on(t.parentId, t.name).where(sql`status = 'active'`),
  ],
);

/** Villages and communities (GB/T 2260 + village code), for coverage (应建尽建). */
export const adminUnits = pgTable(
  'admin_units',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    townshipOrgId: ref('township_org_id').notNull().references(() => organizations.id),
    ...timestamps,
  },
  (t) => [uniqueIndex('admin_units_code_uq').on(t.code), index('admin_units_township_idx').on(t.townshipOrgId)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: id(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    scopeOrgId: ref('scope_org_id').references(() => organizations.id),
    status: text('status').notNull().default('active'),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'string' }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'string' }),
    /** A member's own account (role member): the person it belongs to. */
    personId: bigint('person_id', { mode: 'number' }),
    ...timestamps,
  },
  (t) => [uniqueIndex('accounts_username_uq').on(sql`lower(${t.username})`), index('accounts_scope_idx').on(t.scopeOrgId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie token; the token itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    accountId: ref('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    actorId: ref('actor_id'),
    actorName: text('actor_name'),
    ip: text('ip'),
    requestId: text('request_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    /** The organization the record belongs to: audit rows are scoped like the record. */
    orgId: ref('org_id'),
    /** A second organization the record concerns (a transfer's other side, where a moved record came from): its scope sees the row too. */
    otherOrgId: ref('other_org_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    changed: text('changed').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_org_idx').on(t.orgId, t.at),
    index('audit_log_other_org_idx').on(t.otherOrgId, t.at).where(sql`other_org_id IS NOT NULL`),
    index('audit_log_entity_idx').on(t.entity, t.entityId),
  ],
);

export const ruleSettings = pgTable('rule_settings', {
  section: text('section').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** Facts about this installation: demo loaded, first-run admin created. */
export const systemState = pgTable('system_state', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

/* ---------------------------------------------------------------------------
 * Youth and member registries (issue 3). Each person once (national ID unique
 * across the system); membership fields are on the person, history in
 * membership_events and the audit log.
 * ------------------------------------------------------------------------- */
export const people = pgTable(
  'people',
  {
    id: id(),
    /** Where the person is registered: members belong to a branch. */
    orgId: ref('org_id').notNull().references(() => organizations.id),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    idNumber: text('id_number').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    ethnicity: text('ethnicity').notNull(),
    education: text('education'),
    politicalStatus: text('political_status').notNull(),
    phone: text('phone'),
    occupation: text('occupation'),
    /** Students: school class / grade label, e.g. 九年级（2）班. */
    isStudent: boolean('is_student').notNull().default(false),
    grade: text('grade'),
    /** In the youth registry (removed = moved out of the area, kept for history). */
    registryStatus: text('registry_status').notNull().default('active'),
    memberNo: text('member_no'),
    joinedOn: date('joined_on', { mode: 'string' }),
    /** null = not a member; active; left (超龄离团/退团/除名/开除/清退). */
    memberStatus: text('member_status'),
    leftOn: date('left_on', { mode: 'string' }),
    leftReason: text('left_reason'),
    pioneerJoinedOn: date('pioneer_joined_on', { mode: 'string' }),
    partyJoinedOn: date('party_joined_on', { mode: 'string' }),
    /** 团员身份已认证: when the committee above approved the last document the 发展档案清单 requires (migration 0028). */
    identityVerifiedOn: date('identity_verified_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('people_id_number_uq').on(t.idNumber),
    uniqueIndex('people_member_no_uq').on(t.memberNo),
    index('people_org_idx').on(t.orgId, t.memberStatus),
    index('people_name_idx').on(sql`${t.name} text_pattern_ops`),
    // A name search walks organizations in path order and reads each one's matches in name order (migration 0020).
    index('people_org_name_idx').on(t.orgId, sql`${t.name} text_pattern_ops`, t.id),
    index('people_birth_idx').on(t.birthDate),
  ],
);

export const developmentCases = pgTable(
  'development_cases',
  {
    id: id(),
    personId: ref('person_id').notNull().references(() => people.id),
    branchId: ref('branch_id').notNull().references(() => organizations.id),
    /** in_progress, admitted, stopped, revoked (清退 after an audit) */
    status: text('status').notNull().default('in_progress'),
    stage: text('stage').notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    approvedOn: date('approved_on', { mode: 'string' }),
    /** Warnings raised at the branch meeting; approval waits for the county's review. */
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
    flagsReviewedBy: text('flags_reviewed_by'),
    flagsReviewedOn: date('flags_reviewed_on', { mode: 'string' }),
    stopReason: text('stop_reason'),
    ...timestamps,
  },
  (t) => [
    index('development_cases_branch_idx').on(t.branchId, t.status),
    uniqueIndex('development_cases_open_uq').on(t.personId).where(sql`status = 'in_progress'`),
  ],
);

export const developmentSteps = pgTable(
  'development_steps',
  {
    id: id(),
    caseId: ref('case_id').notNull().references(() => developmentCases.id),
    /** The case's branch, kept on each step so the step is scoped and audited like its case. */
    branchId: ref('branch_id').notNull().references(() => organizations.id),
    step: text('step').notNull(),
    actedOn: date('acted_on', { mode: 'string' }).notNull(),
    actor: text('actor').notNull(),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    recordedBy: ref('recorded_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('development_steps_case_idx').on(t.caseId)],
);

export const developmentQuotas = pgTable(
  'development_quotas',
  {
    id: id(),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    year: integer('year').notNull(),
    amount: integer('amount').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('development_quotas_org_year_uq').on(t.orgId, t.year)],
);

/** Sequence of member numbers per region and year (团员编号). */
export const memberNumberSequences = pgTable('member_number_sequences', {
  key: text('key').primaryKey(),
  last: integer('last').notNull(),
});

export const transfers = pgTable(
  'transfers',
  {
    id: id(),
    /** null: a receiving side's request that matched no active member under the name given (it lapses). */
    personId: ref('person_id').references(() => people.id),
    fromOrgId: ref('from_org_id').references(() => organizations.id),
    toOrgId: ref('to_org_id').notNull().references(() => organizations.id),
    /** sending, receiving, member */
    initiatedBy: text('initiated_by').notNull(),
    /** regular, graduate (学社衔接) */
    kind: text('kind').notNull().default('regular'),
    /** Graduates: work, community, study, unknown */
    destination: text('destination'),
    /** When the receiving side must have acted; past it the transfer is escalated, never approved silently. */
    dueOn: date('due_on', { mode: 'string' }),
    escalatedOn: date('escalated_on', { mode: 'string' }),
    escalatedToOrgId: bigint('escalated_to_org_id', { mode: 'number' }),
    /** A receiving side's request: lapses when nobody has answered by then. */
    lapsesOn: date('lapses_on', { mode: 'string' }),
    /** The account that asked by ID number (look-ups are limited per account and hour). */
    requestedBy: bigint('requested_by', { mode: 'number' }),
    status: text('status').notNull().default('pending'),
    reason: text('reason').notNull(),
    /** Name and masked ID, readable by the receiving side before the person is theirs. */
    personName: text('person_name').notNull(),
    personIdMasked: text('person_id_masked').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }),
    decidedBy: text('decided_by'),
    note: text('note'),
    ...timestamps,
  },
  (t) => [
    index('transfers_from_idx').on(t.fromOrgId, t.status),
    index('transfers_to_idx').on(t.toOrgId, t.status),
    index('transfers_requested_by_idx').on(t.requestedBy, t.createdAt),
    index('transfers_lapse_idx').on(t.lapsesOn).where(sql`status = 'pending'`),
    uniqueIndex('transfers_open_uq').on(t.personId).where(sql`status = 'pending'`),
  ],
);

export const registrations = pgTable(
  'registrations',
  {
    id: id(),
    personId: ref('person_id').notNull().references(() => people.id),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    year: integer('year').notNull(),
    /** registered, deferred (暂缓注册), not_registered */
    status: text('status').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    note: text('note'),
    ...timestamps,
  },
  (t) => [uniqueIndex('registrations_person_year_uq').on(t.personId, t.year), index('registrations_org_idx').on(t.orgId, t.year)],
);

export const appraisals = pgTable(
  'appraisals',
  {
    id: id(),
    personId: ref('person_id').notNull().references(() => people.id),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    year: integer('year').notNull(),
    /** excellent, qualified, basically_qualified, unqualified */
    grade: text('grade').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('appraisals_person_year_uq').on(t.personId, t.year), index('appraisals_org_idx').on(t.orgId, t.year)],
);

/** Leaving, reinstatement and revocation, with reason and approval. */
export const membershipEvents = pgTable(
  'membership_events',
  {
    id: id(),
    personId: ref('person_id').notNull().references(() => people.id),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    onDate: date('on_date', { mode: 'string' }).notNull(),
    approvedBy: text('approved_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('membership_events_person_idx').on(t.personId), index('membership_events_org_idx').on(t.orgId)],
);

/** 推优入党: recommendation by the branch (with its meeting) and the party side's outcome. */
export const partyRecommendations = pgTable(
  'party_recommendations',
  {
    id: id(),
    personId: ref('person_id').notNull().references(() => people.id),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    year: integer('year').notNull(),
    meetingOn: date('meeting_on', { mode: 'string' }).notNull(),
    votesFor: integer('votes_for').notNull(),
    entitled: integer('entitled').notNull(),
    /** pending, activist (入党积极分子), probationary (预备党员), full (正式党员), not_accepted */
    outcome: text('outcome').notNull().default('pending'),
    outcomeOn: date('outcome_on', { mode: 'string' }),
    ...timestamps,
  },
  (t) => [index('party_recommendations_org_idx').on(t.orgId, t.year), uniqueIndex('party_recommendations_person_year_uq').on(t.personId, t.year)],
);

/** 回头看: an audit of a subtree and period, and what it found. */
export const reviewCampaigns = pgTable('review_campaigns', {
  id: id(),
  orgId: ref('org_id').notNull().references(() => organizations.id),
  title: text('title').notNull(),
  periodFrom: date('period_from', { mode: 'string' }).notNull(),
  periodTo: date('period_to', { mode: 'string' }).notNull(),
  status: text('status').notNull().default('open'),
  checked: integer('checked').notNull().default(0),
  ...timestamps,
});

export const reviewFindings = pgTable(
  'review_findings',
  {
    id: id(),
    campaignId: ref('campaign_id').notNull().references(() => reviewCampaigns.id),
    personId: ref('person_id').notNull().references(() => people.id),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    rule: text('rule').notNull(),
    detail: text('detail').notNull(),
    /** open, confirmed (清退 done), dismissed */
    status: text('status').notNull().default('open'),
    note: text('note'),
    ...timestamps,
  },
  (t) => [index('review_findings_campaign_idx').on(t.campaignId), index('review_findings_org_idx').on(t.orgId)],
);

/** A parsed import waiting for the user to accept its good rows. */
export const importBatches = pgTable('import_batches', {
  id: id(),
  orgId: ref('org_id').notNull().references(() => organizations.id),
  kind: text('kind').notNull(),
  fileName: text('file_name').notNull(),
  rows: jsonb('rows').notNull(),
  report: jsonb('report').notNull(),
  committedAt: timestamp('committed_at', { withTimezone: true, mode: 'string' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/* ---------------------------------------------------------------------------
 * Cadres and committees (issue 4).
 * ------------------------------------------------------------------------- */

/** A league cadre (团干部): one row per person, registered under the organization that manages the record. */
export const cadres = pgTable(
  'cadres',
  {
    id: id(),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    /** The same person in the youth/member registry, when registered there. */
    personId: ref('person_id').references(() => people.id),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    idNumber: text('id_number').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    ethnicity: text('ethnicity').notNull().default('01'),
    education: text('education'),
    politicalStatus: text('political_status').notNull(),
    phone: text('phone'),
    workUnit: text('work_unit'),
    /** inside / outside the civil-service establishment (体制内/体制外, 编制) */
    establishment: text('establishment').notNull(),
    civilServant: boolean('civil_servant').notNull().default(false),
    /** Local residence or work, for eligibility. */
    localResident: boolean('local_resident').notNull().default(true),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('cadres_id_number_uq').on(t.idNumber), index('cadres_org_idx').on(t.orgId)],
);

/** A post in a committee or branch and who holds it; history is kept by end dates. */
export const cadrePosts = pgTable(
  'cadre_posts',
  {
    id: id(),
    cadreId: ref('cadre_id').notNull().references(() => cadres.id),
    /** The committee or branch where the post is. */
    orgId: ref('org_id').notNull().references(() => organizations.id),
    /** secretary, deputy_secretary, member, organization_member, propaganda_member, … */
    title: text('title').notNull(),
    /** full_time (专职), part_time (兼职), seconded (挂职) */
    employment: text('employment').notNull(),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    endOn: date('end_on', { mode: 'string' }),
    endReason: text('end_reason'),
    /** Actually serving (在岗), as opposed to on record only. */
    onDuty: boolean('on_duty').notNull().default(true),
    /** How the holder came to the post: election, selection, appointment. */
    source: text('source').notNull().default('appointment'),
    electionId: bigint('election_id', { mode: 'number' }),
    ...timestamps,
  },
  (t) => [index('cadre_posts_org_idx').on(t.orgId, t.endOn), index('cadre_posts_cadre_idx').on(t.cadreId)],
);

/** A committee's term: from an election (or founding) for the configured number of years. */
export const committeeTerms = pgTable(
  'committee_terms',
  {
    id: id(),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    lengthYears: integer('length_years').notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    electionId: bigint('election_id', { mode: 'number' }),
    ...timestamps,
  },
  (t) => [index('committee_terms_org_idx').on(t.orgId, t.startedOn)],
);

/**
 * An election (换届) or a selection of part-time cadres outside elections (选配):
 * plan → recommendation → qualification → party decision → public notice →
 * vote (elections) → approval → posts updated. Each step is logged in election_steps.
 */
export const elections = pgTable(
  'elections',
  {
    id: id(),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    /** election, selection */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    stage: text('stage').notNull(),
    status: text('status').notNull().default('in_progress'),
    plannedOn: date('planned_on', { mode: 'string' }).notNull(),
    /** Posts to fill: [{ title, employment, seats }] */
    seats: jsonb('seats').notNull(),
    noticeFrom: date('notice_from', { mode: 'string' }),
    noticeTo: date('notice_to', { mode: 'string' }),
    ...timestamps,
  },
  (t) => [index('elections_org_idx').on(t.orgId, t.status)],
);

export const electionCandidates = pgTable(
  'election_candidates',
  {
    id: id(),
    electionId: ref('election_id').notNull().references(() => elections.id),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    cadreId: ref('cadre_id').notNull().references(() => cadres.id),
    /** organization (组织推荐), democratic (民主推荐), self (个人自荐) */
    source: text('source').notNull(),
    postTitle: text('post_title').notNull(),
    qualified: boolean('qualified'),
    qualificationNote: text('qualification_note'),
    objection: text('objection'),
    votes: integer('votes'),
    elected: boolean('elected'),
    ...timestamps,
  },
  (t) => [index('election_candidates_election_idx').on(t.electionId), uniqueIndex('election_candidates_uq').on(t.electionId, t.cadreId, t.postTitle)],
);

export const electionSteps = pgTable(
  'election_steps',
  {
    id: id(),
    electionId: ref('election_id').notNull().references(() => elections.id),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    step: text('step').notNull(),
    actedOn: date('acted_on', { mode: 'string' }).notNull(),
    actor: text('actor').notNull(),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('election_steps_election_idx').on(t.electionId)],
);

/** 平时考核 / 考核评议 / 述职评议 campaigns and their scores from three sides. */
export const appraisalCampaigns = pgTable('appraisal_campaigns', {
  id: id(),
  orgId: ref('org_id').notNull().references(() => organizations.id),
  title: text('title').notNull(),
  /** routine, review, report */
  kind: text('kind').notNull(),
  year: integer('year').notNull(),
  /** { inner, party, youth } weights summing to 1, from the rules at opening time. */
  weights: jsonb('weights').notNull(),
  status: text('status').notNull().default('open'),
  ...timestamps,
});

export const appraisalScores = pgTable(
  'appraisal_scores',
  {
    id: id(),
    campaignId: ref('campaign_id').notNull().references(() => appraisalCampaigns.id),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    cadreId: ref('cadre_id').notNull().references(() => cadres.id),
    innerScore: integer('inner_score'),
    partyScore: integer('party_score'),
    youthScore: integer('youth_score'),
    total: integer('total'),
    grade: text('grade'),
    rank: integer('rank'),
    ...timestamps,
  },
  (t) => [uniqueIndex('appraisal_scores_uq').on(t.campaignId, t.cadreId)],
);

export const trainings = pgTable('trainings', {
  id: id(),
  orgId: ref('org_id').notNull().references(() => organizations.id),
  title: text('title').notNull(),
  /** qingma (青马工程), practice (岗位大练兵), township (乡镇培训班), basic (基础团务培训) */
  kind: text('kind').notNull(),
  startOn: date('start_on', { mode: 'string' }).notNull(),
  endOn: date('end_on', { mode: 'string' }).notNull(),
  hours: integer('hours').notNull(),
  ...timestamps,
});

export const trainingAttendance = pgTable(
  'training_attendance',
  {
    id: id(),
    trainingId: ref('training_id').notNull().references(() => trainings.id),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    cadreId: ref('cadre_id').notNull().references(() => cadres.id),
    hours: integer('hours').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('training_attendance_uq').on(t.trainingId, t.cadreId)],
);

/** 后备人才: young people recommended for village/community leadership. */
export const reserveTalents = pgTable('reserve_talents', {
  id: id(),
  orgId: ref('org_id').notNull().references(() => organizations.id),
  personId: ref('person_id').notNull().references(() => people.id),
  recommendedBy: text('recommended_by').notNull(),
  reason: text('reason').notNull(),
  recommendedOn: date('recommended_on', { mode: 'string' }).notNull(),
  status: text('status').notNull().default('active'),
  ...timestamps,
});

/** 一专一站两联: a deputy or committee member assigned to branches and youth. */
export const liaisons = pgTable(
  'liaisons',
  {
    id: id(),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    /** The committee member's cadre record; a deputy's when the deputy is a cadre (outside deputies have none). */
    cadreId: ref('cadre_id').references(() => cadres.id),
    /** deputy (团代表), committee_member (委员) */
    role: text('role').notNull(),
    /** The deputy of the congress registry (congress_deputies, migration 0035) for role deputy. */
    deputyId: ref('deputy_id'),
    targetOrgId: ref('target_org_id').references(() => organizations.id),
    targetPersonId: ref('target_person_id').references(() => people.id),
    since: date('since', { mode: 'string' }).notNull(),
    until: date('until', { mode: 'string' }),
    ...timestamps,
  },
  (t) => [index('liaisons_org_idx').on(t.orgId), index('liaisons_target_idx').on(t.targetOrgId)],
);

export const liaisonContacts = pgTable(
  'liaison_contacts',
  {
    id: id(),
    liaisonId: ref('liaison_id').notNull().references(() => liaisons.id),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    contactedOn: date('contacted_on', { mode: 'string' }).notNull(),
    method: text('method').notNull(),
    content: text('content').notNull(),
    ...timestamps,
  },
  (t) => [index('liaison_contacts_liaison_idx').on(t.liaisonId)],
);

/* ---------------------------------------------------------------------------
 * Organizational life and work with youth (issue 5).
 * ------------------------------------------------------------------------- */

/** 三会两制一课 and 主题团日: planned, then held with minutes and attendance. */
export const meetings = pgTable(
  'meetings',
  {
    id: id(),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    /** general_meeting, committee_meeting, group_meeting, lecture, theme_day, oath_ceremony */
    kind: text('kind').notNull(),
    topic: text('topic').notNull(),
    plannedOn: date('planned_on', { mode: 'string' }).notNull(),
    heldOn: date('held_on', { mode: 'string' }),
    place: text('place'),
    plan: text('plan'),
    minutes: text('minutes'),
    /** planned, held, cancelled */
    status: text('status').notNull().default('planned'),
    expected: integer('expected'),
    present: integer('present'),
    ...timestamps,
  },
  (t) => [index('meetings_org_idx').on(t.orgId, t.heldOn)],
);

export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    id: id(),
    meetingId: ref('meeting_id').notNull().references(() => meetings.id),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    personId: ref('person_id').notNull().references(() => people.id),
    present: boolean('present').notNull(),
    absenceReason: text('absence_reason'),
    ...timestamps,
  },
  (t) => [uniqueIndex('meeting_attendance_uq').on(t.meetingId, t.personId)],
);

/** Photos and documents of any record, scoped like the record they belong to. */
export const attachments = pgTable(
  'attachments',
  {
    id: id(),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    ownerType: text('owner_type').notNull(),
    ownerId: bigint('owner_id', { mode: 'number' }).notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    ...timestamps,
  },
  (t) => [index('attachments_owner_idx').on(t.ownerType, t.ownerId)],
);

export const venues = pgTable(
  'venues',
  {
    id: id(),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    /** youth_home (青年之家), youth_space (青空间), youth_station (青年驿站), youth_street (青年街区), pioneer_base (少先队校外实践基地) */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    address: text('address').notNull(),
    operator: text('operator'),
    openingHours: text('opening_hours'),
    /** The standard's three checks: 有阵地依托、有规范制度、有运营力量, each with its evidence. */
    hasSite: boolean('has_site').notNull().default(false),
    hasRules: boolean('has_rules').notNull().default(false),
    hasStaff: boolean('has_staff').notNull().default(false),
    evidence: jsonb('evidence').notNull().default(sql`'{}'::jsonb`),
    status: text('status').notNull().default('active'),
    ...timestamps,
  },
  (t) => [index('venues_org_idx').on(t.orgId)],
);

export const activities = pgTable(
  'activities',
  {
    id: id(),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    venueId: ref('venue_id').references(() => venues.id),
    type: text('type').notNull(),
    theme: text('theme').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    place: text('place'),
    organizer: text('organizer').notNull(),
    memberCount: integer('member_count').notNull().default(0),
    youthCount: integer('youth_count').notNull().default(0),
    description: text('description'),
    ...timestamps,
  },
  (t) => [index('activities_org_idx').on(t.orgId, t.heldOn), index('activities_venue_idx').on(t.venueId)],
);

export const activityParticipants = pgTable(
  'activity_participants',
  {
    id: id(),
    activityId: ref('activity_id').notNull().references(() => activities.id),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    personId: ref('person_id').notNull().references(() => people.id),
    ...timestamps,
  },
  (t) => [uniqueIndex('activity_participants_uq').on(t.activityId, t.personId)],
);

export const volunteerTeams = pgTable('volunteer_teams', {
  id: id(),
  orgId: ref('org_id').notNull().references(() => organizations.id),
  name: text('name').notNull(),
  foundedOn: date('founded_on', { mode: 'string' }),
  leader: text('leader'),
  ...timestamps,
});

export const volunteers = pgTable(
  'volunteers',
  {
    id: id(),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    teamId: ref('team_id').references(() => volunteerTeams.id),
    personId: ref('person_id').references(() => people.id),
    name: text('name').notNull(),
    idNumber: text('id_number').notNull(),
    gender: text('gender').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    phone: text('phone'),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('volunteers_id_number_uq').on(t.idNumber), index('volunteers_org_idx').on(t.orgId)],
);

export const serviceProjects = pgTable('service_projects', {
  id: id(),
  orgId: ref('org_id').notNull().references(() => organizations.id),
  teamId: ref('team_id').references(() => volunteerTeams.id),
  title: text('title').notNull(),
  startOn: date('start_on', { mode: 'string' }).notNull(),
  endOn: date('end_on', { mode: 'string' }),
  ...timestamps,
});

export const serviceRecords = pgTable(
  'service_records',
  {
    id: id(),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    volunteerId: ref('volunteer_id').notNull().references(() => volunteers.id),
    projectId: ref('project_id').references(() => serviceProjects.id),
    servedOn: date('served_on', { mode: 'string' }).notNull(),
    /** Service time in minutes (exact; hours are shown with one decimal). */
    minutes: integer('minutes').notNull(),
    ...timestamps,
  },
  (t) => [index('service_records_volunteer_idx').on(t.volunteerId)],
);

/** 青年大学习: one round (期), and each branch's participation as the national platform exports it. */
export const studyRounds = pgTable(
  'study_rounds',
  {
    id: id(),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    year: integer('year').notNull(),
    roundNo: integer('round_no').notNull(),
    title: text('title').notNull(),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('study_rounds_uq').on(t.orgId, t.year, t.roundNo)],
);

export const studyParticipation = pgTable(
  'study_participation',
  {
    id: id(),
    roundId: ref('round_id').notNull().references(() => studyRounds.id),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    participants: integer('participants').notNull(),
    /** The base for 参学率 (members, or what the province sets) at import time. */
    base: integer('base').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('study_participation_uq').on(t.roundId, t.orgId)],
);

/** 希望工程 (圆梦大学), 春晖行动, 关爱农民工子女: money in fen, never floating point. */
export const aidProjects = pgTable('aid_projects', {
  id: id(),
  orgId: ref('org_id').notNull().references(() => organizations.id),
  program: text('program').notNull(),
  year: integer('year').notNull(),
  title: text('title').notNull(),
  fundsRaisedFen: bigint('funds_raised_fen', { mode: 'number' }).notNull().default(0),
  ...timestamps,
});

export const aidBeneficiaries = pgTable(
  'aid_beneficiaries',
  {
    id: id(),
    projectId: ref('project_id').notNull().references(() => aidProjects.id),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    /** Copied from the project so that "no one twice in one program-year" is a unique index. */
    program: text('program').notNull(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    idNumber: text('id_number').notNull(),
    school: text('school'),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    /** approved, paid, cancelled */
    status: text('status').notNull().default('approved'),
    paidOn: date('paid_on', { mode: 'string' }),
    ...timestamps,
  },
  (t) => [uniqueIndex('aid_beneficiaries_once_uq').on(t.program, t.year, t.idNumber).where(sql`status <> 'cancelled'`)],
);

/** A yearly honor campaign (两红两优 …) and its nominations through to the award. */
export const honorCampaigns = pgTable('honor_campaigns', {
  id: id(),
  orgId: ref('org_id').notNull().references(() => organizations.id),
  honorType: text('honor_type').notNull(),
  year: integer('year').notNull(),
  title: text('title').notNull(),
  status: text('status').notNull().default('nominating'),
  ...timestamps,
});

export const honorNominations = pgTable(
  'honor_nominations',
  {
    id: id(),
    campaignId: ref('campaign_id').notNull().references(() => honorCampaigns.id),
    /** The nominating organization. */
    orgId: ref('org_id').notNull().references(() => organizations.id),
    personId: ref('person_id').references(() => people.id),
    cadreId: ref('cadre_id').references(() => cadres.id),
    nomineeOrgId: ref('nominee_org_id').references(() => organizations.id),
    reason: text('reason').notNull(),
    /** nominated, ineligible, reviewed, publicized, awarded, rejected */
    status: text('status').notNull().default('nominated'),
    note: text('note'),
    awardedOn: date('awarded_on', { mode: 'string' }),
    ...timestamps,
  },
  (t) => [index('honor_nominations_campaign_idx').on(t.campaignId)],
);

/** 青年之声: a young person's appeal, routed to the responsible organization. */
export const appeals = pgTable(
  'appeals',
  {
    id: id(),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    trackingCode: text('tracking_code').notNull(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    askerName: text('asker_name').notNull(),
    askerPhone: text('asker_phone').notNull(),
    /** submitted, assigned, answered, closed */
    status: text('status').notNull().default('submitted'),
    assignee: text('assignee'),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    answer: text('answer'),
    answeredOn: date('answered_on', { mode: 'string' }),
    closedOn: date('closed_on', { mode: 'string' }),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    ...timestamps,
  },
  (t) => [uniqueIndex('appeals_tracking_uq').on(t.trackingCode), index('appeals_org_idx').on(t.orgId, t.status)],
);

export const appealEvents = pgTable(
  'appeal_events',
  {
    id: id(),
    appealId: ref('appeal_id').notNull().references(() => appeals.id),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    kind: text('kind').notNull(),
    note: text('note'),
    actor: text('actor').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('appeal_events_appeal_idx').on(t.appealId)],
);

/* ---------------------------------------------------------------------------
 * Daily league work (issue 7): dues, star rating, password resets.
 * ------------------------------------------------------------------------- */

/** How a member's dues are computed (rules.dues): student / no income (flat) or employed (share of income). */
export const duesProfiles = pgTable('dues_profiles', {
  personId: ref('person_id').primaryKey().references(() => people.id),
  orgId: ref('org_id').notNull().references(() => organizations.id),
  category: text('category').notNull(),
  monthlyIncomeFen: bigint('monthly_income_fen', { mode: 'number' }),
  exemptReason: text('exempt_reason'),
  ...timestamps,
});

/** One payment per member and month (a second one is refused by the unique index). Money in fen. */
export const duesPayments = pgTable(
  'dues_payments',
  {
    id: id(),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    personId: ref('person_id').notNull().references(() => people.id),
    /** YYYY-MM */
    period: text('period').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    /** cash, transfer, online */
    method: text('method').notNull(),
    receiptNo: text('receipt_no'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('dues_payments_person_period_uq').on(t.personId, t.period),
    uniqueIndex('dues_payments_receipt_uq').on(t.receiptNo),
    index('dues_payments_org_idx').on(t.orgId, t.period),
  ],
);

/** A branch's remittance of its share of dues to the level above (上缴). */
export const duesRemittances = pgTable(
  'dues_remittances',
  {
    id: id(),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    toOrgId: ref('to_org_id').notNull().references(() => organizations.id),
    periodFrom: text('period_from').notNull(),
    periodTo: text('period_to').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    remittedOn: date('remitted_on', { mode: 'string' }).notNull(),
    note: text('note'),
    ...timestamps,
  },
  (t) => [index('dues_remittances_org_idx').on(t.orgId)],
);

/** 对标定级: a yearly rating opened by the county, with its criteria. */
export const starRatings = pgTable('star_ratings', {
  id: id(),
  orgId: ref('org_id').notNull().references(() => organizations.id),
  year: integer('year').notNull(),
  title: text('title').notNull(),
  /** [{ key, label, max }] */
  criteria: jsonb('criteria').notNull(),
  status: text('status').notNull().default('open'),
  ...timestamps,
});

export const starRatingEntries = pgTable(
  'star_rating_entries',
  {
    id: id(),
    ratingId: ref('rating_id').notNull().references(() => starRatings.id),
    /** The branch being rated. */
    orgId: ref('org_id').notNull().references(() => organizations.id),
    selfScores: jsonb('self_scores'),
    reviewScores: jsonb('review_scores'),
    /** five, four, three, weak (软弱涣散) */
    grade: text('grade'),
    /** pending, self_assessed, reviewed, confirmed */
    status: text('status').notNull().default('pending'),
    confirmedBy: text('confirmed_by'),
    ...timestamps,
  },
  (t) => [uniqueIndex('star_rating_entries_uq').on(t.ratingId, t.orgId)],
);

export const rectificationTasks = pgTable(
  'rectification_tasks',
  {
    id: id(),
    entryId: ref('entry_id').notNull().references(() => starRatingEntries.id),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    requirement: text('requirement').notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    followUp: text('follow_up'),
    /** open, done, overdue */
    status: text('status').notNull().default('open'),
    doneOn: date('done_on', { mode: 'string' }),
    ...timestamps,
  },
  (t) => [index('rectification_tasks_org_idx').on(t.orgId)],
);

/** One-time password reset codes (SMS to the member, or issued by the branch secretary); only hashes are kept. */
export const resetCodes = pgTable(
  'reset_codes',
  {
    id: id(),
    accountId: ref('account_id').notNull().references(() => accounts.id),
    codeHash: text('code_hash').notNull(),
    /** sms, secretary */
    channel: text('channel').notNull(),
    issuedBy: text('issued_by'),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('reset_codes_account_idx').on(t.accountId)],
);

/* ---------------------------------------------------------------------------
 * Statistics at scale (issue 6).
 * ------------------------------------------------------------------------- */

/**
 * Subtree figures of every organization (itself included), kept by statement
 * triggers in the same transaction as the records (migrations/0012), so a
 * dashboard reads a handful of rows whatever the size of the subtree.
 * Metrics: orgs:total, orgs:type:<type>, orgs:sector:<sector>, orgs:dissolved,
 * people:total, people:male|female|students, people:born:<year>,
 * members:total, members:male|female|students, members:born:<year>,
 * cases:stage:<stage>, cases:approved:<year>.
 */
export const orgRollups = pgTable(
  'org_rollups',
  {
    orgId: ref('org_id').notNull(),
    metric: text('metric').notNull(),
    value: bigint('value', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.metric] })],
);

/** Figures as of the end of each month, frozen so that last year's numbers stay last year's. */
export const statSnapshots = pgTable(
  'stat_snapshots',
  {
    orgId: ref('org_id').notNull(),
    month: text('month').notNull(),
    metrics: jsonb('metrics').notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.month] })],
);

/* ---------------------------------------------------------------------------
 * Reports up the hierarchy and the reform assessment (issue 6).
 * ------------------------------------------------------------------------- */

/**
 * A reporting task issued by a committee to the organizations below it
 * (e.g. 改革进展, 半年总结): text sections each recipient writes, and figures
 * filled from the data as of the deadline.
 */
export const reportTasks = pgTable(
  'report_tasks',
  {
    id: id(),
    /** The issuing committee. */
    orgId: ref('org_id').notNull().references(() => organizations.id),
    title: text('title').notNull(),
    /** e.g. 2026年上半年 */
    period: text('period').notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    /** [{ key, title, hint }]: the text sections (工作开展情况、特色经验做法 …). */
    sections: jsonb('sections').notNull(),
    /** Metric keys whose values are taken from the records as of the deadline. */
    figures: jsonb('figures').notNull(),
    /** open, closed */
    status: text('status').notNull().default('open'),
    ...timestamps,
  },
  (t) => [index('report_tasks_org_idx').on(t.orgId)],
);

/** One recipient's report for a task: written, submitted, returned for revision or accepted. */
export const reportSubmissions = pgTable(
  'report_submissions',
  {
    id: id(),
    taskId: ref('task_id').notNull().references(() => reportTasks.id),
    /** The reporting organization (a child of the issuing committee). */
    orgId: ref('org_id').notNull().references(() => organizations.id),
    /** draft, submitted, returned, accepted */
    status: text('status').notNull().default('draft'),
    /** { [sectionKey]: text } */
    sections: jsonb('sections').notNull().default({}),
    /** { [metric]: number } frozen at submission, as of the task's deadline. */
    figures: jsonb('figures'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'string' }),
    submittedBy: text('submitted_by'),
    returnReason: text('return_reason'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'string' }),
    ...timestamps,
  },
  (t) => [uniqueIndex('report_submissions_uq').on(t.taskId, t.orgId), index('report_submissions_org_idx').on(t.orgId)],
);

/** 党建带团建 / 县域改革 考核: indicators with weights and targets, scored per child organization from the data. */
export const assessmentSchemes = pgTable(
  'assessment_schemes',
  {
    id: id(),
    /** The committee that assesses its children. */
    orgId: ref('org_id').notNull().references(() => organizations.id),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    /** [{ key, label, metric, weight, target, direction }] */
    indicators: jsonb('indicators').notNull(),
    /** draft, published */
    status: text('status').notNull().default('draft'),
    ...timestamps,
  },
  (t) => [index('assessment_schemes_org_idx').on(t.orgId)],
);

/* ---------------------------------------------------------------------------
 * 通知公告 (issue 12): notices down the tree, read and replied per organization.
 * Hand-written in migrations/0021_inbox_notices.sql (with its row-level security).
 * ------------------------------------------------------------------------- */

export const notices = pgTable(
  'notices',
  {
    id: id(),
    /** The publishing committee. */
    orgId: ref('org_id').notNull().references(() => organizations.id),
    /** The publisher's name as published (receiving organizations cannot see organizations above them). */
    orgName: text('org_name').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    deadline: date('deadline', { mode: 'string' }),
    replyRequired: boolean('reply_required').notNull().default(false),
    /** The reply form's fields (migration 0025): [{ key, label, type, required, options? }]. */
    replyForm: jsonb('reply_form'),
    /** subtree, chosen */
    targetMode: text('target_mode').notNull(),
    publishedBy: ref('published_by').references(() => accounts.id),
    publishedByName: text('published_by_name').notNull(),
    ...timestamps,
  },
  (t) => [index('notices_org_idx').on(t.orgId, t.id)],
);

export const noticeTargets = pgTable(
  'notice_targets',
  {
    id: id(),
    noticeId: ref('notice_id').notNull().references(() => notices.id),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    chasedAt: timestamp('chased_at', { withTimezone: true, mode: 'string' }),
    chaseCount: integer('chase_count').notNull().default(0),
    ...timestamps,
  },
  (t) => [uniqueIndex('notice_targets_uq').on(t.noticeId, t.orgId), index('notice_targets_org_idx').on(t.orgId, t.noticeId)],
);

export const noticeReads = pgTable(
  'notice_reads',
  {
    id: id(),
    noticeId: ref('notice_id').notNull().references(() => notices.id),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    accountId: ref('account_id').references(() => accounts.id),
    readerName: text('reader_name').notNull(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('notice_reads_uq').on(t.noticeId, t.orgId, t.accountId)],
);

export const noticeReplies = pgTable(
  'notice_replies',
  {
    id: id(),
    noticeId: ref('notice_id').notNull().references(() => notices.id),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    accountId: ref('account_id').references(() => accounts.id),
    authorName: text('author_name').notNull(),
    text: text('text'),
    /** Answers to the notice's reply form by field key (migration 0025). */
    answers: jsonb('answers'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('notice_replies_notice_idx').on(t.noticeId, t.orgId)],
);

/**
 * 团员自助 (migration 0024): a member's payment receipt or transfer screenshot for a month's dues (the file
 * is an attachment, owner_type 'dues_receipt'); the branch confirms it (recording the payment, payment_id)
 * or returns it with a reason. Status: pending, confirmed, returned (CHECK in the migration).
 */
export const duesReceipts = pgTable(
  'dues_receipts',
  {
    id: id(),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    personId: ref('person_id').notNull().references(() => people.id),
    /** YYYY-MM */
    period: text('period').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('pending'),
    note: text('note'),
    paymentId: ref('payment_id').references(() => duesPayments.id),
    submittedBy: ref('submitted_by').references(() => accounts.id),
    decidedBy: ref('decided_by').references(() => accounts.id),
    decidedOn: date('decided_on', { mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('dues_receipts_pending_uq').on(t.personId, t.period).where(sql`"status" = 'pending'`),
    index('dues_receipts_org_idx').on(t.orgId, t.status),
  ],
);

/**
 * 入团申请 online (migration 0024): a young person's application to the chosen branch; accepted (person
 * registered when needed, development case started: person_id, case_id) or declined with a reason.
 * Status: pending, accepted, declined (CHECK in the migration).
 */
export const joinApplications = pgTable(
  'join_applications',
  {
    id: id(),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    name: text('name').notNull(),
    idNumber: text('id_number').notNull(),
    gender: text('gender').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    ethnicity: text('ethnicity').notNull(),
    phone: text('phone').notNull(),
    school: text('school').notNull(),
    content: text('content').notNull(),
    status: text('status').notNull().default('pending'),
    note: text('note'),
    personId: ref('person_id').references(() => people.id),
    caseId: ref('case_id').references(() => developmentCases.id),
    decidedBy: ref('decided_by').references(() => accounts.id),
    decidedOn: date('decided_on', { mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('join_applications_pending_uq').on(t.idNumber).where(sql`"status" = 'pending'`),
    index('join_applications_org_idx').on(t.orgId, t.status),
  ],
);

/** 团员证明 and 组织关系介绍信 as issued (issue 14.5): the code the public page verifies, revocable by the issuing side. */
export const documentIssues = pgTable(
  'document_issues',
  {
    id: id(),
    /** The issuing organization (the member's branch; a transfer's sending side). */
    orgId: ref('org_id').notNull().references(() => organizations.id),
    /** member_certificate, transfer_letter */
    kind: text('kind').notNull(),
    code: text('code').notNull(),
    personId: ref('person_id').notNull().references(() => people.id),
    transferId: ref('transfer_id').references(() => transfers.id),
    /** As printed, for the public page (shown masked) even after the person moved on. */
    subjectName: text('subject_name').notNull(),
    issuerName: text('issuer_name').notNull(),
    issuedBy: ref('issued_by').references(() => accounts.id),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    revokedOn: date('revoked_on', { mode: 'string' }),
    revokedBy: ref('revoked_by').references(() => accounts.id),
    revokeReason: text('revoke_reason'),
    ...timestamps,
  },
  (t) => [uniqueIndex('document_issues_code_uq').on(t.code), index('document_issues_person_idx').on(t.personId), index('document_issues_transfer_idx').on(t.transferId)],
);

/* ---------------------------------------------------------------------------
 * Mapped import (issue 14, migration 0027): a county's synonyms and code
 * values over the domain defaults, confirmed mappings per header set, and the
 * national system's code of each imported organization.
 * ------------------------------------------------------------------------- */
export const importMappings = pgTable(
  'import_mappings',
  {
    id: id(),
    countyId: ref('county_id').notNull().references(() => organizations.id),
    countyPath: ltree('county_path').notNull(),
    kind: text('kind').notNull(),
    headerKey: text('header_key').notNull(),
    headers: jsonb('headers').notNull(),
    mapping: jsonb('mapping').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('import_mappings_uq').on(t.countyId, t.kind, t.headerKey)],
);

export const importSynonyms = pgTable(
  'import_synonyms',
  {
    id: id(),
    countyId: ref('county_id').notNull().references(() => organizations.id),
    countyPath: ltree('county_path').notNull(),
    field: text('field').notNull(),
    header: text('header').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('import_synonyms_uq').on(t.countyId, t.field, t.header)],
);

export const importCodeValues = pgTable(
  'import_code_values',
  {
    id: id(),
    countyId: ref('county_id').notNull().references(() => organizations.id),
    countyPath: ltree('county_path').notNull(),
    codeTable: text('code_table').notNull(),
    value: text('value').notNull(),
    code: text('code').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('import_code_values_uq').on(t.countyId, t.codeTable, t.value)],
);

export const orgImportCodes = pgTable(
  'org_import_codes',
  {
    orgId: ref('org_id').primaryKey().references(() => organizations.id),
    code: text('code').notNull(),
    ...timestamps,
  },
  (t) => [index('org_import_codes_code_idx').on(t.code)],
);

/**
 * 电子档案 (migration 0028): one uploaded scan of a person's file (入团申请书, 入团志愿书, photo …),
 * optionally of their development case; the file is an attachment (owner_type archive_document).
 * Reviewed by the committee above: approved, or returned with a reason.
 */
export const archiveDocuments = pgTable(
  'archive_documents',
  {
    id: id(),
    orgId: ref('org_id').notNull().references(() => organizations.id),
    personId: ref('person_id').notNull().references(() => people.id),
    caseId: ref('case_id').references(() => developmentCases.id),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('pending'),
    returnReason: text('return_reason'),
    uploadedBy: ref('uploaded_by').references(() => accounts.id),
    reviewedBy: ref('reviewed_by').references(() => accounts.id),
    reviewedOn: date('reviewed_on', { mode: 'string' }),
    ...timestamps,
  },
  (t) => [index('archive_documents_person_idx').on(t.personId, t.kind), index('archive_documents_org_idx').on(t.orgId, t.status)],
);
