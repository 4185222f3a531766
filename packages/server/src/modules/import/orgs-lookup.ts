import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { query, textArray } from '../../db/sql.js';

export interface OrgRef {
  id: number;
  name: string;
  type: string;
  status: string;
  sector: string;
  path: string;
  parentId: number | null;
  shortName: string | null;
  version: number;
}

/**
 * A name as matched across spellings of the same committee: without the
 * league's name before it, the county's name, and the committee suffix
 * (“共青团余庆县白泥镇委员会”, “白泥镇团委” and “余庆县白泥镇团委” → “白泥镇”).
 */
export function looseName(name: string, countyName = ''): string {
  const county = countyName.replace(/^(中国共产主义青年团|共青团)/, '').replace(/(委员会|团委)$/, '');
  let n = name.replace(/\s/g, '').replace(/^(中国共产主义青年团|共青团)/, '');
  if (county && n.startsWith(county) && n.length > county.length) n = n.slice(county.length);
  return n.replace(/(工作委员会|委员会|团工委|团委|工委)$/, '');
}

/** The active organizations under `underPath` (the caller's target) whose name, short name or loose name is one of `names`. */
export async function orgsByName(tx: Tx, underPath: string, names: readonly string[], countyName: string): Promise<(name: string) => OrgRef[]> {
  const all = names.length
    ? await query<OrgRef & { parent_id: number | null; short_name: string | null }>(
        tx,
        sql`select id, name, type, status, sector, path::text as path, parent_id, short_name, version from organizations
             where path <@ ${underPath}::ltree and status = 'active'
               and (name = any(${textArray([...names])}) or short_name = any(${textArray([...names])})
                    or type in ('county', 'township', 'subdistrict', 'unit_committee', 'youth_work_committee'))`,
      )
    : [];
  const refs = all.map((o) => ({ id: Number(o.id), name: o.name, type: o.type, status: o.status, sector: o.sector, path: o.path, parentId: o.parent_id === null ? null : Number(o.parent_id), shortName: o.short_name, version: Number(o.version) }));
  const exact = new Map<string, OrgRef[]>();
  const loose = new Map<string, OrgRef[]>();
  const add = (m: Map<string, OrgRef[]>, k: string, o: OrgRef) => {
    const list = m.get(k) ?? [];
    if (!list.includes(o)) m.set(k, [...list, o]);
  };
  for (const o of refs) {
    add(exact, o.name, o);
    if (o.shortName) add(exact, o.shortName, o);
    if (o.type !== 'branch' && o.type !== 'joint_branch' && o.type !== 'general_branch') add(loose, looseName(o.name, countyName), o);
  }
  return (name: string) => exact.get(name) ?? (/(委员会|团委|团工委|工委)$/.test(name) ? (loose.get(looseName(name, countyName)) ?? []) : []);
}
