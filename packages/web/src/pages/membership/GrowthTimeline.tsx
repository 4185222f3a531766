import { GROWTH_EVENT_LABELS, api, type GrowthEventKind } from '@tuanjian/domain';
import { Descriptions, Drawer, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useApi } from '../../api/hooks';
import { LoadError, PageLoading } from '../../components/PageState';
import { formatDate } from '../../lib/format';
import { MEMBER_STATUS_LABELS } from '../../lib/people';

/** Colours of the path 少先队 → 团 → 党 (dot and tag). */
const KIND_COLORS: Record<GrowthEventKind, { dot: string; tag: string }> = {
  pioneer: { dot: '#e8a33d', tag: 'gold' },
  development: { dot: '#8c8c8c', tag: 'default' },
  joined: { dot: '#b81c22', tag: 'red' },
  registration: { dot: '#1f5fae', tag: 'blue' },
  appraisal: { dot: '#13a8a8', tag: 'cyan' },
  transfer: { dot: '#7b4fb8', tag: 'purple' },
  membership: { dot: '#d4622b', tag: 'volcano' },
  party_recommendation: { dot: '#c0457f', tag: 'magenta' },
  party: { dot: '#8f1117', tag: 'red' },
};

/** Milestones drawn larger than the routine records around them. */
const MILESTONES = new Set<GrowthEventKind>(['pioneer', 'joined', 'party']);

/**
 * 成长档案: a person's path 少先队 → 团 → 党 as a timeline, with the records the
 * caller's scope holds (registrations, appraisals, transfers, changes of
 * membership, 推优入党). `personId` is any person of the registry.
 */
export function GrowthTimeline({ personId, showSummary = true }: { personId: number; showSummary?: boolean }) {
  const growth = useApi(api.membership.getGrowthRecord, { params: { id: personId } });
  if (growth.isLoading) return <PageLoading />;
  if (growth.error || !growth.data) return <LoadError error={growth.error} title="无法查看成长档案" onRetry={() => void growth.refetch()} />;
  const { person, events } = growth.data;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="growth-timeline">
      {showSummary && (
        <Descriptions
          size="small"
          bordered
          column={2}
          styles={{ label: { width: 96 } }}
          items={[
            { key: 'name', label: '姓名', children: person.name },
            { key: 'id', label: '身份证号', children: <span style={{ fontFamily: 'monospace' }}>{person.idNumberMasked}</span> },
            { key: 'org', label: '所在组织', span: 2, children: person.orgName },
            { key: 'no', label: '团员编号', children: person.memberNo ? <span style={{ fontFamily: 'monospace' }}>{person.memberNo}</span> : '—' },
            { key: 'status', label: '团籍状态', children: person.memberStatus ? MEMBER_STATUS_LABELS[person.memberStatus] : '非团员' },
            { key: 'pioneer', label: '入队时间', children: formatDate(person.pioneerJoinedOn) },
            { key: 'joined', label: '入团时间', children: formatDate(person.joinedOn) },
            { key: 'party', label: '入党时间', span: 2, children: formatDate(person.partyJoinedOn) },
          ]}
        />
      )}
      {events.length === 0 ? (
        <Empty description="暂无成长记录" />
      ) : (
        <Timeline
          style={{ paddingTop: 8 }}
          items={events.map((e, i) => ({
            key: `${e.date}-${i}`,
            color: KIND_COLORS[e.kind].dot,
            content: (
              <div data-testid="growth-event" data-kind={e.kind}>
                <Space size={8} wrap>
                  <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatDate(e.date)}
                  </Typography.Text>
                  <Tag color={KIND_COLORS[e.kind].tag} style={{ marginInlineEnd: 0 }}>
                    {GROWTH_EVENT_LABELS[e.kind]}
                  </Tag>
                  <Typography.Text strong={MILESTONES.has(e.kind)}>{e.title}</Typography.Text>
                </Space>
                {e.detail && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {e.detail}
                    </Typography.Text>
                  </div>
                )}
              </div>
            ),
          }))}
        />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        成长档案按时间排列；该同志转入前由原所在组织办理的记录，只有原组织可以查看。
      </Typography.Text>
    </Space>
  );
}

/** The growth record in a drawer, opened from a name in the membership lists. */
export function GrowthDrawer({ personId, onClose }: { personId: number; onClose(): void }) {
  return (
    <Drawer open size={640} title="成长档案" onClose={onClose} destroyOnHidden>
      <GrowthTimeline personId={personId} />
    </Drawer>
  );
}

export default GrowthTimeline;
