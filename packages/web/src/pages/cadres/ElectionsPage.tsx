import { DownloadOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  CADRE_EMPLOYMENT_LABELS,
  CADRE_EMPLOYMENTS,
  CADRE_TITLE_LABELS,
  CADRE_TITLES,
  ELECTION_KIND_LABELS,
  ELECTION_STATUS_LABELS,
  ELECTION_STEP_LABELS,
  TERM_STATUS_LABELS,
  TERM_STATUSES,
  api,
  type TermStatus,
} from '@tuanjian/domain';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tabs, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { call, download } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useAccount, useCan } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { OrgTypeTag } from '../../components/OrgTypeTag';
import { LoadError } from '../../components/PageState';
import { useShowError } from '../../lib/errors';
import { refreshCadreData } from './CadreDrawer';
import { ELECTION_STATUS_COLORS, PageHeader, TERM_STATUS_COLORS, useScopeOrg } from './shared';

type Term = api.ResponseOf<typeof api.cadres.listTerms>['items'][number];
type Election = api.cadres.ElectionItem;

/** 换届选举: each committee's term (从未换届, 久未换届, 到期…) and the elections (selections) under way or done. */
export default function ElectionsPage() {
  const [orgId, select] = useScopeOrg();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') ?? 'terms';
  const [planFor, setPlanFor] = useState<{ orgId?: number } | null>(null);
  const canEdit = useCan('org:edit');
  const setTab = (t: string) => {
    const next = new URLSearchParams(search);
    next.set('tab', t);
    setSearch(next);
  };
  return (
    <div>
      <PageHeader
        title="换届选举"
        orgId={orgId}
        onOrg={select}
        extra={
          canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setPlanFor({})} data-testid="plan-election">
              制定换届方案
            </Button>
          )
        }
      />
      {orgId && (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'terms', label: '任期与换届', children: <TermsTab orgId={orgId} onPlan={canEdit ? (id) => setPlanFor({ orgId: id }) : undefined} /> },
            { key: 'elections', label: '换届选举与选配', children: <ElectionsTab orgId={orgId} /> },
          ]}
        />
      )}
      {planFor && <PlanModal initialOrgId={planFor.orgId ?? orgId ?? undefined} onClose={() => setPlanFor(null)} />}
    </div>
  );
}

function TermsTab({ orgId, onPlan }: { orgId: number; onPlan?: (orgId: number) => void }) {
  const [search, setSearch] = useSearchParams();
  const status = (search.get('status') as TermStatus | null) ?? undefined;
  const terms = useApi(api.cadres.listTerms, { query: { under: orgId, status } });
  const showError = useShowError();
  const setStatus = (s: TermStatus | undefined) => {
    const next = new URLSearchParams(search);
    if (s) next.set('status', s);
    else next.delete('status');
    setSearch(next);
  };
  if (terms.error) return <LoadError error={terms.error} onRetry={() => void terms.refetch()} />;
  const counts = terms.data?.counts;
  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Radio.Group value={status ?? ''} onChange={(e) => setStatus((e.target.value as TermStatus) || undefined)} optionType="button">
          <Radio.Button value="">全部</Radio.Button>
          {TERM_STATUSES.map((s) => (
            <Radio.Button key={s} value={s}>
              {TERM_STATUS_LABELS[s]}
              {counts ? `（${counts[s] ?? 0}）` : ''}
            </Radio.Button>
          ))}
        </Radio.Group>
        <Button icon={<DownloadOutlined />} onClick={() => download(api.cadres.exportTerms, { query: { under: orgId, status } }, '任期与换届.xlsx').catch(showError)}>
          导出
        </Button>
      </Space>
      <Table<Term>
        rowKey="orgId"
        size="small"
        loading={terms.isLoading}
        dataSource={terms.data?.items ?? []}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 个` }}
        columns={[
          { title: '组织', dataIndex: 'orgName' },
          { title: '类型', dataIndex: 'type', render: (t) => <OrgTypeTag type={t} /> },
          { title: '上级组织', dataIndex: 'parentName', render: (v) => v ?? '—' },
          { title: '本届开始', dataIndex: 'startedOn', render: (v) => v ?? '—' },
          { title: '任期', dataIndex: 'lengthYears', render: (v) => (v ? `${v}年` : '—') },
          { title: '届满日期', dataIndex: 'endsOn', render: (v) => v ?? '—' },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: TermStatus, r) => (
              <Tag color={TERM_STATUS_COLORS[s]}>
                {TERM_STATUS_LABELS[s]}
                {r.yearsOverdue > 0 ? `（超期${r.yearsOverdue}年）` : ''}
              </Tag>
            ),
          },
          {
            title: '换届工作',
            render: (_, r) =>
              r.electionInProgress ? (
                <Link to={`/cadres/elections/${r.electionInProgress.id}`}>{ELECTION_STEP_LABELS[r.electionInProgress.stage]}后 · 查看</Link>
              ) : onPlan && r.status !== 'current' ? (
                <a onClick={() => onPlan(r.orgId)}>制定换届方案</a>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Card>
  );
}

function ElectionsTab({ orgId }: { orgId: number }) {
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<Election['status'] | undefined>();
  const list = useApi(api.cadres.listElections, { query: { under: orgId, status, page, pageSize: 20 } });
  const navigate = useNavigate();
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Card size="small">
      <Select
        allowClear
        placeholder="状态"
        style={{ width: 140, marginBottom: 12 }}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        options={(['in_progress', 'completed', 'cancelled'] as const).map((s) => ({ value: s, label: ELECTION_STATUS_LABELS[s] }))}
      />
      <Table<Election>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ onClick: () => navigate(`/cadres/elections/${r.id}`), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: '名称', dataIndex: 'title', render: (v: string, r) => <Link to={`/cadres/elections/${r.id}`}>{v}</Link> },
          { title: '组织', dataIndex: 'orgName' },
          { title: '类别', dataIndex: 'kind', render: (k: Election['kind']) => ELECTION_KIND_LABELS[k] },
          { title: '方案日期', dataIndex: 'plannedOn' },
          { title: '职数', dataIndex: 'seats', render: (s: Election['seats']) => s.map((x) => `${CADRE_TITLE_LABELS[x.title]}${x.seats}名`).join('、') },
          { title: '人选', dataIndex: 'candidates' },
          { title: '已完成', dataIndex: 'stage', render: (s: Election['stage']) => ELECTION_STEP_LABELS[s] },
          { title: '下一步', dataIndex: 'nextStep', render: (s: Election['nextStep']) => (s ? ELECTION_STEP_LABELS[s] : '—') },
          { title: '状态', dataIndex: 'status', render: (s: Election['status']) => <Tag color={ELECTION_STATUS_COLORS[s]}>{ELECTION_STATUS_LABELS[s]}</Tag> },
        ]}
      />
    </Card>
  );
}

interface PlanValues {
  orgId: number;
  kind: Election['kind'];
  title: string;
  plannedOn: Dayjs;
  seats: { title: Election['seats'][number]['title']; employment: Election['seats'][number]['employment']; seats: number }[];
  actor: string;
}

/** 制定方案: the organization, posts and seats of an election (selection). */
function PlanModal({ initialOrgId, onClose }: { initialOrgId?: number; onClose: () => void }) {
  const [form] = Form.useForm<PlanValues>();
  const [saving, setSaving] = useState(false);
  const client = useQueryClient();
  const showError = useShowError();
  const navigate = useNavigate();
  const account = useAccount();
  const { message } = App.useApp();
  const submit = async (v: PlanValues) => {
    setSaving(true);
    try {
      const e = await call(api.cadres.planElection, {
        body: { orgId: v.orgId, kind: v.kind, title: v.title, plannedOn: v.plannedOn.format('YYYY-MM-DD'), seats: v.seats, actor: v.actor },
      });
      message.success('换届方案已制定，请推荐人选');
      await refreshCadreData(client);
      onClose();
      navigate(`/cadres/elections/${e.id}`);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open width={640} title="制定换届选举（选配）方案" onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okText="制定方案">
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          orgId: initialOrgId,
          kind: 'election',
          plannedOn: dayjs(),
          actor: account.displayName,
          seats: [
            { title: 'secretary', employment: 'part_time', seats: 1 },
            { title: 'deputy_secretary', employment: 'part_time', seats: 1 },
            { title: 'member', employment: 'part_time', seats: 3 },
          ],
        }}
      >
        <Form.Item name="orgId" label="组织" rules={[{ required: true, message: '请选择组织' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="kind" label="类别">
          <Radio.Group options={(['election', 'selection'] as const).map((k) => ({ value: k, label: ELECTION_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="title" label="名称" rules={[{ required: true, message: '请填写名称' }, { min: 4, message: '名称至少4个字' }]}>
          <Input maxLength={100} placeholder="如：共青团××镇第×次代表大会换届选举" />
        </Form.Item>
        <Space>
          <Form.Item name="plannedOn" label="方案日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="actor" label="经办人" rules={[{ required: true, message: '请填写经办人' }, { min: 2, message: '经办人至少2个字' }]}>
            <Input maxLength={30} />
          </Form.Item>
        </Space>
        <Form.List name="seats">
          {(fields, { add, remove }) => (
            <>
              <div style={{ marginBottom: 8 }}>职务及名额</div>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true, message: '请选择职务' }]}>
                    <Select style={{ width: 130 }} options={CADRE_TITLES.map((t) => ({ value: t, label: CADRE_TITLE_LABELS[t] }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'employment']} rules={[{ required: true }]}>
                    <Select style={{ width: 100 }} options={CADRE_EMPLOYMENTS.map((t) => ({ value: t, label: CADRE_EMPLOYMENT_LABELS[t] }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'seats']} rules={[{ required: true, message: '请填写名额' }]}>
                    <InputNumber min={1} max={30} suffix="名" style={{ width: 110 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ title: 'member', employment: 'part_time', seats: 1 })} icon={<PlusOutlined />}>
                添加职务
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
