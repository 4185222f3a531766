import { api } from '@tuanjian/domain';
import { Card, Collapse, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useApi } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError, PageLoading } from '../../components/PageState';
import { InboxItemRow } from './InboxList';

/** 下级逾期: the overdue items of the subtree, grouped by the organization they wait on. */
export function OverdueView() {
  const [orgId, setOrgId] = useState<number | null>(null);
  const view = useApi(api.inbox.overdueByOrg, { query: orgId ? { orgId } : {} });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <span>范围</span>
        <OrgTreeSelect value={orgId} onChange={(id) => setOrgId(id)} allowClear placeholder="全部下级组织" style={{ minWidth: 240, maxWidth: '100%' }} />
      </Space>
      {view.isLoading ? (
        <PageLoading />
      ) : view.error ? (
        <LoadError error={view.error} onRetry={() => void view.refetch()} />
      ) : !view.data?.groups.length ? (
        <Empty description="管理范围内没有逾期事项" />
      ) : (
        <Card size="small" title={<Space wrap><span>逾期事项</span><Tag color="red">{view.data.total} 项</Tag><span style={{ fontWeight: 'normal' }}>涉及 {view.data.groups.length} 个组织</span></Space>}>
          <Collapse
            size="small"
            items={view.data.groups.map((g) => ({
              key: g.org.id,
              label: (
                <Space wrap>
                  <span>{g.org.name}</span>
                  <Tag color="red">{g.count}</Tag>
                </Space>
              ),
              children: <List size="small" dataSource={g.items} renderItem={(i) => <InboxItemRow item={i} />} />,
            }))}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            只列有办理期限且已超过期限的事项；事项办结后自动消失。
          </Typography.Text>
        </Card>
      )}
    </Space>
  );
}
