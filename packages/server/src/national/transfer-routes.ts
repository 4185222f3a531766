import { randomUUID } from 'node:crypto';
import { api, DomainError, isBranchType, maskIdCard, notActiveMemberProblem, parseIdCard, transferTargetProblems, type OrgType } from '@tuanjian/domain';
import { HttpError } from '../http/errors.js';
import { scoped, type RouteDef } from '../http/route.js';
import { today } from '../lib/clock.js';
import { requireNationalAdmin } from './routes.js';
import { NATIONAL_ACTOR_SUFFIX, NationalTier, TransferError, acceptTransfer, load, rejectTransfer, startTransfer, type TransferActor } from './transfer.js';
import { declineRequest, openRequest, openRequests } from './requests.js';

/**
 * 跨省转接 on the national server (national/transfer.ts does the work): the national administrator lists
 * every transfer between provinces, starts one (a member of one province, by ID number and name, to a
 * branch of another found in that province's directory), and accepts or declines it. Accepting again
 * resumes a transfer a province's server stopped halfway. The handlers run in the caller's scoped
 * transaction on the national database for the permission; the transfer's own writes go to the national
 * and provincial databases through the coordinator's connections, each audited under the caller's name.
 * Without a national tier (NATIONAL_PROVINCES) every route answers 409.
 */
type Row = Awaited<ReturnType<typeof load>>;

/** The list's total is exact up to this many transfers, "more than" beyond. */
const LIST_COUNT_CAP = 10_000;

function tierOf(tier: NationalTier | undefined): NationalTier {
  if (!tier) throw new HttpError(409, 'not_national', '本服务器未启用全国模式（NATIONAL_PROVINCES），没有跨省转接');
  return tier;
}

/** The caller as the audit logs name them: the account, acting on the national server; its organization for the national log. */
const actorOf = (user: { displayName: string; scopeOrgId: number | null }): TransferActor => ({ name: `${user.displayName}${NATIONAL_ACTOR_SUFFIX}`, orgId: user.scopeOrgId });

function item(tier: NationalTier, t: Row): api.national.NationalTransfer {
  return {
    key: t.key,
    personName: t.person_name,
    idNumberMasked: maskIdCard(t.id_number),
    fromProvince: t.from_province,
    fromProvinceName: tier.provinceName(t.from_province),
    toProvince: t.to_province,
    toProvinceName: tier.provinceName(t.to_province),
    toOrgId: Number(t.to_org_id),
    toOrgName: t.to_org_name,
    reason: t.reason,
    startedBy: t.started_by,
    decidedBy: t.decided_by,
    status: t.status,
    createdAt: new Date(t.created_at).toISOString(),
    updatedAt: new Date(t.updated_at).toISOString(),
  };
}

/** The coordinator's refusals as the API's: a Chinese message naming the field. */
async function refusing<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof TransferError) throw new DomainError('transfer_refused', err.message, err.field);
    if (err instanceof HttpError || err instanceof DomainError) throw err;
    const code = (err as { code?: string }).code ?? '';
    // A province's server that does not answer: the transfer stays where it stopped and can be resumed.
    if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|57P0[1-3]|08\d{3})$/.test(code)) {
      throw new HttpError(503, 'province_unreachable', '有省份的数据库暂时无法连接，转接停在当前步骤，未丢失也未重复；恢复后请再次提交以继续办结');
    }
    throw err;
  }
}

/** A province code the request names must be one this national server is configured with (else 422 naming the field). */
function known(tier: NationalTier, code: string, field: string): string {
  if (!tier.provinceList().some((p) => p.code === code)) throw new DomainError('unknown_province', `本全国系统没有配置省份代码 ${code}`, field);
  return code;
}

/** The sending province's member with this ID number and name (registered, an active member). */
async function findMember(tier: NationalTier, province: string, idNumber: string, name: string): Promise<number> {
  const parsed = parseIdCard(idNumber, today());
  if (!parsed.ok) throw new DomainError('id_number', parsed.reason, 'idNumber');
  const { rows } = await tier
    .province(province)
    .query(`select id, name, member_status, birth_date::text as birth_date, joined_on::text as joined_on from people where id_number = $1 and registry_status = 'active'`, [
      idNumber.trim().toUpperCase(),
    ]);
  const p = rows[0];
  if (!p) throw new DomainError('not_found', `${tier.provinceName(province)}没有登记该身份证号的人员`, 'idNumber');
  if (p.name !== name) throw new DomainError('name_mismatch', `姓名与该身份证号在${tier.provinceName(province)}登记的姓名不一致`, 'personName');
  const problem = notActiveMemberProblem({ name: p.name, memberStatus: p.member_status, birthDate: p.birth_date, joinedOn: p.joined_on });
  if (problem) throw new DomainError('transfer_refused', `${problem}，只有在册团员可以转接组织关系`, 'idNumber');
  return Number(p.id);
}

/** The receiving branch must be an active branch of the receiving province (else 422 naming toOrgId). */
async function checkTarget(tier: NationalTier, province: string, orgId: number): Promise<void> {
  const [target] = (await tier.province(province).query(`select id, type, status from organizations where id = $1`, [orgId])).rows;
  const problems = transferTargetProblems(target ? { id: Number(target.id), type: target.type, status: target.status } : null, null);
  if (problems.length) throw new DomainError('transfer_refused', problems[0]!, 'toOrgId');
}

export function nationalTransferRoutes(tier: NationalTier | undefined): RouteDef[] {
  const n = api.national;
  return [
    scoped(n.listTransfers, async ({ tx, user }, { query }) => {
      await requireNationalAdmin(tx, user);
      const t = tierOf(tier);
      if (query.province) known(t, query.province, 'province');
      const { page, pageSize } = query;
      // Open ones first, the latest first (transfers_list_idx); a province matches either side; the name any part of it.
      const where = `where ($1::text is null or status = $1) and ($2::text is null or $2 in (from_province, to_province))
            and ($3::text is null or strpos(person_name, $3) > 0)`;
      const filter = [query.status ?? null, query.province ?? null, query.q || null];
      const { rows } = await t.national.query(
        `select * from national.transfers ${where}
          order by (status in ('pending', 'received')) desc, updated_at desc, key limit $4 offset $5`,
        [...filter, pageSize, (page - 1) * pageSize],
      );
      // Counted up to a cap: the count does not grow with the years of transfers behind the filter.
      const counted = await t.national.query(`select count(*)::int as n from (select 1 from national.transfers ${where} limit $4) s`, [...filter, LIST_COUNT_CAP + 1]);
      const matching = Number(counted.rows[0].n);
      return { items: (rows as Row[]).map((r) => item(t, r)), total: Math.min(matching, LIST_COUNT_CAP), totalIsLowerBound: matching > LIST_COUNT_CAP, page, pageSize, provinces: t.provinceList() };
    }),
    scoped(n.provinceDirectory, async ({ tx, user }, { query }) => {
      await requireNationalAdmin(tx, user);
      const t = tierOf(tier);
      known(t, query.province, 'province');
      const { rows } = await refusing(() => t.province(query.province).query(`select id, name, type, parent_name from tj_org_directory($1)`, [query.q]));
      return rows.map((r) => ({ id: Number(r.id), name: r.name, type: r.type as OrgType, parentName: r.parent_name, canReceive: isBranchType(r.type as OrgType) }));
    }),
    scoped(n.startTransfer, async ({ tx, user }, { body }) => {
      await requireNationalAdmin(tx, user);
      const t = tierOf(tier);
      known(t, body.fromProvince, 'fromProvince');
      known(t, body.toProvince, 'toProvince');
      if (body.fromProvince === body.toProvince) throw new DomainError('transfer_refused', '转出省份与转入省份相同，请在该省按省内转接办理', 'toProvince');
      const key = await refusing(async () => {
        const personId = await findMember(t, body.fromProvince, body.idNumber, body.personName);
        await checkTarget(t, body.toProvince, body.toOrgId);
        return startTransfer(t, { fromProvince: body.fromProvince, personId, toProvince: body.toProvince, toOrgId: body.toOrgId, reason: body.reason, actor: actorOf(user) });
      });
      return item(t, await load(t, key));
    }),
    // 跨省转出申请 made on the provinces' own servers (national/requests.ts).
    scoped(n.listRequests, async ({ tx, user }, { query }) => {
      await requireNationalAdmin(tx, user);
      const t = tierOf(tier);
      const provinces = query.province ? [known(t, query.province, 'province')] : t.provinceList().map((p) => p.code);
      return openRequests(t, provinces);
    }),
    scoped(n.startRequestedTransfer, async ({ tx, user }, { params, body }) => {
      await requireNationalAdmin(tx, user);
      const t = tierOf(tier);
      known(t, params.province, 'province');
      const key = await refusing(async () => {
        const r = await openRequest(t, params.province, params.id);
        known(t, r.toProvince, 'toProvince');
        const personId = await findMember(t, params.province, r.idNumber, r.personName);
        await checkTarget(t, r.toProvince, body.toOrgId);
        const started = { fromProvince: params.province, personId, toProvince: r.toProvince, toOrgId: body.toOrgId, reason: r.reason, actor: actorOf(user), fromRequestId: r.id };
        const k = randomUUID();
        try {
          return await startTransfer(t, { ...started, key: k });
        } catch (err) {
          // Withdrawn between the read above and the sending side's transaction: the national row is closed again.
          if (err instanceof TransferError && err.field === 'id') await rejectTransfer(t, k, { actor: actorOf(user), reason: err.message }).catch(() => {});
          throw err;
        }
      });
      return item(t, await load(t, key));
    }),
    scoped(n.declineRequest, async ({ tx, user }, { params, body }) => {
      await requireNationalAdmin(tx, user);
      const t = tierOf(tier);
      known(t, params.province, 'province');
      return refusing(() => declineRequest(t, params.province, params.id, body.reason, actorOf(user)));
    }),
    scoped(n.acceptTransfer, async ({ tx, user }, { params }) => {
      await requireNationalAdmin(tx, user);
      const t = tierOf(tier);
      await refusing(() => acceptTransfer(t, params.key, undefined, actorOf(user)));
      return item(t, await load(t, params.key));
    }),
    scoped(n.rejectTransfer, async ({ tx, user }, { params, body }) => {
      await requireNationalAdmin(tx, user);
      const t = tierOf(tier);
      await refusing(() => rejectTransfer(t, params.key, { actor: actorOf(user), reason: body.reason }));
      return item(t, await load(t, params.key));
    }),
  ];
}
