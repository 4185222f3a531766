import { api, type TermStatus } from '@tuanjian/domain';
import { Space, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { useAccount } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';

/** The organization a cadre page looks at: `?org=` in the address, else the account's scope, else the first root. */
export function useScopeOrg(): [number | null, (id: number | null) => void] {
  const account = useAccount();
  const [search, setSearch] = useSearchParams();
  const roots = useApi(api.orgs.listRoots, undefined, { enabled: account.scopeOrgId === null });
  const fromUrl = Number(search.get('org')) || null;
  const orgId = fromUrl ?? account.scopeOrgId ?? roots.data?.[0]?.id ?? null;
  const select = (id: number | null) => {
    if (!id) return;
    const next = new URLSearchParams(search);
    next.set('org', String(id));
    setSearch(next);
  };
  return [orgId, select];
}

/** Page title with the organization picker on the right. */
export function PageHeader({ title, orgId, onOrg, extra }: { title: string; orgId: number | null; onOrg: (id: number | null) => void; extra?: React.ReactNode }) {
  return (
    <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
      <h1 className="tj-page-title" style={{ margin: 0 }}>
        {title}
      </h1>
      <Space wrap>
        <Typography.Text type="secondary">查看范围</Typography.Text>
        <OrgTreeSelect value={orgId} onChange={onOrg} style={{ width: 320 }} placeholder="请选择要查看的组织" />
        {extra}
      </Space>
    </Space>
  );
}

export const TERM_STATUS_COLORS: Record<TermStatus, string> = {
  never: 'magenta',
  current: 'success',
  due: 'warning',
  overdue: 'orange',
  long_overdue: 'error',
};

export const ELECTION_STATUS_COLORS: Record<string, string> = { in_progress: 'processing', completed: 'success', cancelled: 'default' };

/** Today in China (YYYY-MM-DD). */
export { chinaToday } from '../../lib/people';
