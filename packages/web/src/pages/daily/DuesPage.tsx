import { api, isBranchType } from '@tuanjian/domain';
import { Alert, Card, Tabs } from 'antd';
import { useApi } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError, PageLoading } from '../../components/PageState';
import { PageHeader, useScopeOrg } from '../../components/page';
import { DuesLedger } from './DuesLedger';
import { RemittancesTab, ReportTab, UnpaidTab } from './DuesSummary';
import { DuesReceiptsTab } from './DuesReceipts';

const TABS = ['ledger', 'receipts', 'unpaid', 'remit', 'report'] as const;
type Tab = (typeof TABS)[number];

/**
 * 团费收缴: a branch's monthly ledger (entry, batch entry, import, profiles),
 * receipts members uploaded in the portal, the reminders list, remittances to the level above and the report of a
 * subtree. The organization is ?org=, the tab ?tab=.
 */
export default function DuesPage() {
  const { orgId, setOrg, search, setSearch } = useScopeOrg();
  const org = useApi(api.orgs.getOrg, orgId ? { params: { id: orgId } } : undefined, { enabled: !!orgId });
  const isBranch = !!org.data && isBranchType(org.data.type);
  const raw = search.get('tab') as Tab | null;
  const tab: Tab = raw && TABS.includes(raw) ? raw : isBranch ? 'ledger' : 'report';
  const setTab = (t: Tab) => {
    const next = new URLSearchParams(search);
    next.set('tab', t);
    setSearch(next, { replace: true });
  };
  const openBranch = (id: number) => {
    const next = new URLSearchParams(search);
    next.set('org', String(id));
    next.set('tab', 'ledger');
    setSearch(next);
  };

  return (
    <div>
      <PageHeader title="团费收缴" orgId={orgId} onOrg={setOrg} />
      {org.error ? (
        <LoadError error={org.error} />
      ) : !orgId || !org.data ? (
        <PageLoading />
      ) : (
        <Card>
          <Tabs
            activeKey={tab}
            onChange={(k) => setTab(k as Tab)}
            destroyOnHidden
            items={[
              {
                key: 'ledger',
                label: '团费台账',
                children: isBranch ? (
                  <DuesLedger branchId={orgId} />
                ) : (
                  <div>
                    <Alert
                      type="info"
                      showIcon
                      style={{ marginBottom: 16 }}
                      title="团费台账按团支部记录"
                      description="请选择一个团支部查看和登记其月度团费台账；也可以在“收缴统计”中点击团支部名称进入。"
                    />
                    <OrgTreeSelect value={null} onChange={(id) => id && openBranch(id)} selectable={(o) => isBranchType(o.type)} placeholder="选择团支部" style={{ width: 360 }} />
                  </div>
                ),
              },
              { key: 'receipts', label: '交纳凭证', children: <DuesReceiptsTab under={orgId} /> },
              { key: 'unpaid', label: '催缴名单', children: <UnpaidTab under={orgId} onOpenBranch={openBranch} /> },
              { key: 'remit', label: '团费上缴', children: <RemittancesTab orgId={orgId} isBranch={isBranch} /> },
              { key: 'report', label: '收缴统计', children: <ReportTab under={orgId} onOpenBranch={openBranch} /> },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
