import {
  ORG_TYPE_LABELS,
  TRANSFER_ACCEPT_LABELS,
  TRANSFER_INITIATOR_LABELS,
  api,
  isBranchType,
  transferDecisionProblems,
  transferRequestProblems,
} from '@tuanjian/domain';
import { Alert, App, Checkbox, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Tooltip, Typography } from 'antd';
import { OrgName as SharedOrgName } from '../../components/OrgName';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useAccount } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { OrgTypeTag } from '../../components/OrgTypeTag';
import { useDialogSubmit } from '../../components/page';
import { chinaToday } from '../../lib/people';
import { useDebounced } from '../../lib/useDebounced';
import { MemberSelect, Problems, Refusal, factsOf, notAfterToday, todayDayjs, useRefreshMembership, ymd, type PersonItem } from './shared';
import { IdNumberNameFields } from '../../components/IdNumberNameFields';

/* The dialogs of 组织关系转接: answer (接收 / 同意转出 / 上级审批 / 退回), withdraw, and the two ways to start a transfer. */

type TransferItem = api.membership.TransferItem;
type DirectoryEntry = api.ResponseOf<typeof api.membership.searchOrgDirectory>[number];

/** A side of a transfer: its 简称 with the full name on hover where given, or that it is outside the caller's scope. */
export function OrgName({ name, shortName }: { name: string | null; shortName?: string | null }) {
  if (name) return <SharedOrgName name={name} shortName={shortName} />;
  return (
    <Tooltip title="该组织不在您的管理范围内，名称不予显示">
      <Typography.Text type="secondary">（其他组织）</Typography.Text>
    </Tooltip>
  );
}

function TransferSummary({ t }: { t: TransferItem }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      style={{ marginBottom: 16 }}
      styles={{ label: { width: 100 } }}
      items={[
        { key: 'who', label: '团员', children: `${t.personName}（${t.personIdMasked}）` },
        { key: 'from', label: '转出组织', children: <OrgName name={t.fromOrgName} /> },
        { key: 'to', label: '转入组织', children: <OrgName name={t.toOrgName} /> },
        { key: 'reason', label: '转接原因', children: t.reason },
        { key: 'on', label: '申请', children: `${t.requestedOn}，${TRANSFER_INITIATOR_LABELS[t.initiatedBy]}` },
      ]}
    />
  );
}

const ACCEPT_HINTS: Record<NonNullable<TransferItem['acceptAs']>, string> = {
  receive: '接收后，该团员的组织关系即转入本组织，此后的团籍注册、评议等由本组织办理。',
  release: '转入组织申请将该团员转入。同意后，其组织关系即转入对方组织，本组织不再管理其团籍。',
  superior: '转出组织逾期未答复。作为双方共同的上级团委审批同意后，该团员的组织关系即转入转入组织。',
};

interface DecideValues {
  onDate: Dayjs;
  decidedBy: string;
  reason?: string;
}

/** 接收 or 退回 a pending transfer, dated and signed. */
export function DecideModal({ transfer: t, action, onClose }: { transfer: TransferItem; action: 'accept' | 'reject'; onClose(): void }) {
  const account = useAccount();
  const [form] = Form.useForm<DecideValues>();
  const { message } = App.useApp();
  const refresh = useRefreshMembership();
  const { saving, refusal, run } = useDialogSubmit(form);
  const onDate = Form.useWatch('onDate', form);
  const problems = onDate ? transferDecisionProblems(ymd(onDate), t.requestedOn, chinaToday()) : [];
  const accept = action === 'accept';
  const acceptAs = t.acceptAs ?? 'receive';
  const acceptLabel = TRANSFER_ACCEPT_LABELS[acceptAs];

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      if (accept) await call(api.membership.acceptTransfer, { params: { id: t.id }, body: { onDate: ymd(v.onDate), decidedBy: v.decidedBy.trim() } });
      else await call(api.membership.rejectTransfer, { params: { id: t.id }, body: { onDate: ymd(v.onDate), decidedBy: v.decidedBy.trim(), reason: (v.reason ?? '').trim() } });
      await refresh();
      message.success(accept ? `已${acceptLabel}，${t.personName}的组织关系已转入${t.toOrgName ?? '转入组织'}` : '已退回该转接申请');
      onClose();
    });
  }

  return (
    <Modal
      open
      title={accept ? `${acceptAs === 'receive' ? '接收转入' : acceptLabel}：${t.personName}` : `退回转接：${t.personName}`}
      okText={accept ? `确认${acceptLabel}` : '确认退回'}
      okButtonProps={{ danger: !accept, disabled: problems.length > 0 }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={560}
    >
      <TransferSummary t={t} />
      {accept && <Typography.Paragraph type="secondary">{ACCEPT_HINTS[acceptAs]}</Typography.Paragraph>}
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ onDate: todayDayjs(), decidedBy: account.displayName }}>
        <Space size={16} style={{ width: '100%' }} align="start">
          <Form.Item name="onDate" label={accept ? '办理日期' : '退回日期'} rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={notAfterToday(t.requestedOn)} allowClear={false} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="decidedBy" label="经办人" rules={[{ required: true, message: '请填写经办人' }, { min: 2, message: '经办人至少2个字' }, { max: 30 }]}>
            <Input style={{ width: 260 }} />
          </Form.Item>
        </Space>
        {!accept && (
          <Form.Item name="reason" label="退回原因" rules={[{ required: true, whitespace: true, message: '请填写退回原因' }, { min: 2, message: '退回原因至少2个字' }, { max: 200 }]}>
            <Input.TextArea rows={3} showCount maxLength={200} placeholder="如：该同志仍在本村务农，未离开" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function CancelModal({ transfer: t, onClose }: { transfer: TransferItem; onClose(): void }) {
  const [note, setNote] = useState('');
  const { message } = App.useApp();
  const refresh = useRefreshMembership();
  const { saving, refusal, run } = useDialogSubmit();

  async function submit() {
    await run(async () => {
      await call(api.membership.cancelTransfer, { params: { id: t.id }, body: { note: note.trim() || null } });
      await refresh();
      message.success('已撤回该转接申请');
      onClose();
    });
  }

  return (
    <Modal open title={`撤回转接：${t.personName}`} okText="确认撤回" cancelText="取消" confirmLoading={saving} onOk={() => void submit()} onCancel={onClose} destroyOnHidden width={560}>
      <TransferSummary t={t} />
      <Refusal error={refusal} />
      <Typography.Paragraph>撤回后该申请作废，团员仍留在原组织；如需转接，可重新发起。</Typography.Paragraph>
      <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder="撤回说明（选填）" maxLength={200} showCount />
    </Modal>
  );
}

/**
 * Searches the directory of all active organizations (the only view of those outside the caller's scope);
 * with `province` (跨省转接 on a national server), that province's directory; `initialQuery` (a request's
 * receiving organization as written) is searched before anything is typed.
 */
export function DirectorySelect({
  value,
  onChange,
  id,
  province,
  initialQuery = '',
}: {
  value?: DirectoryEntry | null;
  onChange?: (v: DirectoryEntry | null) => void;
  id?: string;
  province?: string;
  initialQuery?: string;
}) {
  const [q, setQ] = useState(initialQuery.slice(0, 50));
  const term = useDebounced(q.trim());
  const local = useApi(api.membership.searchOrgDirectory, { query: { q: term } }, { enabled: !province && term.length >= 2, staleTime: 60_000 });
  const remote = useApi(api.national.provinceDirectory, { query: { province: province ?? '', q: term } }, { enabled: !!province && term.length >= 2, staleTime: 60_000 });
  const found = province ? remote : local;
  const entries = useMemo(() => {
    const list = term.length >= 2 ? (found.data ?? []) : [];
    return value && !list.some((e) => e.id === value.id) ? [value, ...list] : list;
  }, [found.data, term, value]);
  return (
    <Select
      id={id}
      data-testid="directory-select"
      value={value?.id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="输入组织名称查找，如“龙溪镇”"
      allowClear
      loading={found.isFetching}
      onChange={(v: number | undefined) => onChange?.(entries.find((e) => e.id === v) ?? null)}
      optionLabelProp="title"
      notFoundContent={term.length < 2 ? '请至少输入2个字' : found.isFetching ? '查找中…' : found.error ? found.error.message : '没有找到在用的团组织'}
      options={entries.map((e) => ({
        value: e.id,
        title: e.name,
        disabled: !e.canReceive,
        label: (
          <div data-testid="directory-option">
            <OrgTypeTag type={e.type} />
            <span>{e.name}</span>
            <div style={{ fontSize: 12, color: '#8c8c8c', paddingInlineStart: 2 }}>
              {e.parentName ? `上级：${e.parentName}` : '—'}
              {!e.canReceive && `　${ORG_TYPE_LABELS[e.type]}不直接接收团员，请选择其下的团支部`}
            </div>
          </div>
        ),
      }))}
    />
  );
}

interface OutValues {
  personId: number;
  target: DirectoryEntry;
  reason: string;
  byMember: boolean;
}

/** 发起转出: a member of the caller's scope to a branch found in the directory. */
export function RequestOutModal({ orgId, onClose, onDone }: { orgId: number | null; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<OutValues>();
  const { message } = App.useApp();
  const refresh = useRefreshMembership();
  const { saving, refusal, run } = useDialogSubmit(form);
  const [person, setPerson] = useState<PersonItem | undefined>();
  const target = Form.useWatch('target', form) as DirectoryEntry | null | undefined;

  // Members with a transfer under way cannot be sent again until it is settled.
  const pending = useApi(api.membership.listTransfers, { query: { direction: 'out', status: 'pending', pageSize: 500 } });
  const busy = useMemo(() => new Map((pending.data?.items ?? []).flatMap((t) => (t.personId === null ? [] : [[t.personId, '转接办理中'] as const]))), [pending.data]);

  const problems =
    person && target
      ? transferRequestProblems({
          person: factsOf(person),
          currentOrgId: person.orgId,
          target: { id: target.id, type: target.type, status: 'active' },
          hasPending: busy.has(person.id),
        })
      : [];

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      const result = await call(api.membership.requestTransfer, {
        body: { personId: v.personId, toOrgId: v.target.id, toOrgName: v.target.name, reason: v.reason.trim(), byMember: !!v.byMember },
      });
      await refresh();
      message.success(`已发起转出：${result.personName} → ${result.toOrgName ?? v.target.name}，等待转入组织接收`);
      onDone();
    });
  }

  return (
    <Modal
      open
      title="发起转出"
      okText="发起转出"
      okButtonProps={{ disabled: problems.length > 0 }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={640}
    >
      <Typography.Paragraph type="secondary">
        为本组织的在册团员申请将组织关系转到其他团支部（可跨乡镇、跨县）。转入组织接收后，团员随即转入；接收前可以撤回。
      </Typography.Paragraph>
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ byMember: false }}>
        <Form.Item name="personId" label="转出团员" rules={[{ required: true, message: '请选择团员' }]}>
          <MemberSelect under={orgId} unavailable={busy} onChange={(_, p) => setPerson(p)} />
        </Form.Item>
        {person && (
          <Typography.Paragraph type="secondary" style={{ marginTop: -16 }}>
            现所在组织：{person.orgName}
          </Typography.Paragraph>
        )}
        <Form.Item name="target" label="转入组织" rules={[{ required: true, message: '请查找并选择转入的团支部' }]} extra="在全部在用的团组织中按名称查找；只能转入团支部或联合团支部。">
          <DirectorySelect />
        </Form.Item>
        <Form.Item name="reason" label="转接原因" rules={[{ required: true, whitespace: true, message: '请填写转接原因' }, { min: 2, message: '转接原因至少2个字' }, { max: 200 }]}>
          <Input.TextArea rows={2} showCount maxLength={200} placeholder="如：外出务工，到新单位就业" />
        </Form.Item>
        <Form.Item name="byMember" valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox>团员本人申请</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** How a request by ID number works, in the words the dialogs show (here and for graduates). */
export const INCOMING_EXPLAINED =
  '已在其他组织登记的团员到本组织工作、学习或居住的，按身份证号和姓名申请将其组织关系转入。申请发给该团员现在所在的组织：' +
  '对方同意后，团员即转入本组织；对方逾期未答复的，可由双方共同的上级团委审批；再逾期仍无人答复的，申请自动失效。' +
  '为保护团员信息，对方同意前不显示其所在组织；身份证号与姓名不一致、未在系统登记或不是在册团员的，申请同样显示为“已发出”，但不会有人答复，到期失效。';

interface InValues {
  idNumber: string;
  personName: string;
  toOrgId: number;
  reason: string;
}

/** 申请转入: the receiving side asks for a member registered elsewhere, by ID number. */
export function RequestInModal({ orgId, onClose, onDone }: { orgId: number | null; onClose(): void; onDone(): void }) {
  const account = useAccount();
  const [form] = Form.useForm<InValues>();
  const { message, modal } = App.useApp();
  const refresh = useRefreshMembership();
  const { saving, refusal, run } = useDialogSubmit(form);
  const branchScope = account.scopeOrgType && isBranchType(account.scopeOrgType) ? account.scopeOrgId : undefined;

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      const answer = await call(api.membership.requestIncomingTransfer, {
        body: { idNumber: v.idNumber.trim().toUpperCase(), personName: v.personName.trim(), toOrgId: v.toOrgId, reason: v.reason.trim() },
      });
      await refresh();
      if (answer.transfer) message.success(answer.message);
      else modal.info({ title: '转入申请已发出', content: answer.message, okText: '知道了' });
      onDone();
    });
  }

  return (
    <Modal
      open
      title="申请转入"
      okText="提交申请"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={600}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="转入申请须经转出组织同意"
        description={INCOMING_EXPLAINED}
      />
      <Refusal error={refusal} />
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ toOrgId: branchScope ?? (orgId && orgId !== account.scopeOrgId ? orgId : undefined) }}>
        <IdNumberNameFields />
        <Form.Item name="toOrgId" label="转入团支部" rules={[{ required: true, message: '请选择转入的团支部' }]}>
          <OrgTreeSelect selectable={(o) => isBranchType(o.type)} placeholder="请选择本组织的团支部" />
        </Form.Item>
        <Form.Item name="reason" label="转接原因" rules={[{ required: true, whitespace: true, message: '请填写转接原因' }, { min: 2, message: '转接原因至少2个字' }, { max: 200 }]}>
          <Input.TextArea rows={2} showCount maxLength={200} placeholder="如：已在本单位就业，申请转入" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
