import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULES,
  incomingRequestMessage,
  resolveRules,
  transferAcceptKind,
  transferActionProblem,
  transferLookupLimitProblem,
  transferRequestLapsesOn,
  transferStatusLabel,
  type TransferFacts,
} from '../../src/index.js';

/** 组织关系转接 needs both sides: who answers, who withdraws, and when the committee above both may decide. */
const today = '2026-06-10';
const sent: TransferFacts = { status: 'pending', initiatedBy: 'sending', dueOn: '2026-07-01' };
const asked: TransferFacts = { status: 'pending', initiatedBy: 'receiving', dueOn: '2026-06-09' };
const notYetDue: TransferFacts = { ...asked, dueOn: '2026-06-10' };
const FROM = { from: true, to: false };
const TO = { from: false, to: true };
const BOTH = { from: true, to: true };

describe('transfer started by the sending side (or the member)', () => {
  it('is accepted or sent back by the receiving side and withdrawn by the sender', () => {
    expect(transferActionProblem(sent, 'accept', TO, today)).toBeNull();
    expect(transferActionProblem(sent, 'reject', TO, today)).toBeNull();
    expect(transferActionProblem(sent, 'cancel', FROM, today)).toBeNull();
    expect(transferActionProblem(sent, 'accept', FROM, today)).toBe('只有转入组织可以接收该转接');
    expect(transferActionProblem(sent, 'reject', FROM, today)).toBe('发起方不能退回自己发起的转接，如需取消请撤回');
    expect(transferActionProblem(sent, 'cancel', TO, today)).toBe('只有发起方可以撤回该转接');
    expect(transferAcceptKind(sent, TO)).toBe('receive');
    expect(transferAcceptKind({ ...sent, initiatedBy: 'member' }, BOTH)).toBe('receive');
  });
});

describe('request of the receiving side', () => {
  it('is agreed to or sent back by the sending side, never taken by the receiving side itself', () => {
    expect(transferActionProblem(notYetDue, 'accept', FROM, today)).toBeNull();
    expect(transferActionProblem(notYetDue, 'reject', FROM, today)).toBeNull();
    expect(transferActionProblem(notYetDue, 'accept', TO, today)).toBe('转入组织的申请须经转出组织同意，不能自行接收');
    expect(transferActionProblem(notYetDue, 'reject', TO, today)).toBe('发起方不能退回自己发起的转接，如需取消请撤回');
    expect(transferActionProblem(notYetDue, 'cancel', TO, today)).toBeNull();
    expect(transferActionProblem(notYetDue, 'cancel', FROM, today)).toBe('只有发起方可以撤回该转接');
    expect(transferAcceptKind(notYetDue, FROM)).toBe('release');
    expect(transferAcceptKind(notYetDue, TO)).toBeNull();
  });

  it('goes to the committee above both sides only after its due date', () => {
    expect(transferAcceptKind(notYetDue, BOTH)).toBe('superior');
    expect(transferActionProblem(notYetDue, 'accept', BOTH, today)).toBe('转出组织尚未答复，2026-06-10后仍未答复的，方可由上级团委审批');
    expect(transferActionProblem(notYetDue, 'reject', BOTH, today)).not.toBeNull();
    expect(transferActionProblem(asked, 'accept', BOTH, today)).toBeNull();
    expect(transferActionProblem(asked, 'reject', BOTH, today)).toBeNull();
  });

  it('is closed for every action once lapsed, and lapses one period after its due date', () => {
    for (const action of ['accept', 'reject', 'cancel'] as const) {
      expect(transferActionProblem({ ...asked, status: 'lapsed' }, action, BOTH, today)).toMatch(/^该转接已失效，不能再/);
    }
    expect(transferRequestLapsesOn('2026-06-30', 30)).toBe('2026-07-30');
    expect(transferStatusLabel(asked)).toBe('待转出组织同意');
    expect(transferStatusLabel(sent)).toBe('待接收');
    expect(transferStatusLabel({ ...asked, status: 'lapsed' })).toBe('已失效');
  });

  it('answers with one message that depends only on the dates', () => {
    const m = incomingRequestMessage('2026-07-10', '2026-08-09');
    expect(m).toContain('等待转出组织答复');
    expect(m).toContain('2026-07-10前未答复的，可由双方共同的上级团委审批');
    expect(m).toContain('2026-08-09前仍无人答复的，申请自动失效');
  });
});

describe('look-ups by ID number', () => {
  it('are limited per hour by a rule', () => {
    const max = DEFAULT_RULES.dailyWork.transferLookupsPerHour;
    expect(max).toBe(20);
    expect(transferLookupLimitProblem(max - 1, DEFAULT_RULES)).toBeNull();
    expect(transferLookupLimitProblem(max, DEFAULT_RULES)).toBe('按身份证号申请转入过于频繁：每个账号每小时最多20次，请稍后再试');
    const strict = resolveRules({ dailyWork: { transferLookupsPerHour: 5 } });
    expect(transferLookupLimitProblem(5, strict)).toContain('最多5次');
  });
});
