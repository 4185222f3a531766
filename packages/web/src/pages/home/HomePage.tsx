import { api, isBranchType, menuLevelOf, type OrgType } from '@tuanjian/domain';
import { Card, Empty, Space, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { useAccount } from '../../auth/session';
import { thisYear } from '../../components/page';
import { LoadError, PageLoading } from '../../components/PageState';
import { BranchHome } from './BranchHome';
import { orgOverviewInput } from './homeQueries';
import { InboxSlot } from './InboxSlot';

// What only a committee sees (the scope picker, the overview with its figures and charts) is fetched
// when a committee's home is shown: a branch secretary's phone does not download it (BENCHMARKS.md);
// for a committee's own home prefetchHome (homeQueries.ts) starts it with the session check.
const CommitteeOverview = lazy(() => import('./CommitteeOverview'));
const OrgTreeSelect = lazy(() => import('../../components/OrgTreeSelect').then((m) => ({ default: m.OrgTreeSelect })));

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

  const ownBranch =
    orgId !== null && orgId === account.scopeOrgId && account.scopeOrgType && isBranchType(account.scopeOrgType)
      ? { id: orgId, name: account.scopeOrgName ?? '', type: account.scopeOrgType }
      : null;

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
            <Suspense fallback={<div style={{ width: 360, maxWidth: 'calc(100vw - 64px)' }} />}>
              <OrgTreeSelect value={orgId} onChange={select} style={{ width: 360, maxWidth: 'calc(100vw - 64px)' }} placeholder="请选择要查看的组织" />
            </Suspense>
          </Space>
        )}
      </Space>
      {ownBranch ? (
        // A branch's own home needs nothing of the overview (its name and type are the session's): one round trip less on a phone.
        <BranchOverview orgId={ownBranch.id} name={ownBranch.name} type={ownBranch.type} own />
      ) : orgId ? (
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
  const overview = useApi(api.stats.getOrgOverview, orgOverviewInput(orgId));
  const branch = overview.data ? isBranchType(overview.data.org.type) : false;
  if (overview.isLoading) return <PageLoading />;
  if (overview.error || !overview.data) return <LoadError error={overview.error} onRetry={() => void overview.refetch()} />;
  const data = overview.data;
  if (branch) return <BranchOverview orgId={orgId} name={data.org.name} type={data.org.type} own={own} />;
  return (
    <Suspense fallback={<PageLoading />}>
      <CommitteeOverview data={data} orgId={orgId} own={own} onDrill={onDrill} title={<OrgTitle name={data.org.name} type={data.org.type} />} />
    </Suspense>
  );
}

function OrgTitle({ name, type }: { name: string; type: OrgType }) {
  return (
    <Typography.Title level={4} style={{ margin: 0 }} data-testid="overview-org" data-level={menuLevelOf(type) ?? undefined}>
      {name}
    </Typography.Title>
  );
}

/** A branch's home: its 待办 (its own only) and its year. */
function BranchOverview({ orgId, name, type, own }: { orgId: number; name: string; type: OrgType; own: boolean }) {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="home-branch">
      <OrgTitle name={name} type={type} />
      {own && <InboxSlot />}
      <BranchHome orgId={orgId} year={thisYear()} />
    </Space>
  );
}
