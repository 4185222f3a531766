import { api, menuLevelOf } from '@tuanjian/domain';
import { Space, Tabs, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { useAccount } from '../../auth/session';
import { LoadError, PageLoading } from '../../components/PageState';
import { InboxSources } from './InboxList';
import { OverdueView } from './OverdueView';

/** 我的待办: what waits on the account's organization, and for committees the overdue items below. */
export default function InboxPage() {
  const account = useAccount();
  const [search, setSearch] = useSearchParams();
  const committee = menuLevelOf(account.scopeOrgType) !== 'branch';
  const tab = committee && search.get('tab') === 'overdue' ? 'overdue' : 'mine';
  const inbox = useApi(api.inbox.getInbox, undefined, { staleTime: 0, refetchOnMount: 'always' });
  const mine = inbox.isLoading ? (
    <PageLoading />
  ) : inbox.error ? (
    <LoadError error={inbox.error} onRetry={() => void inbox.refetch()} />
  ) : (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>{inbox.data?.org?.name ?? '全部组织'}</Typography.Text>
        <Tag color="blue" data-testid="inbox-total">共 {inbox.data?.total ?? 0} 项</Tag>
        {!!inbox.data?.overdue && <Tag color="red">逾期 {inbox.data.overdue} 项</Tag>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          待办由各项业务记录实时生成，办结后自动消失
        </Typography.Text>
      </Space>
      <InboxSources sources={inbox.data?.sources ?? []} />
    </Space>
  );
  return (
    <div style={{ maxWidth: 960 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        我的待办
      </Typography.Title>
      {committee ? (
        <Tabs
          activeKey={tab}
          onChange={(k) => setSearch(k === 'overdue' ? { tab: 'overdue' } : {}, { replace: true })}
          items={[
            { key: 'mine', label: '本组织待办', children: mine },
            { key: 'overdue', label: '下级逾期事项', children: tab === 'overdue' ? <OverdueView /> : null },
          ]}
        />
      ) : (
        mine
      )}
    </div>
  );
}
