import { api, MEETING_KIND_LABELS, percentText } from '@tuanjian/domain';
import { Card, Col, Empty, List, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { todayDayjs } from '../../components/page';
import { LoadError, PageLoading } from '../../components/PageState';
import { DevelopmentFunnel } from './DevelopmentFunnel';
import { FigureCard } from './WorkFigures';
import { branchHomeInput } from './homeQueries';


const col = { xs: 12, md: 8, xl: 4 } as const;

const ratio = (n: number, d: number) => (d ? n / d : null);

/**
 * 团支部首页: the branch's own year — members and youth, this month's
 * organizational life, dues, registration and appraisal, 青年大学习 and
 * development — each figure from its module's contract and linking to its page.
 */
export function BranchHome({ orgId, year }: { orgId: number; year: number }) {
  const canStats = useCan('stats:read');
  // One round trip for everything below (the phone's first screen; prefetchHome asks for it early); without 统计 only the due meetings.
  const input = branchHomeInput(orgId, year, todayDayjs().format('YYYY-MM'));
  const month = input.query.month;
  const home = useApi(api.stats.branchHome, input, { enabled: canStats });
  const dueAlone = useApi(api.orgLife.getDue, { query: { orgId } }, { enabled: !canStats });
  const part = <K extends keyof NonNullable<typeof home.data>>(k: K) => ({ data: home.data?.[k], error: home.error, isLoading: home.isLoading });
  const people = part('people');
  const due = canStats ? part('due') : dueAlone;
  const dues = part('dues');
  const study = part('study');
  const q = `org=${orgId}`;

  const p = people.data;
  const d = due.data;
  const t = dues.data?.totals;
  const lastRound = study.data?.rounds.filter((r) => r.base > 0).at(-1) ?? null;
  const meetingsLeft = d ? d.items.filter((i) => i.state !== 'done').length : 0;

  return (
    <Row gutter={[12, 12]} data-testid="branch-figures">
      <Col {...col}>
        {p ? (
          <FigureCard testId="fig-members" to={`/people?${q}`} title="团员 / 青年" value={`${p.members} / ${p.youth}`} suffix="名" rate={p.memberYouthRatio} footer={`团青比例 ${percentText(p.memberYouthRatio)}；今年应离团 ${p.dueToLeaveThisYear} 名`} />
        ) : (
          <Pending error={people.error} />
        )}
      </Col>
      <Col {...col}>
        {d ? (
          <FigureCard
            testId="fig-month-meetings"
            to={`/org-life/meetings?${q}`}
            title="本月组织生活"
            value={`${d.items.length - meetingsLeft} / ${d.items.length}`}
            suffix="项"
            rate={ratio(d.items.length - meetingsLeft, d.items.length)}
            warn={d.items.some((i) => i.state === 'due' && i.daysLeft <= 7)}
            footer={meetingsLeft ? `尚有 ${meetingsLeft} 项未开展` : '本期应开展的均已开展'}
          />
        ) : (
          <Pending error={due.error} />
        )}
      </Col>
      <Col {...col}>
        {t ? (
          <FigureCard
            testId="fig-month-dues"
            to={`/daily/dues?${q}`}
            title={`${Number(month.slice(5))}月团费`}
            value={`${t.paidMonths} / ${t.dueMonths}`}
            suffix="人"
            rate={t.collectionRate}
            warn={t.unpaidMonths > 0}
            footer={`已交 ${(t.paidFen / 100).toFixed(2)} 元，未交 ${t.unpaidMonths} 人`}
          />
        ) : (
          <Pending error={dues.error} />
        )}
      </Col>
      <Col {...col}>
        {d ? (
          <FigureCard
            testId="fig-registration"
            to={`/membership/registrations?${q}&year=${d.registration.year}`}
            title={`${d.registration.year}年度团籍注册`}
            value={`${d.registration.registered} / ${d.registration.members}`}
            suffix="名"
            rate={ratio(d.registration.registered, d.registration.members)}
            footer={`未注册 ${d.registration.members - d.registration.registered} 名`}
          />
        ) : (
          <Pending error={due.error} />
        )}
      </Col>
      <Col {...col}>
        {d ? (
          <FigureCard
            testId="fig-appraisal"
            to={`/membership/appraisals?${q}&year=${d.appraisal.year}`}
            title={`${d.appraisal.year}年度教育评议`}
            value={`${d.appraisal.appraised} / ${d.appraisal.members}`}
            suffix="名"
            rate={ratio(d.appraisal.appraised, d.appraisal.members)}
            footer={`未评议 ${d.appraisal.members - d.appraisal.appraised} 名`}
          />
        ) : (
          <Pending error={due.error} />
        )}
      </Col>
      <Col {...col}>
        {study.data ? (
          <FigureCard
            testId="fig-study-round"
            to={`/youth/study?${q}`}
            title={lastRound ? `青年大学习 第${lastRound.roundNo}期` : '青年大学习'}
            value={lastRound ? percentText(lastRound.rate) : '—'}
            rate={lastRound?.rate ?? null}
            warn={!!lastRound && lastRound.rate !== null && lastRound.rate < study.data.threshold}
            footer={lastRound ? `参学 ${lastRound.participants} / ${lastRound.base} 人；达标线 ${percentText(study.data.threshold, 0)}` : `${year}年尚无参学数据`}
          />
        ) : (
          <Pending error={study.error} />
        )}
      </Col>
      <Col xs={24} xl={10}>
        <MonthMeetings due={due.data} orgId={orgId} loading={due.isLoading} error={due.error} />
      </Col>
      <Col xs={24} xl={14}>
        {canStats && <DevelopmentFunnel orgId={orgId} year={year} given={{ ...part('funnel'), refetch: home.refetch }} />}
      </Col>
    </Row>
  );
}

function Pending({ error }: { error: unknown }) {
  return <Card size="small" loading={!error} style={{ height: '100%' }}>{error ? <Typography.Text type="danger">暂时无法获取</Typography.Text> : null}</Card>;
}

const STATE_TAGS = { done: <Tag color="green">已开展</Tag>, planned: <Tag color="blue">已计划</Tag>, due: <Tag color="red">待开展</Tag> } as const;

/** This month's (quarter's) required meetings of the branch, and the planned ones coming up. */
function MonthMeetings({ due, orgId, loading, error }: { due: api.ResponseOf<typeof api.orgLife.getDue> | undefined; orgId: number; loading: boolean; error: unknown }) {
  return (
    <Card title="本月（本季度）三会两制一课" size="small" style={{ height: '100%' }} extra={<Link to={`/org-life/meetings?org=${orgId}`}>去登记</Link>} data-testid="month-meetings">
      {loading ? (
        <PageLoading />
      ) : error || !due ? (
        <LoadError error={error} />
      ) : !due.items.length ? (
        <Empty description="本期没有规定应开展的组织生活" />
      ) : (
        <List
          size="small"
          dataSource={due.items}
          renderItem={(i) => (
            <List.Item extra={STATE_TAGS[i.state]}>
              <List.Item.Meta
                title={MEETING_KIND_LABELS[i.kind]}
                description={`${i.text}；已开 ${i.held} 次${i.planned ? `，已计划 ${i.planned} 次` : ''}${i.state === 'done' ? '' : `，距期末 ${i.daysLeft} 天`}`}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
