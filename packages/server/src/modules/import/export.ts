import { sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import {
  CADRE_EMPLOYMENT_LABELS,
  cadreTitleLabel,
  GENDER_LABELS,
  NATIONAL_TEMPLATE_COLUMNS,
  ORG_TYPE_LABELS,
  SECTOR_LABELS,
  educationName,
  ethnicityName,
  politicalStatusName,
  type CadreEmployment,
  type OrgType,
  type Sector,
} from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { sendWorkbook } from '../../excel/workbook.js';
import { loadOrg } from '../organizations/service.js';

type Kind = 'people' | 'organizations' | 'cadres';
type Row = Record<string, string | null | undefined>;

const FILE_NAMES: Record<Kind, string> = { people: '团员信息（全国系统导入格式）.xlsx', organizations: '团组织信息（全国系统导入格式）.xlsx', cadres: '团干部信息（全国系统导入格式）.xlsx' };

/** The rows of a subtree as the national template's fields (codes written as that system's words). */
async function rows(tx: Tx, kind: Kind, path: string): Promise<Row[]> {
  if (kind === 'people') {
    const list = await query<Record<string, string | null>>(
      tx,
      sql`select p.name, p.id_number, p.gender, p.ethnicity, p.political_status, p.education, to_char(p.joined_on, 'YYYY-MM') as joined_on, p.member_no, p.phone, o.name as org, p.occupation
            from people p join organizations o on o.id = p.org_id
           where o.path <@ ${path}::ltree and p.registry_status = 'active' order by o.path, p.name, p.id`,
    );
    return list.map((p) => ({
      name: p.name, idNumber: p.id_number, gender: GENDER_LABELS[p.gender as 'male'], ethnicity: ethnicityName(p.ethnicity) ?? null, politicalStatus: politicalStatusName(p.political_status) ?? null,
      education: educationName(p.education) ?? null, joinedOn: p.joined_on, memberNo: p.member_no, phone: p.phone, org: p.org, occupation: p.occupation,
    }));
  }
  if (kind === 'organizations') {
    const list = await query<Record<string, string | null>>(
      tx,
      sql`select o.name, o.short_name, c.code, p.name as parent, pc.code as parent_code, o.type, o.sector, o.contact_name, o.contact_phone, o.founded_on::text as founded_on
            from organizations o left join org_import_codes c on c.org_id = o.id
            left join organizations p on p.id = o.parent_id left join org_import_codes pc on pc.org_id = p.id
           where o.path <@ ${path}::ltree and o.status = 'active' order by o.path`,
    );
    return list.map((o) => ({
      orgName: o.name, shortName: o.short_name, code: o.code, parent: o.parent, parentCode: o.parent_code, orgType: ORG_TYPE_LABELS[o.type as OrgType],
      sector: SECTOR_LABELS[o.sector as Sector], contactName: o.contact_name, contactPhone: o.contact_phone, foundedOn: o.founded_on,
    }));
  }
  const list = await query<Record<string, string | null>>(
    tx,
    sql`select c.name, c.id_number, c.gender, c.ethnicity, c.political_status, c.education, c.phone, o.name as org, p.title, p.employment, p.start_on::text as start_on, c.work_unit
          from cadre_posts p join cadres c on c.id = p.cadre_id join organizations o on o.id = p.org_id
         where o.path <@ ${path}::ltree and p.end_on is null order by o.path, p.title, c.name`,
  );
  return list.map((c) => ({
    name: c.name, idNumber: c.id_number, gender: GENDER_LABELS[c.gender as 'male'], ethnicity: ethnicityName(c.ethnicity) ?? null, politicalStatus: politicalStatusName(c.political_status) ?? null,
    education: educationName(c.education) ?? null, phone: c.phone, org: c.org, title: cadreTitleLabel(c.title ?? ''), employment: CADRE_EMPLOYMENT_LABELS[c.employment as CadreEmployment],
    startOn: c.start_on, workUnit: c.work_unit,
  }));
}

/**
 * People, organizations and cadres of a subtree in the column layout of the
 * national system's import templates (NATIONAL_TEMPLATE_COLUMNS), so that the
 * data can go back there; the export itself is audited (full ID numbers).
 */
export async function exportNational(tx: Tx, reply: FastifyReply, kind: Kind, orgId: number) {
  const org = await loadOrg(tx, orgId);
  const list = await rows(tx, kind, org.path);
  await tx.execute(sql`select tj_audit_event('view_sensitive', 'import_mappings', ${kind}, ${org.id}, ${JSON.stringify({ export: 'national_template', kind, count: list.length })}::jsonb)`);
  const columns = NATIONAL_TEMPLATE_COLUMNS[kind]!.map(([header, field]) => ({ header, width: field === 'idNumber' ? 22 : field === 'org' || field === 'orgName' || field === 'parent' ? 30 : 14, value: (r: Row) => r[field] }));
  await sendWorkbook(reply, FILE_NAMES[kind], 'Sheet1', columns, list);
}
