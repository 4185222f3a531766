import { maskIdCard, type api } from '@tuanjian/domain';
import type { NationalTier, TransferActor } from './transfer.js';
import { TransferError, provinceTx } from './transfer.js';

/**
 * 跨省转出申请 as the national coordinator reads them from each province's interprovince_requests (migration
 * 0047): the open ones of every configured province, oldest first, read from each province's own server
 * (a province that does not answer is named, the others still listed); one request; a decline written on
 * the province's side under the national administrator's name (its audit log shows who declined and why).
 */
type Request = api.national.ProvinceRequest;

/** At most this many open requests a province, oldest first: the rest come up as these are handled. */
const PER_PROVINCE = 200;

const COLUMNS = `r.id, r.person_id, r.person_name, r.id_number, r.to_province, r.to_province_name, r.to_org_name, r.reason, r.status, r.created_at,
                 o.name as org_name`;

interface Row {
  id: string;
  person_id: string;
  person_name: string;
  id_number: string;
  to_province: string;
  to_province_name: string;
  to_org_name: string;
  reason: string;
  status: Request['status'];
  created_at: Date;
  org_name: string;
}

export interface LoadedRequest extends Request {
  personId: number;
  idNumber: string;
}

function request(tier: NationalTier, province: string, r: Row): LoadedRequest {
  return {
    province,
    provinceName: tier.provinceName(province),
    id: Number(r.id),
    personId: Number(r.person_id),
    personName: r.person_name,
    idNumber: r.id_number,
    idNumberMasked: maskIdCard(r.id_number),
    fromOrgName: r.org_name,
    toProvince: r.to_province,
    toProvinceName: r.to_province_name,
    toOrgName: r.to_org_name,
    reason: r.reason,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const publicRequest = ({ personId: _p, idNumber: _i, ...r }: LoadedRequest): Request => r;

/** The open requests of the given provinces (each read on its own server, side by side). */
export async function openRequests(tier: NationalTier, provinces: string[]): Promise<{ items: Request[]; unreachable: string[] }> {
  const read = await Promise.allSettled(
    provinces.map(async (code) => {
      const { rows } = await tier.province(code).query(
        `select ${COLUMNS} from interprovince_requests r join organizations o on o.id = r.org_id
          where r.status = 'requested' order by r.created_at, r.id limit ${PER_PROVINCE}`,
      );
      return (rows as Row[]).map((r) => publicRequest(request(tier, code, r)));
    }),
  );
  const items = read.flatMap((r) => (r.status === 'fulfilled' ? r.value : [])).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const unreachable = provinces.filter((_, i) => read[i]!.status === 'rejected').map((code) => tier.provinceName(code));
  return { items, unreachable };
}

/** One request of a province, whatever its status. */
export async function loadRequest(tier: NationalTier, province: string, id: number): Promise<LoadedRequest> {
  const { rows } = await tier.province(province).query(`select ${COLUMNS} from interprovince_requests r join organizations o on o.id = r.org_id where r.id = $1`, [id]);
  if (!rows[0]) throw new TransferError(`${tier.provinceName(province)}没有该跨省转出申请`, 'id');
  return request(tier, province, rows[0] as Row);
}

/** An open request, or a refusal that says what became of it. */
export async function openRequest(tier: NationalTier, province: string, id: number): Promise<LoadedRequest> {
  const r = await loadRequest(tier, province, id);
  const was = { started: '已办理', withdrawn: '已由转出方撤回', declined: '已不予办理' } as const;
  if (r.status !== 'requested') throw new TransferError(`该跨省转出申请${was[r.status]}`, 'id');
  return r;
}

/** Declines an open request on the province's side, with the reason its page shows. */
export async function declineRequest(tier: NationalTier, province: string, id: number, reason: string, actor: TransferActor): Promise<Request> {
  await openRequest(tier, province, id);
  const done = await provinceTx(tier, province, actor.name, (c) =>
    c.query(`update interprovince_requests set status = 'declined', decision_note = $2, decided_at = now() where id = $1 and status = 'requested'`, [id, reason]),
  );
  if (done.rowCount !== 1) await openRequest(tier, province, id);
  return publicRequest(await loadRequest(tier, province, id));
}
