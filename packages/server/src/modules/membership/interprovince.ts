import { sql } from 'drizzle-orm';
import { maskIdCard, type api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { loadOrg } from '../organizations/service.js';

type Query = api.QueryOf<typeof api.membership.listInterprovinceTransfers>;

interface Row {
  id: number;
  direction: 'out' | 'in';
  person_id: number | null;
  person_name: string;
  id_number: string;
  org_id: number;
  org_name: string;
  other_province: string;
  other_province_name: string | null;
  other_org_name: string | null;
  status: 'pending' | 'accepted' | 'rejected';
  created_at: Date | string;
  decided_at: Date | string | null;
  total: number;
}

const iso = (v: Date | string) => new Date(v).toISOString();

/**
 * 跨省转接 as this province keeps it: the rows the national coordinator wrote (national/transfer.ts) for the
 * caller's organizations (row-level security on org_id), optionally under one of them; pending first.
 * Read-only here: a transfer between provinces is decided on the national server.
 */
export async function listInterprovinceTransfers(tx: Tx, q: Query): Promise<api.ResponseOf<typeof api.membership.listInterprovinceTransfers>> {
  const under = q.under ? sql`and o.path <@ ${(await loadOrg(tx, q.under)).path}::ltree` : sql``;
  const rows = await query<Row>(
    tx,
    sql`select t.id, t.direction, t.person_id, t.person_name, t.id_number, t.org_id, o.name as org_name, t.other_province,
               t.other_province_name, t.other_org_name, t.status, t.created_at, t.decided_at, count(*) over ()::int as total
          from interprovince_transfers t join organizations o on o.id = t.org_id
         where true ${under}
         order by (t.status = 'pending') desc, t.created_at desc, t.id desc
         limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      direction: r.direction,
      personId: r.person_id === null ? null : Number(r.person_id),
      personName: r.person_name,
      idNumberMasked: maskIdCard(r.id_number),
      orgId: Number(r.org_id),
      orgName: r.org_name,
      otherProvince: r.other_province,
      otherProvinceName: r.other_province_name,
      otherOrgName: r.other_org_name,
      status: r.status,
      createdAt: iso(r.created_at),
      decidedAt: r.decided_at === null ? null : iso(r.decided_at),
    })),
    total: rows[0] ? Number(rows[0].total) : 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}
