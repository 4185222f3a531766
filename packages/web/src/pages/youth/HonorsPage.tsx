import { PlusOutlined } from '@ant-design/icons';
import {
  HONOR_CAMPAIGN_STATUS_LABELS,
  HONOR_NOTICE_DAYS,
  HONOR_TYPES,
  HONOR_TYPE_INFO,
  HONOR_TYPE_LABELS,
  NOMINATION_STATUS_LABELS,
  NOMINEE_KIND_LABELS,
  ORG_TYPE_LABELS,
  api,
  awardProblems,
  honorNoticePeriod,
  nominationActionProblems,
  type HonorCampaignStatus,
  type HonorType,
  type NominationStatus,
} from '@tuanjian/domain';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Drawer, Empty, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Steps, Table, Tabs, Tag, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useAccount, useCan } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError, PageLoading } from '../../components/PageState';
import { useDialogSubmit } from '../../components/page';
import { useShowError } from '../../lib/errors';
import { chinaToday, readFileBase64 } from '../../lib/people';
import {
  CadrePicker,
  DRAWER_WIDTH,
  ExportButton,
  PageHeader,
  PersonPicker,
  Problems,
  Refusal,
  Toolbar,
  YearSelect,
  notAfterToday,
  pagination,
  todayDayjs,
  useRefreshYouth,
  useScopeOrg,
  useYearParam,
  ymd,
} from './shared';
import { useRecordParam } from '../../components/useRecordParam';

const o = api.orgLife;
type Campaign = api.ResponseOf<typeof o.listHonorCampaigns>['items'][number];
type Detail = api.ResponseOf<typeof o.getHonorCampaign>;
type Nomination = Detail['items'][number];
type HonorRecord = api.ResponseOf<typeof o.honorsOfPerson>[number];

const CAMPAIGN_COLORS: Record<HonorCampaignStatus, string> = { nominating: 'processing', publicizing: 'warning', closed: 'success' };
const NOMINATION_COLORS: Record<NominationStatus, string> = {
  nominated: 'processing',
  ineligible: 'error',
  reviewed: 'blue',
  publicized: 'warning',
  awarded: 'success',
  rejected: 'default',
};
const honorOptions = HONOR_TYPES.map((t) => ({ value: t, label: HONOR_TYPE_LABELS[t] }));

/**
 * 评优表彰: the honor types (两红两优 and others) and their yearly campaigns;
 * an organization nominates, eligibility is checked by the server, the
 * committee reviews, publishes the list for public notice, then awards. The
 * honors of one person or organization can be looked up.
 */
export default function HonorsPage() {
  const { orgId, setOrg } = useScopeOrg();
  const [year, setYear] = useYearParam();
  const [tab, setTab] = useState('campaigns');
  return (
    <div>
      <PageHeader title="评优表彰" orgId={orgId} onOrg={setOrg}>
        <YearSelect value={year} onChange={setYear} />
      </PageHeader>
      {orgId ? (
        <Card>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'campaigns', label: '年度评选', children: <Campaigns orgId={orgId} year={year} /> },
              { key: 'lookup', label: '荣誉查询', children: <Lookup orgId={orgId} /> },
              { key: 'types', label: '荣誉类别', children: <HonorTypes /> },
            ]}
          />
        </Card>
      ) : (
        <PageLoading />
      )}
    </div>
  );
}

function Campaigns({ orgId, year }: { orgId: number; year: number }) {
  const canApprove = useCan('membership:approve');
  const [honorType, setHonorType] = useState<HonorType | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [open, setOpen] = useRecordParam('campaign');
  const [creating, setCreating] = useState(false);
  const filters = { under: orgId, year, honorType };
  const list = useApi(o.listHonorCampaigns, { query: { ...filters, page, pageSize } });
  return (
    <>
      <Toolbar
        extra={
          <>
            <ExportButton contract={o.exportHonorCampaigns} input={{ query: filters }} fileName={`评优表彰${year}.xlsx`} />
            {canApprove && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                发起评选
              </Button>
            )}
          </>
        }
      >
        <Select allowClear placeholder="荣誉类别" style={{ width: 200 }} value={honorType} onChange={(v) => (setHonorType(v), setPage(1))} options={honorOptions} />
      </Toolbar>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Campaign>
          rowKey="id"
          size="middle"
          data-testid="campaigns"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={pagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '项')}
          onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
          locale={{ emptyText: `${year}年度没有评选` }}
          columns={[
            { title: '评选', dataIndex: 'title', render: (v: string) => <a>{v}</a> },
            {
              title: '荣誉类别',
              dataIndex: 'honorType',
              width: 170,
              render: (t: HonorType) => (
                <Space size={4}>
                  {HONOR_TYPE_LABELS[t]}
                  {HONOR_TYPE_INFO[t].twoRedTwoExcellent && <Tag color="red">两红两优</Tag>}
                </Space>
              ),
            },
            { title: '年度', dataIndex: 'year', width: 70 },
            { title: '组织评选', dataIndex: 'orgName', ellipsis: true },
            { title: '状态', dataIndex: 'status', width: 110, render: (s: HonorCampaignStatus) => <Tag color={CAMPAIGN_COLORS[s]}>{HONOR_CAMPAIGN_STATUS_LABELS[s]}</Tag> },
            { title: '推荐', dataIndex: 'nominations', width: 70, align: 'right' },
            { title: '授予', dataIndex: 'awarded', width: 70, align: 'right' },
            { title: '公示期', dataIndex: 'notice', width: 200, render: (n: Campaign['notice']) => (n ? `${n.from} 至 ${n.to}` : '—') },
          ]}
        />
      )}
      <Drawer open={open !== null} onClose={() => setOpen(null)} size={DRAWER_WIDTH} title="评选" destroyOnHidden>
        {open !== null && <CampaignView id={open} orgId={orgId} />}
      </Drawer>
      {creating && <CampaignModal orgId={orgId} year={year} onClose={() => setCreating(false)} onCreated={setOpen} />}
    </>
  );
}

/** Where the campaign stands: 推荐 → 审核 → 公示 → 授予. */
function stepOf(d: Detail): number {
  if (d.status === 'closed') return 4;
  if (d.status === 'publicizing') return 2;
  return (d.counts.nominated ?? 0) > 0 || d.items.length === 0 ? 0 : 1;
}

function CampaignView({ id, orgId }: { id: number; orgId: number }) {
  const detail = useApi(o.getHonorCampaign, { params: { id } });
  const [nominating, setNominating] = useState(false);
  const [stage, setStage] = useState<'publicize' | 'award' | null>(null);
  const [acting, setActing] = useState<{ n: Nomination; action: 'review' | 'object' } | null>(null);
  const canApprove = useCan('membership:approve');
  if (detail.isLoading) return <PageLoading />;
  if (detail.error || !detail.data) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  const d = detail.data;
  const info = HONOR_TYPE_INFO[d.honorType];
  const next =
    d.status === 'nominating'
      ? d.blockers.publicize.length
        ? `下一步：审核推荐后公示（${d.blockers.publicize.join('；')}）`
        : `下一步：公示审核通过的推荐（公示${HONOR_NOTICE_DAYS}天）`
      : d.status === 'publicizing'
        ? d.blockers.award.length
          ? `下一步：授予荣誉（${d.blockers.award.join('；')}）`
          : '公示期已满，可以授予荣誉'
        : '评选已结束，荣誉已授予';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Descriptions bordered size="small" column={2} title={d.title}>
        <Descriptions.Item label="荣誉类别">
          {info.label}（推荐对象：{NOMINEE_KIND_LABELS[info.nominee]}）
        </Descriptions.Item>
        <Descriptions.Item label="组织评选">{d.orgName}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={CAMPAIGN_COLORS[d.status]}>{HONOR_CAMPAIGN_STATUS_LABELS[d.status]}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="公示期">{d.notice ? `${d.notice.from} 至 ${d.notice.to}` : '—'}</Descriptions.Item>
      </Descriptions>
      <Steps
        size="small"
        current={stepOf(d)}
        items={[{ title: '组织推荐', content: '资格审查' }, { title: '审核' }, { title: '公示' }, { title: '授予' }]}
      />
      <Alert
        type={d.status === 'closed' ? 'success' : 'info'}
        showIcon
        title={next}
        description={canApprove && ((d.status === 'nominating' && !d.can.review) || (d.status === 'publicizing' && !d.can.object)) ? `该评选由${d.orgName}组织，审核、公示和授予由其办理；本组织可推荐本级及下级的对象。` : undefined}
        data-testid="campaign-next"
      />
      <Space wrap>
        {d.can.nominate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setNominating(true)}>
            推荐
          </Button>
        )}
        {canApprove && d.status === 'nominating' && (
          <Button disabled={!d.can.publicize} onClick={() => setStage('publicize')} title={d.blockers.publicize.join('；')}>
            公示
          </Button>
        )}
        {canApprove && d.status === 'publicizing' && (
          <Button type="primary" disabled={!d.can.award} onClick={() => setStage('award')} title={d.blockers.award.join('；')}>
            授予荣誉
          </Button>
        )}
        <ExportButton contract={o.exportHonorCampaign} input={{ params: { id } }} fileName={`${d.title}推荐名单.xlsx`}>
          导出推荐名单
        </ExportButton>
      </Space>
      <Space wrap size={[16, 4]}>
        {(Object.keys(NOMINATION_STATUS_LABELS) as NominationStatus[])
          .filter((s) => d.counts[s])
          .map((s) => (
            <Tag key={s} color={NOMINATION_COLORS[s]}>
              {NOMINATION_STATUS_LABELS[s]} {d.counts[s]}
            </Tag>
          ))}
      </Space>
      <Table<Nomination>
        rowKey="id"
        size="small"
        data-testid="nominations"
        dataSource={d.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '尚无推荐' }}
        expandable={{ expandedRowRender: (n) => <Typography.Paragraph style={{ margin: 0 }}>推荐理由：{n.reason}</Typography.Paragraph> }}
        columns={[
          { title: '推荐对象', dataIndex: 'nomineeName' },
          { title: '推荐组织', dataIndex: 'orgName', ellipsis: true },
          { title: '状态', dataIndex: 'status', width: 100, render: (s: NominationStatus) => <Tag color={NOMINATION_COLORS[s]}>{NOMINATION_STATUS_LABELS[s]}</Tag> },
          { title: '审核意见 / 不符合条件的原因', dataIndex: 'note', render: (v: string | null) => <span style={{ whiteSpace: 'pre-line' }}>{v ?? '—'}</span> },
          { title: '推荐材料', key: 'files', width: 110, render: (_, n) => <NominationFiles n={n} /> },
          {
            title: '',
            key: 'op',
            width: 90,
            render: (_, n) =>
              d.can.review && n.status === 'nominated' ? (
                <a onClick={() => setActing({ n, action: 'review' })}>审核</a>
              ) : d.can.object && n.status === 'publicized' ? (
                <a onClick={() => setActing({ n, action: 'object' })} style={{ color: '#cf1322' }}>
                  异议撤销
                </a>
              ) : null,
          },
        ]}
      />
      {nominating && <NominateModal campaign={d} orgId={orgId} onClose={() => setNominating(false)} />}
      {stage && <StageModal campaign={d} stage={stage} onClose={() => setStage(null)} />}
      {acting && <NominationActionModal campaign={d} n={acting.n} action={acting.action} onClose={() => setActing(null)} />}
    </Space>
  );
}

/** The count of supporting documents of a nomination, and an upload for those who may record. */
function NominationFiles({ n }: { n: Nomination }) {
  const canEdit = useCan('org:edit');
  const refresh = useRefreshYouth();
  const showError = useShowError();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    try {
      await call(o.uploadNominationAttachment, { params: { id: n.id }, body: { fileName: file.name, mimeType: file.type || undefined, contentBase64: await readFileBase64(file) } });
      message.success(`已上传${file.name}`);
      await refresh();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space size={6}>
      <Typography.Text type={n.attachmentCount ? undefined : 'secondary'}>{n.attachmentCount} 份</Typography.Text>
      {canEdit && (
        <Upload showUploadList={false} disabled={busy} beforeUpload={(f) => (void upload(f), false)}>
          <a>{busy ? '上传中…' : '上传'}</a>
        </Upload>
      )}
    </Space>
  );
}

interface NominateValues {
  orgId: number;
  nominee?: number | null;
  reason: string;
}

function NominateModal({ campaign, orgId, onClose }: { campaign: Detail; orgId: number; onClose(): void }) {
  const [form] = Form.useForm<NominateValues>();
  const refresh = useRefreshYouth();
  const { message, modal } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  const info = HONOR_TYPE_INFO[campaign.honorType];
  const nominator = Form.useWatch('orgId', form) ?? orgId;
  const submit = async (v: NominateValues) => {
    await run(async () => {
      const before = new Set(campaign.items.map((i) => i.id));
      const nominee = v.nominee ?? null;
      const d = await call(o.nominate, {
        params: { id: campaign.id },
        body: {
          orgId: v.orgId,
          personId: info.nominee === 'person' ? nominee : null,
          cadreId: info.nominee === 'cadre' ? nominee : null,
          nomineeOrgId: info.nominee === 'org' ? nominee : null,
          reason: v.reason,
        },
      });
      await refresh();
      const created = d.items.find((i) => !before.has(i.id));
      onClose();
      if (created?.status === 'ineligible') {
        modal.warning({ title: `${created.nomineeName}不符合“${info.label}”的条件`, content: <span style={{ whiteSpace: 'pre-line' }}>{created.note}</span>, okText: '知道了' });
      } else message.success(`已推荐${created?.nomineeName ?? ''}，资格审查通过，等待审核`);
    });
  };
  return (
    <Modal open title={`推荐：${campaign.title}`} okText="推荐" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden width={600}>
      <Typography.Paragraph type="secondary">推荐后系统自动进行资格审查，不符合条件的记录原因；推荐组织须为{campaign.orgName}或其下级组织，只能推荐本组织及下级的对象。</Typography.Paragraph>
      <Refusal error={refusal} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ orgId }}>
        <Form.Item name="orgId" label="推荐组织" rules={[{ required: true, message: '请选择推荐组织' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="nominee" label={`推荐对象（${NOMINEE_KIND_LABELS[info.nominee]}）`} rules={[{ required: true, message: '请选择推荐对象' }]}>
          {info.nominee === 'person' ? (
            <PersonPicker under={nominator} kind={campaign.honorType === 'excellent_member' ? 'member' : 'all'} />
          ) : info.nominee === 'cadre' ? (
            <CadrePicker under={nominator} />
          ) : (
            <OrgTreeSelect placeholder={`选择${(info.orgTypes ?? []).map((t) => ORG_TYPE_LABELS[t]).join('、')}`} selectable={(org) => !info.orgTypes || info.orgTypes.includes(org.type)} />
          )}
        </Form.Item>
        <Form.Item name="reason" label="推荐理由（主要事迹）" rules={[{ required: true, message: '请填写推荐理由' }, { min: 10, message: '推荐理由至少10个字' }]}>
          <Input.TextArea rows={4} maxLength={3000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function StageModal({ campaign, stage, onClose }: { campaign: Detail; stage: 'publicize' | 'award'; onClose(): void }) {
  const refresh = useRefreshYouth();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit();
  const [on, setOn] = useState<Dayjs | null>(todayDayjs());
  const day = on ? ymd(on) : null;
  const problems = stage === 'award' && day ? awardProblems(campaign, campaign.notice, day, chinaToday()) : [];
  const period = stage === 'publicize' && day ? honorNoticePeriod(day) : null;
  const reviewed = campaign.counts.reviewed ?? 0;
  const publicized = campaign.counts.publicized ?? 0;
  const submit = async () => {
    if (!day) return;
    await run(async () => {
      if (stage === 'publicize') await call(o.publicizeCampaign, { params: { id: campaign.id }, body: { from: day } });
      else await call(o.awardCampaign, { params: { id: campaign.id }, body: { awardedOn: day } });
      message.success(stage === 'publicize' ? `已公示 ${reviewed} 个推荐` : `已授予 ${publicized} 个荣誉`);
      await refresh();
      onClose();
    });
  };
  return (
    <Modal
      open
      title={stage === 'publicize' ? '公示审核通过的推荐' : '授予荣誉'}
      okText={stage === 'publicize' ? '开始公示' : '确认授予'}
      okButtonProps={{ disabled: !day || problems.length > 0 }}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {stage === 'publicize'
          ? `将公示 ${reviewed} 个审核通过的推荐，公示${HONOR_NOTICE_DAYS}天${period ? `（${period.from} 至 ${period.to}）` : ''}；公示期内异议成立的可撤销。`
          : `公示期满，向 ${publicized} 个公示中的对象授予“${HONOR_TYPE_LABELS[campaign.honorType]}”。`}
      </Typography.Paragraph>
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Space>
        {stage === 'publicize' ? '公示开始日期' : '授予日期'}
        <DatePicker value={on} onChange={setOn} disabledDate={stage === 'award' ? notAfterToday() : undefined} />
      </Space>
    </Modal>
  );
}

function NominationActionModal({ campaign, n, action, onClose }: { campaign: Detail; n: Nomination; action: 'review' | 'object'; onClose(): void }) {
  const refresh = useRefreshYouth();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit();
  const [decision, setDecision] = useState<'pass' | 'reject'>('pass');
  const [note, setNote] = useState(action === 'review' ? '审核通过' : '');
  const problems = nominationActionProblems(n, campaign, action);
  const submit = async () => {
    await run(async () => {
      const d =
        action === 'review'
          ? await call(o.reviewNomination, { params: { id: n.id }, body: { decision, note } })
          : await call(o.objectNomination, { params: { id: n.id }, body: { note } });
      await refresh();
      const after = d.items.find((i) => i.id === n.id);
      message.success(`${n.nomineeName}：${after ? NOMINATION_STATUS_LABELS[after.status] : '已办理'}`);
      onClose();
    });
  };
  return (
    <Modal
      open
      title={action === 'review' ? `审核推荐：${n.nomineeName}` : `异议成立，撤销推荐：${n.nomineeName}`}
      okText={action === 'review' ? '提交审核' : '撤销推荐'}
      okButtonProps={{ danger: action === 'object' || decision === 'reject', disabled: problems.length > 0 || note.trim().length < 2 }}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        推荐组织：{n.orgName}。推荐理由：{n.reason}
      </Typography.Paragraph>
      <Refusal error={refusal} />
      <Problems problems={problems} />
      {action === 'review' && (
        <Radio.Group
          style={{ marginBottom: 12 }}
          value={decision}
          onChange={(e) => (setDecision(e.target.value as 'pass' | 'reject'), setNote(e.target.value === 'pass' ? '审核通过' : ''))}
          options={[
            { value: 'pass', label: '通过（再次资格审查）' },
            { value: 'reject', label: '不通过' },
          ]}
        />
      )}
      <Input.TextArea rows={3} maxLength={500} placeholder={action === 'review' ? '审核意见' : '异议核实情况'} value={note} onChange={(e) => setNote(e.target.value)} />
    </Modal>
  );
}

interface CampaignValues {
  orgId: number;
  honorType: HonorType;
  year: number;
  title: string;
}

function CampaignModal({ orgId, year, onClose, onCreated }: { orgId: number; year: number; onClose(): void; onCreated(id: number): void }) {
  const [form] = Form.useForm<CampaignValues>();
  const refresh = useRefreshYouth();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  const submit = async (v: CampaignValues) => {
    await run(async () => {
      const d = await call(o.createHonorCampaign, { body: v });
      message.success(`已发起“${v.title}”`);
      await refresh();
      onClose();
      onCreated(d.id);
    });
  };
  return (
    <Modal open title="发起年度评选" okText="发起" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Refusal error={refusal} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ orgId, year, honorType: 'excellent_member', title: `${year}年度${HONOR_TYPE_LABELS.excellent_member}` }}
        onValuesChange={(changed: Partial<CampaignValues>, all) => {
          if (changed.honorType || changed.year) form.setFieldValue('title', `${all.year}年度${HONOR_TYPE_LABELS[all.honorType]}`);
        }}
      >
        <Form.Item name="orgId" label="组织评选的团委" rules={[{ required: true, message: '请选择团委' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Space wrap>
          <Form.Item name="honorType" label="荣誉类别" rules={[{ required: true, message: '请选择荣誉类别' }]}>
            <Select style={{ width: 220 }} options={honorOptions} />
          </Form.Item>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={1950} max={2100} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="title" label="评选名称" rules={[{ required: true, message: '请填写评选名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/* ------------------------------------------------------------------ lookup */

function HonorList({ rows, loading }: { rows: HonorRecord[] | undefined; loading: boolean }) {
  return (
    <Table<HonorRecord>
      rowKey="nominationId"
      size="small"
      loading={loading}
      dataSource={rows ?? []}
      pagination={false}
      locale={{ emptyText: '没有获得或被推荐的荣誉' }}
      columns={[
        { title: '年度', dataIndex: 'year', width: 70 },
        { title: '荣誉', dataIndex: 'honorType', render: (t: HonorType) => HONOR_TYPE_LABELS[t] },
        { title: '推荐组织', dataIndex: 'nominatedBy', ellipsis: true },
        { title: '状态', dataIndex: 'status', width: 100, render: (s: NominationStatus) => <Tag color={NOMINATION_COLORS[s]}>{NOMINATION_STATUS_LABELS[s]}</Tag> },
        { title: '授予日期', dataIndex: 'awardedOn', width: 110, render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

function Lookup({ orgId }: { orgId: number }) {
  const account = useAccount();
  const [personId, setPersonId] = useState<number | null>(null);
  const [lookupOrg, setLookupOrg] = useState<number | null>(account.scopeOrgId ?? orgId);
  const person = useApi(o.honorsOfPerson, { params: { id: personId ?? 0 } }, { enabled: !!personId });
  const org = useApi(o.honorsOfOrg, { params: { id: lookupOrg ?? 0 } }, { enabled: !!lookupOrg });
  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <Card size="small" title="个人的荣誉" style={{ marginBottom: 16 }}>
          <div style={{ marginBottom: 12 }}>
            <PersonPicker under={orgId} kind="all" value={personId} onChange={setPersonId} placeholder="输入姓名或身份证号查找个人" />
          </div>
          {personId ? person.error ? <LoadError error={person.error} /> : <HonorList rows={person.data} loading={person.isFetching} /> : <Empty description="请选择个人" />}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title="组织的荣誉" style={{ marginBottom: 16 }}>
          <div style={{ marginBottom: 12 }}>
            <OrgTreeSelect value={lookupOrg} onChange={setLookupOrg} style={{ width: '100%' }} placeholder="选择组织" />
          </div>
          {lookupOrg ? org.error ? <LoadError error={org.error} /> : <HonorList rows={org.data} loading={org.isFetching} /> : <Empty description="请选择组织" />}
        </Card>
      </Col>
    </Row>
  );
}

function HonorTypes() {
  return (
    <Table
      rowKey="type"
      size="middle"
      pagination={false}
      dataSource={HONOR_TYPES.map((t) => ({ type: t, ...HONOR_TYPE_INFO[t] }))}
      columns={[
        {
          title: '荣誉',
          dataIndex: 'label',
          render: (l: string, r) => (
            <Space size={4}>
              {l}
              {r.twoRedTwoExcellent && <Tag color="red">两红两优</Tag>}
            </Space>
          ),
        },
        { title: '推荐对象', dataIndex: 'nominee', render: (k: keyof typeof NOMINEE_KIND_LABELS) => NOMINEE_KIND_LABELS[k] },
        { title: '可推荐的组织类型', dataIndex: 'orgTypes', render: (ts?: readonly (keyof typeof ORG_TYPE_LABELS)[]) => (ts ? ts.map((t) => ORG_TYPE_LABELS[t]).join('、') : '—') },
      ]}
    />
  );
}
