import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULES,
  assessmentProblems,
  assessmentTotal,
  electionStepProblems,
  electionStepsFor,
  electionStepsUnder,
  nextElectionStep,
  selectionAssessments,
  type CandidateState,
  type ElectionState,
  type Rules,
} from '../../src/index.js';

const rules = DEFAULT_RULES;
const ON = '2026-06-15';
const cand = (id: number, over: Partial<CandidateState> = {}): CandidateState => ({
  id,
  name: `人选${id}`,
  source: 'democratic',
  postTitle: 'member',
  qualified: true,
  objection: 'none',
  votes: null,
  elected: null,
  ...over,
});
const state = (over: Partial<ElectionState> = {}): ElectionState => ({
  kind: 'selection',
  stage: 'qualification',
  status: 'in_progress',
  seats: [{ title: 'member', employment: 'part_time', seats: 1 }],
  noticeFrom: null,
  noticeTo: null,
  lastActedOn: '2026-06-01',
  candidates: [cand(1), cand(2, { qualified: false })],
  ...over,
});
const withList = (list: string): Rules => ({ ...rules, cadres: { ...rules.cadres, selectionAssessments: list } });
const full = { written: 80, interview: 90, speech: 70, inspection: '合格' as const };

describe('选配 考试考察', () => {
  it('is a step of selections only, as configured in the rules', () => {
    expect(selectionAssessments(rules)).toEqual(['written', 'interview', 'speech', 'inspection']);
    expect(selectionAssessments(withList('考察，笔试'))).toEqual(['written', 'inspection']);
    expect(electionStepsUnder('selection', rules)).toEqual(['plan', 'recommendation', 'qualification', 'assessment', 'party_decision', 'notice', 'approval']);
    expect(electionStepsUnder('selection', withList(''))).not.toContain('assessment');
    expect(electionStepsUnder('election', rules)).not.toContain('assessment');
    expect(electionStepsFor('election')).toEqual(['plan', 'recommendation', 'qualification', 'party_decision', 'notice', 'vote', 'approval']);
    expect(nextElectionStep(state(), rules)).toBe('assessment');
    expect(nextElectionStep(state(), withList(''))).toBe('party_decision');
    expect(nextElectionStep(state({ kind: 'election' }), rules)).toBe('party_decision');
    expect(electionStepProblems(state(), 'party_decision', { actedOn: ON, actor: '张三' }, { today: ON }, rules)).toEqual(['请先完成“考试考察”，再办理“党委研究”']);
    expect(electionStepProblems(state({ kind: 'election' }), 'assessment', { actedOn: ON, actor: '张三' }, { today: ON }, rules)).toEqual(['换届选举没有“考试考察”这一步']);
  });

  it('needs every configured component of every standing candidate, scores 0–100', () => {
    const c = selectionAssessments(rules);
    expect(assessmentProblems(state(), { 1: full }, c)).toEqual([]);
    expect(assessmentProblems(state(), {}, c)).toEqual(['请填写人选1的考试考察情况']);
    expect(assessmentProblems(state(), { 1: { ...full, speech: undefined } }, c)).toEqual(['请填写人选1的演讲成绩']);
    expect(assessmentProblems(state(), { 1: { ...full, written: 101 } }, c)).toEqual(['人选1的笔试成绩应在0至100分之间']);
    expect(assessmentProblems(state(), { 1: { ...full, inspection: null } }, c)).toEqual(['请填写人选1的考察结论']);
    expect(assessmentProblems(state(), { 1: { ...full, inspection: '不合格' } }, c)).toEqual(['人选1考察不合格，请填写考察意见']);
    expect(assessmentProblems(state(), { 1: full, 2: full }, c)).toEqual(['人选2不是资格审查后的人选']);
    expect(assessmentProblems(state(), { 1: { inspection: '优秀' } }, ['inspection'])).toEqual([]);
    expect(electionStepProblems(state(), 'assessment', { actedOn: ON, actor: '张三', assessments: {} }, { today: ON }, rules)).toEqual(['请填写人选1的考试考察情况']);
  });

  it('totals the scored components (mean) and refuses approval of a candidate found 不合格', () => {
    expect(assessmentTotal(full, selectionAssessments(rules))).toBe(80);
    expect(assessmentTotal({ written: 85, interview: 90 }, ['written', 'interview', 'inspection'])).toBe(87.5);
    expect(assessmentTotal({ inspection: '优秀' }, ['inspection'])).toBeNull();
    const notice = state({ stage: 'notice', noticeFrom: '2026-06-01', noticeTo: '2026-06-05', lastActedOn: '2026-06-01' });
    const ok = { ...notice, candidates: [cand(1, { assessment: full }), cand(2, { qualified: false })] };
    expect(electionStepProblems(ok, 'approval', { actedOn: ON, actor: '张三' }, { today: ON, approverIsHigher: true }, rules)).toEqual([]);
    const failed = { ...notice, candidates: [cand(1, { assessment: { ...full, inspection: '不合格', inspectionNote: '群众基础弱' } })] };
    expect(electionStepProblems(failed, 'approval', { actedOn: ON, actor: '张三' }, { today: ON, approverIsHigher: true }, rules)).toEqual(['人选1考察结论为不合格，不能批准选配']);
  });
});
