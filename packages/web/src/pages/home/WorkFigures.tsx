import { api, percentText } from '@tuanjian/domain';
import { Card, Col, Progress, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { workFiguresInputs } from './homeQueries';

/** A headline figure that opens its records (the page of its registry, scoped to the organization). */
export function FigureCard({ testId, to, title, value, suffix, rate, footer, warn }: { testId: string; to: string; title: string; value: ReactNode; suffix?: string; rate?: number | null; footer: ReactNode; warn?: boolean }) {
  return (
    <Link to={to} data-testid={testId} style={{ display: 'block', height: '100%' }}>
      <Card size="small" hoverable style={{ height: '100%' }} styles={{ body: { padding: '14px 18px' } }}>
        <Statistic title={title} value={value as string} suffix={suffix} styles={{ content: { color: warn ? '#cf1322' : undefined, fontSize: 22 } }} />
        {rate !== undefined && rate !== null && <Progress percent={Math.round(rate * 1000) / 10} showInfo={false} size="small" strokeColor={warn ? '#cf1322' : '#b81c22'} />}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {footer}
        </Typography.Text>
      </Card>
    </Link>
  );
}

function Pending({ title }: { title: string }) {
  return (
    <Card size="small" loading style={{ height: '100%' }}>
      {title}
    </Card>
  );
}

/**
 * The figures of the other registries (cadres, organizational life, youth work,
 * registration, quotas), each from its module's own summary contract and each
 * linking to its page for the same organization.
 */
export function WorkFigures({ orgId, year }: { orgId: number; year: number }) {
  const canPeople = useCan('person:read');
  const input = workFiguresInputs(orgId, year);
  const cadres = useApi(api.cadres.getCadreOverview, input.cadres);
  const life = useApi(api.orgLife.getOrgLifeOverview, input.orgLife);
  const reg = useApi(api.membership.registrationProgress, input.registration, { enabled: canPeople });
  const funnel = useApi(api.development.getFunnel, input.funnel);
  const q = `org=${orgId}`;
  const col = { xs: 12, md: 8, xl: 6, xxl: 3 } as const;

  const c = cadres.data;
  const l = life.data;
  const r = reg.data;
  const f = funnel.data;
  const failed = (e: unknown) => (e ? <Typography.Text type="danger">暂时无法获取</Typography.Text> : null);

  return (
    <Row gutter={[12, 12]} data-testid="work-figures">
      <Col {...col}>
        {c ? (
          <FigureCard
            testId="fig-cadres"
            to={`/cadres/overview?${q}`}
            title="团干部配备率 / 在岗率"
            value={`${percentText(c.staffing.rate)} / ${percentText(c.onDuty.rate)}`}
            rate={c.staffing.rate}
            footer={`应配书记 ${c.staffing.denominator} 个、已配 ${c.staffing.numerator} 个；${c.onDuty.denominator} 人中在岗 ${c.onDuty.numerator} 人`}
          />
        ) : (
          failed(cadres.error) ?? <Pending title="团干部" />
        )}
      </Col>
      <Col {...col}>
        {l ? (
          <FigureCard
            testId="fig-meetings"
            to={`/org-life/compliance?${q}`}
            title="“三会两制一课”完成率"
            value={percentText(l.meetings.rate)}
            rate={l.meetings.rate}
            warn={l.meetings.behind > 0 && (l.meetings.rate ?? 1) < 0.6}
            footer={`应开会次中已开的比例；${l.meetings.branches} 个团支部，达标 ${l.meetings.compliant} 个、未达标 ${l.meetings.behind} 个`}
          />
        ) : (
          failed(life.error) ?? <Pending title="组织生活" />
        )}
      </Col>
      <Col {...col}>
        {l ? (
          <FigureCard testId="fig-activities" to={`/org-life/activities?${q}`} title="本年度活动" value={l.activities.count} suffix="次" footer={`参与 ${l.activities.participants} 人次，主题团日 ${l.themeDays.count} 次`} />
        ) : (
          failed(life.error) ?? <Pending title="活动" />
        )}
      </Col>
      <Col {...col}>
        {l ? (
          <FigureCard testId="fig-volunteers" to={`/youth/volunteers?${q}`} title="注册志愿者" value={l.volunteers.count} suffix="人" footer={`服务时长 ${l.volunteers.serviceHours} 小时，项目 ${l.volunteers.projects} 个`} />
        ) : (
          failed(life.error) ?? <Pending title="志愿者" />
        )}
      </Col>
      <Col {...col}>
        {l ? (
          <FigureCard
            testId="fig-study"
            to={`/youth/study?${q}`}
            title="青年大学习参学率"
            value={percentText(l.study.rate)}
            rate={l.study.rate}
            warn={l.study.rate !== null && l.study.rate < l.study.threshold}
            footer={`${l.study.rounds} 期，低于${percentText(l.study.threshold, 0)}的团支部 ${l.study.branchesBelow} 个`}
          />
        ) : (
          failed(life.error) ?? <Pending title="青年大学习" />
        )}
      </Col>
      <Col {...col}>
        {l ? (
          <FigureCard
            testId="fig-appeals"
            to={`/youth/appeals?${q}`}
            title="青年诉求"
            value={l.appeals.total}
            suffix="件"
            warn={l.appeals.overdue > 0}
            footer={`超期未办 ${l.appeals.overdue} 件，按期答复 ${l.appeals.answeredOnTime} 件`}
          />
        ) : (
          failed(life.error) ?? <Pending title="青年诉求" />
        )}
      </Col>
      {canPeople && (
        <Col {...col}>
          {r ? (
            <FigureCard testId="fig-registration" to={`/membership/registrations?${q}`} title={`${year}年度团籍注册`} value={percentText(r.rate)} rate={r.rate} footer={`${r.total} 名团员，已注册 ${r.registered} 名`} />
          ) : (
            failed(reg.error) ?? <Pending title="团籍注册" />
          )}
        </Col>
      )}
      <Col {...col}>
        {f ? (
          <FigureCard
            testId="fig-quota"
            to={`/quotas?${q}&year=${year}`}
            title="发展指标使用"
            value={f.quota === null ? '未下达' : `${f.used} / ${f.quota}`}
            suffix={f.quota === null ? undefined : '名'}
            rate={f.quota ? Math.min(1, f.used / f.quota) : null}
            warn={f.quota !== null && f.used > f.quota}
            footer={f.quota === null ? `已审批 ${f.used} 名` : `剩余 ${f.quota - f.used} 名`}
          />
        ) : (
          failed(funnel.error) ?? <Pending title="发展指标" />
        )}
      </Col>
    </Row>
  );
}
