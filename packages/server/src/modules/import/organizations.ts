import { sql } from 'drizzle-orm';
import { DomainError, ORG_TYPE_LABELS, allowedChildTypes, api, type OrgType } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { orgImportCodes } from '../../db/schema.js';
import { query } from '../../db/sql.js';
import { createOrg, updateOrg } from '../organizations/service.js';
import { atRow, bodyProblems, dryRun } from './dry-run.js';
import type { ImportContext, KindHandler, ParsedRow, PlanItem } from './kind.js';
import { looseName } from './orgs-lookup.js';
import { sameValue } from './read.js';

/** The organization form's fields as the import's (errors of the service name the form's field). */
const ALIASES: Record<string, string> = { name: 'orgName', type: 'orgType', parentId: 'parent', shortName: 'shortName', sector: 'sector', foundedOn: 'foundedOn', contactName: 'contactName', contactPhone: 'contactPhone', address: 'address' };
const UPDATABLE: [field: string, column: string, label: string][] = [
  ['shortName', 'short_name', '团组织简称'],
  ['contactName', 'contact_name', '联系人'],
  ['contactPhone', 'contact_phone', '联系人电话'],
  ['address', 'address', '地址'],
  ['foundedOn', 'founded_on', '成立时间'],
];

interface Existing {
  id: number;
  name: string;
  short_name: string | null;
  type: string;
  sector: string;
  parent_id: number | null;
  version: number;
  code: string | null;
  [column: string]: unknown;
}

/** The type a name says, when the sheet has no type column (…团支部, …团总支, …镇团委, …街道团工委, …团委). */
export function typeFromName(name: string): OrgType | null {
  if (/联合团支部$/.test(name)) return 'joint_branch';
  if (/团支部$|支部$/.test(name)) return 'branch';
  if (/团总支$|总支部委员会$/.test(name)) return 'general_branch';
  if (/街道(团工委|工作委员会)$|街道.*工作委员会$/.test(name)) return 'subdistrict';
  if (/[乡镇](团委|委员会)$/.test(name)) return 'township';
  if (/县(团委|委员会)$/.test(name)) return 'county';
  if (/团委$|委员会$/.test(name)) return 'unit_committee';
  return null;
}

function sectorFromName(name: string): string | null {
  if (/学校|中学|小学|学院|大学|职校|一中|二中/.test(name)) return 'school';
  if (/社区/.test(name)) return 'community';
  if (/村/.test(name)) return 'village';
  if (/公司|企业|厂/.test(name)) return 'non_public_enterprise';
  return null;
}

export const organizationsKind: KindHandler = {
  async plan(tx, rows, ctx) {
    const existing = (
      await query<Existing>(
        tx,
        sql`select o.id, o.name, o.short_name, o.type, o.sector, o.parent_id, o.version, o.contact_name, o.contact_phone, o.address, o.founded_on::text as founded_on, c.code
              from organizations o left join org_import_codes c on c.org_id = o.id
             where o.path <@ ${ctx.target.path}::ltree and o.status = 'active'`,
      )
    ).map((o) => ({ ...o, id: Number(o.id), parent_id: o.parent_id === null ? null : Number(o.parent_id), version: Number(o.version) }));
    const byId = new Map(existing.map((o) => [o.id, o]));
    const byCode = new Map(existing.filter((o) => o.code).map((o) => [o.code!, o]));
    const byName = new Map<string, Existing[]>();
    const byLoose = new Map<string, Existing[]>();
    const push = (m: Map<string, Existing[]>, k: string, o: Existing) => m.set(k, [...(m.get(k) ?? []).filter((x) => x !== o), o]);
    for (const o of existing) {
      push(byName, o.name, o);
      if (o.short_name) push(byName, o.short_name, o);
      if (!['branch', 'joint_branch', 'general_branch'].includes(o.type)) push(byLoose, looseName(o.name, ctx.county.name), o);
    }
    /** An existing organization by code, name, short name, or (committees) the loose spelling of its name. */
    const findExisting = (name: string | null, code: string | null): Existing[] => {
      if (code && byCode.has(code)) return [byCode.get(code)!];
      if (!name) return [];
      const exact = byName.get(name);
      if (exact?.length) return exact;
      return /(委员会|团委|团工委|工委)$/.test(name) ? (byLoose.get(looseName(name, ctx.county.name)) ?? []) : [];
    };
    const fileByCode = new Map<string, ParsedRow>();
    const fileByName = new Map<string, ParsedRow>();
    for (const r of rows) {
      const name = r.v.orgName as string;
      const code = r.v.code as string | null;
      if (code) {
        if (fileByCode.has(code)) ctx.err(r.row, 'code', `与第${fileByCode.get(code)!.row}行的团组织编码重复`);
        else fileByCode.set(code, r);
      }
      if (fileByName.has(name) && !code) ctx.err(r.row, 'orgName', `与第${fileByName.get(name)!.row}行的团组织名称重复`);
      else if (!fileByName.has(name)) fileByName.set(name, r);
    }
    // Each row: the existing organization it is, and its parent (a row of the file or an existing organization).
    type Placed = { r: ParsedRow; match: Existing | null; parentRow: ParsedRow | null; parentOrg: { id: number; type: string; sector: string } | null };
    const placed = new Map<ParsedRow, Placed>();
    for (const r of rows) {
      const v = r.v;
      const matches = findExisting(v.orgName as string, v.code as string | null);
      if (matches.length > 1) {
        ctx.err(r.row, 'orgName', `“${v.orgName}”与系统中多个组织同名，请填写团组织编码或全称`);
        continue;
      }
      const match = matches[0] ?? null;
      let parentRow: ParsedRow | null = null;
      let parentOrg: Placed['parentOrg'] = null;
      const pCode = v.parentCode as string | null;
      const pName = v.parent as string | null;
      if (pCode || pName) {
        parentRow = (pCode && fileByCode.get(pCode)) || (pName && fileByName.get(pName)) || null;
        if (parentRow === r) parentRow = null;
        if (!parentRow) {
          const found = findExisting(pName, pCode);
          if (found.length === 1) parentOrg = { id: found[0]!.id, type: found[0]!.type, sector: found[0]!.sector };
          else if (pName && looseName(pName, ctx.county.name) === looseName(ctx.target.name, ctx.county.name)) parentOrg = ctx.target;
          else ctx.err(r.row, pCode && !pName ? 'parentCode' : 'parent', found.length > 1 ? `上级团组织“${pName ?? pCode}”有重名，请填写编码或全称` : `上级团组织“${pName ?? pCode}”不在表中，也不在“${ctx.target.name}”之下`);
        }
      } else if (!match) {
        parentOrg = ctx.target;
      }
      if (match && match.id === ctx.target.id) parentOrg = null;
      placed.set(r, { r, match, parentRow, parentOrg });
    }
    // A parent that is a row of the file matched to an existing organization is that organization.
    for (const p of placed.values()) {
      const parentMatch = p.parentRow ? placed.get(p.parentRow)?.match : null;
      if (parentMatch) [p.parentOrg, p.parentRow] = [{ id: parentMatch.id, type: parentMatch.type, sector: parentMatch.sector }, null];
    }
    // Parents before children; a cycle is refused.
    const depth = new Map<ParsedRow, number>();
    const depthOf = (p: Placed, seen: Set<ParsedRow>): number => {
      if (depth.has(p.r)) return depth.get(p.r)!;
      if (seen.has(p.r)) return -1;
      seen.add(p.r);
      const parent = p.parentRow ? placed.get(p.parentRow) : undefined;
      const d = parent ? depthOf(parent, seen) : 0;
      const out = d < 0 ? -1 : d + 1;
      depth.set(p.r, out);
      return out;
    };
    const items: PlanItem[] = [];
    let unchanged = 0;
    const ordered = [...placed.values()].map((p) => ({ p, d: depthOf(p, new Set()) })).sort((a, b) => a.d - b.d || a.p.r.row - b.p.r.row);
    for (const { p, d } of ordered) {
      const { r, match } = p;
      const v = r.v;
      if (d < 0) {
        ctx.err(r.row, 'parent', '上级团组织循环引用（甲的上级是乙，乙的上级又是甲）');
        continue;
      }
      if (match) {
        const fields: string[] = [];
        const changes: Record<string, unknown> = {};
        for (const [f, column, label] of UPDATABLE) {
          if (v[f] === null || v[f] === undefined || sameValue(v, f, match[column])) continue;
          changes[f] = v[f];
          fields.push(label);
        }
        if (v.code && match.code !== v.code) fields.push('团组织编码');
        if (p.parentRow || (p.parentOrg && p.parentOrg.id !== match.parent_id && match.id !== ctx.target.id)) {
          const now = match.parent_id === null ? undefined : byId.get(match.parent_id);
          ctx.err(r.row, 'parent', `“${match.name}”在系统中的上级是“${now?.name ?? '（无）'}”，与表中不同；调整隶属关系请在组织管理中办理`);
          continue;
        }
        if (v.orgType && v.orgType !== match.type) {
          ctx.err(r.row, 'orgType', `“${match.name}”在系统中是${ORG_TYPE_LABELS[match.type as OrgType]}，与表中的${ORG_TYPE_LABELS[v.orgType as OrgType]}不同`);
          continue;
        }
        if (!fields.length) {
          unchanged++;
          continue;
        }
        items.push({ row: r.row, op: 'update', label: match.name, fields, data: { id: match.id, version: match.version, changes, code: v.code ?? null } });
        continue;
      }
      const parentType = p.parentRow ? ((placed.get(p.parentRow)?.r.v.orgType as string | null) ?? typeFromName(p.parentRow.v.orgName as string)) : p.parentOrg?.type;
      let type = (v.orgType as OrgType | null) ?? typeFromName(v.orgName as string);
      // “…团委” under a county is a township's committee when its name says 乡/镇; a unit's otherwise.
      if (!type) {
        ctx.err(r.row, 'orgType', `无法从名称“${v.orgName}”判断组织类型，请增加“组织类型”列`);
        continue;
      }
      if (type === 'unit_committee' && parentType === 'county' && /[乡镇]/.test(v.orgName as string) && !/学校|中学|公司/.test(v.orgName as string)) type = 'township';
      if (parentType && !allowedChildTypes(parentType as OrgType).includes(type)) {
        ctx.err(r.row, 'orgType', `${ORG_TYPE_LABELS[type]}不能设在${ORG_TYPE_LABELS[parentType as OrgType] ?? parentType}之下`);
        continue;
      }
      const sector = (v.sector as string | null) ?? sectorFromName(v.orgName as string) ?? (p.parentRow ? null : p.parentOrg?.sector) ?? 'other';
      const body = {
        parentId: p.parentOrg?.id ?? 1,
        name: v.orgName,
        shortName: v.shortName ?? null,
        type,
        sector,
        foundedOn: v.foundedOn ?? null,
        contactName: v.contactName ?? null,
        contactPhone: v.contactPhone ?? null,
        address: v.address ?? null,
      };
      const problems = bodyProblems(api.orgs.createOrg.body!, body, ALIASES);
      for (const pr of problems) ctx.err(r.row, pr.field, pr.message);
      if (problems.length) continue;
      items.push({ row: r.row, op: 'create', label: v.orgName as string, fields: [], data: { ...body, parentId: p.parentOrg?.id ?? null, parentRow: p.parentRow?.row ?? null, code: v.code ?? null } });
    }
    const ok = await dryRun(tx, items, ctx, ALIASES, () => new Map<number, number>(), (sp, item, created) => applyOne(sp, item, created, ctx));
    return { items: ok, unchanged };
  },

  async apply(tx, items, ctx, done) {
    const created = new Map<number, number>();
    for (const item of items) {
      await atRow(item.row, () => applyOne(tx, item, created, ctx));
      done(1);
    }
  },
};

async function applyOne(tx: Tx, item: PlanItem, created: Map<number, number>, _ctx: ImportContext): Promise<void> {
  const d = item.data as Record<string, unknown> & { code: string | null };
  let id: number;
  if (item.op === 'create') {
    const parentId = (d.parentId as number | null) ?? created.get(d.parentRow as number);
    if (!parentId) throw new DomainError('parent_failed', `上级团组织（第${d.parentRow}行）未能导入，本行随之不能导入`, 'parent');
    const { parentRow: _r, code: _c, ...body } = d;
    id = await createOrg(tx, { ...(body as unknown as api.BodyOf<typeof api.orgs.createOrg>), parentId });
    created.set(item.row, id);
  } else {
    id = d.id as number;
    const changes = d.changes as Record<string, unknown>;
    if (Object.keys(changes).length) await updateOrg(tx, id, { ...changes, version: d.version as number });
  }
  if (d.code) {
    await tx.insert(orgImportCodes).values({ orgId: id, code: d.code }).onConflictDoUpdate({ target: orgImportCodes.orgId, set: { code: d.code } });
  }
}
