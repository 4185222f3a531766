/**
 * Training of cadres (shared/domain.md): 青马工程, 岗位大练兵, township classes,
 * 基础团务培训; who attended and for how many hours; who was not trained this year.
 */
export const CADRE_TRAINING_KINDS = ['qingma', 'practice', 'township', 'basic'] as const;
export type CadreTrainingKind = (typeof CADRE_TRAINING_KINDS)[number];
export const CADRE_TRAINING_KIND_LABELS: Record<CadreTrainingKind, string> = {
  qingma: '青马工程',
  practice: '岗位大练兵',
  township: '乡镇培训班',
  basic: '基础团务培训',
};

export function trainingProblems(t: { startOn: string; endOn: string; hours: number }): string[] {
  const problems: string[] = [];
  if (t.endOn < t.startOn) problems.push('结束日期不能早于开始日期');
  if (!Number.isInteger(t.hours) || t.hours < 1) problems.push('学时应为正整数');
  return problems;
}

/** Recording attendance: hours within the course's, after the course has started. */
export function attendanceProblems(course: { startOn: string; hours: number }, hours: number, today: string): string[] {
  const problems: string[] = [];
  if (course.startOn > today) problems.push('培训尚未开始，不能登记参训');
  if (!Number.isInteger(hours) || hours < 1) problems.push('参训学时应为正整数');
  else if (hours > course.hours) problems.push(`参训学时不能超过培训总学时（${course.hours}学时）`);
  return problems;
}
