import { ArrowLeftOutlined, ReloadOutlined, WarningFilled } from '@ant-design/icons';
import {
  FINDING_STATUSES,
  FINDING_STATUS_LABELS,
  REVIEW_RULES,
  REVIEW_RULE_LABELS,
  REVIEW_STATUS_LABELS,
  api,
  type FindingStatus,
  type ReviewRule,
} from '@tuanjian/domain';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Empty, Form, Input, Modal, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useAccount, useCan } from '../../auth/session';
import { LoadError, PageLoading } from '../../components/PageState';
import { useDialogSubmit } from '../../components/page';
import { PersonName, Refusal, notAfterToday, todayDayjs, useRefreshMembership, ymd } from './shared';
import { REVIEW_STATUS_COLORS } from './ReviewsPage';

type Review = api.ResponseOf<typeof api.membership.getReview>;
type Finding = api.membership.ReviewFindingItem;
type View = 'person' | 'rule';

const FINDING_COLORS: Record<FindingStatus, string> = { open: 'processing', confirmed: 'error', dismissed: 'default' };
/** The name the server gives a person who has since left the caller's scope. */
const OUT_OF_SCOPE = '（已转出）';

/** One 回头看: its figures, and the findings grouped by person or by rule, each to confirm (清退) or dismiss. */
export default function ReviewDetailPage() {
  const id = Number(useParams().id);
  const review = useApi(api.membership.getReview, { params: { id } }, { enabled: id > 0 });
  const [view, setView] = useState<View>('person');
  const [status, setStatus] = useState<FindingStatus | 'all'>('open');

  if (review.isLoading) return <PageLoading />;
  if (review.error || !review.data) return <LoadError error={review.error} title="无法查看该检查" onRetry={() => void review.refetch()} />;
  const r = review.data;
  const findings = status === 'all' ? r.findings : r.findings.filter((f) => f.status === status);
  const counts = Object.fromEntries(FINDING_STATUSES.map((s) => [s, r.findings.filter((f) => f.status === s).length])) as Record<FindingStatus, number>;

  return (
    <div>
      <Space style={{ marginBottom: 8 }}>
        <Link to="/membership/reviews">
          <ArrowLeftOutlined /> 返回“回头看”列表
        </Link>
      </Space>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Space>
          <h1 className="tj-page-title" style={{ margin: 0 }} data-testid="review-title">
            {r.title}
          </h1>
          <Tag color={REVIEW_STATUS_COLORS[r.status]}>{REVIEW_STATUS_LABELS[r.status]}</Tag>
        </Space>
        <Button icon={<ReloadOutlined />} onClick={() => void review.refetch()}>
          刷新
        </Button>
      </Space>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={10}>
          <Card style={{ height: '100%' }}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'org', label: '检查范围', children: r.orgName },
                { key: 'period', label: '入团期间', children: `${r.periodFrom} 至 ${r.periodTo}` },
                { key: 'opened', label: '开展日期', children: r.openedOn },
              ]}
            />
          </Card>
        </Col>
        <Col span={14}>
          <Card style={{ height: '100%' }}>
            <Row gutter={8}>
              <Col span={6}>
                <Statistic title="检查人数" value={r.checked} data-testid="review-checked" />
              </Col>
              <Col span={6}>
                <Statistic title="发现问题人数" value={r.found} styles={{ content: { color: r.found ? '#d4622b' : undefined } }} data-testid="review-found" />
              </Col>
              <Col span={6}>
                <Statistic title="已清退人数" value={r.revoked} styles={{ content: { color: r.revoked ? '#b81c22' : undefined } }} data-testid="review-revoked" />
              </Col>
              <Col span={6}>
                <Statistic title="待核实问题" value={r.openFindings} data-testid="review-open" />
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>
      <Card
        title="发现的问题"
        extra={
          <Space wrap>
            <Segmented<FindingStatus | 'all'>
              value={status}
              onChange={setStatus}
              options={[
                ...FINDING_STATUSES.map((s) => ({ value: s, label: `${FINDING_STATUS_LABELS[s]} ${counts[s]}` })),
                { value: 'all' as const, label: `全部 ${r.findings.length}` },
              ]}
            />
            <Segmented<View>
              value={view}
              onChange={setView}
              options={[
                { value: 'person', label: '按人员' },
                { value: 'rule', label: '按问题类型' },
              ]}
            />
          </Space>
        }
      >
        {findings.length === 0 ? (
          <Empty description={r.findings.length ? '没有符合条件的问题' : '本次检查未发现问题'} />
        ) : view === 'person' ? (
          <ByPerson review={r} findings={findings} />
        ) : (
          <ByRule findings={findings} />
        )}
      </Card>
    </div>
  );
}

function ByPerson({ review, findings }: { review: Review; findings: Finding[] }) {
  const groups = useMemo(() => {
    const map = new Map<number, Finding[]>();
    for (const f of findings) map.set(f.personId, [...(map.get(f.personId) ?? []), f]);
    return [...map.values()];
  }, [findings]);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {groups.map((list) => {
        const f = list[0]!;
        const all = review.findings.filter((x) => x.personId === f.personId);
        return (
          <Card
            key={f.personId}
            size="small"
            type="inner"
            data-testid="finding-person"
            title={
              <Space wrap>
                {f.personName === OUT_OF_SCOPE ? <span>{f.personName}</span> : <PersonName id={f.personId} name={f.personName} />}
                <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontWeight: 400 }}>
                  {f.idNumberMasked}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                  入团 {f.joinedOn ?? '—'} · {f.orgName}
                </Typography.Text>
              </Space>
            }
            extra={
              all.some((x) => x.status === 'confirmed') ? (
                <Tag color="error">已清退</Tag>
              ) : (
                <Typography.Text type="secondary">{all.length}项问题</Typography.Text>
              )
            }
          >
            <Table<Finding>
              rowKey="id"
              size="small"
              pagination={false}
              showHeader={false}
              dataSource={list}
              columns={[
                { key: 'rule', width: 170, render: (_: unknown, x) => <Tag color="orange">{REVIEW_RULE_LABELS[x.rule]}</Tag> },
                { key: 'detail', dataIndex: 'detail' },
                ...statusAndActions(),
              ]}
            />
          </Card>
        );
      })}
    </Space>
  );
}

function ByRule({ findings }: { findings: Finding[] }) {
  const rules = REVIEW_RULES.filter((rule) => findings.some((f) => f.rule === rule));
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {rules.map((rule) => {
        const list = findings.filter((f) => f.rule === rule);
        return (
          <Card key={rule} size="small" type="inner" title={<Tag color="orange">{REVIEW_RULE_LABELS[rule as ReviewRule]}</Tag>} extra={`${list.length}项`}>
            <Table<Finding>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={list}
              columns={[
                {
                  title: '姓名',
                  dataIndex: 'personName',
                  width: 110,
                  render: (n: string, x) => (n === OUT_OF_SCOPE ? n : <PersonName id={x.personId} name={n} />),
                },
                { title: '所在组织', dataIndex: 'orgName', width: 220, ellipsis: true },
                { title: '问题', dataIndex: 'detail' },
                ...statusAndActions(),
              ]}
            />
          </Card>
        );
      })}
    </Space>
  );
}

function statusAndActions() {
  return [
    {
      title: '核实结果',
      key: 'status',
      width: 220,
      render: (_: unknown, x: Finding) => (
        <div>
          <Tag color={FINDING_COLORS[x.status]}>{FINDING_STATUS_LABELS[x.status]}</Tag>
          {x.note && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }} ellipsis={{ rows: 2, tooltip: x.note }}>
              {x.note}
            </Typography.Paragraph>
          )}
        </div>
      ),
    },
    { title: '操作', key: 'actions', width: 170, render: (_: unknown, x: Finding) => <FindingActions finding={x} /> },
  ];
}

function FindingActions({ finding }: { finding: Finding }) {
  const canApprove = useCan('membership:approve');
  const [open, setOpen] = useState<'confirm' | 'dismiss' | null>(null);
  if (finding.status !== 'open' || !canApprove) return null;
  return (
    <Space size={0}>
      <Button type="link" size="small" danger onClick={() => setOpen('confirm')}>
        属实·清退
      </Button>
      <Button type="link" size="small" onClick={() => setOpen('dismiss')}>
        排除
      </Button>
      {open === 'confirm' && <ConfirmModal finding={finding} onClose={() => setOpen(null)} />}
      {open === 'dismiss' && <DismissModal finding={finding} onClose={() => setOpen(null)} />}
    </Space>
  );
}

interface ConfirmValues {
  onDate: Dayjs;
  approvedBy: string;
  note: string;
  verified: boolean;
}

/** 清退: irreversible, so the consequences are spelled out and must be acknowledged. */
function ConfirmModal({ finding: f, onClose }: { finding: Finding; onClose(): void }) {
  const account = useAccount();
  const [form] = Form.useForm<ConfirmValues>();
  const { message } = App.useApp();
  const refresh = useRefreshMembership();
  const { saving, refusal, run } = useDialogSubmit(form);
  const verified = Form.useWatch('verified', form) as boolean | undefined;
  const approver = account.scopeOrgName && account.scopeOrgName.length <= 30 ? account.scopeOrgName : account.displayName;

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      await call(api.membership.confirmFinding, { params: { id: f.id }, body: { onDate: ymd(v.onDate), approvedBy: v.approvedBy.trim(), note: v.note.trim() } });
      await refresh();
      message.success(`已清退：${f.personName}`);
      onClose();
    });
  }

  return (
    <Modal
      open
      title={
        <Space>
          <WarningFilled style={{ color: '#b81c22' }} />
          核实属实，清退 {f.personName}
        </Space>
      }
      okText="确认清退"
      okButtonProps={{ danger: true, disabled: !verified }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={620}
    >
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 16 }}
        title="清退是取消团籍的处理，办理后不能撤销"
        description={
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            <li>{f.personName}的团籍状态将变为“已离团（清退）”，其入团程序记录标记为“已清退”；</li>
            <li>经“回头看”清退的不能恢复团籍，须按程序重新发展；</li>
            <li>该同志在本次检查中的其他待核实问题将一并按清退办结。</li>
          </ul>
        }
      />
      <Descriptions
        size="small"
        bordered
        column={1}
        style={{ marginBottom: 16 }}
        styles={{ label: { width: 90 } }}
        items={[
          { key: 'who', label: '团员', children: `${f.personName}（${f.idNumberMasked}），${f.orgName}` },
          { key: 'rule', label: '问题', children: `${REVIEW_RULE_LABELS[f.rule]}：${f.detail}` },
        ]}
      />
      <Refusal error={refusal} />
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ onDate: todayDayjs(), approvedBy: approver, verified: false }}>
        <Form.Item name="note" label="核实情况" rules={[{ required: true, whitespace: true, message: '请填写核实情况' }, { min: 2, message: '核实情况至少2个字' }, { max: 500 }]}>
          <Input.TextArea rows={3} showCount maxLength={500} placeholder="核实的经过和依据" />
        </Form.Item>
        <Space size={16} align="start">
          <Form.Item name="onDate" label="清退日期" rules={[{ required: true, message: '请选择清退日期' }]}>
            <DatePicker allowClear={false} disabledDate={notAfterToday(f.joinedOn)} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="approvedBy" label="批准人（批准的团组织）" rules={[{ required: true, whitespace: true, message: '请填写批准人' }, { min: 2 }, { max: 30 }]}>
            <Input style={{ width: 320 }} />
          </Form.Item>
        </Space>
        <Form.Item name="verified" valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox>我已核实上述问题属实，确认清退该同志</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DismissModal({ finding: f, onClose }: { finding: Finding; onClose(): void }) {
  const [form] = Form.useForm<{ note: string }>();
  const { message } = App.useApp();
  const refresh = useRefreshMembership();
  const { saving, refusal, run } = useDialogSubmit(form);

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      await call(api.membership.dismissFinding, { params: { id: f.id }, body: { note: v.note.trim() } });
      await refresh();
      message.success('已排除该问题');
      onClose();
    });
  }

  return (
    <Modal
      open
      title={`排除问题：${f.personName}`}
      okText="确认排除"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph>
        <Tag color="orange">{REVIEW_RULE_LABELS[f.rule]}</Tag>
        {f.detail}
      </Typography.Paragraph>
      <Refusal error={refusal} />
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item
          name="note"
          label="核实情况（不成立的理由）"
          rules={[{ required: true, whitespace: true, message: '请填写核实情况' }, { min: 2, message: '核实情况至少2个字' }, { max: 500 }]}
        >
          <Input.TextArea rows={3} showCount maxLength={500} placeholder="如：经查阅纸质档案，团课学习记录齐全，系录入遗漏" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
