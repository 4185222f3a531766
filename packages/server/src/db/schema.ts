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
    before: jsonb('before'),
    after: jsonb('after'),
    changed: text('changed').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_org_idx').on(t.orgId, t.at),
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
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('people_id_number_uq').on(t.idNumber),
    uniqueIndex('people_member_no_uq').on(t.memberNo),
    index('people_org_idx').on(t.orgId, t.memberStatus),
    index('people_name_idx').on(sql`${t.name} text_pattern_ops`),
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
    personId: ref('person_id').notNull().references(() => people.id),
    fromOrgId: ref('from_org_id').notNull().references(() => organizations.id),
    toOrgId: ref('to_org_id').notNull().references(() => organizations.id),
    /** sending, receiving, member */
    initiatedBy: text('initiated_by').notNull(),
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
