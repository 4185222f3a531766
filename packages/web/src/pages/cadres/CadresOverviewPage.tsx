import { api, percentText, TERM_STATUS_LABELS, CADRE_EMPLOYMENT_LABELS, type TermStatus } from '@tuanjian/domain';
import { Button, Card, Col, Drawer, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { download } from '../../api/client';
import { useApi } from '../../api/hooks';
import { EChart, type EChartOption } from '../../components/EChart';
import { OrgTypeTag } from '../../components/OrgTypeTag';
import { LoadError, PageLoading } from '../../components/PageState';
import { useShowError } from '../../lib/errors';
import { PageHeader, TERM_STATUS_COLORS, useScopeOrg } from './shared';
import { RatesBySectorCard, StructureCompareCard } from './StructureCompareCard';

type Structure = api.ResponseOf<typeof api.cadres.getStructure>;

/** 团干部队伍: 配备率, 在岗率, structure and terms of one organization's subtree, each figure opening its records. */
export default function CadresOverviewPage() {
  const [orgId, select] = useScopeOrg();
  return (
    <div>
      <PageHeader title="团干部队伍" orgId={orgId} onOrg={select} />
      {orgId ? <Overview orgId={orgId} /> : <Empty description="请选择要查看的组织" />}
    </div>
  );
}

function Overview({ orgId }: { orgId: number }) {
  const navigate = useNavigate();
  const overview = useApi(api.cadres.getCadreOverview, { query: { orgId } });
  const structure = useApi(api.cadres.getStructure, { query: { under: orgId } });
  const [vacant, setVacant] = useState(false);
  if (overview.isLoading) return <PageLoading />;
  if (overview.error || !overview.data) return <LoadError error={overview.error} onRetry={() => void overview.refetch()} />;
  const o = overview.data;
  const list = (extra: Record<string, string>) => navigate(`/cadres/list?${new URLSearchParams({ org: String(orgId), ...extra }).toString()}`);
  const terms = (status: TermStatus) => navigate(`/cadres/elections?${new URLSearchParams({ org: String(orgId), status }).toString()}`);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={6}>
          <Card hoverable onClick={() => setVacant(true)} data-testid="staffing-card">
            <Statistic title="配备率（书记）" value={percentText(o.staffing.rate)} />
            <Typography.Text type="secondary">
              应配备 {o.staffing.denominator} 个，已配备 {o.staffing.numerator} 个 · 查看未配备组织
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={6}>
          <Card hoverable onClick={() => list({ onDuty: 'false' })} data-testid="onduty-card">
            <Statistic title="在岗率" value={percentText(o.onDuty.rate)} />
            <Typography.Text type="secondary">
              {o.onDuty.denominator} 人中在岗 {o.onDuty.numerator} 人 · 查看不在岗团干部
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={6}>
          <Card hoverable onClick={() => list({})}>
            <Statistic title="团干部" value={o.cadres} suffix="人" />
            <Typography.Text type="secondary">现任职务 {o.posts} 个 · 平均年龄 {o.structure.averageAge ?? '—'} 岁</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={6}>
          <Card hoverable onClick={() => navigate(`/cadres/elections?org=${orgId}&tab=elections`)}>
            <Statistic title="换届选举进行中" value={o.electionsInProgress} suffix="个" />
            <Typography.Text type="secondary">班子结构问题 {o.compositionIssues} 个</Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card title="任期与换届" size="small">
        <Space wrap size="large">
          {(['never', 'long_overdue', 'overdue', 'due', 'current'] as TermStatus[]).map((s) => (
            <a key={s} onClick={() => terms(s)} data-testid={`term-${s}`}>
              <Tag color={TERM_STATUS_COLORS[s]}>{TERM_STATUS_LABELS[s]}</Tag>
              <b>{o.terms[s] ?? 0}</b> 个
            </a>
          ))}
          <Link to={`/cadres/elections?org=${orgId}`}>查看任期清单</Link>
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card size="small" title={`培训（${o.training.year}年）`}>
            在岗团干部 {o.training.cadresOnDuty} 人，已参训 {o.training.cadresTrained} 人（{percentText(o.training.trainedShare)}）
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title="后备人才">
            共 {o.reserve.total} 人，其中团员年龄段 {o.reserve.memberAgeMembers} 人
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title="联系服务">
            团支部 {o.liaison.branches} 个，已联系 {o.liaison.covered} 个（{percentText(o.liaison.rate)}）
          </Card>
        </Col>
      </Row>
      {structure.data ? <StructureCharts s={structure.data} onDrill={list} /> : structure.isLoading ? <PageLoading /> : null}
      <RatesBySectorCard orgId={orgId} onDrill={list} />
      <StructureCompareCard orgId={orgId} onDrill={list} />
      <VacantDrawer orgId={orgId} open={vacant} onClose={() => setVacant(false)} />
    </Space>
  );
}

function pie(data: { name: string; value: number; drill?: Record<string, string> }[]): EChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}人（{d}%）' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '65%'], data, label: { formatter: '{b}\n{c}人' } }],
  };
}

function StructureCharts({ s, onDrill }: { s: Structure; onDrill: (q: Record<string, string>) => void }) {
  const click = (p: { data?: unknown }) => {
    const drill = (p.data as { drill?: Record<string, string> } | undefined)?.drill;
    if (drill) onDrill(drill);
  };
  const ages = s.ageBands.map((b) => ({ name: b.label, value: b.count, drill: { ageBand: b.band } }));
  const edu = s.education.map((e) => ({ name: e.label, value: e.count, drill: { educationGroup: e.group } }));
  return (
    <Card title={`队伍结构（${s.total}人，平均年龄 ${s.averageAge ?? '—'} 岁）`} size="small" extra={<Typography.Text type="secondary">点击图形查看名单</Typography.Text>}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Typography.Title level={5}>年龄段</Typography.Title>
          <EChart height={260} option={pie(ages)} onClick={click} />
        </Col>
        <Col xs={24} lg={8}>
          <Typography.Title level={5}>性别</Typography.Title>
          <EChart
            height={260}
            option={pie([
              { name: '男', value: s.male.count, drill: { gender: 'male' } },
              { name: '女', value: s.female.count, drill: { gender: 'female' } },
            ])}
            onClick={click}
          />
        </Col>
        <Col xs={24} lg={8}>
          <Typography.Title level={5}>学历（大专及以上 {percentText(s.collegeOrAbove.share)}）</Typography.Title>
          <EChart
            height={260}
            onClick={click}
            option={{
              tooltip: {},
              grid: { left: 80, right: 20, top: 10, bottom: 20 },
              xAxis: { type: 'value' },
              yAxis: { type: 'category', data: edu.map((e) => e.name) },
              series: [{ type: 'bar', data: edu.map((e) => ({ value: e.value, drill: e.drill })), label: { show: true, position: 'right' } }],
            }}
          />
        </Col>
        <Col xs={24} lg={8}>
          <Typography.Title level={5}>政治面貌</Typography.Title>
          <EChart
            height={260}
            onClick={click}
            option={pie([
              { name: '党员', value: s.partyMembers.count, drill: { politicalGroup: 'party' } },
              { name: '团员', value: s.leagueMembers.count, drill: { politicalGroup: 'league' } },
              { name: '其他', value: Math.max(0, s.total - s.partyMembers.count - s.leagueMembers.count), drill: { politicalGroup: 'other' } },
            ])}
          />
        </Col>
        <Col xs={24} lg={8}>
          <Typography.Title level={5}>体制内外</Typography.Title>
          <EChart
            height={260}
            onClick={click}
            option={pie([
              { name: '体制内', value: s.insideEstablishment.count, drill: { establishment: 'inside' } },
              { name: '体制外', value: s.outsideEstablishment.count, drill: { establishment: 'outside' } },
            ])}
          />
        </Col>
        <Col xs={24} lg={8}>
          <Typography.Title level={5}>公务员与任职方式</Typography.Title>
          <Space orientation="vertical">
            <a onClick={() => onDrill({ civilServant: 'true' })}>
              公务员 <b>{s.civilServants.count}</b> 人（{percentText(s.civilServants.share)}）
            </a>
            {s.byEmployment.map((e) => (
              <a key={e.employment} onClick={() => onDrill({ employment: e.employment })}>
                {CADRE_EMPLOYMENT_LABELS[e.employment]} <b>{e.count}</b> 人（{percentText(e.share)}）
              </a>
            ))}
            <span>平均年龄 <b>{s.averageAge ?? '—'}</b> 岁</span>
          </Space>
        </Col>
      </Row>
    </Card>
  );
}

/** The organizations lowering 配备率: they should have a secretary and have none. */
function VacantDrawer({ orgId, open, onClose }: { orgId: number; open: boolean; onClose: () => void }) {
  const rows = useApi(api.cadres.listStaffing, { query: { orgId, staffed: 'false' } }, { enabled: open });
  const showError = useShowError();
  return (
    <Drawer
      title="未配备书记的组织"
      size="large"
      open={open}
      onClose={onClose}
      extra={
        <Button onClick={() => download(api.cadres.exportStaffing, { query: { orgId, staffed: 'false' } }, '未配备书记的组织.xlsx').catch(showError)}>导出</Button>
      }
    >
      <Table
        rowKey="orgId"
        size="small"
        loading={rows.isLoading}
        dataSource={rows.data ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '组织', dataIndex: 'orgName', render: (v: string, r) => <Link to={`/orgs/${r.orgId}`}>{v}</Link> },
          { title: '类型', dataIndex: 'type', render: (t) => <OrgTypeTag type={t} /> },
          { title: '上级组织', dataIndex: 'parentName', render: (v) => v ?? '—' },
          { title: '空缺起始', dataIndex: 'vacantSince', render: (v) => v ?? '从未配备' },
        ]}
      />
    </Drawer>
  );
}
