import { EDUCATIONS, ETHNICITIES, POLITICAL_STATUSES, api, parseIdCard } from '@tuanjian/domain';

/** Labels and option lists for the youth / member registry and the development pipeline. */

export type MemberStatus = (typeof api.people.MEMBER_STATUSES)[number];
export type PersonKind = (typeof api.people.PERSON_KINDS)[number];
export type CaseStatus = (typeof api.development.CASE_STATUSES)[number];

export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = { active: '正常', left: '已离团' };
export const REGISTRY_STATUS_LABELS: Record<'active' | 'removed', string> = { active: '在册', removed: '已移出' };
export const PERSON_KIND_LABELS: Record<PersonKind, string> = { all: '全部', youth: '青年（14—35周岁）', member: '团员' };
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = { in_progress: '进行中', admitted: '已入团', stopped: '已终止', revoked: '已清退' };
export const CASE_STATUS_COLORS: Record<CaseStatus, string> = { in_progress: 'processing', admitted: 'success', stopped: 'default', revoked: 'error' };

const options = (list: readonly { code: string; name: string }[]) => list.map((x) => ({ value: x.code, label: x.name }));
export const ETHNICITY_OPTIONS = options(ETHNICITIES);
export const EDUCATION_OPTIONS = options(EDUCATIONS);
export const POLITICAL_STATUS_OPTIONS = options(POLITICAL_STATUSES);

/** Reads a file chosen by the user as base64 (without the data: prefix). */
export function readFileBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const result = String(reader.result ?? '');
      resolve(result.slice(result.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Today in China Standard Time as YYYY-MM-DD (the server's business date may be pinned differently). */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Form rule for an ID number field: the server's check (parseIdCard: region, date, check digit), shown as the user types. */
export const idNumberRule = {
  validator: async (_: unknown, value: string | undefined) => {
    if (!value?.trim()) return;
    const r = parseIdCard(value, chinaToday());
    if (!r.ok) throw new Error(r.reason);
  },
};
