import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { cadreTitleLabel, CADRE_TRAINING_KIND_LABELS, CADRE_TRAINING_KINDS, api, percentText } from '@tuanjian/domain';
import { App, Button, Card, Col, DatePicker, Drawer, Form, Input, InputNumber, Modal, Row, Select, Space, Statistic, Table, Tabs } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { call, download } from '../../api/client';
import { invalidate, useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError, PageLoading } from '../../components/PageState';
import { useShowError } from '../../lib/errors';
import { PageHeader, useScopeOrg } from './shared';

type Training = api.ResponseOf<typeof api.cadres.listTrainings>[number];
type Kind = Training['kind'];

const refresh = (client: ReturnType<typeof useQueryClient>) =>
  invalidate(client, api.cadres.listTrainings, api.cadres.getTraining, api.cadres.getTrainingSummary, api.cadres.listUntrained, api.cadres.getCadre, api.cadres.getCadreOverview);

/** 培训: courses with attendance, the year's summary and the cadres on duty not yet trained. */
export default function TrainingsPage() {
  const [orgId, select] = useScopeOrg();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const canEdit = useCan('org:edit');
  return (
    <div>
      <PageHeader
        title="团干部培训"
        orgId={orgId}
        onOrg={select}
        extra={
          <>
            <Select style={{ width: 100 }} value={year} onChange={setYear} options={[0, 1, 2, 3].map((d) => ({ value: thisYear - d, label: `${thisYear - d}年` }))} />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                登记培训班
              </Button>
            )}
          </>
        }
      />
      {orgId && (
        <>
          <Summary orgId={orgId} year={year} />
          <Tabs
            items={[
              { key: 'courses', label: '培训班', children: <Courses orgId={orgId} year={year} onOpen={setOpen} /> },
              { key: 'untrained', label: '未参训团干部', children: <Untrained orgId={orgId} year={year} /> },
            ]}
          />
        </>
      )}
      <Drawer open={open !== null} onClose={() => setOpen(null)} size="large" title="培训详情" destroyOnHidden>
        {open !== null && orgId && <TrainingView id={open} orgId={orgId} />}
      </Drawer>
      {creating && <CreateModal orgId={orgId} onClose={() => setCreating(false)} onCreated={setOpen} />}
    </div>
  );
}

function Summary({ orgId, year }: { orgId: number; year: number }) {
  const s = useApi(api.cadres.getTrainingSummary, { query: { orgId, year } });
  if (!s.data) return null;
  const d = s.data;
  return (
    <Row gutter={16} style={{ marginBottom: 16 }}>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title="培训班次" value={d.courses} />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title="参训人次" value={d.attendances} />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title="培训学时" value={d.hours} />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title={`在岗团干部参训率（${d.cadresTrained}/${d.cadresOnDuty}）`} value={percentText(d.trainedShare)} />
        </Card>
      </Col>
    </Row>
  );
}

function Courses({ orgId, year, onOpen }: { orgId: number; year: number; onOpen: (id: number) => void }) {
  const [kind, setKind] = useState<Kind | undefined>();
  const list = useApi(api.cadres.listTrainings, { query: { under: orgId, year, kind } });
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Select allowClear placeholder="培训类别" style={{ width: 180, marginBottom: 12 }} value={kind} onChange={setKind} options={CADRE_TRAINING_KINDS.map((k) => ({ value: k, label: CADRE_TRAINING_KIND_LABELS[k] }))} />
      <Table<Training>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '培训名称', dataIndex: 'title', render: (v: string) => <a>{v}</a> },
          { title: '举办组织', dataIndex: 'orgName' },
          { title: '类别', dataIndex: 'kind', render: (k: Kind) => CADRE_TRAINING_KIND_LABELS[k] },
          { title: '时间', render: (_, r) => `${r.startOn} 至 ${r.endOn}` },
          { title: '学时', dataIndex: 'hours' },
          { title: '参训人数', dataIndex: 'attendees' },
          { title: '参训学时合计', dataIndex: 'attendeeHours' },
        ]}
      />
    </>
  );
}

function Untrained({ orgId, year }: { orgId: number; year: number }) {
  const list = useApi(api.cadres.listUntrained, { query: { orgId, year } });
  const showError = useShowError();
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Button icon={<DownloadOutlined />} style={{ marginBottom: 12 }} onClick={() => download(api.cadres.exportUntrained, { query: { orgId, year } }, '未参训团干部.xlsx').catch(showError)}>
        导出
      </Button>
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '年龄', dataIndex: 'age' },
          { title: '现任职务', dataIndex: 'posts', render: (posts: api.cadres.CadreItem['posts']) => posts.map((p) => `${p.orgName}${cadreTitleLabel(p.title)}`).join('；') },
          { title: '电话', dataIndex: 'phoneMasked', render: (v) => v ?? '—' },
        ]}
      />
    </>
  );
}

function TrainingView({ id, orgId }: { id: number; orgId: number }) {
  const detail = useApi(api.cadres.getTraining, { params: { id } });
  const [picked, setPicked] = useState<number[]>([]);
  const [hours, setHours] = useState<number | null>(null);
  const [q, setQ] = useState('');
  const cadres = useApi(api.cadres.listCadres, { query: { under: orgId, q: q || undefined, pageSize: 50 } });
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  if (detail.isLoading) return <PageLoading />;
  if (detail.error || !detail.data) return <LoadError error={detail.error} />;
  const d = detail.data;
  const record = async () => {
    try {
      await call(api.cadres.recordAttendance, { params: { id }, body: { cadreIds: picked, hours: hours ?? undefined } });
      message.success('已登记参训');
      setPicked([]);
      await refresh(client);
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card size="small" title={d.title}>
        {d.orgName} · {CADRE_TRAINING_KIND_LABELS[d.kind]} · {d.startOn} 至 {d.endOn} · {d.hours} 学时 · 参训 {d.attendees} 人
      </Card>
      {d.can.record && (
        <Space wrap>
          <Select
            mode="multiple"
            style={{ width: 360 }}
            placeholder="选择参训团干部（可搜索）"
            value={picked}
            onChange={setPicked}
            showSearch={{ filterOption: false, onSearch: setQ }}
            options={(cadres.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.posts.map((p) => p.orgName + cadreTitleLabel(p.title)).join('、')}）` }))}
          />
          <InputNumber min={1} max={500} placeholder={`学时（默认${d.hours}）`} value={hours} onChange={setHours} style={{ width: 150 }} />
          <Button type="primary" disabled={!picked.length} onClick={() => void record()}>
            登记参训
          </Button>
        </Space>
      )}
      <Table
        rowKey="cadreId"
        size="small"
        dataSource={d.attendance}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '组织', dataIndex: 'orgName' },
          { title: '职务', dataIndex: 'posts' },
          { title: '学时', dataIndex: 'hours' },
        ]}
      />
    </Space>
  );
}

interface CreateValues {
  orgId: number;
  title: string;
  kind: Kind;
  range: [Dayjs, Dayjs];
  hours: number;
}

function CreateModal({ orgId, onClose, onCreated }: { orgId: number | null; onClose: () => void; onCreated: (id: number) => void }) {
  const [form] = Form.useForm<CreateValues>();
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const submit = async (v: CreateValues) => {
    try {
      const d = await call(api.cadres.createTraining, {
        body: { orgId: v.orgId, title: v.title, kind: v.kind, startOn: v.range[0].format('YYYY-MM-DD'), endOn: v.range[1].format('YYYY-MM-DD'), hours: v.hours },
      });
      message.success('已登记培训班');
      await refresh(client);
      onClose();
      onCreated(d.id);
    } catch (err) {
      showError(err, form);
    }
  };
  return (
    <Modal open title="登记培训班" onCancel={onClose} onOk={() => form.submit()} okText="登记">
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ orgId, kind: CADRE_TRAINING_KINDS[0], range: [dayjs(), dayjs()], hours: 8 }}>
        <Form.Item name="orgId" label="举办组织" rules={[{ required: true, message: '请选择组织' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="title" label="培训名称" rules={[{ required: true, message: '请填写培训名称' }, { min: 4, message: '培训名称至少4个字' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label="培训类别">
          <Select options={CADRE_TRAINING_KINDS.map((k) => ({ value: k, label: CADRE_TRAINING_KIND_LABELS[k] }))} />
        </Form.Item>
        <Space>
          <Form.Item name="range" label="培训时间" rules={[{ required: true, message: '请选择培训时间' }]}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
            <InputNumber min={1} max={500} precision={0} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
