import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { APPRAISAL_CAMPAIGN_STATUS_LABELS, APPRAISAL_KIND_LABELS, APPRAISAL_KINDS, APPRAISAL_SIDE_LABELS, CADRE_GRADE_LABELS, api } from '@tuanjian/domain';
import { App, Button, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call, download } from '../../api/client';
import { invalidate, useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError, PageLoading } from '../../components/PageState';
import { useShowError } from '../../lib/errors';
import { PageHeader, useScopeOrg } from './shared';

type Campaign = api.ResponseOf<typeof api.cadres.listAppraisalCampaigns>[number];
type Detail = api.ResponseOf<typeof api.cadres.getAppraisalCampaign>;
type Entry = Detail['entries'][number];
type Grade = keyof typeof CADRE_GRADE_LABELS;

const refresh = (client: ReturnType<typeof useQueryClient>) =>
  invalidate(client, api.cadres.listAppraisalCampaigns, api.cadres.getAppraisalCampaign, api.cadres.getCadre, api.cadres.listCadres);

/** 考核评议: appraisal campaigns, three-sided scores, ranking and grades. */
export default function CadreAppraisalsPage() {
  const [orgId, select] = useScopeOrg();
  const [year, setYear] = useState<number | undefined>();
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const canEdit = useCan('membership:approve');
  const list = useApi(api.cadres.listAppraisalCampaigns, { query: { under: orgId ?? undefined, year } }, { enabled: orgId !== null });
  const thisYear = new Date().getFullYear();
  return (
    <div>
      <PageHeader
        title="考核评议"
        orgId={orgId}
        onOrg={select}
        extra={
          <>
            <Select allowClear placeholder="年度" style={{ width: 100 }} value={year} onChange={setYear} options={[0, 1, 2, 3].map((d) => ({ value: thisYear - d, label: `${thisYear - d}年` }))} />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                开展考核
              </Button>
            )}
          </>
        }
      />
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Campaign>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data ?? []}
          onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: '名称', dataIndex: 'title', render: (v: string) => <a>{v}</a> },
            { title: '组织', dataIndex: 'orgName' },
            { title: '类别', dataIndex: 'kind', render: (k: Campaign['kind']) => APPRAISAL_KIND_LABELS[k] },
            { title: '年度', dataIndex: 'year' },
            { title: '权重', dataIndex: 'weights', render: (w: Campaign['weights']) => `团内${w.inner * 100}% · 党政${w.party * 100}% · 青年${w.youth * 100}%` },
            { title: '已评分', render: (_, r) => `${r.scored} / ${r.appraised}` },
            { title: '状态', dataIndex: 'status', render: (s: Campaign['status']) => <Tag color={s === 'open' ? 'processing' : 'success'}>{APPRAISAL_CAMPAIGN_STATUS_LABELS[s]}</Tag> },
          ]}
        />
      )}
      <Drawer open={open !== null} onClose={() => setOpen(null)} size="large" title="考核详情" destroyOnHidden>
        {open !== null && <CampaignView id={open} />}
      </Drawer>
      {creating && <OpenModal orgId={orgId} onClose={() => setCreating(false)} onOpened={(id) => setOpen(id)} />}
    </div>
  );
}

function CampaignView({ id }: { id: number }) {
  const detail = useApi(api.cadres.getAppraisalCampaign, { params: { id } });
  const [scoring, setScoring] = useState<Entry | null>(null);
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  if (detail.isLoading) return <PageLoading />;
  if (detail.error || !detail.data) return <LoadError error={detail.error} />;
  const d = detail.data;
  const close = async () => {
    try {
      await call(api.cadres.closeAppraisalCampaign, { params: { id }, body: {} });
      message.success('考核已完成，已排名并评定等次');
      await refresh(client);
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {d.title} <Tag>{APPRAISAL_CAMPAIGN_STATUS_LABELS[d.status]}</Tag>
        </Typography.Title>
        <Space>
          <Button icon={<DownloadOutlined />} onClick={() => download(api.cadres.exportAppraisalCampaign, { params: { id } }, '考核结果.xlsx').catch(showError)}>
            导出
          </Button>
          {d.can.close && d.status === 'open' && (
            <Popconfirm title="完成考核后将排名并评定等次，不能再修改评分。确定完成？" onConfirm={() => void close()}>
              <Button type="primary">完成考核</Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
      <Typography.Text type="secondary">
        {d.orgName} · {d.year}年 · 已评分 {d.scored}/{d.appraised} 人 · 权重：{APPRAISAL_SIDE_LABELS.inner}
        {d.weights.inner * 100}%、{APPRAISAL_SIDE_LABELS.party}
        {d.weights.party * 100}%、{APPRAISAL_SIDE_LABELS.youth}
        {d.weights.youth * 100}%
      </Typography.Text>
      <Tabs
        items={[
          {
            key: 'entries',
            label: '团干部评分与排名',
            children: (
              <Table<Entry>
                rowKey="cadreId"
                size="small"
                dataSource={d.entries}
                pagination={{ pageSize: 20 }}
                columns={[
                  { title: '排名', dataIndex: 'rank', width: 60, render: (v) => v ?? '—' },
                  { title: '姓名', dataIndex: 'name' },
                  { title: '职务', dataIndex: 'posts' },
                  { title: '团内述职', dataIndex: 'inner', render: (v) => v ?? '—' },
                  { title: '党政评价', dataIndex: 'party', render: (v) => v ?? '—' },
                  { title: '青年参评', dataIndex: 'youth', render: (v) => v ?? '—' },
                  { title: '总分', dataIndex: 'total', render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
                  { title: '等次', dataIndex: 'grade', render: (g: Grade | null) => (g ? <Tag color={g === 'excellent' ? 'gold' : g === 'incompetent' ? 'error' : 'default'}>{CADRE_GRADE_LABELS[g]}</Tag> : '—') },
                  { title: '操作', render: (_, e) => (d.can.score && d.status === 'open' ? <a onClick={() => setScoring(e)}>评分</a> : null) },
                ]}
              />
            ),
          },
          {
            key: 'orgs',
            label: '组织排名',
            children: (
              <Table
                rowKey="orgId"
                size="small"
                dataSource={d.byOrg}
                pagination={false}
                columns={[
                  { title: '排名', dataIndex: 'rank', render: (v) => v ?? '—' },
                  { title: '组织', dataIndex: 'orgName' },
                  { title: '人数', dataIndex: 'count' },
                  { title: '平均分', dataIndex: 'average', render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
                ]}
              />
            ),
          },
        ]}
      />
      {scoring && <ScoreModal campaignId={id} e={scoring} onClose={() => setScoring(null)} />}
    </Space>
  );
}

function ScoreModal({ campaignId, e, onClose }: { campaignId: number; e: Entry; onClose: () => void }) {
  const [form] = Form.useForm<{ inner: number | null; party: number | null; youth: number | null }>();
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const submit = async (v: { inner?: number | null; party?: number | null; youth?: number | null }) => {
    try {
      await call(api.cadres.scoreAppraisal, { params: { id: campaignId }, body: { cadreId: e.cadreId, inner: v.inner ?? null, party: v.party ?? null, youth: v.youth ?? null } });
      message.success('已保存评分');
      await refresh(client);
      onClose();
    } catch (err) {
      showError(err, form);
    }
  };
  return (
    <Modal open title={`评分：${e.name}`} onCancel={onClose} onOk={() => form.submit()} okText="保存">
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ inner: e.inner, party: e.party, youth: e.youth }}>
        {(['inner', 'party', 'youth'] as const).map((k) => (
          <Form.Item key={k} name={k} label={`${APPRAISAL_SIDE_LABELS[k]}（百分制）`}>
            <InputNumber min={0} max={100} precision={0} style={{ width: 160 }} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

function OpenModal({ orgId, onClose, onOpened }: { orgId: number | null; onClose: () => void; onOpened: (id: number) => void }) {
  const [form] = Form.useForm<{ orgId: number; title: string; kind: Campaign['kind']; year: number; target: 'secretaries' | 'cadres' }>();
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const submit = async (v: { orgId: number; title: string; kind: Campaign['kind']; year: number; target: 'secretaries' | 'cadres' }) => {
    try {
      const d = await call(api.cadres.openAppraisalCampaign, { body: v });
      message.success('已开展考核');
      await refresh(client);
      onClose();
      onOpened(d.id);
    } catch (err) {
      showError(err, form);
    }
  };
  return (
    <Modal open title="开展考核" onCancel={onClose} onOk={() => form.submit()} okText="开展">
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ orgId, kind: 'review', year: new Date().getFullYear(), target: 'secretaries' }}>
        <Form.Item name="orgId" label="组织" rules={[{ required: true, message: '请选择组织' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="title" label="名称" rules={[{ required: true, message: '请填写名称' }, { min: 4, message: '名称至少4个字' }]}>
          <Input maxLength={100} placeholder="如：2026年度团支部书记考核评议" />
        </Form.Item>
        <Space>
          <Form.Item name="kind" label="考核类别">
            <Select style={{ width: 140 }} options={APPRAISAL_KINDS.map((k) => ({ value: k, label: APPRAISAL_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="year" label="年度" rules={[{ required: true }]}>
            <InputNumber min={1950} max={2100} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="target" label="考核对象">
          <Radio.Group
            options={[
              { value: 'secretaries', label: '全部书记' },
              { value: 'cadres', label: '全部团干部' },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
