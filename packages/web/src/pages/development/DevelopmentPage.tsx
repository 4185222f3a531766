import { ReloadOutlined, WarningFilled } from '@ant-design/icons';
import { DEVELOPMENT_STAGE_LABELS, DEVELOPMENT_STEPS, GENDER_LABELS, api, type DevelopmentStep } from '@tuanjian/domain';
import { Badge, Button, Card, Input, Segmented, Space, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { useAccount } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError } from '../../components/PageState';
import { CASE_STATUS_COLORS, CASE_STATUS_LABELS, type CaseStatus } from '../../lib/people';
import { JoinApplications } from './JoinApplications';

type CaseItem = api.ResponseOf<typeof api.development.listCases>['items'][number];

/** Stages a case can be at while in progress (after the oath it is admitted). */
const OPEN_STAGES = DEVELOPMENT_STEPS.filter((s) => s !== 'oath');
const STATUSES: CaseStatus[] = ['in_progress', 'admitted', 'stopped', 'revoked'];

/** 团员发展: cases of the caller's subtree by stage, warnings first to the eye. */
export default function DevelopmentPage() {
  const account = useAccount();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const orgId = Number(search.get('org')) || account.scopeOrgId || null;
  const stage = (OPEN_STAGES as readonly string[]).includes(search.get('stage') ?? '') ? (search.get('stage') as DevelopmentStep) : undefined;
  const status = (STATUSES as string[]).includes(search.get('status') ?? '') ? (search.get('status') as CaseStatus) : 'in_progress';
  const flagged = search.get('flagged') === 'true';
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const year = new Date().getFullYear();

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setSearch(next, { replace: true });
    setPage(1);
  };

  const funnel = useApi(api.development.getFunnel, orgId ? { query: { orgId, year } } : undefined, { enabled: !!orgId });
  const cases = useApi(api.development.listCases, {
    query: {
      under: orgId ?? undefined,
      stage: status === 'in_progress' ? stage : undefined,
      status,
      flagged: flagged ? 'true' : undefined,
      q: q || undefined,
      page,
      pageSize,
    },
  });
  const counts = new Map(funnel.data?.stages.map((s) => [s.stage, s.count]));
  const openTotal = OPEN_STAGES.reduce((n, s) => n + (counts.get(s) ?? 0), 0);

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <h1 className="tj-page-title" style={{ margin: 0 }}>
          团员发展
        </h1>
        <Space wrap>
          <Typography.Text type="secondary">组织</Typography.Text>
          <OrgTreeSelect value={orgId} onChange={(id) => update({ org: id ? String(id) : null })} style={{ width: 320 }} allowClear={account.scopeOrgId === null} placeholder="全部" />
          <Link to="/people?kind=youth">从名册发起入团申请</Link>
        </Space>
      </Space>
      <JoinApplications under={orgId} />
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Segmented<CaseStatus>
            value={status}
            onChange={(v) => update({ status: v === 'in_progress' ? null : v, stage: null })}
            options={STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))}
          />
          <Space wrap>
            <Space size={6}>
              <Switch size="small" checked={flagged} onChange={(v) => update({ flagged: v ? 'true' : null })} />
              <span>
                只看待复核预警
                {funnel.data && funnel.data.flagged > 0 && <Badge count={funnel.data.flagged} style={{ marginInlineStart: 6 }} />}
              </span>
            </Space>
            <Input.Search
              allowClear
              placeholder="姓名"
              style={{ width: 180 }}
              onSearch={(v) => {
                setQ(v.trim());
                setPage(1);
              }}
            />
            <Button icon={<ReloadOutlined />} onClick={() => void Promise.all([cases.refetch(), funnel.refetch()])}>
              刷新
            </Button>
          </Space>
        </Space>
        {status === 'in_progress' && (
          <Tabs
            style={{ marginTop: 8 }}
            activeKey={stage ?? 'all'}
            onChange={(k) => update({ stage: k === 'all' ? null : k })}
            items={[
              { key: 'all', label: <span>全部 <Typography.Text type="secondary">{funnel.data ? openTotal : ''}</Typography.Text></span> },
              ...OPEN_STAGES.map((s) => ({
                key: s,
                label: (
                  <span>
                    {DEVELOPMENT_STAGE_LABELS[s]} <Typography.Text type="secondary">{counts.get(s) ?? (funnel.data ? 0 : '')}</Typography.Text>
                  </span>
                ),
              })),
            ]}
          />
        )}
        {cases.error ? (
          <LoadError error={cases.error} onRetry={() => void cases.refetch()} />
        ) : (
          <Table<CaseItem>
            rowKey="id"
            data-testid="cases-table"
            style={{ marginTop: status === 'in_progress' ? 0 : 16 }}
            loading={cases.isFetching}
            dataSource={cases.data?.items ?? []}
            rowClassName={(c) => (c.flags.length ? 'tj-clickable-row tj-row-flagged' : 'tj-clickable-row')}
            onRow={(c) => ({ onClick: () => navigate(`/development/cases/${c.id}`) })}
            pagination={{
              current: page,
              pageSize,
              total: cases.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (t) => `共 ${t} 人`,
              onChange: (p, s) => {
                setPage(s !== pageSize ? 1 : p);
                setPageSize(s);
              },
            }}
            columns={[
              {
                title: '姓名',
                dataIndex: 'personName',
                width: 140,
                render: (n: string, c) => (
                  <Space size={4}>
                    <Typography.Link>{n}</Typography.Link>
                    {c.flags.length > 0 && (
                      <Tooltip title={c.flags.join('；')}>
                        <WarningFilled style={{ color: '#d4622b' }} aria-label="预警" />
                      </Tooltip>
                    )}
                  </Space>
                ),
              },
              { title: '性别', dataIndex: 'gender', width: 60, render: (g: keyof typeof GENDER_LABELS) => GENDER_LABELS[g] },
              { title: '年龄', dataIndex: 'age', width: 60, align: 'right' },
              { title: '所在团支部', dataIndex: 'branchName', ellipsis: true },
              { title: '所处阶段', dataIndex: 'stage', width: 130, render: (s: DevelopmentStep) => <Tag color="processing">{DEVELOPMENT_STAGE_LABELS[s]}</Tag> },
              { title: '状态', dataIndex: 'status', width: 90, render: (s: CaseStatus) => <Tag color={CASE_STATUS_COLORS[s]}>{CASE_STATUS_LABELS[s]}</Tag> },
              { title: '申请日期', dataIndex: 'startedOn', width: 110 },
              { title: '批准日期', dataIndex: 'approvedOn', width: 110, render: (d: string | null) => d ?? '—' },
              {
                title: '预警',
                dataIndex: 'flags',
                width: 220,
                ellipsis: true,
                render: (flags: string[]) =>
                  flags.length ? (
                    <Tooltip title={flags.join('；')}>
                      <Typography.Text type="warning">
                        {flags.map((f) => f.split('：')[0]).join('、')}
                      </Typography.Text>
                    </Tooltip>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
