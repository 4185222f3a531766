import { useQueryClient } from '@tanstack/react-query';
import {
  CADRE_EMPLOYMENT_LABELS,
  CADRE_EMPLOYMENTS,
  CADRE_GRADE_LABELS,
  cadreTitleLabel,
  ESTABLISHMENT_LABELS,
  POST_SOURCE_LABELS,
  api,
  educationName,
  ethnicityName,
  politicalStatusName,
  postTitleOptions,
} from '@tuanjian/domain';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Form, Input, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { invalidate, useApi, useRules } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError, PageLoading } from '../../components/PageState';
import { useShowError } from '../../lib/errors';

type Detail = api.cadres.CadreDetail;
type Post = api.cadres.PostItem;

/** Everything that shows cadres, posts or the figures computed from them. */
export function refreshCadreData(client: ReturnType<typeof useQueryClient>) {
  const c = api.cadres;
  return invalidate(client, c.listCadres, c.getCadre, c.getCadreOverview, c.getStructure, c.getRates, c.listStaffing, c.listTerms, c.listElections, c.getElection);
}

/** 团干部详情: posts (current and history) with appoint / end / duty, trainings, appraisal grades. */
export function CadreDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const detail = useApi(api.cadres.getCadre, id ? { params: { id } } : undefined, { enabled: id !== null });
  return (
    <Drawer open={id !== null} onClose={onClose} size="large" title={detail.data ? `团干部：${detail.data.name}` : '团干部详情'} destroyOnHidden>
      {detail.isLoading ? <PageLoading /> : detail.error || !detail.data ? <LoadError error={detail.error} /> : <CadreView d={detail.data} />}
    </Drawer>
  );
}

function CadreView({ d }: { d: Detail }) {
  const [appoint, setAppoint] = useState(false);
  const [ending, setEnding] = useState<Post | null>(null);
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [idNumber, setIdNumber] = useState<string | null>(null);
  const current = d.history.filter((p) => p.endOn === null);

  const duty = async (p: Post, onDuty: boolean) => {
    try {
      await call(api.cadres.setPostDuty, { params: { id: p.id }, body: { onDuty } });
      message.success(onDuty ? '已登记为在岗' : '已登记为不在岗');
      await refreshCadreData(client);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {d.eligibility.problems.length > 0 && <Alert type="warning" showIcon title="任职资格提示" description={d.eligibility.problems.join('；')} />}
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="姓名">{d.name}</Descriptions.Item>
        <Descriptions.Item label="性别">{d.gender === 'male' ? '男' : '女'}</Descriptions.Item>
        <Descriptions.Item label="出生日期">
          {d.birthDate}（{d.age}岁）
        </Descriptions.Item>
        <Descriptions.Item label="身份证号">
          {idNumber ?? d.idNumberMasked}{' '}
          {d.can.revealId && !idNumber && (
            <a onClick={() => call(api.cadres.revealCadreIdNumber, { params: { id: d.id } }).then((r) => setIdNumber(r.idNumber), showError)}>查看</a>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="民族">{ethnicityName(d.ethnicity) ?? d.ethnicity}</Descriptions.Item>
        <Descriptions.Item label="学历">{educationName(d.education) ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="政治面貌">{politicalStatusName(d.politicalStatus) ?? d.politicalStatus}</Descriptions.Item>
        <Descriptions.Item label="联系电话">{d.phone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="编制">
          {ESTABLISHMENT_LABELS[d.establishment]}
          {d.civilServant ? '（公务员）' : ''}
        </Descriptions.Item>
        <Descriptions.Item label="本地户籍或工作">{d.localResident ? '是' : '否'}</Descriptions.Item>
        <Descriptions.Item label="工作单位及职务" span={2}>
          {d.workUnit ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label="管理组织" span={2}>
          {d.orgName}
        </Descriptions.Item>
      </Descriptions>
      <Tabs
        items={[
          {
            key: 'posts',
            label: `现任职务（${current.length}）`,
            children: (
              <>
                {d.can.edit && (
                  <Button type="primary" onClick={() => setAppoint(true)} style={{ marginBottom: 12 }}>
                    任职
                  </Button>
                )}
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={current}
                  columns={[
                    { title: '组织', dataIndex: 'orgName' },
                    { title: '职务', dataIndex: 'title', render: (t: Post['title']) => cadreTitleLabel(t) },
                    { title: '任职方式', dataIndex: 'employment', render: (t: Post['employment']) => CADRE_EMPLOYMENT_LABELS[t] },
                    { title: '任职日期', dataIndex: 'startOn' },
                    { title: '产生方式', dataIndex: 'source', render: (s: Post['source']) => POST_SOURCE_LABELS[s] },
                    {
                      title: '在岗',
                      dataIndex: 'onDuty',
                      render: (v: boolean, p) => <Switch size="small" checked={v} disabled={!d.can.edit} checkedChildren="在岗" unCheckedChildren="不在岗" onChange={(on) => void duty(p, on)} />,
                    },
                    {
                      title: '操作',
                      render: (_, p) =>
                        d.can.edit ? (
                          <a onClick={() => setEnding(p)}>免职/离任</a>
                        ) : null,
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'history',
            label: `任职经历（${d.history.length}）`,
            children: (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={d.history}
                columns={[
                  { title: '组织', dataIndex: 'orgName' },
                  { title: '职务', dataIndex: 'title', render: (t: Post['title']) => cadreTitleLabel(t) },
                  { title: '任职方式', dataIndex: 'employment', render: (t: Post['employment']) => CADRE_EMPLOYMENT_LABELS[t] },
                  { title: '起止', render: (_, p) => `${p.startOn} 至 ${p.endOn ?? '今'}` },
                  { title: '产生方式', dataIndex: 'source', render: (s: Post['source']) => POST_SOURCE_LABELS[s] },
                  { title: '离任原因', dataIndex: 'endReason', render: (v) => v ?? '—' },
                ]}
              />
            ),
          },
          {
            key: 'training',
            label: `培训（本年 ${d.trainingHoursThisYear} 学时）`,
            children: (
              <Table
                rowKey="trainingId"
                size="small"
                pagination={false}
                dataSource={d.trainings}
                columns={[
                  { title: '培训', dataIndex: 'title', render: (v) => v ?? '（其他团委组织的培训）' },
                  { title: '开始日期', dataIndex: 'startOn', render: (v) => v ?? '—' },
                  { title: '学时', dataIndex: 'hours' },
                ]}
              />
            ),
          },
          {
            key: 'appraisal',
            label: `考核（${d.appraisals.length}）`,
            children: (
              <Table
                rowKey="campaignId"
                size="small"
                pagination={false}
                dataSource={d.appraisals}
                columns={[
                  { title: '考核', dataIndex: 'title', render: (v) => v ?? '—' },
                  { title: '年度', dataIndex: 'year', render: (v) => v ?? '—' },
                  { title: '总分', dataIndex: 'total', render: (v) => v ?? '—' },
                  { title: '排名', dataIndex: 'rank', render: (v) => v ?? '—' },
                  { title: '等次', dataIndex: 'grade', render: (g: keyof typeof CADRE_GRADE_LABELS | null) => (g ? <Tag>{CADRE_GRADE_LABELS[g]}</Tag> : '—') },
                ]}
              />
            ),
          },
        ]}
      />
      {appoint && <AppointModal d={d} onClose={() => setAppoint(false)} />}
      {ending && <EndPostModal post={ending} onClose={() => setEnding(null)} />}
    </Space>
  );
}


interface AppointValues {
  orgId: number;
  title: Post['title'];
  employment: Post['employment'];
  startOn: Dayjs;
  ageExceptionReason?: string;
}

function AppointModal({ d, onClose }: { d: Detail; onClose: () => void }) {
  const [form] = Form.useForm<AppointValues>();
  const [saving, setSaving] = useState(false);
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const rules = useRules();
  const submit = async (v: AppointValues) => {
    setSaving(true);
    try {
      await call(api.cadres.addPost, {
        params: { id: d.id },
        body: { orgId: v.orgId, title: v.title, employment: v.employment, startOn: v.startOn.format('YYYY-MM-DD'), ageExceptionReason: v.ageExceptionReason || null },
      });
      message.success('已任职');
      await refreshCadreData(client);
      onClose();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`任职：${d.name}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okText="确定任职">
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ orgId: d.orgId, employment: 'part_time', startOn: dayjs() }}>
        <Form.Item name="orgId" label="任职组织" rules={[{ required: true, message: '请选择任职组织' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="title" label="职务" rules={[{ required: true, message: '请选择职务' }]}>
          <Select data-testid="post-title" options={rules ? postTitleOptions(rules) : []} />
        </Form.Item>
        <Form.Item name="employment" label="任职方式" rules={[{ required: true }]}>
          <Select options={CADRE_EMPLOYMENTS.map((t) => ({ value: t, label: CADRE_EMPLOYMENT_LABELS[t] }))} />
        </Form.Item>
        <Form.Item name="startOn" label="任职日期" rules={[{ required: true, message: '请选择任职日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {d.eligibility.needsAgeException && (
          <Form.Item name="ageExceptionReason" label="超龄任职的特殊情况说明" rules={[{ required: true, message: '超龄任职须说明特殊情况' }]}>
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function EndPostModal({ post, onClose }: { post: Post; onClose: () => void }) {
  const [form] = Form.useForm<{ endOn: Dayjs; reason: string }>();
  const [saving, setSaving] = useState(false);
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const submit = async (v: { endOn: Dayjs; reason: string }) => {
    setSaving(true);
    try {
      await call(api.cadres.endPost, { params: { id: post.id }, body: { endOn: v.endOn.format('YYYY-MM-DD'), reason: v.reason } });
      message.success('已免职，任职经历已保留');
      await refreshCadreData(client);
      onClose();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`免职/离任：${post.orgName}${cadreTitleLabel(post.title)}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okText="确定" okButtonProps={{ danger: true }}>
      <Typography.Paragraph type="secondary">任职经历会保留在干部名册中。</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ endOn: dayjs() }}>
        <Form.Item name="endOn" label="离任日期" rules={[{ required: true, message: '请选择离任日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label="离任原因" rules={[{ required: true, message: '请填写离任原因' }]}>
          <Input maxLength={100} placeholder="如：工作调动、超龄离任" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

