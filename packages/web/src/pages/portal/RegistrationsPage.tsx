import { useQuery } from '@tanstack/react-query';
import { api } from '@tuanjian/domain';
import { Card, Empty, List, Tag } from 'antd';
import { call } from '../../api/client';
import { LoadError, PageLoading } from '../../components/PageState';
import { formatDate } from '../../lib/format';

/** 团籍注册: registration by year, and the yearly appraisal grades. */
export default function RegistrationsPage() {
  const q = useQuery({ queryKey: ['portal', 'registrations'], queryFn: () => call(api.dailyWork.portalRegistrations) });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const { registrations, appraisals } = q.data;
  return (
    <>
      <Card title="团籍注册" size="small">
        <List
          dataSource={[...registrations].sort((a, b) => b.year - a.year)}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无注册记录" /> }}
          renderItem={(r) => (
            <List.Item extra={<Tag color={r.status === 'registered' ? 'success' : 'warning'}>{r.statusLabel}</Tag>}>
              <List.Item.Meta title={`${r.year}年`} description={[`办理日期 ${formatDate(r.decidedOn)}`, r.note].filter(Boolean).join(' · ')} />
            </List.Item>
          )}
        />
      </Card>
      <Card title="教育评议" size="small">
        <List
          dataSource={[...appraisals].sort((a, b) => b.year - a.year)}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无评议记录" /> }}
          renderItem={(a) => (
            <List.Item extra={<Tag color="blue">{a.gradeLabel}</Tag>}>
              <List.Item.Meta title={`${a.year}年`} />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
