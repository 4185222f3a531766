import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  DEFAULT_STAR_CRITERIA,
  RECTIFICATION_STATUS_LABELS,
  STAR_ENTRY_STATUS_LABELS,
  STAR_GRADES,
  STAR_GRADE_LABELS,
  api,
  confirmProblems,
  criteriaProblems,
  ratingYearProblem,
  starScoreProblems,
  suggestedGrade,
  totalScore,
  type RectificationStatus,
  type StarEntryStatus,
  type StarGrade,
} from '@tuanjian/domain';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Empty, Form, Input, InputNumber, Modal, Radio, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { LoadError, PageLoading } from '../../components/PageState';
import { Problems, Refusal, notAfterToday, todayDayjs, useDialogSubmit, ymd } from '../../components/page';
import { chinaToday } from '../../lib/people';
import { useRefreshRatings } from './shared';

/** Dialogs of the 对标定级 page: open a rating, score, confirm a grade, rectification, a branch's history. */

const d = api.dailyWork;
type Entry = api.dailyWork.StarEntryItem;
type Task = api.dailyWork.RectificationItem;
type OrgDetail = api.ResponseOf<typeof api.orgs.getOrg>;

export const GRADE_COLORS: Record<StarGrade, string> = { five: 'red', four: 'volcano', three: 'gold', weak: 'default' };
export const ENTRY_STATUS_COLORS: Record<StarEntryStatus, string> = { pending: 'default', self_assessed: 'processing', reviewed: 'cyan', confirmed: 'success' };
export const TASK_STATUS_COLORS: Record<RectificationStatus, string> = { open: 'processing', done: 'success', overdue: 'error' };

export function GradeTag({ grade }: { grade: StarGrade | null }) {
  if (!grade) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Tag color={GRADE_COLORS[grade]}>{STAR_GRADE_LABELS[grade]}</Tag>;
}

/** A ready-to-use title: "2026年度白泥镇团支部对标定级" from "共青团余庆县白泥镇委员会". */
function defaultTitle(orgName: string, year: number) {
  const unit = orgName.replace(/^共青团/, '').replace(/(委员会|工作委员会|团委|团工委)$/, '');
  return `${year}年度${unit}基层团支部对标定级`;
}

/** An internal code for a criterion added by hand (the user only names it): item1, item2, … not yet used. */
function freeKey(criteria: { key: string }[] | undefined): string {
  const used = new Set((criteria ?? []).map((c) => c?.key));
  let n = 1;
  while (used.has(`item${n}`)) n++;
  return `item${n}`;
}

interface OpenValues {
  title: string;
  criteria: { key: string; label: string; max: number }[];
}

/** 开展定级: every branch under the organization takes part; the criteria default to the usual five areas. */
export function OpenRatingModal({ org, year, onClose }: { org: OrgDetail; year: number; onClose(): void }) {
  const [form] = Form.useForm<OpenValues>();
  const { message } = App.useApp();
  const refresh = useRefreshRatings();
  const { saving, refusal, run } = useDialogSubmit(form);
  const criteria = (Form.useWatch('criteria', form) as OpenValues['criteria'] | undefined) ?? [];
  const filled = criteria.filter((c) => c && (c.key || c.label));
  const yearProblem = ratingYearProblem(year, chinaToday());
  const problems = [...(yearProblem ? [yearProblem] : []), ...criteriaProblems(filled.map((c) => ({ key: c.key ?? '', label: c.label ?? '', max: Number(c.max) }))).filter((p) => !p.includes('须有名称'))];
  const total = filled.reduce((s, c) => s + (Number(c.max) || 0), 0);

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      const r = await call(d.openStarRating, { body: { orgId: org.id, year, title: v.title.trim(), criteria: v.criteria.map((c) => ({ key: c.key.trim(), label: c.label.trim(), max: Number(c.max) })) } });
      await refresh();
      message.success(`已开展：${r.entries}个团支部参加，请通知各团支部自评`);
      onClose();
    });
  }

  return (
    <Modal
      open
      title={`开展${year}年度对标定级`}
      okText="开展"
      cancelText="取消"
      okButtonProps={{ disabled: problems.length > 0 }}
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={680}
    >
      <Typography.Paragraph type="secondary">
        {org.name}下的全部团支部参加（毕业生临时团支部除外）：团支部自评，上级团委审核，由本组织确定等次。同一年度不能重复开展。
      </Typography.Paragraph>
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ title: defaultTitle(org.name, year), criteria: DEFAULT_STAR_CRITERIA.map((c) => ({ ...c })) }}>
        <Form.Item name="title" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { min: 4, message: '名称至少4个字' }, { max: 60 }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Typography.Text strong>评分标准（满分合计 {total} 分）</Typography.Text>
        <Form.List name="criteria">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, whitespace: true, message: '请填写评分项' }]} style={{ marginBottom: 8 }}>
                    <Input placeholder="评分项，如 组织建设" style={{ width: 380 }} maxLength={30} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'key']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'max']} rules={[{ required: true, message: '请填写满分' }]} style={{ marginBottom: 8 }}>
                    <InputNumber min={1} max={100} precision={0} addonAfter="分" style={{ width: 120 }} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} aria-label="删除评分项" disabled={fields.length <= 1} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: freeKey(form.getFieldValue('criteria') as OpenValues['criteria']), label: '', max: 10 })} disabled={fields.length >= 20}>
                添加评分项
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** 自评 (the branch) or 审核 (the committee above): a score per criterion, the total and the grade it suggests. */
export function ScoreModal({ entry: e, mode, onClose }: { entry: Entry; mode: 'self' | 'review'; onClose(): void }) {
  const [form] = Form.useForm<{ scores: Record<string, number>; note?: string }>();
  const { message } = App.useApp();
  const refresh = useRefreshRatings();
  const { saving, refusal, run } = useDialogSubmit(form);
  const scores = (Form.useWatch('scores', form) as Record<string, number | null> | undefined) ?? {};
  const clean = Object.fromEntries(Object.entries(scores).filter(([, v]) => v !== null && v !== undefined)) as Record<string, number>;
  const complete = e.criteria.every((c) => clean[c.key] !== undefined);
  const problems = complete ? starScoreProblems(e.criteria, clean) : [];
  const total = totalScore(clean);
  const review = mode === 'review';
  const initial = review ? (e.reviewScores ?? e.selfScores ?? {}) : (e.selfScores ?? {});

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      const body = { scores: v.scores, note: v.note?.trim() || undefined };
      if (review) await call(d.reviewStarEntry, { params: { id: e.id }, body });
      else await call(d.selfAssessStarEntry, { params: { id: e.id }, body });
      await refresh();
      message.success(review ? '审核已保存，待开展定级的团委确定等次' : '自评已提交，待上级团委审核');
      onClose();
    });
  }

  return (
    <Modal
      open
      title={`${review ? '审核' : '自评'}：${e.orgName}`}
      okText={review ? '保存审核' : '提交自评'}
      cancelText="取消"
      okButtonProps={{ disabled: problems.length > 0 }}
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={620}
    >
      <Typography.Paragraph type="secondary">{e.ratingTitle}，满分 {e.maxTotal} 分。</Typography.Paragraph>
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="horizontal" labelCol={{ span: 8 }} requiredMark="optional" initialValues={{ scores: initial, note: (review ? e.reviewNote : e.selfNote) ?? undefined }}>
        {e.criteria.map((c) => (
          <Form.Item
            key={c.key}
            name={['scores', c.key]}
            label={c.label}
            rules={[{ required: true, message: `请为“${c.label}”评分` }]}
            extra={review && e.selfScores ? `团支部自评 ${e.selfScores[c.key] ?? '—'} 分` : undefined}
          >
            <InputNumber min={0} max={c.max} precision={0} addonAfter={`/ ${c.max}分`} style={{ width: 170 }} aria-label={c.label} />
          </Form.Item>
        ))}
        <Form.Item name="note" label={review ? '审核意见' : '自评说明'} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
      {complete && !problems.length && (
        <Alert type="info" showIcon title={`合计 ${total} / ${e.maxTotal} 分，按标准建议等次：${STAR_GRADE_LABELS[suggestedGrade(total, e.maxTotal)]}`} />
      )}
    </Modal>
  );
}

interface ConfirmValues {
  grade: StarGrade;
  requirement?: string;
  deadline?: Dayjs;
}

/** 定级: the grade (suggested by the reviewed score); a weak branch gets a rectification task with a deadline. */
export function ConfirmModal({ entry: e, onClose }: { entry: Entry; onClose(): void }) {
  const [form] = Form.useForm<ConfirmValues>();
  const { message } = App.useApp();
  const refresh = useRefreshRatings();
  const { saving, refusal, run } = useDialogSubmit(form);
  const v = Form.useWatch([], form) as Partial<ConfirmValues> | undefined;
  const weak = v?.grade === 'weak';
  const task = weak ? { requirement: v?.requirement ?? '', deadline: v?.deadline ? ymd(v.deadline) : '' } : null;
  const problems = v?.grade && (!weak || (v.requirement && v.deadline)) ? confirmProblems(v.grade, task, chinaToday()) : [];

  async function submit() {
    const values = await form.validateFields();
    await run(async () => {
      await call(d.confirmStarEntry, {
        params: { id: e.id },
        body: { grade: values.grade, rectification: values.grade === 'weak' ? { requirement: values.requirement!.trim(), deadline: ymd(values.deadline!) } : null },
      });
      await refresh();
      message.success(`已定级：${e.orgName} ${STAR_GRADE_LABELS[values.grade]}`);
      onClose();
    });
  }

  return (
    <Modal
      open
      title={`定级：${e.orgName}`}
      okText="确定等次"
      cancelText="取消"
      okButtonProps={{ disabled: problems.length > 0 }}
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={600}
    >
      <Descriptions
        size="small"
        bordered
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'self', label: '自评', children: e.selfTotal === null ? '—' : `${e.selfTotal} / ${e.maxTotal} 分${e.selfNote ? `（${e.selfNote}）` : ''}` },
          { key: 'review', label: '审核', children: e.reviewTotal === null ? '—' : `${e.reviewTotal} / ${e.maxTotal} 分${e.reviewNote ? `（${e.reviewNote}）` : ''}` },
          { key: 'suggested', label: '建议等次', children: <GradeTag grade={e.suggestedGrade} /> },
        ]}
      />
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ grade: e.suggestedGrade ?? undefined }}>
        <Form.Item name="grade" label="等次" rules={[{ required: true, message: '请选择等次' }]}>
          <Radio.Group optionType="button" options={STAR_GRADES.map((g) => ({ value: g, label: STAR_GRADE_LABELS[g] }))} />
        </Form.Item>
        {weak && (
          <>
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="确定为软弱涣散团支部须同时下达整改任务，由团支部记录整改进展，上级团委验收。" />
            <Form.Item name="requirement" label="整改要求" rules={[{ required: true, whitespace: true, message: '请填写整改要求' }, { min: 4, message: '整改要求至少4个字' }, { max: 500 }]}>
              <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：三个月内配齐支部委员，按月开展主题团日活动，补齐团员档案" />
            </Form.Item>
            <Form.Item name="deadline" label="整改期限" rules={[{ required: true, message: '请选择整改期限' }]}>
              <DatePicker disabledDate={(x) => ymd(x) <= chinaToday()} style={{ width: 180 }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** 记录整改进展 (the branch or the committee above); each entry is dated and kept. */
export function FollowUpModal({ task, onClose }: { task: Task; onClose(): void }) {
  const [text, setText] = useState('');
  const { message } = App.useApp();
  const refresh = useRefreshRatings();
  const { saving, refusal, run } = useDialogSubmit();
  const submit = async () => {
    await run(async () => {
      await call(d.followUpRectification, { params: { id: task.id }, body: { followUp: text.trim() } });
      await refresh();
      message.success('整改进展已记录');
      onClose();
    });
  };
  return (
    <Modal open title={`记录整改进展：${task.orgName}`} okText="记录" cancelText="取消" okButtonProps={{ disabled: text.trim().length < 2 }} confirmLoading={saving} onOk={() => void submit()} onCancel={onClose} destroyOnHidden width={600}>
      <Typography.Paragraph>
        <Typography.Text type="secondary">整改要求：</Typography.Text>
        {task.requirement}（期限 {task.deadline}）
      </Typography.Paragraph>
      {task.followUp && <div style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 8, marginBottom: 12, fontSize: 13 }}>{task.followUp}</div>}
      <Refusal error={refusal} />
      <Input.TextArea rows={4} value={text} onChange={(x) => setText(x.target.value)} maxLength={1000} showCount placeholder="本次整改做了什么，如：已召开支部大会补选组织委员" />
    </Modal>
  );
}

/** 验收 by the committee above: the rectification is done. */
export function CompleteModal({ task, onClose }: { task: Task; onClose(): void }) {
  const [form] = Form.useForm<{ doneOn: Dayjs; note?: string }>();
  const { message } = App.useApp();
  const refresh = useRefreshRatings();
  const { saving, refusal, run } = useDialogSubmit(form);
  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      await call(d.completeRectification, { params: { id: task.id }, body: { doneOn: ymd(v.doneOn), note: v.note?.trim() || undefined } });
      await refresh();
      message.success('整改已验收');
      onClose();
    });
  };
  return (
    <Modal
      open
      title={`验收整改：${task.orgName}`}
      okText="验收通过"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={600}
    >
      <Typography.Paragraph>
        <Typography.Text type="secondary">整改要求：</Typography.Text>
        {task.requirement}
      </Typography.Paragraph>
      {task.followUp ? (
        <div style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 8, marginBottom: 12, fontSize: 13 }}>{task.followUp}</div>
      ) : (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="尚无整改进展记录，须先记录整改进展才能验收" />
      )}
      <Refusal error={refusal} />
      <Form form={form} layout="vertical" initialValues={{ doneOn: todayDayjs() }}>
        <Form.Item name="doneOn" label="验收日期" rules={[{ required: true, message: '请选择验收日期' }]}>
          <DatePicker disabledDate={notAfterToday()} allowClear={false} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="note" label="验收意见" rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 历年定级 of one branch. */
export function HistoryDrawer({ orgId, orgName, onClose }: { orgId: number; orgName: string; onClose(): void }) {
  const history = useApi(d.starHistory, { query: { orgId } });
  return (
    <Drawer open onClose={onClose} size="large" title={`历年定级：${orgName}`} destroyOnHidden>
      {history.isLoading ? (
        <PageLoading />
      ) : history.error ? (
        <LoadError error={history.error} />
      ) : !history.data?.length ? (
        <Empty description="该团支部尚未参加过对标定级" />
      ) : (
        <Timeline
          items={history.data.map((e) => ({
            key: e.id,
            color: e.grade === 'weak' ? 'red' : e.status === 'confirmed' ? 'green' : 'blue',
            content: (
              <div>
                <Space wrap>
                  <Typography.Text strong>{e.year}年度</Typography.Text>
                  <span>{e.ratingTitle}</span>
                  <Tag>{STAR_ENTRY_STATUS_LABELS[e.status]}</Tag>
                  {e.status === 'confirmed' && <GradeTag grade={e.grade} />}
                </Space>
                <Table
                  size="small"
                  style={{ marginTop: 8 }}
                  pagination={false}
                  rowKey="key"
                  dataSource={e.criteria}
                  columns={[
                    { title: '评分项', dataIndex: 'label' },
                    { title: '满分', dataIndex: 'max', width: 60, align: 'right' },
                    { title: '自评', key: 'self', width: 60, align: 'right', render: (_, c) => e.selfScores?.[c.key] ?? '—' },
                    { title: '审核', key: 'review', width: 60, align: 'right', render: (_, c) => e.reviewScores?.[c.key] ?? '—' },
                  ]}
                  summary={() => (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right">
                        {e.maxTotal}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={2} align="right">
                        {e.selfTotal ?? '—'}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={3} align="right">
                        {e.reviewTotal ?? '—'}
                      </Table.Summary.Cell>
                    </Table.Summary.Row>
                  )}
                />
                {e.confirmedBy && (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 6, fontSize: 12 }}>
                    定级：{e.confirmedBy}
                  </Typography.Paragraph>
                )}
                {e.rectification && (
                  <Alert
                    style={{ marginTop: 8 }}
                    type={e.rectification.status === 'done' ? 'success' : e.rectification.status === 'overdue' ? 'error' : 'warning'}
                    title={`整改任务（${RECTIFICATION_STATUS_LABELS[e.rectification.status]}，期限 ${e.rectification.deadline}）：${e.rectification.requirement}`}
                    description={e.rectification.followUp ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.rectification.followUp}</div> : undefined}
                  />
                )}
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}
