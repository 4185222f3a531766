import { SECTOR_LABELS, api, type OrgType, type Sector } from '@tuanjian/domain';
import { Empty, Table, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { OrgTypeTag } from '../../components/OrgTypeTag';
import { LoadError } from '../../components/PageState';
import type { OrgDetail } from './OrgDetailPanel';

type Child = api.OrgSummary;

/** The direct subordinates of an organization, as a table. */
export function ChildrenTab({ org }: { org: OrgDetail }) {
  const navigate = useNavigate();
  const children = useApi(api.orgs.listChildren, { params: { id: org.id }, query: { includeDissolved: 'false' } });
  if (children.error) return <LoadError error={children.error} onRetry={() => void children.refetch()} />;
  return (
    <Table<Child>
      rowKey="id"
      size="small"
      loading={children.isLoading}
      dataSource={children.data ?? []}
      pagination={(children.data?.length ?? 0) > 15 ? { pageSize: 15, showSizeChanger: false } : false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无下级组织" /> }}
      rowClassName={() => 'tj-clickable-row'}
      onRow={(c) => ({ onClick: () => navigate(`/orgs/${c.id}`) })}
      columns={[
        { title: '名称', dataIndex: 'name', render: (n: string) => <Typography.Link>{n}</Typography.Link> },
        { title: '类型', dataIndex: 'type', width: 140, render: (t: OrgType) => <OrgTypeTag type={t} /> },
        { title: '所属领域', dataIndex: 'sector', width: 130, render: (s: Sector) => SECTOR_LABELS[s] },
        { title: '下级组织数', dataIndex: 'childCount', width: 110, align: 'right' },
      ]}
    />
  );
}
