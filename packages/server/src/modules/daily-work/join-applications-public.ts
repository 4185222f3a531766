import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { DomainError, api, isBranchType, parseIdCard, type OrgType } from '@tuanjian/domain';
import type { Database, Tx } from '../../db/connection.js';
import { withSystem } from '../../db/context.js';
import { query } from '../../db/sql.js';
import { raw, type RouteDef } from '../../http/route.js';
import { today } from '../../lib/clock.js';
import { pgError } from './common.js';
import { publicRateLimiter } from '../../http/public-limits.js';

/**
 * 入团申请 online for a young person without an account: find a branch by
 * name in the organization directory (tj_org_directory: active organizations'
 * names only) and submit an application to it. The only statements run
 * outside a caller's scope are these two: the directory search and one
 * application inserted into the chosen branch. Writes are audited with the
 * actor "入团申请（公众）" and the client address; both routes are
 * rate-limited per address like 青年之声's public routes.
 */

export const JOIN_RATE_LIMITS = { branches: 60, submit: 5 } as const;
const PUBLIC_ACTOR = '入团申请（公众）';

const limit = publicRateLimiter('join', JOIN_RATE_LIMITS);

function publicContext<T>(database: Database, req: FastifyRequest, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withSystem(database, PUBLIC_ACTOR, fn, { accountId: null, name: PUBLIC_ACTOR, scopePath: '', ip: req.ip, requestId: String(req.id) });
}

export function joinApplicationPublicRoutes(database: Database): RouteDef[] {
  return [
    raw(api.dailyWork.publicJoinBranches, async (req, _reply, { query: q }) => {
      await limit(req, 'branches');
      return publicContext(database, req, async (tx) => {
        const rows = await query<{ id: number; name: string; type: OrgType; parent_name: string | null }>(tx, sql`select id, name, type, parent_name from tj_org_directory(${q.q})`);
        return rows.filter((r) => isBranchType(r.type)).map((r) => ({ id: Number(r.id), name: r.name, parentName: r.parent_name }));
      });
    }),
    raw(api.dailyWork.submitJoinApplication, async (req, _reply, { body }) => {
      await limit(req, 'submit');
      const on = today();
      const id = parseIdCard(body.idNumber, on);
      if (!id.ok) throw new DomainError('bad_id_number', `身份证号：${id.reason}`, 'idNumber', 422);
      return publicContext(database, req, async (tx) => {
        const [org] = await query<{ id: number; name: string; type: OrgType; status: string }>(tx, sql`select id, name, type, status from organizations where id = ${body.orgId}`);
        if (!org || org.status !== 'active' || !isBranchType(org.type)) throw new DomainError('bad_org', '请选择要加入的团支部（从查找结果中选择）', 'orgId', 422);
        try {
          await query(
            tx,
            sql`insert into join_applications (org_id, name, id_number, gender, birth_date, ethnicity, phone, school, content)
                values (${org.id}, ${body.name}, ${body.idNumber.trim().toUpperCase()}, ${id.info.gender}, ${id.info.birthDate}, ${body.ethnicity}, ${body.phone}, ${body.school}, ${body.content}) returning id`,
          );
        } catch (err) {
          if (pgError(err)?.code === '23505') throw new DomainError('join_pending', '该身份证号已有一份待受理的入团申请，请等待团支部受理', 'idNumber', 409);
          throw err;
        }
        return { orgName: org.name, submittedOn: on };
      });
    }),
  ];
}
