import { api, percentText, registrationBehind } from '@tuanjian/domain';
import { Card, Col, Empty, List, Row, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { OrgName } from '../../components/OrgName';
import { LoadError, PageLoading } from '../../components/PageState';
import { BEHIND_SHOWN as SHOWN, behindBranchesInputs, homeToday } from './homeQueries';

/**
 * 乡镇（街道）首页: the branches of the subtree that are behind — organizational
 * life below the required frequency, 青年大学习 below the line, dues not
 * collected this month, members not yet registered this year — each from the
 * module's own report and linking to the branch's page.
 */
export function BehindBranches({ orgId, year }: { orgId: number; year: number }) {
  const canPeople = useCan('person:read');
  const input = behindBranchesInputs(orgId, year, homeToday().format('YYYY-MM'));
  const life = useApi(api.orgLife.getCompliance, input.compliance);
  const study = useApi(api.orgLife.studyStats, input.study);
  const dues = useApi(api.dailyWork.duesReport, input.dues);
  const reg = useApi(api.membership.registrationProgress, input.registration, { enabled: canPeople });
  // The server lists only the branches below the line (first page); `below` counts them all.
  const below = study.data?.branches ?? [];
  // The server picks the behind branches (worst first) and counts them; only the first page is fetched.
  const duesRows = dues.data?.rows ?? [];
  const regRows = reg.data ? registrationBehind(reg.data.children) : [];
  return (
    <Row gutter={[16, 16]} data-testid="behind-branches">
      <BehindCard
        title={`组织生活未达标的团支部${life.data ? `（${life.data.behind} / ${life.data.branches}）` : ''}`}
        more={`/org-life/compliance?org=${orgId}`}
        state={life}
        empty="各团支部均已达标"
        items={(life.data?.items ?? []).map((b) => ({
          key: b.orgId,
          title: <Link to={`/org-life/meetings?org=${b.orgId}`}>{b.orgName}</Link>,
          description: b.shortfalls.length ? `${b.shortfalls.slice(0, 2).join('；')}${b.shortfalls.length > 2 ? ` 等 ${b.shortfalls.length} 项` : ''}` : '未达标',
          tag: <Tag color="red">{percentText(b.rate)}</Tag>,
        }))}
      />
      <BehindCard
        title={`青年大学习低于达标线的团支部${study.data ? `（${study.data.below} 个）` : ''}`}
        more={`/youth/study?org=${orgId}`}
        state={study}
        empty="暂无低于达标线的团支部"
        items={below.slice(0, SHOWN).map((b) => ({
          key: b.orgId,
          title: <Link to={`/youth/study?org=${b.orgId}`}>{b.orgName}</Link>,
          description: `参学 ${b.participants} / ${b.base} 人`,
          tag: <Tag color="orange">{percentText(b.rate)}</Tag>,
        }))}
      />
      <BehindCard
        testId="behind-dues"
        title={`本月团费未收齐的团支部${dues.data ? `（${dues.data.total} 个）` : ''}`}
        more={`/daily/dues?org=${orgId}`}
        state={dues}
        empty="本月各团支部团费均已收齐"
        items={duesRows.slice(0, SHOWN).map((b) => ({
          key: b.orgId,
          title: <Link to={`/daily/dues?org=${b.orgId}`}>{b.orgName}</Link>,
          description: `${b.unpaidMonths} 人未交（应交 ${b.dueMonths} 人）`,
          tag: <Tag color="volcano">{b.collectionRate === null ? '—' : percentText(b.collectionRate)}</Tag>,
        }))}
      />
      {canPeople && (
        <BehindCard
          testId="behind-registration"
          title={`${year}年度团籍注册未完成的团支部${reg.data ? `（${regRows.length} 个）` : ''}`}
          more={`/membership/registrations?org=${orgId}&year=${year}`}
          state={reg}
          empty="各团支部团员均已注册"
          items={regRows.slice(0, SHOWN).map((b) => ({
            key: b.id,
            title: (
              <Link to={`/membership/registrations?org=${b.id}&year=${year}`}>
                <OrgName name={b.name} shortName={b.shortName} />
              </Link>
            ),
            description: `${b.unregistered} 名未注册（共 ${b.total} 名团员）`,
            tag: <Tag color="blue">{percentText(b.rate)}</Tag>,
          }))}
        />
      )}
    </Row>
  );
}

interface BehindItem {
  key: number;
  title: ReactNode;
  description: ReactNode;
  tag: ReactNode;
}

/** One kind of work: the branches behind in it, worst first, and the way to the full list. */
function BehindCard(props: {
  title: string;
  more: string;
  state: { isLoading: boolean; error: unknown; data?: unknown; refetch(): unknown };
  empty: string;
  items: BehindItem[];
  testId?: string;
}) {
  const { state } = props;
  return (
    <Col xs={24} xl={12}>
      <Card size="small" title={props.title} extra={<Link to={props.more}>全部</Link>} style={{ height: '100%' }} data-testid={props.testId}>
        {state.isLoading ? (
          <PageLoading />
        ) : state.error || !state.data ? (
          <LoadError error={state.error} onRetry={() => void state.refetch()} />
        ) : !props.items.length ? (
          <Empty description={props.empty} />
        ) : (
          <List
            size="small"
            dataSource={props.items}
            rowKey="key"
            renderItem={(b) => (
              <List.Item extra={b.tag}>
                <List.Item.Meta title={b.title} description={<Typography.Text type="secondary">{b.description}</Typography.Text>} />
              </List.Item>
            )}
          />
        )}
      </Card>
    </Col>
  );
}
