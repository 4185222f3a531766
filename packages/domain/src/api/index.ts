import * as auth from './auth.js';
import * as orgs from './orgs.js';
import * as accounts from './accounts.js';
import * as audit from './audit.js';
import * as rules from './rules.js';
import * as stats from './stats.js';
import * as system from './system.js';
import * as people from './people.js';
import * as development from './development.js';
import * as membership from './membership.js';

export * from './contract.js';
export { auth, orgs, accounts, audit, rules, stats, system, people, development, membership };
export { AUDIT_ACTIONS, AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from './audit.js';
export type { AuditEntry } from './audit.js';
export type { AccountItem } from './accounts.js';
export type { OrgSummary, OrgDetail, AdminUnit } from './orgs.js';
export type { OrgOverview } from './stats.js';
export type { SessionAccount } from './auth.js';
