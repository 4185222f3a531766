import { DEVELOPMENT_STAGE_LABELS, api } from '@tuanjian/domain';
import { Card, Col, Empty, Progress, Row, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { EChart, type EChartOption } from '../../components/EChart';
import { LoadError, PageLoading } from '../../components/PageState';
import { workFiguresInputs } from './homeQueries';

type Funnel = api.ResponseOf<typeof api.development.getFunnel>;
type Given = { data?: Funnel; isLoading: boolean; error: unknown; refetch: () => unknown };

/** Stages still in progress (an admitted case has left the pipeline). */
function pipelineStages(data: Funnel) {
  return data.stages.filter((s) => s.stage !== 'oath');
}

/** 团员发展: cases at each stage of the subtree, and this year's quota used and left. */
export function DevelopmentFunnel({ orgId, year, given }: { orgId: number; year: number; /** Fetched by the caller (the branch home's one call): no request of its own. */ given?: Given }) {
  const own = useApi(api.development.getFunnel, workFiguresInputs(orgId, year).funnel, { enabled: !given });
  const funnel = given ?? own;
  const data = funnel.data;
  const option = useMemo<EChartOption | null>(() => {
    if (!data) return null;
    const stages = pipelineStages(data);
    return {
      color: ['#1f5fae'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: '{b}：{c}人' },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: stages.map((s) => DEVELOPMENT_STAGE_LABELS[s.stage]) },
      series: [{ name: '人数', type: 'bar', barMaxWidth: 18, label: { show: true, position: 'right' }, data: stages.map((s) => s.count) }],
    };
  }, [data]);

  const left = data && data.quota !== null ? data.quota - data.used : null;
  return (
    <Card
      title={`团员发展（${year}年）`}
      size="small"
      style={{ height: '100%' }}
      extra={
        <span>
          <Link to={`/development?org=${orgId}`}>发展对象</Link>
          <Typography.Text type="secondary"> · </Typography.Text>
          <Link to={`/quotas?org=${orgId}&year=${year}`}>发展指标</Link>
        </span>
      }
    >
      {funnel.isLoading ? (
        <PageLoading />
      ) : funnel.error || !data || !option ? (
        <LoadError error={funnel.error} onRetry={() => void funnel.refetch()} />
      ) : (
        <Row gutter={16}>
          <Col xs={24} md={14}>
            {pipelineStages(data).some((s) => s.count > 0) ? (
              <EChart option={option} height={260} />
            ) : (
              <Empty description="暂无正在进行的发展程序" style={{ padding: '64px 0' }} />
            )}
          </Col>
          <Col xs={24} md={10}>
            <Row gutter={[8, 16]} data-testid="funnel-quota">
              <Col span={12}>
                <Statistic title="年度指标" value={data.quota ?? '未下达'} suffix={data.quota === null ? undefined : '名'} />
              </Col>
              <Col span={12}>
                <Statistic title="已审批" value={data.used} suffix="名" />
              </Col>
              <Col span={12}>
                <Statistic title="剩余指标" value={left ?? '—'} suffix={left === null ? undefined : '名'} styles={{ content: { color: left !== null && left <= 0 ? '#cf1322' : undefined } }} />
              </Col>
              <Col span={12}>
                <Statistic title="待复核预警" value={data.flagged} suffix="名" styles={{ content: { color: data.flagged ? '#d4622b' : undefined } }} />
              </Col>
              <Col span={24}>
                {data.quota ? (
                  <Progress percent={Math.min(100, Math.round((data.used / data.quota) * 1000) / 10)} strokeColor="#b81c22" format={(p) => `已用 ${p}%`} />
                ) : (
                  <Typography.Text type="secondary">本年度尚未下达发展指标</Typography.Text>
                )}
              </Col>
            </Row>
          </Col>
        </Row>
      )}
    </Card>
  );
}
