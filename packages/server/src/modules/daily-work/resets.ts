import { sql } from 'drizzle-orm';
import { maskPhone } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { iso, loadBranch, num, numOrNull } from './common.js';

/*
 * Members' own accounts, as the branch secretary sees them (scoped). Codes
 * are issued by resets-public.ts, which alone may write reset_codes.
 */

export async function memberAccounts(tx: Tx, orgId: number) {
  const branch = await loadBranch(tx, orgId, 'orgId');
  const rows = await query<{
    id: number;
    name: string;
    member_no: string | null;
    phone: string | null;
    account_id: number | null;
    username: string | null;
    status: string | null;
    last_login_at: string | null;
  }>(
    tx,
    sql`select p.id, p.name, p.member_no, p.phone, a.id as account_id, a.username, a.status, a.last_login_at
          from people p left join accounts a on a.person_id = p.id and a.role = 'member'
         where p.org_id = ${branch.id} and p.member_status = 'active'
         order by p.member_no nulls last, p.id`,
  );
  return rows.map((r) => ({
    personId: num(r.id),
    name: r.name,
    memberNo: r.member_no,
    phoneMasked: r.phone ? maskPhone(r.phone) : null,
    accountId: numOrNull(r.account_id),
    username: r.username,
    status: r.status,
    lastLoginAt: iso(r.last_login_at),
  }));
}
