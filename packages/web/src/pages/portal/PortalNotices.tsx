import { useQuery } from '@tanstack/react-query';
import { api } from '@tuanjian/domain';
import { Card, Collapse, Typography } from 'antd';
import { call } from '../../api/client';
import { formatDate } from '../../lib/format';

/** 支部通知: the notices sent to the member's branch, read-only (newest first). */
export function PortalNotices() {
  const q = useQuery({ queryKey: ['portal', 'notices'], queryFn: () => call(api.dailyWork.portalNotices) });
  if (!q.data?.length) return null;
  return (
    <Card title="支部通知" size="small" data-testid="portal-notices">
      <Collapse
        ghost
        items={q.data.map((n) => ({
          key: n.id,
          label: (
            <div>
              <div style={{ fontWeight: 500 }}>{n.title}</div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {n.publisherName} · {formatDate(n.publishedAt)}
              </Typography.Text>
            </div>
          ),
          children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{n.body}</Typography.Paragraph>,
        }))}
      />
    </Card>
  );
}
