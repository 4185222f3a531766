/**
 * Activities any organization records (type, theme, date, place, organizer,
 * participants — members and non-member youth, head counts), optionally at a
 * venue (团属阵地).
 */
export const ACTIVITY_TYPES = [
  'theme_education',
  'study_lecture',
  'volunteer_service',
  'social_practice',
  'red_study_tour',
  'culture_sports',
  'employment',
  'friendship',
  'rights_safety',
  'other',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  theme_education: '主题教育',
  study_lecture: '学习宣讲',
  volunteer_service: '志愿服务',
  social_practice: '社会实践',
  red_study_tour: '红色研学',
  culture_sports: '文体活动',
  employment: '就业创业',
  friendship: '联谊交友',
  rights_safety: '权益维护与自护',
  other: '其他',
};

export interface ActivityCounts {
  heldOn: string;
  memberCount: number;
  youthCount: number;
  /** Named participants from the registry: how many are members, how many other youth. */
  listedMembers: number;
  listedYouth: number;
}

/** Why an activity cannot be recorded as given. */
export function activityProblems(a: ActivityCounts, today: string, venue?: { status: string; name: string } | null): string[] {
  const problems: string[] = [];
  if (a.heldOn > today) problems.push('活动日期不能晚于今天（尚未举办的活动请在举办后登记）');
  if (a.memberCount + a.youthCount <= 0) problems.push('请填写参加人数');
  if (a.listedMembers > a.memberCount) problems.push(`名单中有${a.listedMembers}名团员，团员参加人数不能少于此数`);
  if (a.listedYouth > a.youthCount) problems.push(`名单中有${a.listedYouth}名非团员青年，青年参加人数不能少于此数`);
  if (venue && venue.status !== 'active') problems.push(`阵地“${venue.name}”已停用，不能再登记活动`);
  return problems;
}
