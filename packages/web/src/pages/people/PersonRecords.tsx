import { api, fenToYuan } from '@tuanjian/domain';
import { Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { useApi } from '../../api/hooks';
import { OrgName } from '../../components/OrgName';
import { formatDate } from '../../lib/format';

type Records = api.membership.PersonRecords;

const monthLabel = (period: string) => `${Number(period.slice(5, 7))}月`;

/**
 * The member's record beyond the growth timeline, for the secretary: dues by
 * year, honors, activities, volunteer service. Read from the same growth
 * record request as the timeline (one request, cached).
 */
export function PersonRecords({ personId }: { personId: number }) {
  const growth = useApi(api.membership.getGrowthRecord, { params: { id: personId } });
  const records = growth.data?.records;
  if (!records) return null;
  return (
    <>
      <DuesCard dues={records.dues} />
      <HonorsCard honors={records.honors} />
      <ActivitiesCard activities={records.activities} />
      <ServiceCard service={records.service} />
    </>
  );
}

function DuesCard({ dues }: { dues: Records['dues'] }) {
  if (dues.length === 0) return null;
  return (
    <Card size="small" title="团费交纳" data-testid="person-dues">
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {dues.map((d) => (
          <div key={d.year} data-testid="person-dues-year" data-year={d.year}>
            <Space size={8} wrap>
              <Typography.Text strong>{d.year}年</Typography.Text>
              {d.exempt ? (
                <Tag>免交</Tag>
              ) : (
                <Typography.Text type="secondary">每月{fenToYuan(d.dueFen)}元</Typography.Text>
              )}
              <Typography.Text>
                已交{d.paidMonths.length}个月（{fenToYuan(d.paidFen)}元）
              </Typography.Text>
              {d.owedMonths.length > 0 ? (
                <Tag color="red">
                  欠交{d.owedMonths.length}个月（{fenToYuan(d.owedFen)}元）：{d.owedMonths.map(monthLabel).join('、')}
                </Tag>
              ) : (
                !d.exempt && <Tag color="green">无欠交</Tag>
              )}
            </Space>
          </div>
        ))}
      </Space>
    </Card>
  );
}

function HonorsCard({ honors }: { honors: Records['honors'] }) {
  return (
    <Card size="small" title="评优表彰" data-testid="person-honors">
      {honors.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无评优表彰记录" />
      ) : (
        <Space orientation="vertical" size={4}>
          {honors.map((h, i) => (
            <Space key={i} size={8} wrap>
              <Typography.Text>{h.year}年</Typography.Text>
              <Typography.Text strong>{h.title}</Typography.Text>
              <Tag color={h.status === 'awarded' ? 'red' : 'default'}>{h.statusLabel}</Tag>
              {h.awardedOn && <Typography.Text type="secondary">{formatDate(h.awardedOn)}授予</Typography.Text>}
            </Space>
          ))}
        </Space>
      )}
    </Card>
  );
}

function ActivitiesCard({ activities }: { activities: Records['activities'] }) {
  return (
    <Card size="small" title={`参加活动（共${activities.total}次）`} data-testid="person-activities">
      {activities.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无参加活动记录" />
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={activities.items}
          columns={[
            { title: '日期', dataIndex: 'heldOn', width: 110, render: (v: string) => formatDate(v) },
            { title: '活动主题', dataIndex: 'theme', ellipsis: true },
            { title: '类型', dataIndex: 'typeLabel', width: 100 },
            { title: '组织', dataIndex: 'orgName', width: 120, ellipsis: true, render: (v: string, r) => <OrgName name={v} shortName={r.orgShortName} /> },
          ]}
        />
      )}
      {activities.total > activities.items.length && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          仅列出最近{activities.items.length}次。
        </Typography.Text>
      )}
    </Card>
  );
}

function ServiceCard({ service }: { service: Records['service'] }) {
  return (
    <Card size="small" title="志愿服务" data-testid="person-service">
      {service.registeredOn === null ? (
        <Typography.Text type="secondary">未登记为志愿者。</Typography.Text>
      ) : (
        <Space orientation="vertical" size={4}>
          <Typography.Text>
            {formatDate(service.registeredOn)}登记为志愿者，服务{service.count}次，累计{(service.minutes / 60).toFixed(1)}小时。
          </Typography.Text>
          {service.items.map((s, i) => (
            <Typography.Text key={i} type="secondary">
              {formatDate(s.servedOn)}　{s.project ?? '志愿服务'}　{(s.minutes / 60).toFixed(1)}小时
            </Typography.Text>
          ))}
        </Space>
      )}
    </Card>
  );
}
