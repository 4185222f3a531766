import { FlagOutlined, HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import {
  RECTIFICATION_STATUSES,
  RECTIFICATION_STATUS_LABELS,
  STAR_ENTRY_STATUSES,
  STAR_ENTRY_STATUS_LABELS,
  STAR_GRADES,
  STAR_GRADE_LABELS,
  STAR_GRADE_THRESHOLDS,
  STAR_RATING_STATUS_LABELS,
  api,
  isBranchType,
  type RectificationStatus,
  type StarEntryStatus,
  type StarGrade,
} from '@tuanjian/domain';
import { App, Button, Card, Col, Empty, Popconfirm, Progress, Row, Select, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { LoadError } from '../../components/PageState';
import { PageHeader, YearSelect, useScopeOrg, useYearParam, listPagination } from '../../components/page';
import { useShowError } from '../../lib/errors';
import { CompleteModal, ConfirmModal, ENTRY_STATUS_COLORS, FollowUpModal, GradeTag, HistoryDrawer, OpenRatingModal, ScoreModal, TASK_STATUS_COLORS } from './RatingDialogs';
import { useRefreshRatings, useSearchValue } from './shared';
import { useFocusedRow } from '../../components/useRecordParam';

const d = api.dailyWork;
type Rating = api.dailyWork.StarRatingItem;
type Entry = api.dailyWork.StarEntryItem;
type Task = api.dailyWork.RectificationItem;

const thresholdText = `得分占满分的比例：${Math.round(STAR_GRADE_THRESHOLDS.five * 100)}%以上五星，${Math.round(STAR_GRADE_THRESHOLDS.four * 100)}%以上四星，${Math.round(STAR_GRADE_THRESHOLDS.three * 100)}%以上三星，不足${Math.round(STAR_GRADE_THRESHOLDS.three * 100)}%为软弱涣散`;

/**
 * 对标定级: the ratings of the year with their progress by state and grade,
 * every branch's entry (self-assessment → township review → county grade),
 * rectification tasks of weak branches, and each branch's history.
 */
export default function RatingsPage() {
  const { orgId, setOrg } = useScopeOrg();
  const [year, setYear] = useYearParam();
  const [tab, setTab] = useSearchValue<'entries' | 'tasks'>('tab', 'entries', ['entries', 'tasks']);
  const canApprove = useCan('membership:approve');
  const org = useApi(api.orgs.getOrg, orgId ? { params: { id: orgId } } : undefined, { enabled: !!orgId });
  const ratings = useApi(d.listStarRatings, { query: { under: orgId ?? undefined, year } }, { enabled: !!orgId });
  const [opening, setOpening] = useState(false);
  // A committee opens a rating for its subtree; not when its branches already take part in one of the year (the server refuses a second).
  const covered = (ratings.data ?? []).some((r) => r.entries > 0);
  const canOpen = canApprove && !!org.data && !isBranchType(org.data.type) && org.data.status === 'active' && !!ratings.data && !covered;

  return (
    <div>
      <PageHeader title="对标定级" orgId={orgId} onOrg={setOrg}>
        <YearSelect value={year} onChange={setYear} />
        {canOpen && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>
            开展定级
          </Button>
        )}
      </PageHeader>
      {ratings.error ? (
        <LoadError error={ratings.error} onRetry={() => void ratings.refetch()} />
      ) : ratings.data && !ratings.data.length ? (
        <Card style={{ marginBottom: 16 }}>
          <Empty
            description={
              <span>
                {year}年度尚未开展对标定级
                {canOpen ? '：点击右上角“开展定级”，本组织下全部团支部参加。' : '。对标定级由团委开展，开展后各团支部在此自评。'}
              </span>
            }
          />
        </Card>
      ) : (
        (ratings.data ?? []).map((r) => <RatingCard key={r.id} rating={r} />)
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as 'entries' | 'tasks')}
          destroyOnHidden
          items={[
            { key: 'entries', label: '团支部定级', children: orgId ? <EntriesTab under={orgId} year={year} /> : null },
            { key: 'tasks', label: '整改任务', children: orgId ? <TasksTab under={orgId} /> : null },
          ]}
        />
      </Card>
      {opening && org.data && <OpenRatingModal org={org.data} year={year} onClose={() => setOpening(false)} />}
    </div>
  );
}

/** One rating: who opened it, progress by state, results by grade. */
function RatingCard({ rating: r }: { rating: Rating }) {
  const canApprove = useCan('membership:approve');
  const { message } = App.useApp();
  const showError = useShowError();
  const refresh = useRefreshRatings();
  const [closing, setClosing] = useState(false);
  const s = r.byStatus;
  const done = r.entries ? Math.round((s.confirmed / r.entries) * 100) : 0;
  const close = async () => {
    setClosing(true);
    try {
      await call(d.closeStarRating, { params: { id: r.id } });
      await refresh();
      message.success('定级已结束');
    } catch (err) {
      showError(err);
    } finally {
      setClosing(false);
    }
  };
  return (
    <Card
      style={{ marginBottom: 16 }}
      data-testid="rating-card"
      title={
        <Space wrap>
          <FlagOutlined />
          <span>{r.title}</span>
          <Tag color={r.status === 'open' ? 'processing' : 'default'}>{STAR_RATING_STATUS_LABELS[r.status]}</Tag>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            {r.orgName ? `${r.orgName}开展` : '上级团委开展'}
          </Typography.Text>
        </Space>
      }
      extra={
        r.orgId !== null && (
          <Space>
            <ExportButton contract={d.exportStarRating} input={{ params: { id: r.id } }} fileName={`${r.title}.xlsx`} size="small">
              导出结果
            </ExportButton>
            {canApprove && r.status === 'open' && (
              <Tooltip title={s.confirmed < r.entries ? `还有${r.entries - s.confirmed}个团支部未定级` : undefined}>
                <Popconfirm title="结束本次定级？" description="结束后不能再自评、审核或定级。" okText="结束" cancelText="取消" onConfirm={() => void close()} disabled={s.confirmed < r.entries}>
                  <Button size="small" loading={closing} disabled={s.confirmed < r.entries}>
                    结束定级
                  </Button>
                </Popconfirm>
              </Tooltip>
            )}
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        评分标准（满分{r.maxTotal}分）：{r.criteria.map((c) => `${c.label}${c.max}分`).join('、')}
      </Typography.Paragraph>
      <Row gutter={[16, 16]} align="middle">
        <Col xs={24} md={5}>
          <Progress type="circle" percent={done} size={88} format={() => `${s.confirmed}/${r.entries}`} />
          <div style={{ marginTop: 6, color: '#8c8c8c', fontSize: 12 }}>已定级 / 参评团支部</div>
        </Col>
        <Col xs={24} md={9}>
          <Row gutter={8}>
            {STAR_ENTRY_STATUSES.map((st) => (
              <Col span={6} key={st}>
                <Statistic title={STAR_ENTRY_STATUS_LABELS[st]} value={s[st]} suffix="个" data-testid={`rating-status-${st}`} styles={{ content: { fontSize: 22 } }} />
              </Col>
            ))}
          </Row>
        </Col>
        <Col xs={24} md={10}>
          <Row gutter={8}>
            {(['five', 'four', 'three', 'weak'] as const).map((g) => (
              <Col span={6} key={g}>
                <Statistic
                  title={STAR_GRADE_LABELS[g]}
                  value={r.byGrade[g]}
                  suffix="个"
                  data-testid={`rating-grade-${g}`}
                  styles={{ content: { fontSize: 22, color: g === 'weak' && r.byGrade.weak ? '#cf1322' : undefined } }}
                />
              </Col>
            ))}
          </Row>
        </Col>
      </Row>
    </Card>
  );
}

type Dialog = { kind: 'self' | 'review' | 'confirm'; entry: Entry } | { kind: 'history'; orgId: number; orgName: string } | null;

function EntriesTab({ under, year }: { under: number; year: number }) {
  const focused = useFocusedRow('entry');
  const [status, setStatus] = useState<StarEntryStatus | undefined>();
  const [grade, setGrade] = useState<StarGrade | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [dialog, setDialog] = useState<Dialog>(null);
  const filters = { under, year, status, grade };
  const list = useApi(d.listStarEntries, { query: { ...filters, page, pageSize } });
  return (
    <div>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Space wrap>
          <Select
            allowClear
            placeholder="全部状态"
            style={{ width: 150 }}
            value={status}
            onChange={(v) => (setStatus(v), setPage(1))}
            options={STAR_ENTRY_STATUSES.map((s) => ({ value: s, label: STAR_ENTRY_STATUS_LABELS[s] }))}
          />
          <Select
            allowClear
            placeholder="全部等次"
            style={{ width: 120 }}
            value={grade}
            onChange={(v) => (setGrade(v), setPage(1))}
            options={STAR_GRADES.map((g) => ({ value: g, label: STAR_GRADE_LABELS[g] }))}
          />
          <Tooltip title={thresholdText}>
            <Typography.Text type="secondary" style={{ fontSize: 12, cursor: 'help' }}>
              等次标准？
            </Typography.Text>
          </Tooltip>
        </Space>
        <ExportButton contract={d.exportStarEntries} input={{ query: filters }} fileName="团支部对标定级情况.xlsx" />
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Entry>
          rowKey="id"
          size="middle"
          data-testid="star-entries"
          rowClassName={focused}
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: `${year}年度没有参加定级的团支部` }}
          scroll={{ x: 1050 }}
          pagination={listPagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '个团支部')}
          columns={[
            {
              title: '团支部',
              dataIndex: 'orgName',
            },
            { title: '状态', dataIndex: 'status', width: 130, render: (s: StarEntryStatus) => <Tag color={ENTRY_STATUS_COLORS[s]}>{STAR_ENTRY_STATUS_LABELS[s]}</Tag> },
            { title: '自评', dataIndex: 'selfTotal', width: 70, align: 'right', render: (v: number | null, e) => (v === null ? '—' : <Tooltip title={`满分${e.maxTotal}`}>{v}</Tooltip>) },
            { title: '审核', dataIndex: 'reviewTotal', width: 70, align: 'right', render: (v: number | null) => v ?? '—' },
            { title: '建议等次', dataIndex: 'suggestedGrade', width: 96, render: (g: StarGrade | null) => <GradeTag grade={g} /> },
            { title: '确定等次', dataIndex: 'grade', width: 96, render: (g: StarGrade | null, e) => (e.status === 'confirmed' ? <GradeTag grade={g} /> : '—') },
            {
              title: '整改',
              key: 'task',
              width: 130,
              render: (_, e) =>
                e.rectification ? (
                  <Tooltip title={e.rectification.requirement}>
                    <Tag color={TASK_STATUS_COLORS[e.rectification.status]}>{RECTIFICATION_STATUS_LABELS[e.rectification.status]}</Tag>
                    <div style={{ fontSize: 12, color: '#8c8c8c' }}>期限 {e.rectification.deadline}</div>
                  </Tooltip>
                ) : (
                  '—'
                ),
            },
            {
              title: '操作',
              key: 'actions',
              width: 190,
              render: (_, e) => (
                <Space size={0} wrap>
                  {e.can.selfAssess && !e.can.review && (
                    <Button type="link" size="small" onClick={() => setDialog({ kind: 'self', entry: e })}>
                      {e.status === 'pending' ? '自评' : '修改自评'}
                    </Button>
                  )}
                  {e.can.review && (
                    <Button type="link" size="small" onClick={() => setDialog({ kind: 'review', entry: e })}>
                      {e.status === 'reviewed' ? '修改审核' : '审核'}
                    </Button>
                  )}
                  {e.can.confirm && (
                    <Button type="link" size="small" onClick={() => setDialog({ kind: 'confirm', entry: e })}>
                      定级
                    </Button>
                  )}
                  {!e.can.selfAssess && !e.can.review && !e.can.confirm && e.status !== 'confirmed' && <NextStep entry={e} />}
                  <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => setDialog({ kind: 'history', orgId: e.orgId, orgName: e.orgName })}>
                    历年
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      {(dialog?.kind === 'self' || dialog?.kind === 'review') && <ScoreModal entry={dialog.entry} mode={dialog.kind} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'confirm' && <ConfirmModal entry={dialog.entry} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'history' && <HistoryDrawer orgId={dialog.orgId} orgName={dialog.orgName} onClose={() => setDialog(null)} />}
    </div>
  );
}

/** Who acts next on an entry the caller cannot act on. */
function NextStep({ entry: e }: { entry: Entry }) {
  const next = e.status === 'pending' ? '待团支部自评' : e.status === 'self_assessed' ? '待上级团委审核' : '待开展定级的团委定级';
  const why = e.status === 'pending' ? e.blocked.selfAssess : e.status === 'self_assessed' ? e.blocked.review : e.blocked.confirm;
  return (
    <Tooltip title={why ?? undefined}>
      <Typography.Text type="secondary" style={{ fontSize: 12, paddingInline: 7 }}>
        {next}
      </Typography.Text>
    </Tooltip>
  );
}

function TasksTab({ under }: { under: number }) {
  const canEdit = useCan('org:edit');
  const focused = useFocusedRow('rectification');
  const canApprove = useCan('membership:approve');
  const [status, setStatus] = useState<RectificationStatus | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [dialog, setDialog] = useState<{ kind: 'follow' | 'complete'; task: Task } | null>(null);
  const list = useApi(d.listRectifications, { query: { under, status, page, pageSize } });
  return (
    <div>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 150 }}
          value={status}
          onChange={(v) => (setStatus(v), setPage(1))}
          options={RECTIFICATION_STATUSES.map((s) => ({ value: s, label: RECTIFICATION_STATUS_LABELS[s] }))}
        />
        <ExportButton contract={d.exportRectifications} input={{ query: { under, status } }} fileName="整改任务.xlsx" />
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Task>
          rowKey="id"
          rowClassName={focused}
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '没有整改任务（确定为软弱涣散的团支部须下达整改任务）' }}
          scroll={{ x: 1000 }}
          pagination={listPagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '项')}
          columns={[
            {
              title: '团支部',
              dataIndex: 'orgName',
              width: 220,
              render: (n: string, t) => (
                <div>
                  <div>{n}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t.ratingTitle ?? ''}
                  </Typography.Text>
                </div>
              ),
            },
            { title: '整改要求', dataIndex: 'requirement' },
            { title: '期限', dataIndex: 'deadline', width: 104 },
            { title: '状态', dataIndex: 'status', width: 100, render: (s: RectificationStatus) => <Tag color={TASK_STATUS_COLORS[s]}>{RECTIFICATION_STATUS_LABELS[s]}</Tag> },
            {
              title: '整改进展',
              dataIndex: 'followUp',
              width: 280,
              render: (v: string | null) => (v ? <div style={{ whiteSpace: 'pre-wrap', fontSize: 13 }}>{v}</div> : <Typography.Text type="secondary">尚无进展记录</Typography.Text>),
            },
            {
              title: '操作',
              key: 'actions',
              width: 140,
              render: (_, t) =>
                t.status === 'done' ? (
                  <Typography.Text type="secondary">{t.doneOn} 验收</Typography.Text>
                ) : (
                  <Space size={0} wrap>
                    {canEdit && (
                      <Button type="link" size="small" onClick={() => setDialog({ kind: 'follow', task: t })}>
                        记录进展
                      </Button>
                    )}
                    {canApprove && (
                      <Button type="link" size="small" onClick={() => setDialog({ kind: 'complete', task: t })}>
                        验收
                      </Button>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      )}
      {dialog?.kind === 'follow' && <FollowUpModal task={dialog.task} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'complete' && <CompleteModal task={dialog.task} onClose={() => setDialog(null)} />}
    </div>
  );
}
