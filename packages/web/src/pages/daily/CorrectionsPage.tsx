import { api, educationName, ethnicityName, type api as Api } from '@tuanjian/domain';
import { App, Button, Card, Form, Input, List, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/client';
import { invalidate, useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { LoadError } from '../../components/PageState';
import { PageHeader, Refusal, useDialogSubmit, useScopeOrg } from '../../components/page';
import { useRecordParam } from '../../components/useRecordParam';

const d = api.dailyWork;
type Item = Api.dailyWork.CorrectionItem;
type Status = Item['status'];
const STATUS: Record<Status, { label: string; color: string }> = {
  open: { label: '待办理', color: 'orange' },
  accepted: { label: '已更正', color: 'green' },
  declined: { label: '不予更正', color: 'default' },
};
/** Fields the server writes into the record on acceptance; the others are changed in the roster first. */
const APPLIED: Item['field'][] = ['name', 'occupation'];

/**
 * 信息更正申请: what members asked to correct from the portal, for the branch
 * (and the committees above) to accept — the record is changed through the
 * roster's own update — or decline with a reason the member sees.
 * `?correction=<id>` (the inbox's link) opens that request.
 */
export default function CorrectionsPage() {
  const { orgId, setOrg } = useScopeOrg();
  const [status, setStatus] = useState<Status | 'all'>('open');
  const [openId, setOpenId] = useRecordParam('correction');
  const under = orgId ?? undefined;
  const list = useApi(d.listCorrections, { query: { under, status: status === 'all' ? undefined : status } }, { enabled: !!orgId, refetchOnMount: 'always' });
  const all = useApi(d.listCorrections, { query: { under } }, { enabled: !!orgId && !!openId });
  const opened = openId ? (all.data ?? list.data ?? []).find((i) => i.id === openId) : undefined;
  const canWrite = useCan('person:write');

  return (
    <div>
      <PageHeader title="信息更正申请" orgId={orgId} onOrg={setOrg}>
        <ExportButton contract={d.exportCorrections} input={{ query: { under, status: status === 'all' ? undefined : status } }} fileName="信息更正申请.xlsx" />
      </PageHeader>
      <Card>
        <Radio.Group value={status} onChange={(e) => setStatus(e.target.value as Status | 'all')} style={{ marginBottom: 12 }}>
          <Radio.Button value="open">待办理</Radio.Button>
          <Radio.Button value="accepted">已更正</Radio.Button>
          <Radio.Button value="declined">不予更正</Radio.Button>
          <Radio.Button value="all">全部</Radio.Button>
        </Radio.Group>
        {list.error ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <List<Item>
            data-testid="corrections"
            loading={list.isFetching}
            dataSource={list.data ?? []}
            locale={{ emptyText: status === 'open' ? '没有待办理的更正申请' : '没有更正申请' }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            renderItem={(i) => (
              <List.Item
                key={i.id}
                data-testid={`correction-${i.id}`}
                style={{ background: i.id === openId ? '#fff1f0' : undefined, flexWrap: 'wrap', gap: 8 }}
                actions={[
                  <Button key="open" type={i.status === 'open' ? 'primary' : 'default'} onClick={() => setOpenId(i.id)}>
                    {i.status === 'open' && canWrite ? '办理' : '查看'}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space wrap size={4}>
                      <span>{i.personName}</span>
                      <Tag>{d.CORRECTION_FIELD_LABELS[i.field]}</Tag>
                      <Tag color={STATUS[i.status].color}>{STATUS[i.status].label}</Tag>
                    </Space>
                  }
                  description={
                    <span style={{ wordBreak: 'break-all' }}>
                      申请改为：{i.value}
                      {i.orgName ? ` · ${i.orgName}` : ''} · {i.requestedAt.slice(0, 10)}
                    </span>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      {openId && <ResolveDialog item={opened} loading={all.isFetching || list.isFetching} canWrite={canWrite} onClose={() => setOpenId(null)} />}
    </div>
  );
}

function ResolveDialog({ item, loading, canWrite, onClose }: { item: Item | undefined; loading: boolean; canWrite: boolean; onClose(): void }) {
  const [form] = Form.useForm<{ accepted: boolean; note: string }>();
  const { saving, refusal, run } = useDialogSubmit(form);
  const { message } = App.useApp();
  const client = useQueryClient();
  const accepted = Form.useWatch('accepted', form);
  const open = item?.status === 'open' && canWrite;
  const person = useApi(api.people.getPerson, { params: { id: item?.personId ?? 0 } }, { enabled: !!item });

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      await call(d.resolveCorrection, { body: { personId: item!.personId, requestId: item!.id, accepted: v.accepted, note: v.note.trim() } });
      invalidate(client, d.listCorrections, api.people.getPerson);
      message.success(v.accepted ? '已更正，团员可在“我的”中看到办理结果' : '已答复不予更正');
      onClose();
    });
  }

  const current = item && person.data ? currentValue(item.field, person.data as Record<string, unknown>) : undefined;
  return (
    <Modal
      open
      title="信息更正申请"
      onCancel={onClose}
      confirmLoading={saving}
      onOk={open ? () => void submit() : onClose}
      okText={open ? '提交' : '关闭'}
      cancelButtonProps={{ style: open ? undefined : { display: 'none' } }}
      width={520}
    >
      {!item ? (
        <Typography.Paragraph type="secondary">{loading ? '正在加载…' : '该申请不存在或不在您的管理范围内'}</Typography.Paragraph>
      ) : (
        <>
          <dl data-testid="correction-detail" style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 12px', wordBreak: 'break-all' }}>
            <dt>团员</dt>
            <dd style={{ margin: 0 }}>
              <Link to={`/people?person=${item.personId}`}>{item.personName}</Link>
              {item.orgName ? `（${item.orgName}）` : ''}
            </dd>
            <dt>更正项目</dt>
            <dd style={{ margin: 0 }}>{d.CORRECTION_FIELD_LABELS[item.field]}</dd>
            <dt>当前登记</dt>
            <dd style={{ margin: 0 }} data-testid="correction-current">{current ?? '—'}</dd>
            <dt>申请改为</dt>
            <dd style={{ margin: 0 }}>{item.value}</dd>
            <dt>理由</dt>
            <dd style={{ margin: 0 }}>{item.note ?? '—'}</dd>
            <dt>申请时间</dt>
            <dd style={{ margin: 0 }}>{item.requestedAt.slice(0, 16).replace('T', ' ')}</dd>
            {item.status !== 'open' && (
              <>
                <dt>办理结果</dt>
                <dd style={{ margin: 0 }}>
                  {STATUS[item.status].label}：{item.resolution}（{item.resolvedAt?.slice(0, 10)}）
                </dd>
              </>
            )}
          </dl>
          {open && (
            <Form form={form} layout="vertical" initialValues={{ accepted: true }}>
              <Form.Item name="accepted" label="办理" rules={[{ required: true, message: '请选择是否更正' }]}>
                <Radio.Group>
                  <Radio value={true}>{APPLIED.includes(item.field) ? '更正（写入名册）' : '已在名册中更正'}</Radio>
                  <Radio value={false}>不予更正</Radio>
                </Radio.Group>
              </Form.Item>
              {accepted && !APPLIED.includes(item.field) && (
                <Typography.Paragraph type="secondary">
                  此项请先在<Link to={`/people?person=${item.personId}`}>团员名册</Link>中核实修改，再标记已更正。
                </Typography.Paragraph>
              )}
              <Form.Item
                name="note"
                label={accepted ? '办理说明' : '不予更正的原因'}
                rules={[{ required: true, whitespace: true, message: accepted ? '请填写办理说明' : '请填写不予更正的原因' }, { min: 2, max: 200, message: '办理说明应为2至200字' }]}
              >
                <Input.TextArea rows={3} maxLength={200} />
              </Form.Item>
              <Refusal error={refusal} />
            </Form>
          )}
        </>
      )}
    </Modal>
  );
}

/** The record's present value of a requested field (masked as the record shows it). */
function currentValue(field: Item['field'], p: Record<string, unknown>): string | undefined {
  const code = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
  const v = field === 'ethnicity' ? ethnicityName(code('ethnicity')) : field === 'education' ? educationName(code('education')) : field === 'other' ? undefined : p[field];
  return v === null || v === undefined || v === '' ? undefined : String(v);
}
