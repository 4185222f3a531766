import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { CAMPAIGN_TARGET_STATE_LABELS, TERM_STATUS_LABELS, api } from '@tuanjian/domain';
import { Button, Card, DatePicker, Empty, Form, Input, Modal, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { call } from '../../api/client';
import { invalidate, useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { LoadError, PageLoading } from '../../components/PageState';
import { PageHeader, Refusal, useDialogSubmit, useScopeOrg, ymd } from '../../components/page';

type Campaign = api.registries.CampaignItem;
type Target = Campaign['targets'][number];

/** 限期换届: campaigns the committee started (or that name the caller's organization), progress by organization and step, overdue flagged. */
export default function CampaignsPage() {
  const { orgId, setOrg } = useScopeOrg();
  const canManage = useCan('org:manage');
  const [creating, setCreating] = useState(false);
  const list = useApi(api.registries.listElectionCampaigns, { query: { under: orgId ?? undefined } }, { enabled: !!orgId });
  return (
    <div>
      <PageHeader title="限期换届" orgId={orgId} onOrg={setOrg}>
        {!!list.data?.length && (
          <ExportButton contract={api.registries.exportElectionCampaigns} input={{ query: { under: orgId ?? undefined } }} fileName="换届工作部署.xlsx" announce data-testid="campaign-export" />
        )}
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-add">
            部署限期换届
          </Button>
        )}
      </PageHeader>
      {list.error && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      {!list.data ? (
        <PageLoading />
      ) : list.data.length === 0 ? (
        <Empty description="没有限期换届部署" />
      ) : (
        list.data.map((c) => (
          <Card
            key={c.id}
            size="small"
            style={{ marginBottom: 16 }}
            title={c.title}
          >
            {/* Under the title, not beside it: on a phone the title keeps the card's width. */}
            <Space wrap style={{ marginBottom: 8 }}>
              <span>期限 {c.deadline}</span>
              <Tag color="green">已完成 {c.completed}/{c.targets.length}</Tag>
              {c.overdue > 0 && <Tag color="red">逾期 {c.overdue}</Tag>}
            </Space>
            <Table<Target>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={c.targets}
              scroll={{ x: 640 }}
              data-testid="campaign-targets"
              rowClassName={(t) => (t.overdue ? 'tj-row-flagged' : '')}
              columns={[
                { title: '组织', dataIndex: 'orgName', width: 240 },
                { title: '状态', dataIndex: 'state', width: 90, render: (s: Target['state'], t) => <span>{CAMPAIGN_TARGET_STATE_LABELS[s]}{t.overdue && <Tag color="red" style={{ marginInlineStart: 6 }}>逾期</Tag>}</span> },
                {
                  title: '进度（换届步骤）',
                  key: 'steps',
                  width: 240,
                  render: (_: unknown, t) => (
                    <Space>
                      <Progress percent={Math.round((t.stepsDone / t.stepsTotal) * 100)} steps={t.stepsTotal} size="small" showInfo={false} />
                      {t.electionId ? <Link to={`/cadres/elections/${t.electionId}`}>{t.stepLabel}</Link> : t.stepLabel}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        ))
      )}
      {creating && orgId && <CampaignModal orgId={orgId} onClose={() => setCreating(false)} />}
    </div>
  );
}

/** Starts a campaign: the committee's organizations whose term has ended (or was never recorded) are offered first. */
function CampaignModal({ orgId, onClose }: { orgId: number; onClose(): void }) {
  const [form] = Form.useForm<{ title: string; deadline: Dayjs; targetIds: number[] }>();
  const { saving, refusal, run } = useDialogSubmit(form);
  const client = useQueryClient();
  const terms = useApi(api.cadres.listTerms, { query: { under: orgId } });
  const options = (terms.data?.items ?? [])
    .filter((t) => t.orgId !== orgId && (t.type === 'township' || t.type === 'subdistrict' || t.status !== 'current'))
    .map((t) => ({ value: t.orgId, label: `${t.orgName}（${TERM_STATUS_LABELS[t.status]}）`, overdue: t.status !== 'current' && t.status !== 'due' }));
  return (
    <Modal open title="部署限期换届" width={640} okText="部署" confirmLoading={saving} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          void run(async () => {
            await call(api.registries.createElectionCampaign, { body: { orgId, title: v.title, deadline: ymd(v.deadline), targetIds: v.targetIds } });
            await invalidate(client, api.registries.listElectionCampaigns, api.inbox.getInbox);
            onClose();
          })
        }
      >
        <Form.Item name="title" label="部署名称" rules={[{ required: true, message: '请填写部署名称' }]}>
          <Input maxLength={60} placeholder="如：2026年乡镇团委限期换届" />
        </Form.Item>
        <Form.Item name="deadline" label="完成期限" rules={[{ required: true, message: '请选择完成期限' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="targetIds" label="换届组织" rules={[{ required: true, message: '请选择换届组织' }]} extra={<Typography.Link onClick={() => form.setFieldValue('targetIds', options.filter((o) => o.overdue).map((o) => o.value))}>选择全部任期届满未换届的</Typography.Link>}>
          <Select mode="multiple" loading={terms.isLoading} options={options} optionFilterProp="label" />
        </Form.Item>
      </Form>
      {refusal ? <Refusal error={refusal} /> : null}
    </Modal>
  );
}
