import { CheckCircleFilled, ReloadOutlined, WarningFilled } from '@ant-design/icons';
import { QUALITY_CHECKS, api, type QualityCheck } from '@tuanjian/domain';
import { Button, Card, Col, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { ExportButton } from '../../components/ExportButton';
import { LoadError } from '../../components/PageState';
import { PageHeader, useScopeOrg, listPagination } from '../../components/page';
import { CadreDrawer } from '../cadres/CadreDrawer';
import { ArchiveQualityCard } from '../archive/ArchiveBranchTable';
import { useSearchValue } from './shared';

const d = api.dailyWork;
type Item = api.dailyWork.QualityItem;

/** Where each check's items are fixed (shown as the link's text). */
const FIX_LABELS: Record<QualityCheck, string> = {
  branch_too_small: '调整组织设置',
  branch_too_large: '调整组织设置',
  org_name: '修改名称',
  member_fields: '补全信息',
  two_places: '核实',
  no_secretary: '配备书记',
};

/**
 * 数据质量: per subtree, what needs fixing — branch sizes, names, member
 * records, people in two places, organizations without a secretary — each
 * with its count and a link to the page that fixes it. Counts are computed
 * from the records as they are, so they drop as soon as something is fixed.
 */
export default function QualityPage() {
  const { orgId, setOrg } = useScopeOrg();
  const [check, setCheck] = useSearchValue<QualityCheck | 'all'>('check', 'all', [...QUALITY_CHECKS, 'all']);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [cadreId, setCadreId] = useState<number | null>(null);
  const under = orgId ?? undefined;
  const overview = useApi(d.qualityOverview, { query: { under } }, { enabled: !!orgId, refetchOnMount: 'always' });
  const chosen = check === 'all' ? undefined : check;
  const items = useApi(d.qualityItems, { query: { under, check: chosen, page, pageSize } }, { enabled: !!orgId, refetchOnMount: 'always' });
  const checks = overview.data?.checks ?? [];
  const total = checks.reduce((s, c) => s + c.count, 0);
  const current = checks.find((c) => c.check === chosen);
  const pick = (c: QualityCheck | 'all') => {
    setCheck(c === check ? 'all' : c);
    setPage(1);
  };

  return (
    <div>
      <PageHeader title="数据质量" orgId={orgId} onOrg={(id) => (setOrg(id), setPage(1))}>
        <Button icon={<ReloadOutlined />} loading={overview.isFetching} onClick={() => void Promise.all([overview.refetch(), items.refetch()])}>
          重新检查
        </Button>
      </PageHeader>
      {overview.error ? (
        <LoadError error={overview.error} onRetry={() => void overview.refetch()} />
      ) : (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {checks.map((c) => (
            <Col key={c.check} xs={24} sm={12} lg={8} xxl={4}>
              <Card
                hoverable
                size="small"
                onClick={() => pick(c.check)}
                data-testid={`quality-${c.check}`}
                style={{ height: '100%', borderColor: chosen === c.check ? '#c8102e' : undefined, boxShadow: chosen === c.check ? '0 0 0 1px #c8102e' : undefined }}
              >
                <Space align="start">
                  {c.count ? <WarningFilled style={{ color: '#d48806', fontSize: 18, marginTop: 4 }} /> : <CheckCircleFilled style={{ color: '#3a9d5d', fontSize: 18, marginTop: 4 }} />}
                  <div>
                    <div style={{ fontSize: 28, fontWeight: 600, lineHeight: 1.2, color: c.count ? '#cf1322' : '#3a9d5d' }} data-testid="quality-count">
                      {c.count}
                    </div>
                    <div style={{ fontSize: 13 }}>{c.label}</div>
                  </div>
                </Space>
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Card
        title={
          <Space wrap>
            <span>{current ? current.label : `待处理清单（共 ${total} 项）`}</span>
            {chosen && (
              <Button size="small" type="link" onClick={() => pick('all')}>
                显示全部检查项
              </Button>
            )}
          </Space>
        }
        extra={<ExportButton contract={d.exportQuality} input={{ query: { under, check: chosen } }} fileName="数据质量待处理清单.xlsx" />}
      >
        {current && (
          <Typography.Paragraph type="secondary" data-testid="quality-hint">
            处理办法：{current.hint}
          </Typography.Paragraph>
        )}
        {items.error ? (
          <LoadError error={items.error} onRetry={() => void items.refetch()} />
        ) : (
          <div data-testid="quality-items">
            <Table<Item>
              rowKey={(i) => `${i.check}-${i.target.kind}-${i.target.id}-${i.detail}`}
              size="middle"
              loading={items.isFetching}
              dataSource={items.data?.items ?? []}
              locale={{ emptyText: chosen ? '该检查项没有需要处理的问题' : '没有需要处理的问题' }}
              pagination={listPagination(page, pageSize, items.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '项')}
              columns={[
                ...(chosen ? [] : [{ title: '检查项', dataIndex: 'check', width: 150, render: (c: QualityCheck) => <Tag>{shortLabel(c)}</Tag> }]),
                { title: '对象', dataIndex: 'name', width: 280 },
                { title: '所在（上级）组织', dataIndex: 'orgName', width: 260, render: (v: string | null) => v ?? '—' },
                { title: '问题', dataIndex: 'detail' },
                { title: '处理', key: 'fix', width: 110, render: (_, i) => <FixLink item={i} onCadre={setCadreId} /> },
              ]}
            />
          </div>
        )}
      </Card>
      <ArchiveQualityCard under={under} />
      <CadreDrawer id={cadreId} onClose={() => setCadreId(null)} />
    </div>
  );
}

const SHORT: Record<QualityCheck, string> = {
  branch_too_small: '团员过少',
  branch_too_large: '团员过多',
  org_name: '名称不规范',
  member_fields: '信息缺失/不一致',
  two_places: '一人多处',
  no_secretary: '未配书记',
};
const shortLabel = (c: QualityCheck) => SHORT[c];

/** The page that fixes an item: the organization, the person's record, the cadre record, the volunteers or the member accounts. */
function FixLink({ item: i, onCadre }: { item: Item; onCadre(id: number): void }) {
  const label = FIX_LABELS[i.check];
  switch (i.target.kind) {
    case 'org':
      return i.check === 'no_secretary' ? (
        <Space orientation="vertical" size={0}>
          <Link to={`/cadres/elections?org=${i.target.id}`} title="通过换届选举产生书记">
            {label}
          </Link>
          <Link to={`/cadres/list?org=${i.target.id}`} style={{ fontSize: 12 }}>
            干部名册
          </Link>
        </Space>
      ) : (
        <Link to={`/orgs/${i.target.id}`}>{label}</Link>
      );
    case 'person':
      return <Link to={`/people?person=${i.target.id}`}>{label}</Link>;
    case 'cadre':
      return (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onCadre(i.target.id)}>
          {label}
        </Button>
      );
    case 'volunteer':
      return <Link to={`/youth/volunteers${i.orgId ? `?org=${i.orgId}` : ''}`}>{label}</Link>;
    case 'account':
      return <Link to={`/member-accounts`}>{label}</Link>;
  }
}
