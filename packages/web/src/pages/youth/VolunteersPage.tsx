import { PlusOutlined } from '@ant-design/icons';
import { GENDER_LABELS, SERVICE_MINUTES_MAX, VOLUNTEER_AGE_BANDS, api, hoursOf, percentText, servicePrograms, serviceProjectProblems, volunteerAgeBandLabels, type VolunteerAgeBand } from '@tuanjian/domain';
import { App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { useApi, useRules } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError, PageLoading } from '../../components/PageState';
import { useDialogSubmit } from '../../components/page';
import { idNumberRule } from '../../lib/people';
import {
  DRAWER_WIDTH,
  ExportButton,
  Figures,
  PageHeader,
  PersonPicker,
  Problems,
  Refusal,
  Toolbar,
  notAfterToday,
  pagination,
  todayDayjs,
  useRefreshYouth,
  useScopeOrg,
  ymd,
} from './shared';
import { IdNumberInput, PhoneInput } from '../../components/KeypadInputs';
import { useDebounced } from '../../lib/useDebounced';

const o = api.orgLife;
type Team = api.ResponseOf<typeof o.listVolunteerTeams>['items'][number];
type Volunteer = api.ResponseOf<typeof o.listVolunteers>['items'][number];
type Project = api.ResponseOf<typeof o.listServiceProjects>['items'][number];
type ServiceRecord = api.ResponseOf<typeof o.listServiceRecords>['items'][number];

/** Minutes as "12.5 小时" (exact sums stay in minutes). */
const hours = (minutes: number) => `${hoursOf(minutes)} 小时`;

/**
 * 志愿服务: volunteer teams, registered volunteers (with the share aged 35 and
 * under the work reports give), service projects and service records with
 * hours, in the chosen organization's subtree.
 */
export default function VolunteersPage() {
  const { orgId, setOrg } = useScopeOrg();
  const [tab, setTab] = useState('volunteers');
  return (
    <div>
      <PageHeader title="志愿服务" orgId={orgId} onOrg={setOrg} />
      {orgId ? (
        <>
          <Totals orgId={orgId} />
          <Card>
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                { key: 'volunteers', label: '注册志愿者', children: <Volunteers orgId={orgId} /> },
                { key: 'teams', label: '志愿服务队', children: <Teams orgId={orgId} /> },
                { key: 'projects', label: '服务项目', children: <Projects orgId={orgId} /> },
                { key: 'records', label: '服务记录', children: <Records orgId={orgId} /> },
              ]}
            />
          </Card>
        </>
      ) : (
        <PageLoading />
      )}
    </div>
  );
}

function Totals({ orgId }: { orgId: number }) {
  const teams = useApi(o.listVolunteerTeams, { query: { under: orgId, pageSize: 1 } });
  const vols = useApi(o.listVolunteers, { query: { under: orgId, pageSize: 1 } });
  const projects = useApi(o.listServiceProjects, { query: { under: orgId, pageSize: 1 } });
  const records = useApi(o.listServiceRecords, { query: { under: orgId, pageSize: 1 } });
  const v = vols.data;
  return (
    <Figures
      loading={!v}
      items={[
        { title: '志愿服务队', value: teams.data?.total ?? '—', suffix: '支', testId: 'fig-teams' },
        { title: '注册志愿者', value: v?.total ?? '—', suffix: '人', testId: 'fig-volunteers' },
        { title: '35岁及以下', value: v?.total35 ?? '—', suffix: '人', testId: 'fig-youth', hint: v ? `占 ${percentText(v.share35)}` : undefined },
        { title: '服务项目', value: projects.data?.total ?? '—', suffix: '个' },
        { title: '累计服务时长', value: records.data ? hoursOf(records.data.totalMinutes) : '—', suffix: '小时', testId: 'fig-hours', hint: records.data ? `${records.data.total} 条服务记录` : undefined },
      ]}
    />
  );
}

/* ------------------------------------------------------------------- teams */

function Teams({ orgId }: { orgId: number }) {
  const canEdit = useCan('org:edit');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const list = useApi(o.listVolunteerTeams, { query: { under: orgId, q: q || undefined, page, pageSize } });
  return (
    <>
      <Toolbar
        extra={
          <>
            <ExportButton contract={o.exportVolunteerTeams} input={{ query: { under: orgId, q: q || undefined } }} fileName="志愿服务队.xlsx" />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                成立服务队
              </Button>
            )}
          </>
        }
      >
        <Input.Search allowClear placeholder="服务队名称" style={{ width: 200 }} onSearch={(v) => (setQ(v.trim()), setPage(1))} />
      </Toolbar>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Team>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={pagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '支')}
          locale={{ emptyText: '尚未成立志愿服务队' }}
          columns={[
            { title: '服务队', dataIndex: 'name' },
            { title: '所属组织', dataIndex: 'orgName', ellipsis: true },
            { title: '成立日期', dataIndex: 'foundedOn', width: 120, render: (v: string | null) => v ?? '—' },
            { title: '负责人', dataIndex: 'leader', width: 100, render: (v: string | null) => v ?? '—' },
            { title: '志愿者', dataIndex: 'volunteers', width: 90, align: 'right', render: (n: number) => `${n} 人` },
            { title: '服务时长', dataIndex: 'serviceMinutes', width: 120, align: 'right', render: hours },
            ...(canEdit ? [{ title: '', key: 'op', width: 70, render: (_: unknown, r: Team) => <a onClick={() => setEditing(r)}>修改</a> }] : []),
          ]}
        />
      )}
      {editing && <TeamModal orgId={orgId} team={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

interface TeamValues {
  orgId: number;
  name: string;
  foundedOn?: Dayjs | null;
  leader?: string;
}

function TeamModal({ orgId, team, onClose }: { orgId: number; team: Team | null; onClose(): void }) {
  const [form] = Form.useForm<TeamValues>();
  const refresh = useRefreshYouth();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  const submit = async (v: TeamValues) => {
    await run(async () => {
      const fields = { name: v.name, foundedOn: v.foundedOn ? ymd(v.foundedOn) : null, leader: v.leader || null };
      if (team) await call(o.updateVolunteerTeam, { params: { id: team.id }, body: fields });
      else await call(o.createVolunteerTeam, { body: { orgId: v.orgId, ...fields } });
      message.success(team ? '已保存' : `已成立“${v.name}”`);
      await refresh();
      onClose();
    });
  };
  return (
    <Modal open title={team ? `修改服务队：${team.name}` : '成立志愿服务队'} okText="保存" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Refusal error={refusal} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={team ? { orgId: team.orgId, name: team.name, foundedOn: team.foundedOn ? dayjs(team.foundedOn) : null, leader: team.leader ?? '' } : { orgId }}
      >
        <Form.Item name="orgId" label="所属组织" rules={[{ required: true, message: '请选择所属组织' }]}>
          <OrgTreeSelect disabled={!!team} />
        </Form.Item>
        <Form.Item name="name" label="服务队名称" rules={[{ required: true, message: '请填写服务队名称' }, { min: 2, message: '服务队名称至少2个字' }]}>
          <Input maxLength={100} placeholder="如：小青石志愿服务队" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="foundedOn" label="成立日期">
            <DatePicker disabledDate={notAfterToday()} />
          </Form.Item>
          <Form.Item name="leader" label="负责人">
            <Input maxLength={30} style={{ width: 200 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/* -------------------------------------------------------------- volunteers */

function TeamSelect({ orgId, value, onChange, placeholder = '服务队', style }: { orgId: number; value?: number | null; onChange?(v: number | null): void; placeholder?: string; style?: React.CSSProperties }) {
  const teams = useApi(o.listVolunteerTeams, { query: { under: orgId, pageSize: 200 } });
  return (
    <Select
      allowClear
      placeholder={placeholder}
      style={style}
      value={value ?? undefined}
      onChange={(v: number | undefined) => onChange?.(v ?? null)}
      loading={teams.isLoading}
      options={(teams.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))}
    />
  );
}

function Volunteers({ orgId }: { orgId: number }) {
  const rules = useRules();
  const canWrite = useCan('person:write');
  const [teamId, setTeamId] = useState<number | null>(null);
  const [ageBand, setAgeBand] = useState<VolunteerAgeBand | undefined>();
  const [youth, setYouth] = useState(false);
  const [program, setProgram] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const filters = { under: orgId, teamId: teamId ?? undefined, ageBand, youth: youth ? 'true' : undefined, q: q || undefined, program };
  const list = useApi(o.listVolunteers, { query: { ...filters, page, pageSize } });
  const bandLabels = rules ? volunteerAgeBandLabels(rules) : null;
  const first = () => setPage(1);
  return (
    <>
      <Toolbar
        extra={
          <>
            <ExportButton contract={o.exportVolunteers} input={{ query: filters }} fileName="志愿者名册.xlsx" />
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                注册志愿者
              </Button>
            )}
          </>
        }
      >
        <TeamSelect orgId={orgId} value={teamId} onChange={(v) => (setTeamId(v), first())} style={{ width: 200 }} />
        <Select
          allowClear
          placeholder="年龄段"
          style={{ width: 130 }}
          value={ageBand}
          onChange={(v) => (setAgeBand(v), first())}
          options={VOLUNTEER_AGE_BANDS.map((b) => ({ value: b, label: bandLabels?.[b] ?? b }))}
        />
        <Space size={4}>
          <Switch size="small" checked={youth} onChange={(v) => (setYouth(v), first())} />
          <Typography.Text>仅看35岁及以下</Typography.Text>
        </Space>
        <Select
          allowClear
          placeholder="专项计划"
          aria-label="专项计划"
          style={{ width: 170 }}
          value={program}
          onChange={(v) => (setProgram(v), first())}
          options={(rules ? servicePrograms(rules) : []).map((p) => ({ value: p, label: p }))}
          data-testid="volunteer-program"
        />
        <Input.Search allowClear placeholder="姓名" style={{ width: 160 }} onSearch={(v) => (setQ(v.trim()), first())} />
      </Toolbar>
      {list.data && (
        <Typography.Paragraph type="secondary" data-testid="volunteer-share">
          符合条件的志愿者 {list.data.total} 人，其中35岁及以下 {list.data.total35} 人，占 {percentText(list.data.share35)}；西部计划等专项计划 {list.data.inPrograms} 人
        </Typography.Paragraph>
      )}
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Volunteer>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={pagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '人')}
          onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
          locale={{ emptyText: '没有符合条件的志愿者' }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 100, render: (v: string) => <a>{v}</a> },
            { title: '性别', dataIndex: 'gender', width: 60, render: (g: 'male' | 'female') => GENDER_LABELS[g] },
            { title: '身份证号', dataIndex: 'idNumberMasked', width: 180, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
            {
              title: '年龄',
              dataIndex: 'age',
              width: 150,
              render: (a: number, r) => (
                <Space size={4}>
                  {a}岁<Tag color={r.youth ? 'blue' : 'default'}>{bandLabels?.[r.ageBand] ?? r.ageBand}</Tag>
                </Space>
              ),
            },
            { title: '服务队', dataIndex: 'teamName', render: (v: string | null, r) => v ?? <Typography.Text type="secondary">{r.teamId ? '上级组织的服务队' : '未加入'}</Typography.Text> },
            { title: '所属组织', dataIndex: 'orgName', ellipsis: true },
            { title: '注册日期', dataIndex: 'registeredOn', width: 110 },
            { title: '服务时长', dataIndex: 'serviceMinutes', width: 110, align: 'right', render: hours },
          ]}
        />
      )}
      <Drawer open={open !== null} onClose={() => setOpen(null)} size={DRAWER_WIDTH} title="志愿者" destroyOnHidden>
        {open !== null && <VolunteerView id={open} orgId={orgId} />}
      </Drawer>
      {creating && <VolunteerModal orgId={orgId} onClose={() => setCreating(false)} onCreated={setOpen} />}
    </>
  );
}

function VolunteerView({ id, orgId }: { id: number; orgId: number }) {
  const rules = useRules();
  const canEdit = useCan('org:edit');
  const detail = useApi(o.getVolunteer, { params: { id } });
  const [recording, setRecording] = useState(false);
  if (detail.isLoading) return <PageLoading />;
  if (detail.error || !detail.data) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  const v = detail.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Descriptions bordered size="small" column={2} title={v.name}>
        <Descriptions.Item label="性别">{GENDER_LABELS[v.gender]}</Descriptions.Item>
        <Descriptions.Item label="年龄">
          {v.age}岁（{rules ? volunteerAgeBandLabels(rules)[v.ageBand] : v.ageBand}）
        </Descriptions.Item>
        <Descriptions.Item label="身份证号">{v.idNumberMasked}</Descriptions.Item>
        <Descriptions.Item label="联系电话">{v.phoneMasked ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="服务队">{v.teamName ?? '未加入'}</Descriptions.Item>
        <Descriptions.Item label="所属组织">{v.orgName}</Descriptions.Item>
        <Descriptions.Item label="注册日期">{v.registeredOn}</Descriptions.Item>
        <Descriptions.Item label="累计服务">{hours(v.serviceMinutes)}</Descriptions.Item>
      </Descriptions>
      <Card
        size="small"
        title={`服务记录（${v.records.length} 条）`}
        extra={
          canEdit && (
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
              登记服务时长
            </Button>
          )
        }
      >
        <Table
          rowKey="id"
          size="small"
          dataSource={v.records}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: '尚无服务记录' }}
          columns={[
            { title: '服务日期', dataIndex: 'servedOn', width: 120 },
            { title: '服务项目', dataIndex: 'projectTitle', render: (t: string | null) => t ?? '—' },
            { title: '时长', dataIndex: 'minutes', width: 110, align: 'right', render: hours },
          ]}
        />
      </Card>
      {recording && <RecordModal orgId={orgId} volunteer={{ id: v.id, name: v.name, registeredOn: v.registeredOn, orgId: v.orgId }} onClose={() => setRecording(false)} />}
    </Space>
  );
}

interface VolunteerValues {
  orgId: number;
  teamId?: number | null;
  source: 'registry' | 'manual';
  personId?: number | null;
  name?: string;
  idNumber?: string;
  phone?: string;
  registeredOn: Dayjs;
}

function VolunteerModal({ orgId, onClose, onCreated }: { orgId: number; onClose(): void; onCreated(id: number): void }) {
  const [form] = Form.useForm<VolunteerValues>();
  const source = Form.useWatch('source', form) ?? 'registry';
  const chosenOrg = Form.useWatch('orgId', form) ?? orgId;
  const refresh = useRefreshYouth();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  const submit = async (v: VolunteerValues) => {
    await run(async () => {
      const created = await call(o.createVolunteer, {
        body: {
          orgId: v.orgId,
          teamId: v.teamId ?? null,
          ...(v.source === 'registry' ? { personId: v.personId ?? null } : { name: v.name, idNumber: v.idNumber }),
          phone: v.phone || null,
          registeredOn: ymd(v.registeredOn),
        },
      });
      message.success(`已注册志愿者 ${created.name}`);
      await refresh();
      onClose();
      onCreated(created.id);
    });
  };
  return (
    <Modal open title="注册志愿者" okText="注册" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden width={560}>
      <Refusal error={refusal} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ orgId, source: 'registry', registeredOn: todayDayjs() }}>
        <Form.Item name="orgId" label="所属组织" rules={[{ required: true, message: '请选择所属组织' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="teamId" label="加入服务队">
          <TeamSelect orgId={chosenOrg} placeholder="可不选" />
        </Form.Item>
        <Form.Item name="source" label="人员">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'registry', label: '从青年名册选择' },
              { value: 'manual', label: '填写姓名和身份证号' },
            ]}
          />
        </Form.Item>
        {source === 'registry' ? (
          <Form.Item name="personId" label="青年" rules={[{ required: true, message: '请从青年名册中选择' }]}>
            <PersonPicker under={chosenOrg} kind="all" />
          </Form.Item>
        ) : (
          <Space wrap align="start">
            <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input maxLength={30} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="idNumber" label="身份证号" rules={[{ required: true, message: '请填写身份证号' }, idNumberRule]}>
              <IdNumberInput />
            </Form.Item>
          </Space>
        )}
        <Space wrap align="start">
          <Form.Item name="phone" label="联系电话">
            <PhoneInput style={{ width: 180 }} autoComplete="off" />
          </Form.Item>
          <Form.Item name="registeredOn" label="注册日期" rules={[{ required: true, message: '请选择注册日期' }]}>
            <DatePicker disabledDate={notAfterToday()} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/* ---------------------------------------------------------------- projects */

function Projects({ orgId }: { orgId: number }) {
  const canEdit = useCan('org:edit');
  const [teamId, setTeamId] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const filters = { under: orgId, teamId: teamId ?? undefined };
  const list = useApi(o.listServiceProjects, { query: { ...filters, page, pageSize } });
  return (
    <>
      <Toolbar
        extra={
          <>
            <ExportButton contract={o.exportServiceProjects} input={{ query: filters }} fileName="志愿服务项目.xlsx" />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                登记服务项目
              </Button>
            )}
          </>
        }
      >
        <TeamSelect orgId={orgId} value={teamId} onChange={(v) => (setTeamId(v), setPage(1))} style={{ width: 200 }} />
      </Toolbar>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Project>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={pagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '个')}
          locale={{ emptyText: '尚无服务项目' }}
          columns={[
            { title: '项目名称', dataIndex: 'title' },
            { title: '服务队', dataIndex: 'teamName', render: (v: string | null) => v ?? '—' },
            { title: '组织', dataIndex: 'orgName', ellipsis: true },
            { title: '实施期间', key: 'period', width: 220, render: (_, r) => `${r.startOn} 至 ${r.endOn ?? '今'}` },
            { title: '参与志愿者', dataIndex: 'volunteers', width: 100, align: 'right', render: (n: number) => `${n} 人` },
            { title: '服务时长', dataIndex: 'serviceMinutes', width: 120, align: 'right', render: hours },
          ]}
        />
      )}
      {creating && <ProjectModal orgId={orgId} onClose={() => setCreating(false)} />}
    </>
  );
}

interface ProjectValues {
  orgId: number;
  teamId?: number | null;
  title: string;
  startOn: Dayjs;
  endOn?: Dayjs | null;
}

function ProjectModal({ orgId, onClose }: { orgId: number; onClose(): void }) {
  const [form] = Form.useForm<ProjectValues>();
  const chosenOrg = Form.useWatch('orgId', form) ?? orgId;
  const startOn = Form.useWatch('startOn', form);
  const endOn = Form.useWatch('endOn', form);
  const refresh = useRefreshYouth();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  const problems = startOn ? serviceProjectProblems({ startOn: ymd(startOn), endOn: endOn ? ymd(endOn) : null }) : [];
  const submit = async (v: ProjectValues) => {
    await run(async () => {
      await call(o.createServiceProject, { body: { orgId: v.orgId, teamId: v.teamId ?? null, title: v.title, startOn: ymd(v.startOn), endOn: v.endOn ? ymd(v.endOn) : null } });
      message.success(`已登记项目“${v.title}”`);
      await refresh();
      onClose();
    });
  };
  return (
    <Modal open title="登记志愿服务项目" okText="登记" confirmLoading={saving} okButtonProps={{ disabled: problems.length > 0 }} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ orgId, startOn: todayDayjs() }}>
        <Form.Item name="orgId" label="组织" rules={[{ required: true, message: '请选择组织' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="teamId" label="服务队">
          <TeamSelect orgId={chosenOrg} placeholder="可不选" />
        </Form.Item>
        <Form.Item name="title" label="项目名称" rules={[{ required: true, message: '请填写项目名称' }, { min: 2, message: '项目名称至少2个字' }]}>
          <Input maxLength={100} placeholder="如：七彩假期、关爱留守儿童" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startOn" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="endOn" label="结束日期（进行中可不填）">
            <DatePicker />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/* ----------------------------------------------------------------- records */

function VolunteerPicker({ orgId, value, onChange, id }: { orgId: number; value?: number | null; onChange?(v: number | null, item?: Volunteer): void; id?: string }) {
  const [q, setQ] = useState('');
  const debounced = useDebounced(q.trim());
  const list = useApi(o.listVolunteers, { query: { under: orgId, q: debounced || undefined, pageSize: 30 } });
  const items = list.data?.items ?? [];
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="输入志愿者姓名查找"
      style={{ width: '100%' }}
      value={value ?? undefined}
      loading={list.isFetching}
      onChange={(v: number | undefined) => onChange?.(v ?? null, items.find((i) => i.id === v))}
      options={items.map((v) => ({ value: v.id, label: `${v.name}（${v.teamName ?? v.orgName}）` }))}
    />
  );
}

function ProjectSelect({ orgId, value, onChange, id, style }: { orgId: number; value?: number | null; onChange?(v: number | null): void; id?: string; style?: React.CSSProperties }) {
  const list = useApi(o.listServiceProjects, { query: { under: orgId, pageSize: 200 } });
  return (
    <Select
      id={id}
      allowClear
      placeholder="服务项目"
      style={style}
      value={value ?? undefined}
      loading={list.isLoading}
      onChange={(v: number | undefined) => onChange?.(v ?? null)}
      options={(list.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.title}（${p.startOn} 至 ${p.endOn ?? '今'}）` }))}
    />
  );
}

function Records({ orgId }: { orgId: number }) {
  const canEdit = useCan('org:edit');
  const [volunteerId, setVolunteerId] = useState<number | null>(null);
  const [projectId, setProjectId] = useState<number | null>(null);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const filters = {
    under: orgId,
    volunteerId: volunteerId ?? undefined,
    projectId: projectId ?? undefined,
    from: range?.[0] ? ymd(range[0]) : undefined,
    to: range?.[1] ? ymd(range[1]) : undefined,
  };
  const list = useApi(o.listServiceRecords, { query: { ...filters, page, pageSize } });
  return (
    <>
      <Toolbar
        extra={
          <>
            <ExportButton contract={o.exportServiceRecords} input={{ query: filters }} fileName="志愿服务记录.xlsx" />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                登记服务时长
              </Button>
            )}
          </>
        }
      >
        <div style={{ width: 200 }}>
          <VolunteerPicker orgId={orgId} value={volunteerId} onChange={(v) => (setVolunteerId(v), setPage(1))} />
        </div>
        <ProjectSelect orgId={orgId} value={projectId} onChange={(v) => (setProjectId(v), setPage(1))} style={{ width: 240 }} />
        <DatePicker.RangePicker value={range} onChange={(v) => (setRange(v), setPage(1))} allowEmpty={[true, true]} />
      </Toolbar>
      {list.data && (
        <Typography.Paragraph type="secondary" data-testid="records-total">
          符合条件的服务记录 {list.data.total} 条，合计 {hours(list.data.totalMinutes)}（{list.data.totalMinutes} 分钟）
        </Typography.Paragraph>
      )}
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<ServiceRecord>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={pagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)))}
          locale={{ emptyText: '没有符合条件的服务记录' }}
          columns={[
            { title: '服务日期', dataIndex: 'servedOn', width: 120 },
            { title: '志愿者', dataIndex: 'volunteerName', width: 120 },
            { title: '服务项目', dataIndex: 'projectTitle', render: (t: string | null) => t ?? '—' },
            { title: '时长', dataIndex: 'minutes', width: 120, align: 'right', render: hours },
          ]}
        />
      )}
      {creating && <RecordModal orgId={orgId} onClose={() => setCreating(false)} />}
    </>
  );
}

interface RecordValues {
  volunteerId: number;
  projectId?: number | null;
  servedOn: Dayjs;
  hours?: number | null;
  minutes?: number | null;
}

/** Service time is typed as hours and minutes and sent as whole minutes (exact). */
function RecordModal({ orgId, volunteer, onClose }: { orgId: number; volunteer?: { id: number; name: string; registeredOn: string; orgId: number }; onClose(): void }) {
  const [form] = Form.useForm<RecordValues>();
  const refresh = useRefreshYouth();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  const h = Form.useWatch('hours', form) ?? 0;
  const m = Form.useWatch('minutes', form) ?? 0;
  const total = (h ?? 0) * 60 + (m ?? 0);
  const problems = total > SERVICE_MINUTES_MAX ? ['单次服务时长不能超过24小时'] : [];
  const submit = async (v: RecordValues) => {
    if (total <= 0) {
      form.setFields([{ name: 'hours', errors: ['请填写服务时长'] }]);
      return;
    }
    await run(async () => {
      await call(o.createServiceRecord, { body: { volunteerId: volunteer?.id ?? v.volunteerId, projectId: v.projectId ?? null, servedOn: ymd(v.servedOn), minutes: total } });
      message.success('已登记服务时长');
      await refresh();
      onClose();
    });
  };
  return (
    <Modal open title={volunteer ? `登记服务时长：${volunteer.name}` : '登记服务时长'} okText="登记" confirmLoading={saving} okButtonProps={{ disabled: problems.length > 0 }} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ servedOn: todayDayjs(), hours: 2, minutes: 0 }}>
        {!volunteer && (
          <Form.Item name="volunteerId" label="志愿者" rules={[{ required: true, message: '请选择志愿者' }]}>
            <VolunteerPicker orgId={orgId} />
          </Form.Item>
        )}
        <Form.Item name="projectId" label="服务项目">
          <ProjectSelect orgId={orgId} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="servedOn" label="服务日期" rules={[{ required: true, message: '请选择服务日期' }]}>
            <DatePicker disabledDate={notAfterToday(volunteer?.registeredOn)} />
          </Form.Item>
          <Form.Item name="hours" label="时长（小时）">
            <InputNumber min={0} max={24} precision={0} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="minutes" label="（分钟）">
            <InputNumber min={0} max={59} precision={0} style={{ width: 100 }} />
          </Form.Item>
        </Space>
        <div>
          <Typography.Text type="secondary">共 {total} 分钟，计 {hoursOf(total)} 小时</Typography.Text>
        </div>
      </Form>
    </Modal>
  );
}
