import { api, isBranchType } from '@tuanjian/domain';
import { Card, Col, Progress, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { percent } from '../../lib/format';

type Overview = api.ResponseOf<typeof api.stats.getOrgOverview>;

export function branchCount(data: Overview): number {
  return data.byType.filter((t) => isBranchType(t.type)).reduce((n, t) => n + t.count, 0);
}

function StatCard({ testId, title, value, suffix, footer }: { testId: string; title: string; value: number | string; suffix?: ReactNode; footer?: ReactNode }) {
  return (
    <Card size="small" style={{ height: '100%' }} styles={{ body: { padding: '16px 20px' } }}>
      <div data-testid={testId}>
        <Statistic title={title} value={value} suffix={suffix} />
      </div>
      {footer && <div style={{ marginTop: 8 }}>{footer}</div>}
    </Card>
  );
}

function CoverageFooter({ covered, total }: { covered: number; total: number }) {
  if (!total) return <Typography.Text type="secondary">暂无登记</Typography.Text>;
  return <Progress percent={Math.round((covered / total) * 1000) / 10} size="small" strokeColor="#b81c22" />;
}

/** The headline numbers of a subtree (a committee's; a branch has its own home). */
export function OverviewStats({ data }: { data: Overview }) {
  const c = data.coverage;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} md={8} xl={4}>
        <StatCard testId="stat-total" title="组织总数" value={data.total} suffix="个" footer={<Typography.Text type="secondary">不含已撤销组织</Typography.Text>} />
      </Col>
      <Col xs={12} md={8} xl={4}>
        <StatCard testId="stat-branches" title="团支部数" value={branchCount(data)} suffix="个" footer={<Typography.Text type="secondary">含联合团支部</Typography.Text>} />
      </Col>
      {/* Village and community coverage means nothing where no village or community is registered (a school committee, a unit). */}
      {c.units > 0 && (
        <>
      <Col xs={12} md={8} xl={6}>
        <StatCard
          testId="stat-coverage"
          title="村（社区）团组织覆盖"
          value={`${c.covered} / ${c.units}`}
          suffix={<span style={{ fontSize: 14, color: '#8c8c8c' }}>（{percent(c.covered, c.units)}）</span>}
          footer={<CoverageFooter covered={c.covered} total={c.units} />}
        />
      </Col>
      <Col xs={12} md={8} xl={4}>
        <StatCard testId="stat-villages" title="行政村覆盖" value={`${c.villagesCovered} / ${c.villages}`} footer={<CoverageFooter covered={c.villagesCovered} total={c.villages} />} />
      </Col>
      <Col xs={12} md={8} xl={3}>
        <StatCard testId="stat-communities" title="社区覆盖" value={`${c.communitiesCovered} / ${c.communities}`} footer={<CoverageFooter covered={c.communitiesCovered} total={c.communities} />} />
      </Col>
        </>
      )}
      <Col xs={12} md={8} xl={3}>
        <StatCard testId="stat-dissolved" title="已撤销组织" value={data.dissolved} suffix="个" footer={<Typography.Text type="secondary">保留历史记录</Typography.Text>} />
      </Col>
    </Row>
  );
}
