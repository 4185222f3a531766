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
