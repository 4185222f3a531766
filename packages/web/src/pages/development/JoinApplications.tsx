import { useQueryClient } from '@tanstack/react-query';
import { api } from '@tuanjian/domain';
import { App, Button, Card, Collapse, Form, Input, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { call } from '../../api/client';
import { invalidate, useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { Refusal, useDialogSubmit } from '../../components/page';
import { useShowError } from '../../lib/errors';

const d = api.dailyWork;
type Application = api.dailyWork.JoinApplicationItem;

/**
 * 在线入团申请: applications young people submitted on the public page
 * (/join), pending in the organization's subtree; one card each (fits a
 * phone). 受理 registers the youth when needed and opens the development
 * case; 不予受理 records a reason. Nothing is shown when none wait.
 */
export function JoinApplications({ under }: { under: number | null }) {
  const list = useApi(d.listJoinApplications, { query: { under: under ?? undefined } });
  const canWrite = useCan('development:write');
  const [declining, setDeclining] = useState<Application | null>(null);
  if (!list.data?.length) return null;
  return (
    <Card title={`在线入团申请（${list.data.length}份待受理）`} size="small" style={{ marginBottom: 16 }} data-testid="join-applications">
      <List
        grid={{ gutter: 12, xs: 1, sm: 1, md: 2, lg: 3 }}
        dataSource={list.data}
        renderItem={(a) => (
          <List.Item>
            <ApplicationCard application={a} canWrite={canWrite} onDecline={() => setDeclining(a)} />
          </List.Item>
        )}
      />
      {declining && <DeclineDialog application={declining} onClose={() => setDeclining(null)} />}
    </Card>
  );
}

function useRefresh() {
  const client = useQueryClient();
  return () => invalidate(client, d.listJoinApplications, api.development.listCases, api.development.getFunnel, api.inbox.getInbox, api.inbox.inboxCount);
}

function ApplicationCard({ application: a, canWrite, onDecline }: { application: Application; canWrite: boolean; onDecline(): void }) {
  const { message } = App.useApp();
  const showError = useShowError();
  const refresh = useRefresh();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const accept = async () => {
    setBusy(true);
    try {
      const r = await call(d.acceptJoinApplication, { params: { id: a.id } });
      message.success(`已受理${a.name}的入团申请，发展程序已开始`);
      await refresh();
      if (r.caseId) navigate(`/development/cases/${r.caseId}`);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" type="inner" data-testid={`join-application-${a.id}`} title={`${a.name} · ${a.gender === 'male' ? '男' : '女'}`} extra={<Tag color="orange">待受理</Tag>}>
      <div style={{ lineHeight: '26px' }}>
        <div>出生日期：{a.birthDate}</div>
        <div>身份证号：{a.idNumberMasked}</div>
        <div>
          手机：<a href={`tel:${a.phone}`}>{a.phone}</a>
        </div>
        <div>学校或单位：{a.school}</div>
        <div>提交日期：{a.submittedOn}</div>
      </div>
      <Collapse size="small" ghost items={[{ key: 'c', label: '入团申请书', children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.content}</Typography.Paragraph> }]} />
      {canWrite && (
        <Space wrap style={{ marginTop: 8 }}>
          <Popconfirm title={`受理${a.name}的入团申请？未登记的将登记到${a.orgName}。`} okText="受理" cancelText="取消" onConfirm={() => void accept()}>
            <Button type="primary" loading={busy} style={{ minHeight: 44 }}>
              受理
            </Button>
          </Popconfirm>
          <Button style={{ minHeight: 44 }} onClick={onDecline}>
            不予受理
          </Button>
        </Space>
      )}
    </Card>
  );
}

function DeclineDialog({ application, onClose }: { application: Application; onClose(): void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { saving, refusal, run } = useDialogSubmit(form);
  const refresh = useRefresh();
  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      await call(d.declineJoinApplication, { params: { id: application.id }, body: { reason: v.reason.trim() } });
      await refresh();
      onClose();
    });
  };
  return (
    <Modal open title={`不予受理${application.name}的入团申请`} okText="确定" cancelText="取消" confirmLoading={saving} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} destroyOnHidden>
      {refusal ? <Refusal error={refusal} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="不予受理原因" rules={[{ required: true, whitespace: true, min: 2, message: '请填写原因（至少2个字）' }]}>
          <Input.TextArea rows={3} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
