import { api, percentText } from '@tuanjian/domain';
import { Card, Col, Empty, List, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { LoadError, PageLoading } from '../../components/PageState';

/**
 * 乡镇（街道）首页: the branches of the subtree that are behind — organizational
 * life below the required frequency, 青年大学习 below the line — each from the
 * module's own ranking and linking to the branch's page.
 */
export function BehindBranches({ orgId, year }: { orgId: number; year: number }) {
  const life = useApi(api.orgLife.getCompliance, { query: { orgId, behindOnly: 'true', page: 1, pageSize: 8 } });
  const study = useApi(api.orgLife.studyStats, { query: { orgId, year } });
  const below = (study.data?.branches ?? []).filter((b) => b.below).slice(0, 8);
  return (
    <Row gutter={[16, 16]} data-testid="behind-branches">
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title={`组织生活未达标的团支部${life.data ? `（${life.data.behind} / ${life.data.branches}）` : ''}`}
          extra={<Link to={`/org-life/compliance?org=${orgId}`}>全部</Link>}
          style={{ height: '100%' }}
        >
          {life.isLoading ? (
            <PageLoading />
          ) : life.error || !life.data ? (
            <LoadError error={life.error} onRetry={() => void life.refetch()} />
          ) : !life.data.items.length ? (
            <Empty description="各团支部均已达标" />
          ) : (
            <List
              size="small"
              dataSource={life.data.items}
              renderItem={(b) => (
                <List.Item extra={<Tag color="red">{percentText(b.rate)}</Tag>}>
                  <List.Item.Meta
                    title={<Link to={`/org-life/meetings?org=${b.orgId}`}>{b.orgName}</Link>}
                    description={
                      <Typography.Text type="secondary">
                        {b.shortfalls.length ? `${b.shortfalls.slice(0, 2).join('；')}${b.shortfalls.length > 2 ? ` 等 ${b.shortfalls.length} 项` : ''}` : '未达标'}
                      </Typography.Text>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title={`青年大学习低于达标线的团支部${study.data ? `（${study.data.below} 个）` : ''}`}
          extra={<Link to={`/youth/study?org=${orgId}`}>全部</Link>}
          style={{ height: '100%' }}
        >
          {study.isLoading ? (
            <PageLoading />
          ) : study.error || !study.data ? (
            <LoadError error={study.error} onRetry={() => void study.refetch()} />
          ) : !below.length ? (
            <Empty description="暂无低于达标线的团支部" />
          ) : (
            <List
              size="small"
              dataSource={below}
              renderItem={(b) => (
                <List.Item extra={<Tag color="orange">{percentText(b.rate)}</Tag>}>
                  <List.Item.Meta title={<Link to={`/youth/study?org=${b.orgId}`}>{b.orgName}</Link>} description={`参学 ${b.participants} / ${b.base} 人`} />
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
