import { useQueryClient } from '@tanstack/react-query';
import { api } from '@tuanjian/domain';
import { Alert, App, Button, Card, Col, Empty, InputNumber, Progress, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, call } from '../../api/client';
import { invalidate, useApi } from '../../api/hooks';
import { useAccount, useCan } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError, PageLoading } from '../../components/PageState';
import { errorMessage, useShowError } from '../../lib/errors';

type QuotaOverview = api.ResponseOf<typeof api.development.getQuotas>;
type QuotaLine = QuotaOverview['children'][number];

const left = (l: QuotaLine) => (l.quota === null ? null : l.quota - l.used);

/** 发展指标: an organization's yearly quota, what is used and left, and its children's shares (editable by the committee above them). */
export default function QuotasPage() {
  const account = useAccount();
  const [search, setSearch] = useSearchParams();
  const roots = useApi(api.orgs.listRoots, undefined, { enabled: account.scopeOrgId === null });
  const thisYear = new Date().getFullYear();
  const orgId = Number(search.get('org')) || account.scopeOrgId || roots.data?.[0]?.id || null;
  const year = Number(search.get('year')) || thisYear;

  const set = (changes: { org?: number; year?: number }) => {
    setSearch({ org: String(changes.org ?? orgId ?? ''), year: String(changes.year ?? year) }, { replace: true });
  };

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <h1 className="tj-page-title" style={{ margin: 0 }}>
          发展指标
        </h1>
        <Space wrap>
          <Typography.Text type="secondary">组织</Typography.Text>
          <OrgTreeSelect value={orgId} onChange={(id) => id && set({ org: id })} style={{ width: 320 }} />
          <Typography.Text type="secondary">年度</Typography.Text>
          <Select
            value={year}
            onChange={(y) => set({ year: y })}
            style={{ width: 110 }}
            options={[thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: `${y}年` }))}
          />
        </Space>
      </Space>
      {orgId ? (
        <QuotaView orgId={orgId} year={year} onDrill={(id) => set({ org: id })} />
      ) : roots.isLoading ? (
        <PageLoading />
      ) : (
        <Card>
          <Empty description="暂无可查看的组织" />
        </Card>
      )}
    </div>
  );
}

function QuotaView({ orgId, year, onDrill }: { orgId: number; year: number; onDrill(id: number): void }) {
  const account = useAccount();
  const mayApprove = useCan('development:approve');
  const quotas = useApi(api.development.getQuotas, { query: { orgId, year } });
  if (quotas.isLoading) return <PageLoading />;
  if (quotas.error || !quotas.data) return <LoadError error={quotas.error} onRetry={() => void quotas.refetch()} />;
  const data = quotas.data;
  const org = data.org;
  // A committee sets the quotas of the organizations below it; its own comes from above.
  const canSetChildren = mayApprove;
  const canSetOwn = mayApprove && org.orgId !== account.scopeOrgId;
  const orgLeft = left(org);
  const unassigned = org.quota === null ? null : org.quota - data.assignedToChildren;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="quota-org">
            {org.orgName} · {year}年度
          </Typography.Title>
          {canSetOwn && <QuotaEditor line={org} year={year} label="调整本级指标" />}
        </Space>
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={12} md={6} xl={4}>
            <Statistic title="年度指标" value={org.quota ?? '未下达'} suffix={org.quota === null ? undefined : '名'} />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Statistic title="已审批" value={org.used} suffix="名" />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Statistic title="剩余" value={orgLeft ?? '—'} suffix={orgLeft === null ? undefined : '名'} styles={{ content: { color: orgLeft !== null && orgLeft <= 0 ? '#cf1322' : undefined } }} />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Statistic title="已分解给下级" value={data.assignedToChildren} suffix="名" />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Statistic title="未分解" value={unassigned ?? '—'} suffix={unassigned === null ? undefined : '名'} />
          </Col>
          <Col xs={24} xl={4}>
            {org.quota ? (
              <div>
                <Typography.Text type="secondary">使用进度</Typography.Text>
                <Progress percent={Math.min(100, Math.round((org.used / org.quota) * 1000) / 10)} strokeColor="#b81c22" />
              </div>
            ) : null}
          </Col>
        </Row>
        {org.quota === null && (
          <Alert
            style={{ marginTop: 16 }}
            type="info"
            showIcon
            title={`${year}年度尚未向本组织下达发展指标`}
            description="未单独下达指标的组织，审批时按上级组织的指标控制；各级指标均须有剩余方可审批。"
          />
        )}
      </Card>
      <Card
        title="下级组织指标"
        size="small"
        extra={
          canSetChildren ? (
            <Typography.Text type="secondary">直接修改“指标”一栏后保存；分给下级的合计不能超过本级指标</Typography.Text>
          ) : (
            <Typography.Text type="secondary">发展指标由上级团委下达</Typography.Text>
          )
        }
      >
        <Table<QuotaLine>
          rowKey="orgId"
          size="middle"
          data-testid="quota-children"
          dataSource={data.children}
          pagination={data.children.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有下级组织" /> }}
          columns={[
            { title: '组织', dataIndex: 'orgName', render: (n: string, l) => <Typography.Link onClick={() => onDrill(l.orgId)}>{n}</Typography.Link> },
            {
              title: '指标',
              dataIndex: 'quota',
              width: canSetChildren ? 240 : 100,
              align: canSetChildren ? 'left' : 'right',
              render: (q: number | null, l) => (canSetChildren ? <QuotaEditor line={l} year={year} /> : (q ?? <Typography.Text type="secondary">未下达</Typography.Text>)),
            },
            { title: '已审批', dataIndex: 'used', width: 90, align: 'right' },
            {
              title: '剩余',
              key: 'left',
              width: 90,
              align: 'right',
              render: (_: unknown, l) => {
                const n = left(l);
                return n === null ? '—' : <Typography.Text type={n <= 0 ? 'danger' : undefined}>{n}</Typography.Text>;
              },
            },
            {
              title: '使用进度',
              key: 'progress',
              width: 200,
              render: (_: unknown, l) => (l.quota ? <Progress percent={Math.min(100, Math.round((l.used / l.quota) * 1000) / 10)} size="small" strokeColor="#b81c22" /> : '—'),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

/** One quota as an editable number with its own save; a refusal is shown next to it. */
function QuotaEditor({ line, year, label }: { line: QuotaLine; year: number; label?: string }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [value, setValue] = useState<number | null>(line.quota);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setValue(line.quota);
    setError(null);
  }, [line.quota, line.orgId, year]);
  const dirty = value !== line.quota && value !== null;

  const save = async () => {
    if (value === null) return;
    setSaving(true);
    setError(null);
    try {
      await call(api.development.setQuota, { body: { orgId: line.orgId, year, amount: value } });
      await invalidate(queryClient, api.development.getQuotas, api.development.getFunnel, api.development.getCase, api.audit.listAudit);
      message.success(`已将${line.orgName}${year}年度发展指标设为${value}名`);
    } catch (err) {
      if (err instanceof ApiError) setError(errorMessage(err));
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div>
      <Space size={8}>
        {label && <Typography.Text>{label}</Typography.Text>}
        <InputNumber<number>
          min={0}
          max={100000}
          precision={0}
          value={value}
          placeholder="未下达"
          onChange={(v) => {
            setValue(v);
            setError(null);
          }}
          onPressEnter={() => dirty && void save()}
          suffix="名"
          style={{ width: 120 }}
          aria-label={`${line.orgName}的指标`}
          status={error ? 'error' : undefined}
        />
        <Button size="small" type="primary" loading={saving} onClick={() => void save()} style={{ visibility: dirty ? 'visible' : 'hidden' }}>
          保存
        </Button>
      </Space>
      {error && (
        <div>
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {error}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}
