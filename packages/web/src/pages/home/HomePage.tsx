import { api, isBranchType, menuLevelOf } from '@tuanjian/domain';
import { Card, Col, Empty, Row, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { useAccount, useCan } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { thisYear } from '../../components/page';
import { LoadError, PageLoading } from '../../components/PageState';
import { ChildrenComparison } from './ChildrenComparison';
import { DevelopmentFunnel } from './DevelopmentFunnel';
import { OverviewCharts } from './OverviewCharts';
import { OverviewStats } from './OverviewStats';
import { AgeStructureChart, PeopleStats } from './PeopleStats';
import { BehindBranches } from './BehindBranches';
import { BranchHome } from './BranchHome';
import { InboxSlot, OverdueSlot } from './InboxSlot';
import { UncoveredUnits } from './UncoveredUnits';
import { WorkFigures } from './WorkFigures';

/**
 * 首页, by the level of the organization viewed (the account's own by default):
 * a branch sees its 待办 and its own year; a township adds to the overview its
 * branches that are behind; the county sees the overview and the overdue items
 * of its subtree. Cards that mean nothing at a level are not shown there.
 */
export default function HomePage() {
  const account = useAccount();
  const [search, setSearch] = useSearchParams();
  const roots = useApi(api.orgs.listRoots, undefined, { enabled: account.scopeOrgId === null });
  const fromUrl = Number(search.get('org')) || null;
  const orgId = fromUrl ?? account.scopeOrgId ?? roots.data?.[0]?.id ?? null;

  const select = (id: number | null) => {
    if (id) setSearch({ org: String(id) });
  };

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <h1 className="tj-page-title" style={{ margin: 0 }}>
          {account.scopeOrgType && isBranchType(account.scopeOrgType) ? '我的团支部' : '工作概况'}
        </h1>
        {/* A branch has nothing below it to choose. */}
        {!(account.scopeOrgType && isBranchType(account.scopeOrgType)) && (
          <Space wrap>
            <Typography.Text type="secondary">查看范围</Typography.Text>
            <OrgTreeSelect value={orgId} onChange={select} style={{ width: 360, maxWidth: 'calc(100vw - 64px)' }} placeholder="请选择要查看的组织" />
          </Space>
        )}
      </Space>
      {orgId ? (
        <Overview orgId={orgId} own={orgId === account.scopeOrgId} onDrill={select} />
      ) : roots.isLoading ? (
        <PageLoading />
      ) : roots.error ? (
        <LoadError error={roots.error} onRetry={() => void roots.refetch()} />
      ) : (
        <Card>
          <Empty description="暂无可查看的组织" />
        </Card>
      )}
    </div>
  );
}

function Overview({ orgId, own, onDrill }: { orgId: number; own: boolean; onDrill: (id: number) => void }) {
  const overview = useApi(api.stats.getOrgOverview, { query: { orgId } });
  const canPeople = useCan('person:read');
  const canStats = useCan('stats:read');
  const year = thisYear();
  const branch = overview.data ? isBranchType(overview.data.org.type) : false;
  const people = useApi(api.people.getPeopleOverview, { query: { orgId } }, { enabled: canPeople && !!overview.data && !branch });
  if (overview.isLoading) return <PageLoading />;
  if (overview.error || !overview.data) return <LoadError error={overview.error} onRetry={() => void overview.refetch()} />;
  const data = overview.data;
  const level = menuLevelOf(data.org.type);
  const title = (
    <Typography.Title level={4} style={{ margin: 0 }} data-testid="overview-org" data-level={level ?? undefined}>
      {data.org.name}
    </Typography.Title>
  );
  if (branch) {
    return (
      <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="home-branch">
        {title}
        {own && <InboxSlot />}
        <BranchHome orgId={orgId} year={year} />
      </Space>
    );
  }
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid={`home-${level}`}>
      {title}
      {own && level === 'township' && <InboxSlot />}
      {level === 'county' && <OverdueSlot />}
      <OverviewStats data={data} />
      {canStats && (
        <>
          <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
            各项工作（{year}年）
          </Typography.Title>
          <WorkFigures orgId={orgId} year={year} />
          {level === 'township' && (
            <>
              <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
                落后的团支部
              </Typography.Title>
              <BehindBranches orgId={orgId} year={year} />
            </>
          )}
        </>
      )}
      {canPeople && (
        <>
          <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
            团员和青年
          </Typography.Title>
          {people.isLoading ? (
            <PageLoading />
          ) : people.error || !people.data ? (
            <Card size="small">
              <LoadError error={people.error} onRetry={() => void people.refetch()} />
            </Card>
          ) : (
            <>
              <PeopleStats data={people.data} />
              <Row gutter={[16, 16]}>
                <Col xs={24} xl={10}>
                  <AgeStructureChart data={people.data} />
                </Col>
                <Col xs={24} xl={14}>
                  <DevelopmentFunnel orgId={orgId} year={year} />
                </Col>
              </Row>
            </>
          )}
          <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
            组织
          </Typography.Title>
        </>
      )}
      <OverviewCharts data={data} />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <ChildrenComparison data={data} people={people.data} onDrill={onDrill} />
        </Col>
        <Col xs={24} xl={8}>
          <UncoveredUnits orgId={orgId} />
        </Col>
      </Row>
    </Space>
  );
}
