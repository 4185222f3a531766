import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { REVIEW_RULES, REVIEW_RULE_LABELS, REVIEW_STATUS_LABELS, api, reviewPeriodProblems, type ReviewStatus } from '@tuanjian/domain';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError } from '../../components/PageState';
import { useDialogSubmit } from '../../components/page';
import { chinaToday } from '../../lib/people';
import { PageHeader, Problems, Refusal, notAfterToday, thisYear, useRefreshMembership, useScopeOrg, ymd } from './shared';

type ReviewSummary = api.ResponseOf<typeof api.membership.listReviews>[number];

export const REVIEW_STATUS_COLORS: Record<ReviewStatus, string> = { open: 'processing', closed: 'success' };

/** 回头看: audits of the admissions of a subtree in a period; each opens on its findings. */
export default function ReviewsPage() {
  const { orgId, setOrg } = useScopeOrg();
  const navigate = useNavigate();
  const canApprove = useCan('membership:approve');
  const [opening, setOpening] = useState(false);
  const reviews = useApi(api.membership.listReviews, { query: { under: orgId ?? undefined } }, { enabled: !!orgId });

  return (
    <div>
      <PageHeader title="“回头看”" orgId={orgId} onOrg={setOrg}>
        {canApprove && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>
            开展“回头看”
          </Button>
        )}
      </PageHeader>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
          <Typography.Text type="secondary">
            对一定期间内新发展的团员逐一复查入团程序，发现问题的经核实后予以清退或排除。点击一行查看发现的问题。
          </Typography.Text>
          <Button icon={<ReloadOutlined />} onClick={() => void reviews.refetch()}>
            刷新
          </Button>
        </Space>
        {reviews.error ? (
          <LoadError error={reviews.error} onRetry={() => void reviews.refetch()} />
        ) : (
          <Table<ReviewSummary>
            rowKey="id"
            data-testid="reviews-table"
            loading={reviews.isFetching}
            dataSource={reviews.data ?? []}
            rowClassName="tj-clickable-row"
            onRow={(r) => ({ onClick: () => navigate(`/membership/reviews/${r.id}`) })}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 次检查` }}
            columns={[
              { title: '检查名称', dataIndex: 'title', render: (t: string) => <Typography.Link>{t}</Typography.Link> },
              { title: '检查范围', dataIndex: 'orgName', width: 200, ellipsis: true },
              { title: '入团期间', key: 'period', width: 196, render: (_: unknown, r) => `${r.periodFrom} 至 ${r.periodTo}` },
              { title: '开展日期', dataIndex: 'openedOn', width: 104 },
              { title: '状态', dataIndex: 'status', width: 90, render: (s: ReviewStatus) => <Tag color={REVIEW_STATUS_COLORS[s]}>{REVIEW_STATUS_LABELS[s]}</Tag> },
              { title: '检查人数', dataIndex: 'checked', width: 84, align: 'right' },
              { title: '发现问题', dataIndex: 'found', width: 84, align: 'right', render: (n: number) => (n ? <Typography.Text type="warning">{n}人</Typography.Text> : '0') },
              { title: '已清退', dataIndex: 'revoked', width: 76, align: 'right', render: (n: number) => (n ? <Typography.Text type="danger">{n}人</Typography.Text> : '0') },
              {
                title: '待核实',
                dataIndex: 'openFindings',
                width: 80,
                align: 'right',
                render: (n: number) => (n ? <Tag color="processing" style={{ marginInlineEnd: 0 }}>{n}项</Tag> : <Typography.Text type="secondary">0</Typography.Text>),
              },
            ]}
          />
        )}
      </Card>
      {opening && <OpenReviewModal orgId={orgId} onClose={() => setOpening(false)} onOpened={(id) => navigate(`/membership/reviews/${id}`)} />}
    </div>
  );
}

interface OpenValues {
  orgId: number;
  title: string;
  period: [Dayjs, Dayjs];
}

function OpenReviewModal({ orgId, onClose, onOpened }: { orgId: number | null; onClose(): void; onOpened(id: number): void }) {
  const [form] = Form.useForm<OpenValues>();
  const { message } = App.useApp();
  const refresh = useRefreshMembership();
  const { saving, refusal, run } = useDialogSubmit(form);
  const period = Form.useWatch('period', form) as [Dayjs, Dayjs] | null | undefined;
  const problems = period?.[0] && period[1] ? reviewPeriodProblems(ymd(period[0]), ymd(period[1]), chinaToday()) : [];
  const last = thisYear() - 1;

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      const review = await call(api.membership.openReview, {
        body: { orgId: v.orgId, title: v.title.trim(), periodFrom: ymd(v.period[0]), periodTo: ymd(v.period[1]) },
      });
      await refresh();
      message.success(review.findings.length ? `已检查 ${review.checked} 人，发现 ${review.found} 人存在问题，请逐一核实` : `已检查 ${review.checked} 人，未发现问题`);
      onOpened(review.id);
    });
  }

  return (
    <Modal
      open
      title="开展“回头看”"
      okText="开始检查"
      okButtonProps={{ disabled: problems.length > 0 }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={640}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="系统将逐一检查所选范围内、在该期间入团的在册团员"
        description={`检查项目：${REVIEW_RULES.map((r) => REVIEW_RULE_LABELS[r]).join('、')}。发现的问题须逐项核实：属实的予以清退，不属实的予以排除。`}
      />
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ orgId: orgId ?? undefined, title: `${last}年新发展团员“回头看”`, period: [dayjs(`${last}-01-01`), dayjs(`${last}-12-31`)] }}
      >
        <Form.Item name="orgId" label="检查范围" rules={[{ required: true, message: '请选择检查范围' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="title" label="检查名称" rules={[{ required: true, whitespace: true, message: '请填写检查名称' }, { min: 2 }, { max: 100 }]}>
          <Input showCount maxLength={100} />
        </Form.Item>
        <Form.Item name="period" label="入团日期（批准入团）期间" rules={[{ required: true, message: '请选择期间' }]}>
          <DatePicker.RangePicker allowClear={false} disabledDate={notAfterToday()} style={{ width: 320 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
