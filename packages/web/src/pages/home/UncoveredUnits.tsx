import { ADMIN_UNIT_KIND_LABELS, api } from '@tuanjian/domain';
import { Card, Empty, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { LoadError } from '../../components/PageState';
import { uncoveredUnitsInput } from './homeQueries';

/** Villages and communities in the subtree that have no league organization yet. */
export function UncoveredUnits({ orgId }: { orgId: number }) {
  const units = useApi(api.orgs.listAdminUnits, uncoveredUnitsInput(orgId));
  const count = units.data?.length ?? 0;
  return (
    <Card title="尚未建立团组织的村（社区）" size="small" extra={units.data ? <Tag color={count ? 'red' : 'green'}>{count} 个</Tag> : null}>
      {units.error ? (
        <LoadError error={units.error} onRetry={() => void units.refetch()} />
      ) : (
        <List
          loading={units.isLoading}
          size="small"
          dataSource={units.data ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有尚未建立团组织的村（社区）" /> }}
          pagination={count > 12 ? { pageSize: 12, size: 'small', showSizeChanger: false } : false}
          renderItem={(u) => (
            <List.Item extra={<Link to={`/orgs/${u.townshipOrgId}?tab=units`}>{u.townshipOrgName}</Link>}>
              <span>
                <Tag>{ADMIN_UNIT_KIND_LABELS[u.kind]}</Tag>
                {u.name}
              </span>
            </List.Item>
          )}
        />
      )}
      {count > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          点击右侧乡镇（街道）名称可前往为其建立团组织。
        </Typography.Paragraph>
      )}
    </Card>
  );
}
