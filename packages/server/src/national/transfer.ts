import { randomUUID } from 'node:crypto';
import { maskIdCard } from '@tuanjian/domain';
import pg from 'pg';
import type { ProvinceConfig } from './config.js';
import { checkCode } from './setup.js';

/**
 * A transfer between provinces (组织关系跨省转接) as single-province transactions linked by the transfer
 * key, never one distributed transaction:
 *
 *   national   national.transfers (key, pending) + the registry row handed to the key      (start)
 *   sending    interprovince_transfers 'out' pending, with the person's record as it is   (start)
 *   receiving  the person inserted under the receiving branch + an 'in' row, in ONE tx;
 *              the registry trigger (0034) moves the ID number to the receiving province
 *              because its row carries this key (tj.transfer_key)                          (accept)
 *   national   transfers → received
 *   sending    'out' → accepted and the person's registry_status → removed (kept for history), one tx
 *   national   transfers → completed, the registry row's key cleared
 *
 * The sending side's row stays pending until the receiving side has accepted. Every step is
 * idempotent (keyed by the transfer key, guarded by the state it moves from), so a transfer stopped
 * anywhere — a server down, the coordinator killed — is finished by calling acceptTransfer(key)
 * again: the person ends up exactly once in the receiving province (the sending side's row removed),
 * the registry pointing there; or, rejected, still in the sending province.
 */
export class NationalTier {
  readonly national: pg.Pool;
  private readonly pools = new Map<string, pg.Pool>();
  private readonly names = new Map<string, string>();

  constructor(nationalUrl: string, provinces: ProvinceConfig[]) {
    this.national = quietPool(nationalUrl);
    for (const p of provinces) {
      this.pools.set(checkCode(p.code), quietPool(p.url));
      this.names.set(p.code, p.name);
    }
  }

  provinceName(code: string): string {
    return this.names.get(code) ?? code;
  }

  provinceList(): { code: string; name: string }[] {
    return [...this.names].map(([code, name]) => ({ code, name }));
  }

  province(code: string): pg.Pool {
    const pool = this.pools.get(code);
    if (!pool) throw new Error(`未配置的省份：${code}`);
    return pool;
  }

  async close() {
    await Promise.all([this.national.end(), ...[...this.pools.values()].map((p) => p.end())]);
  }
}

/** A pool that drops a connection the server cut (a province restarting) instead of crashing the process. */
function quietPool(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  pool.on('error', () => {});
  return pool;
}

async function tx<T>(pool: pg.Pool, actor: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  // A server that went down while the pool held this connection idle: its error comes with the next query.
  c.on('error', () => {});
  try {
    await c.query('BEGIN');
    await c.query(`select set_config('tj.actor_name', $1, true)`, [actor]);
    const r = await fn(c);
    await c.query('COMMIT');
    return r;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    // A connection broken by a server going down is not put back.
    c.release(true);
  }
}

/** A transaction on one province's server under the actor's name (its audit triggers name the actor). */
export const provinceTx = <T>(tier: NationalTier, province: string, actor: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> =>
  tx(tier.province(province), actor, fn);

/** Who acts, as the audit logs name them (national and both provinces), and the national log's organization. */
export interface TransferActor {
  name: string;
  orgId?: number | null;
}
const ACTOR: TransferActor = { name: '跨省转接' };
/** The suffix of a national administrator's name in every log (transfer-routes.ts actorOf). */
export const NATIONAL_ACTOR_SUFFIX = '（全国·跨省转接）';
/** Whether a name written by a province's transaction is the national side's own (the coordinator or a national administrator). */
const isNationalActor = (name: string) => name === ACTOR.name || name.endsWith(NATIONAL_ACTOR_SUFFIX);

/**
 * The national side's audit row (entity national_transfers, labelled from the logged values): the
 * provinces' own writes are audited by their triggers under the same actor name (tj.actor_name).
 */
async function auditNational(c: pg.PoolClient, actor: TransferActor, action: 'insert' | 'update', key: string, after: Record<string, unknown>) {
  await c.query(`insert into audit_log (actor_name, action, entity, entity_id, org_id, after) values ($1, $2, 'national_transfers', $3, $4, $5::jsonb)`, [
    actor.name,
    action,
    key,
    actor.orgId ?? null,
    JSON.stringify(after),
  ]);
}

export class TransferError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface StartTransfer {
  /** Given by the caller to make a retried start the same transfer (default: a new key). */
  key?: string;
  fromProvince: string;
  personId: number;
  toProvince: string;
  /** The receiving branch, an organization of the receiving province. */
  toOrgId: number;
  reason?: string;
  /** Who starts it (default 跨省转接). */
  actor?: TransferActor;
  /** The sending province's 跨省转出申请 (interprovince_requests.id) this transfer answers. */
  fromRequestId?: number;
}

interface TransferRow {
  key: string;
  id_number: string;
  person_name: string;
  from_province: string;
  from_person_id: string;
  to_province: string;
  to_org_id: string;
  to_org_name: string | null;
  reason: string | null;
  started_by: string | null;
  decided_by: string | null;
  from_request_id: string | null;
  status: 'pending' | 'received' | 'completed' | 'rejected';
  created_at: Date;
  updated_at: Date;
}

/** Starts (or, with the same key, resumes starting) a transfer: the sending side's row is pending. */
export async function startTransfer(tier: NationalTier, req: StartTransfer): Promise<string> {
  if (req.fromProvince === req.toProvince) throw new TransferError('转入组织与转出组织在同一省，请按省内转接办理', 'toOrgId');
  const key = req.key ?? randomUUID();
  const sending = tier.province(req.fromProvince);
  const receiving = tier.province(req.toProvince);
  const [person] = (
    await sending.query(`select id, name, id_number, registry_status, member_status from people where id = $1`, [req.personId])
  ).rows;
  if (!person) throw new TransferError('转出省份没有该人员', 'personId');
  const [branch] = (await receiving.query(`select id, name, type, status from organizations where id = $1`, [req.toOrgId])).rows;
  if (!branch || branch.status !== 'active' || !['branch', 'joint_branch', 'general_branch'].includes(branch.type)) {
    throw new TransferError('转入组织须为转入省份的在册团支部', 'toOrgId');
  }
  const actor = req.actor ?? ACTOR;
  // 1. national: the transfer log and the registry row handed to this key.
  await tx(tier.national, actor.name, async (c) => {
    const existing = (await c.query(`select key from national.transfers where key = $1`, [key])).rows[0];
    if (!existing) {
      const open = (await c.query(`select key from national.transfers where id_number = $1 and status in ('pending', 'received')`, [person.id_number])).rows[0];
      if (open) throw new TransferError('该人员已有未办结的跨省转接', 'personId');
      await c.query(
        `insert into national.transfers (key, id_number, person_name, from_province, from_person_id, to_province, to_org_id, to_org_name, reason, started_by, from_request_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [key, person.id_number, person.name, req.fromProvince, req.personId, req.toProvince, req.toOrgId, branch.name, req.reason ?? null, req.actor?.name ?? null, req.fromRequestId ?? null],
      );
      await auditNational(c, actor, 'insert', key, {
        person_name: person.name,
        id_number: maskIdCard(person.id_number),
        from_province: req.fromProvince,
        to_province: req.toProvince,
        to_org_name: branch.name,
        reason: req.reason ?? null,
        status: 'pending',
      });
    }
    const reg = await c.query(
      `update national.id_registry set transfer_key = $1, updated_at = now() where id_number = $2 and province = $3 and (transfer_key is null or transfer_key = $1)`,
      [key, person.id_number, req.fromProvince],
    );
    if (reg.rowCount !== 1) throw new TransferError('全国身份证号登记中该人员不属于转出省份', 'personId');
  });
  // 2. sending side: pending. 3. receiving side: its own row pending, for its branch to accept or decline there.
  const t = await load(tier, key);
  await sendingPending(tier, t, actor);
  await receivingPending(tier, t, actor);
  return key;
}

export async function load(tier: NationalTier, key: string): Promise<TransferRow> {
  const [t] = (await tier.national.query(`select * from national.transfers where key = $1`, [key])).rows as TransferRow[];
  if (!t) throw new TransferError('没有该跨省转接', 'key');
  return t;
}

/**
 * The sending side's 'out' row (idempotent): the person must still be in the province's registry. A transfer
 * that answers a 跨省转出申请 marks it started in the same transaction; a request withdrawn meanwhile is refused
 * (the national row stays pending with no sending row: rejectTransfer closes it).
 */
async function sendingPending(tier: NationalTier, t: TransferRow, actor: TransferActor) {
  await tx(tier.province(t.from_province), actor.name, async (c) => {
    const [p] = (await c.query(`select * from people where id = $1 for update`, [t.from_person_id])).rows;
    const done = (await c.query(`select 1 from interprovince_transfers where key = $1 and direction = 'out'`, [t.key])).rows[0];
    if (done) return;
    if (!p || p.registry_status !== 'active') throw new TransferError('该人员已不在转出省份的在册名单中', 'personId');
    await c.query(
      `insert into interprovince_transfers (key, direction, org_id, person_id, person_name, id_number, other_province, other_org_id, person,
                                            other_province_name, other_org_name)
       values ($1, 'out', $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [t.key, p.org_id, p.id, p.name, p.id_number, t.to_province, t.to_org_id, JSON.stringify(p), tier.provinceName(t.to_province), t.to_org_name],
    );
    if (t.from_request_id !== null) {
      const r = await c.query(
        `update interprovince_requests set status = 'started', transfer_key = $1, decided_at = now() where id = $2 and person_id = $3 and status = 'requested'`,
        [t.key, t.from_request_id, t.from_person_id],
      );
      if (r.rowCount !== 1) throw new TransferError('转出方已撤回该跨省转出申请', 'id');
    }
  });
}

/** The sending side's record of the person and the name of its branch, as the 'out' row keeps them. */
async function sentRecord(tier: NationalTier, t: TransferRow): Promise<{ person: { org_id: number } & Record<string, unknown>; status: string; org_name: string }> {
  const [out] = (
    await tier
      .province(t.from_province)
      .query(`select i.person, i.status, o.name as org_name from interprovince_transfers i join organizations o on o.id = i.org_id where i.key = $1 and i.direction = 'out'`, [t.key])
  ).rows;
  if (!out) throw new TransferError('转出方没有该跨省转接的记录', 'key');
  return out;
}

/**
 * The receiving side's 'in' row, pending (idempotent): the receiving branch and the committees above it see the
 * transfer on their own server and accept it there (tj_interprovince_receive) or decline it; the national
 * coordinator finishes it either way (settleTransfers). `out`: the sending side's record when already read.
 */
async function receivingPending(tier: NationalTier, t: TransferRow, actor: TransferActor, out?: Awaited<ReturnType<typeof sentRecord>>) {
  const sent = out ?? (await sentRecord(tier, t));
  await tx(tier.province(t.to_province), actor.name, (c) =>
    c.query(
      `insert into interprovince_transfers (key, direction, org_id, person_name, id_number, other_province, other_org_id, person, other_province_name, other_org_name)
       values ($1, 'in', $2, $3, $4, $5, $6, $7, $8, $9) on conflict (key, direction) do nothing`,
      [t.key, t.to_org_id, t.person_name, t.id_number, t.from_province, sent.person.org_id, JSON.stringify(sent.person), tier.provinceName(t.from_province), sent.org_name],
    ),
  );
}

export type TransferStep = 'sending-pending' | 'received' | 'sending-accepted' | 'completed';

/**
 * Accepts a transfer on the receiving side and finishes it; called again after any failure, it
 * resumes where it stopped. `onStep` (tests) runs after each step.
 */
export async function acceptTransfer(
  tier: NationalTier,
  key: string,
  onStep: (step: TransferStep) => Promise<void> = async () => {},
  actor: TransferActor = ACTOR,
): Promise<{ personId: number }> {
  const t = await load(tier, key);
  if (t.status === 'rejected') throw new TransferError('该跨省转接已退回', 'key');
  // Also after 'received': a sending server that lost its last commits (no synchronous commit) writes the row again.
  await sendingPending(tier, t, actor);
  await onStep('sending-pending');
  const out = await sentRecord(tier, t);
  if (out.status === 'rejected') throw new TransferError('该跨省转接已退回', 'key');

  // The receiving side: the person and the 'in' row in one transaction (tj_interprovince_receive, the same
  // function a receiving branch's own acceptance runs); the registry follows (trigger).
  await receivingPending(tier, t, actor, out);
  const personId = await tx(tier.province(t.to_province), actor.name, async (c) => {
    try {
      return Number((await c.query(`select tj_interprovince_receive($1) as id`, [key])).rows[0].id);
    } catch (err) {
      if ((err as { constraint?: string }).constraint === 'interprovince_receive') throw new TransferError((err as Error).message, 'key');
      throw err;
    }
  });
  if (t.status === 'pending') await tier.national.query(`update national.transfers set status = 'received', updated_at = now() where key = $1 and status = 'pending'`, [key]);
  await onStep('received');

  // The sending side: accepted, the person removed from its registry (kept for history).
  await tx(tier.province(t.from_province), actor.name, async (c) => {
    const r = await c.query(
      `update interprovince_transfers set status = 'accepted', decided_at = now() where key = $1 and direction = 'out' and status = 'pending' returning person_id`,
      [key],
    );
    if (r.rowCount) await c.query(`update people set registry_status = 'removed' where id = $1`, [r.rows[0].person_id]);
  });
  await onStep('sending-accepted');

  await tx(tier.national, actor.name, async (c) => {
    const done = await c.query(
      `update national.transfers set status = 'completed', decided_by = coalesce(decided_by, $2), updated_at = now() where key = $1 and status in ('pending', 'received')`,
      [key, actor.name],
    );
    await c.query(`update national.id_registry set transfer_key = null, updated_at = now() where id_number = $1 and transfer_key = $2`, [t.id_number, key]);
    if (done.rowCount) await auditNational(c, actor, 'update', key, { person_name: t.person_name, status: 'completed' });
  });
  await onStep('completed');
  return { personId };
}

/**
 * The receiving side declines: the person stays in the sending province, the registry row is released.
 * Decided on the national server under the registry row's lock: once the receiving side has taken the
 * number (its accepting transaction moved the row) a rejection is refused; once rejected, the receiving
 * side's insert finds the row no longer handed to the key and is refused by the registry trigger.
 */
export async function rejectTransfer(tier: NationalTier, key: string, opts: { actor?: TransferActor; reason?: string } = {}): Promise<void> {
  const t = await load(tier, key);
  const actor = opts.actor ?? ACTOR;
  if (t.status !== 'rejected') {
    await tx(tier.national, actor.name, async (c) => {
      const [r] = (await c.query(`select province from national.id_registry where id_number = $1 for update`, [t.id_number])).rows;
      if (t.status !== 'pending' || r?.province !== t.from_province) throw new TransferError('转入方已接收，不能退回；请继续办结', 'key');
      await c.query(`update national.transfers set status = 'rejected', decided_by = $2, decision_note = $3, updated_at = now() where key = $1 and status = 'pending'`, [
        key,
        actor.name,
        opts.reason ?? null,
      ]);
      await c.query(`update national.id_registry set transfer_key = null, updated_at = now() where id_number = $1 and transfer_key = $2`, [t.id_number, key]);
      await auditNational(c, actor, 'update', key, { person_name: t.person_name, status: 'rejected', decision_note: opts.reason ?? null });
    });
  }
  await tx(tier.province(t.from_province), actor.name, (c) =>
    c.query(`update interprovince_transfers set status = 'rejected', decided_at = now() where key = $1 and direction = 'out' and status = 'pending'`, [key]),
  );
  // The receiving side's own row, if the coordinator wrote it (declined there already: unchanged).
  await tx(tier.province(t.to_province), actor.name, (c) =>
    c.query(`update interprovince_transfers set status = 'rejected', decided_at = now(), decision_note = coalesce(decision_note, $2) where key = $1 and direction = 'in' and status = 'pending'`, [
      key,
      opts.reason ?? null,
    ]),
  );
}

/** Open transfers read per receiving province at a time (keyset pages: every open one is reached, however many). */
const SETTLE_BATCH = 1000;

/**
 * Brings the open transfers in line with what each receiving province holds: accepted there (the person is
 * already in that province) → acceptTransfer resumes from it; declined there → rejectTransfer with its reason;
 * no row there yet (its server was down when the transfer started) → the pending row is written. Every open
 * transfer of the national log is read, by receiving province in key order; a province that does not answer is
 * left for the next round. Run by the national server every half minute (ops/serve.ts).
 */
export async function settleTransfers(
  tier: NationalTier,
  actor: TransferActor = ACTOR,
): Promise<{ completed: number; rejected: number; written: number; failed: number; unreachable: string[] }> {
  const out = { completed: 0, rejected: 0, written: 0, failed: 0, unreachable: [] as string[] };
  const { rows: provinces } = await tier.national.query(`select distinct to_province from national.transfers where status in ('pending', 'received')`);
  for (const { to_province: province } of provinces as { to_province: string }[]) {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows: open } = await tier.national.query(
        `select key from national.transfers where to_province = $1 and status in ('pending', 'received') and key > $2::uuid order by key limit $3`,
        [province, after, SETTLE_BATCH],
      );
      if (!open.length) break;
      after = open[open.length - 1].key;
      const keys = open.map((r: { key: string }) => r.key);
      let held: { key: string; status: string; decision_note: string | null; decided_by: string | null }[];
      try {
        held = (
          await tier.province(province).query(`select key, status, decision_note, decided_by from interprovince_transfers where direction = 'in' and key = any($1::uuid[])`, [keys])
        ).rows;
      } catch {
        out.unreachable.push(tier.provinceName(province));
        break;
      }
      const byKey = new Map(held.map((h) => [h.key, h]));
      for (const key of keys) {
        const h = byKey.get(key);
        // Finished in the name of whoever decided on the receiving side (the national log's 办理人, the sending
        // province's audit), with the province named; the national side's own decision (its acceptance stopped
        // half-way) in its own name; the coordinator's otherwise.
        const by = !h?.decided_by ? actor : isNationalActor(h.decided_by) ? { name: h.decided_by } : { name: `${h.decided_by}（${tier.provinceName(province)}）` };
        try {
          if (!h) {
            await receivingPending(tier, await load(tier, key), actor);
            out.written += 1;
          } else if (h.status === 'accepted') {
            await acceptTransfer(tier, key, undefined, by);
            out.completed += 1;
          } else if (h.status === 'rejected') {
            await rejectTransfer(tier, key, { actor: by, reason: h.decision_note ?? '转入方退回' });
            out.rejected += 1;
          }
        } catch {
          out.failed += 1;
        }
      }
    }
  }
  return out;
}
