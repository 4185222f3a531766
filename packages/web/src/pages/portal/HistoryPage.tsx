import { useQuery } from '@tanstack/react-query';
import { api } from '@tuanjian/domain';
import { Card, Empty, Timeline } from 'antd';
import { call } from '../../api/client';
import { LoadError, PageLoading } from '../../components/PageState';
import { formatDate } from '../../lib/format';

/** 入团经历: the member's growth record (少先队—团—党), oldest first. */
export default function HistoryPage() {
  const q = useQuery({ queryKey: ['portal', 'history'], queryFn: () => call(api.dailyWork.portalHistory) });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const events = q.data.events;
  return (
    <Card title="入团经历" size="small">
      {events.length ? (
        <Timeline
          style={{ marginTop: 8 }}
          items={events.map((e) => ({
            children: (
              <div>
                <div style={{ color: '#8c8c8c', fontSize: 12 }}>{formatDate(e.date)}</div>
                <div style={{ fontWeight: 500 }}>{e.title}</div>
                {e.detail && <div style={{ color: '#595959', fontSize: 13 }}>{e.detail}</div>}
              </div>
            ),
          }))}
        />
      ) : (
        <Empty description="暂无记录" />
      )}
    </Card>
  );
}
