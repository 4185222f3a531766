import { api, menuLevelOf } from '@tuanjian/domain';
import { Card, Col, Row, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { thisYear } from '../../components/page';
import { LoadError, PageLoading } from '../../components/PageState';
import { ChildrenComparison } from './ChildrenComparison';
import { DevelopmentFunnel } from './DevelopmentFunnel';
import { OverviewCharts } from './OverviewCharts';
import { OverviewStats } from './OverviewStats';
import { AgeStructureChart, PeopleStats } from './PeopleStats';
import { BehindBranches } from './BehindBranches';
import { InboxSlot, OverdueSlot } from './InboxSlot';
import { UncoveredUnits } from './UncoveredUnits';
import { WorkFigures } from './WorkFigures';
import { peopleOverviewInput } from './homeQueries';

interface Props {
  data: api.ResponseOf<typeof api.stats.getOrgOverview>;
  orgId: number;
  /** The account's own organization (its 待办 slot is shown). */
  own: boolean;
  onDrill: (id: number) => void;
  title: ReactNode;
}

/** The home of a committee (county, township, …): overview figures, work, people and charts. Loaded lazily by HomePage. */
export default function CommitteeOverview({ data, orgId, own, onDrill, title }: Props) {
  const canPeople = useCan('person:read');
  const canStats = useCan('stats:read');
  const year = thisYear();
  const level: ReturnType<typeof menuLevelOf> = menuLevelOf(data.org.type);
  const people = useApi(api.people.getPeopleOverview, peopleOverviewInput(orgId), { enabled: canPeople });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid={`home-${level}`}>
      {title}
      {own && level === 'township' && <InboxSlot />}
      {level === 'county' && <OverdueSlot />}
      <OverviewStats data={data} />
      {canStats && (
        <>
          <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
            各项工作（{year}年）
          </Typography.Title>
          <WorkFigures orgId={orgId} year={year} />
          {level === 'township' && (
            <>
              <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
                落后的团支部
              </Typography.Title>
              <BehindBranches orgId={orgId} year={year} />
            </>
          )}
        </>
      )}
      {canPeople && (
        <>
          <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
            团员和青年
          </Typography.Title>
          {people.isLoading ? (
            <PageLoading />
          ) : people.error || !people.data ? (
            <Card size="small">
              <LoadError error={people.error} onRetry={() => void people.refetch()} />
            </Card>
          ) : (
            <>
              <PeopleStats data={people.data} />
              <Row gutter={[16, 16]}>
                <Col xs={24} xl={10}>
                  <AgeStructureChart data={people.data} />
                </Col>
                <Col xs={24} xl={14}>
                  <DevelopmentFunnel orgId={orgId} year={year} />
                </Col>
              </Row>
            </>
          )}
          <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
            组织
          </Typography.Title>
        </>
      )}
      <OverviewCharts data={data} />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <ChildrenComparison data={data} people={people.data} onDrill={onDrill} />
        </Col>
        <Col xs={24} xl={8}>
          <UncoveredUnits orgId={orgId} />
        </Col>
      </Row>
    </Space>
  );
}
