import { api } from '@tuanjian/domain';
import { Card, Col, Empty, Progress, Row, Statistic, Tooltip, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { EChart, type EChartOption } from '../../components/EChart';
import { percent } from '../../lib/format';

type PeopleOverview = api.PeopleOverview;

function ratioText(r: number | null): string {
  return r === null ? '—' : `${(r * 100).toFixed(1)}%`;
}

function StatCard({ testId, title, value, suffix, footer }: { testId: string; title: ReactNode; value: number | string; suffix?: ReactNode; footer?: ReactNode }) {
  return (
    <Card size="small" style={{ height: '100%' }} styles={{ body: { padding: '16px 20px' } }}>
      <div data-testid={testId}>
        <Statistic title={title} value={value} suffix={suffix} />
      </div>
      {footer && <div style={{ marginTop: 8 }}>{footer}</div>}
    </Card>
  );
}

/** The headline numbers of the youth and member registries in a subtree. */
export function PeopleStats({ data }: { data: PeopleOverview }) {
  const { male, female } = data.gender;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} md={8} xl={4}>
        <StatCard testId="stat-members" title="团员" value={data.members} suffix="名" footer={<Typography.Text type="secondary">团籍正常的团员</Typography.Text>} />
      </Col>
      <Col xs={12} md={8} xl={4}>
        <StatCard testId="stat-youth" title="青年" value={data.youth} suffix="名" footer={<Typography.Text type="secondary">14—35周岁在册青年</Typography.Text>} />
      </Col>
      <Col xs={12} md={8} xl={4}>
        <StatCard
          testId="stat-member-youth-ratio"
          title={<Tooltip title="团员数 ÷ 青年数">团青比例</Tooltip>}
          value={ratioText(data.memberYouthRatio)}
          footer={<Progress percent={data.memberYouthRatio === null ? 0 : Math.round(data.memberYouthRatio * 1000) / 10} showInfo={false} size="small" strokeColor="#b81c22" />}
        />
      </Col>
      <Col xs={12} md={8} xl={4}>
        <StatCard
          testId="stat-member-student-ratio"
          title={<Tooltip title="在校学生团员数 ÷ 在校学生数">团学比例</Tooltip>}
          value={ratioText(data.memberStudentRatio)}
          footer={
            <Typography.Text type="secondary">
              学生 {data.students} 名，其中团员 {data.studentMembers} 名
            </Typography.Text>
          }
        />
      </Col>
      <Col xs={12} md={8} xl={4}>
        <StatCard
          testId="stat-gender"
          title="团员性别"
          value={`${male} / ${female}`}
          suffix={<span style={{ fontSize: 14, color: '#8c8c8c' }}>男 / 女</span>}
          footer={
            male + female ? (
              <Tooltip title={`男 ${percent(male, male + female)}，女 ${percent(female, male + female)}`}>
                <Progress percent={100} success={{ percent: Math.round((male / (male + female)) * 1000) / 10, strokeColor: '#1f5fae' }} strokeColor="#c0457f" showInfo={false} size="small" />
              </Tooltip>
            ) : (
              <Typography.Text type="secondary">暂无团员</Typography.Text>
            )
          }
        />
      </Col>
      <Col xs={12} md={8} xl={4}>
        <StatCard
          testId="stat-due"
          title={<Tooltip title="今年年满28周岁、应办理超龄离团的团员">今年超龄离团</Tooltip>}
          value={data.dueToLeaveThisYear}
          suffix="名"
          footer={<Typography.Text type={data.dueToLeaveThisYear ? 'warning' : 'secondary'}>{data.dueToLeaveThisYear ? '请及时办理离团手续' : '暂无'}</Typography.Text>}
        />
      </Col>
    </Row>
  );
}

/** Members and youth by age band. */
export function AgeStructureChart({ data }: { data: PeopleOverview }) {
  const empty = data.ageBands.every((b) => b.members === 0 && b.youth === 0);
  const option = useMemo<EChartOption>(
    () => ({
      color: ['#b81c22', '#1f5fae'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.ageBands.map((b) => b.band), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '团员', type: 'bar', barMaxWidth: 32, label: { show: true, position: 'top' }, data: data.ageBands.map((b) => b.members) },
        { name: '青年', type: 'bar', barMaxWidth: 32, label: { show: true, position: 'top' }, data: data.ageBands.map((b) => b.youth) },
      ],
    }),
    [data.ageBands],
  );
  return (
    <Card title="年龄结构" size="small" style={{ height: '100%' }}>
      {empty ? (
        <Empty description="暂无各年龄段人数" style={{ padding: '72px 0' }} />
      ) : (
        <EChart option={option} height={280} />
      )}
    </Card>
  );
}
