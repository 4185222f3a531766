import { ELECTION_STEP_LABELS, electionStepsFor, type ElectionStep } from '../cadres/election.js';

/**
 * 换届 campaigns (issue 17): a county starts a campaign with a deadline over
 * chosen organizations (e.g. all township committees overdue for election).
 * Each organization's progress is its election (kind 'election') started for
 * the campaign: not started, at a step, or completed; past the deadline and
 * not completed it is overdue — in 待办 of the organization and of the county.
 */
export const CAMPAIGN_TARGET_STATES = ['not_started', 'in_progress', 'completed'] as const;
export type CampaignTargetState = (typeof CAMPAIGN_TARGET_STATES)[number];
export const CAMPAIGN_TARGET_STATE_LABELS: Record<CampaignTargetState, string> = { not_started: '未启动', in_progress: '进行中', completed: '已完成' };

export interface CampaignTargetFacts {
  /** The organization's latest election started since the campaign began, if any. */
  election: { stage: ElectionStep; status: 'in_progress' | 'completed' | 'cancelled' } | null;
}

export interface CampaignTargetProgress {
  state: CampaignTargetState;
  /** Steps done of the election's steps (0 … total). */
  stepsDone: number;
  stepsTotal: number;
  stepLabel: string;
  overdue: boolean;
}

export function campaignTargetProgress(t: CampaignTargetFacts, deadline: string, today: string): CampaignTargetProgress {
  const steps = electionStepsFor('election');
  const e = t.election && t.election.status !== 'cancelled' ? t.election : null;
  const state: CampaignTargetState = !e ? 'not_started' : e.status === 'completed' ? 'completed' : 'in_progress';
  const at = e ? steps.indexOf(e.stage) : -1;
  const stepsDone = state === 'completed' ? steps.length : at + 1;
  return {
    state,
    stepsDone,
    stepsTotal: steps.length,
    stepLabel: state === 'completed' ? '已完成' : e ? ELECTION_STEP_LABELS[e.stage] : '未启动',
    overdue: state !== 'completed' && deadline < today,
  };
}

/** Why a campaign cannot be started. */
export function campaignProblems(c: { deadline: string; targets: number }, today: string): string[] {
  const out: string[] = [];
  if (c.targets === 0) out.push('请至少选择一个换届组织');
  if (c.deadline < today) out.push('完成期限不能早于今天');
  return out;
}
