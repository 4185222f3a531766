import { api, hasPermission } from '@tuanjian/domain';
import { Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { useAccount } from '../../auth/session';
import { LoadError, PageLoading } from '../../components/PageState';
import { InboxSources } from '../inbox/InboxList';
import { overdueSummaryInput } from './homeQueries';

/** 待办 on the home page: the account's own items, the first few of each source (the whole list on 我的待办). */
export function InboxSlot() {
  const account = useAccount();
  const inbox = useApi(api.inbox.getInbox, undefined, { enabled: hasPermission(account.role, 'inbox:read') });
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span>我的待办</span>
          {inbox.data && <Tag color="blue">{inbox.data.total} 项</Tag>}
          {!!inbox.data?.overdue && <Tag color="red">逾期 {inbox.data.overdue}</Tag>}
        </Space>
      }
      extra={<Link to="/inbox">全部待办</Link>}
      data-testid="home-inbox"
    >
      {inbox.isLoading ? <PageLoading /> : inbox.error ? <LoadError error={inbox.error} onRetry={() => void inbox.refetch()} /> : <InboxSources sources={inbox.data?.sources ?? []} limit={3} />}
    </Card>
  );
}

/** The county's view of overdue items of its subtree: the total and the organizations most behind (counted, not listed). */
export function OverdueSlot() {
  const account = useAccount();
  const view = useApi(api.inbox.overdueSummary, overdueSummaryInput(), { enabled: hasPermission(account.role, 'inbox:read') });
  if (!view.data?.groups.length) return null;
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span>下级逾期事项</span>
          <Tag color="red">{view.data.total} 项</Tag>
        </Space>
      }
      extra={<Link to="/inbox?tab=overdue">查看全部</Link>}
      data-testid="home-overdue"
    >
      <List
        size="small"
        dataSource={view.data.groups}
        renderItem={(g) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Typography.Text ellipsis style={{ maxWidth: '70%' }}>
              {g.org.name}
            </Typography.Text>
            <Tag color="red">逾期 {g.count}</Tag>
          </List.Item>
        )}
      />
    </Card>
  );
}
