import { RightOutlined } from '@ant-design/icons';
import type { api } from '@tuanjian/domain';
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';

type Item = api.inbox.InboxItem;
type Source = api.inbox.InboxSource;

/** One item: its title links to the page that acts on it; since, deadline and overdue as tags. */
export function InboxItemRow({ item, showOrg = false }: { item: Item; showOrg?: boolean }) {
  return (
    <List.Item style={{ paddingInline: 0 }} data-testid="inbox-item">
      <Space orientation="vertical" size={2} style={{ width: '100%', minWidth: 0 }}>
        <Link to={item.link} style={{ display: 'flex', alignItems: 'center', gap: 6, wordBreak: 'break-all' }}>
          <span>{item.title}</span>
          <RightOutlined style={{ fontSize: 10, flex: 'none' }} />
        </Link>
        <Space size={[4, 4]} wrap>
          {item.overdue && <Tag color="red">已逾期</Tag>}
          {item.deadline && <Tag color={item.overdue ? 'red' : 'orange'}>期限 {item.deadline}</Tag>}
          {item.since && <Typography.Text type="secondary" style={{ fontSize: 12 }}>自 {item.since}</Typography.Text>}
          {showOrg && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{item.org.name}</Typography.Text>}
        </Space>
      </Space>
    </List.Item>
  );
}

/** The sources of an inbox as cards (one column on a phone), each with its count and first items. */
export function InboxSources({ sources, limit }: { sources: Source[]; limit?: number }) {
  if (!sources.length) return <Empty description="暂无待办事项，各项工作均已办结" />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {sources.map((s) => (
        <Card
          key={s.kind}
          size="small"
          data-testid={`inbox-source-${s.kind}`}
          title={
            <Space wrap>
              <span>{s.label}</span>
              <Tag>{s.count} 项</Tag>
              {s.overdue > 0 && <Tag color="red">逾期 {s.overdue}</Tag>}
            </Space>
          }
        >
          <List dataSource={limit ? s.items.slice(0, limit) : s.items} renderItem={(i) => <InboxItemRow item={i} />} size="small" />
          {s.count > (limit ? Math.min(limit, s.items.length) : s.items.length) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              另有 {s.count - (limit ? Math.min(limit, s.items.length) : s.items.length)} 项，请到对应页面查看
            </Typography.Text>
          )}
        </Card>
      ))}
    </Space>
  );
}
