import { sql } from 'drizzle-orm';
import { idCardCheckChar, maskIdCard } from '@tuanjian/domain';
import type { Database } from '../src/db/connection.js';
import { systemRows } from './helpers.js';

let sequence = 100;

/** A valid 18-character national ID for a birth date and gender (region 110105: never clashes with the demo county's 520329). */
export function makeIdNumber(birthDate: string, gender: 'male' | 'female' = 'male', region = '110105'): string {
  // Sequence digits: odd for men, even for women, a new pair each call (500 per birth date).
  sequence = (sequence + 1) % 500;
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(sequence * 2 + (gender === 'male' ? 1 : 0)).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

export interface PersonSeed {
  orgId: number;
  name?: string;
  birthDate?: string;
  gender?: 'male' | 'female';
  /** 'active' makes a member with a member number. */
  memberStatus?: 'active' | 'left' | null;
  joinedOn?: string;
  isStudent?: boolean;
  grade?: string;
  politicalStatus?: string;
}

/** Inserts a person directly (system context), for tests that need registry records. */
/**
 * A member number in the 16-digit layout issued before (accepted as legacy by the 发展团员编号 rules):
 * the birth date (yymmdd) stands in for the region, then the joining year and the sequence.
 */
const legacyMemberNo = (birthDate: string, joinedOn: string) => `${birthDate.slice(2).replaceAll('-', '')}${joinedOn.slice(0, 4)}${String(sequence).padStart(6, '0')}`;

export async function insertPerson(database: Database, p: PersonSeed): Promise<{ id: number; idNumber: string; masked: string }> {
  const birthDate = p.birthDate ?? '2004-03-15';
  const gender = p.gender ?? 'male';
  const idNumber = makeIdNumber(birthDate, gender);
  const member = p.memberStatus === 'active' || p.memberStatus === 'left';
  const [row] = await systemRows<{ id: number }>(
    database,
    sql`insert into people (org_id, name, gender, id_number, birth_date, ethnicity, education, political_status, is_student, grade,
                            member_no, joined_on, member_status)
        values (${p.orgId}, ${p.name ?? `测试${sequence}`}, ${gender}, ${idNumber}, ${birthDate}, '01', '60',
                ${p.politicalStatus ?? (member ? '03' : '13')}, ${p.isStudent ?? false}, ${p.grade ?? null},
                ${member ? legacyMemberNo(birthDate, p.joinedOn ?? '2020-05-04') : null}, ${member ? (p.joinedOn ?? '2020-05-04') : null},
                ${p.memberStatus ?? null})
        returning id`,
  );
  return { id: Number(row!.id), idNumber, masked: maskIdCard(idNumber) };
}
