import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { CONTACT_METHOD_LABELS, LIAISON_ROLE_LABELS, RESERVE_STATUS_LABELS, RESERVE_STATUSES, api, educationName, percentText, politicalStatusName } from '@tuanjian/domain';
import { App, Button, Card, Col, DatePicker, Drawer, Form, Input, Modal, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useLocation } from 'react-router-dom';
import { call, download } from '../../api/client';
import { invalidate, useApi } from '../../api/hooks';
import { useAccount, useCan } from '../../auth/session';
import { LoadError, PageLoading } from '../../components/PageState';
import { useShowError } from '../../lib/errors';
import { PageHeader, useScopeOrg } from './shared';

type Reserve = api.ResponseOf<typeof api.cadres.listReserveTalents>['items'][number];
type Liaison = api.ResponseOf<typeof api.cadres.listLiaisons>[number];
type ReserveStatus = Reserve['status'];

/** 后备人才 (/cadres/reserve) and 联系服务 (/cadres/liaisons): two pages of one file, chosen by the address. */
export default function TalentsPage() {
  const { pathname } = useLocation();
  return pathname.startsWith('/cadres/liaisons') ? <LiaisonsPage /> : <ReservePage />;
}

/* ------------------------------------------------------------- 后备人才 */

function ReservePage() {
  const [orgId, select] = useScopeOrg();
  const [status, setStatus] = useState<ReserveStatus>('active');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const canEdit = useCan('membership:write');
  const showError = useShowError();
  const client = useQueryClient();
  const { message } = App.useApp();
  const query = { under: orgId ?? undefined, status, q: q || undefined };
  const list = useApi(api.cadres.listReserveTalents, { query: { ...query, page, pageSize: 20 } }, { enabled: orgId !== null });
  const summary = useApi(api.cadres.getReserveSummary, orgId ? { query: { orgId } } : undefined, { enabled: orgId !== null });
  const setTo = async (r: Reserve, s: ReserveStatus) => {
    try {
      await call(api.cadres.setReserveStatus, { params: { id: r.id }, body: { status: s } });
      message.success(`已${RESERVE_STATUS_LABELS[s]}`);
      await invalidate(client, api.cadres.listReserveTalents, api.cadres.getReserveSummary);
    } catch (err) {
      showError(err);
    }
  };
  const s = summary.data;
  return (
    <div>
      <PageHeader
        title="后备人才"
        orgId={orgId}
        onOrg={select}
        extra={
          <>
            <Button icon={<DownloadOutlined />} onClick={() => download(api.cadres.exportReserveTalents, { query }, '后备人才.xlsx').catch(showError)}>
              导出
            </Button>
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                推荐后备人才
              </Button>
            )}
          </>
        }
      />
      {s && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          {(
            [
              ['人才库总数', s.total],
              ['35岁及以下', s.youth],
              ['28岁及以下', s.memberAge],
              ['28岁及以下团员党员', s.memberAgeMembers],
              ['党员', s.partyMembers],
              ['现职团干部', s.currentCadres],
            ] as const
          ).map(([t, v]) => (
            <Col key={t} xs={12} md={4}>
              <Card size="small">
                <Statistic title={t} value={v} suffix="人" />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Space style={{ marginBottom: 12 }} wrap>
        <Select style={{ width: 120 }} value={status} onChange={(v) => (setStatus(v), setPage(1))} options={RESERVE_STATUSES.map((x) => ({ value: x, label: RESERVE_STATUS_LABELS[x] }))} />
        <Input.Search allowClear placeholder="姓名" style={{ width: 200 }} onSearch={(v) => (setQ(v.trim()), setPage(1))} />
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Reserve>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 人` }}
          columns={[
            { title: '姓名', dataIndex: 'name', render: (v: string, r) => (r.isCurrentCadre ? <Space>{v}<Tag color="blue">现职团干部</Tag></Space> : v) },
            { title: '性别', dataIndex: 'gender', render: (g) => (g === 'male' ? '男' : '女') },
            { title: '年龄', dataIndex: 'age' },
            { title: '政治面貌', dataIndex: 'politicalStatus', render: (v) => politicalStatusName(v) ?? v },
            { title: '学历', dataIndex: 'education', render: (v) => educationName(v) ?? '—' },
            { title: '所在组织', dataIndex: 'orgName' },
            { title: '推荐人（单位）', dataIndex: 'recommendedBy' },
            { title: '推荐理由', dataIndex: 'reason', ellipsis: true },
            { title: '推荐日期', dataIndex: 'recommendedOn' },
            {
              title: '操作',
              render: (_, r) =>
                canEdit && r.status === 'active' ? (
                  <Space>
                    <a onClick={() => void setTo(r, 'appointed')}>已选用</a>
                    <a onClick={() => void setTo(r, 'removed')}>移出</a>
                  </Space>
                ) : canEdit ? (
                  <a onClick={() => void setTo(r, 'active')}>恢复在库</a>
                ) : null,
            },
          ]}
        />
      )}
      {adding && <AddReserveModal orgId={orgId} onClose={() => setAdding(false)} />}
    </div>
  );
}

function AddReserveModal({ orgId, onClose }: { orgId: number | null; onClose: () => void }) {
  const [form] = Form.useForm<{ personId: number; recommendedBy: string; reason: string; recommendedOn: Dayjs }>();
  const [q, setQ] = useState('');
  const people = useApi(api.people.listPeople, { query: { under: orgId ?? undefined, q: q || undefined, kind: 'youth', pageSize: 30 } });
  const client = useQueryClient();
  const showError = useShowError();
  const account = useAccount();
  const { message } = App.useApp();
  const submit = async (v: { personId: number; recommendedBy: string; reason: string; recommendedOn: Dayjs }) => {
    try {
      await call(api.cadres.addReserveTalent, { body: { personId: v.personId, recommendedBy: v.recommendedBy, reason: v.reason, recommendedOn: v.recommendedOn.format('YYYY-MM-DD') } });
      message.success('已列入后备人才库');
      await invalidate(client, api.cadres.listReserveTalents, api.cadres.getReserveSummary);
      onClose();
    } catch (err) {
      showError(err, form);
    }
  };
  return (
    <Modal open title="推荐后备人才" onCancel={onClose} onOk={() => form.submit()} okText="推荐">
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ recommendedOn: dayjs(), recommendedBy: account.scopeOrgName ?? account.displayName }}>
        <Form.Item name="personId" label="青年（从名册选人）" rules={[{ required: true, message: '请选择青年' }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder="搜索姓名或身份证号"
            loading={people.isFetching}
            options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.orgName ?? ''}）` }))}
          />
        </Form.Item>
        <Form.Item name="recommendedBy" label="推荐人（单位）" rules={[{ required: true, message: '请填写推荐人（单位）' }, { min: 2, message: '至少2个字' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="reason" label="推荐理由" rules={[{ required: true, message: '请填写推荐理由' }, { min: 4, message: '推荐理由至少4个字' }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Form.Item name="recommendedOn" label="推荐日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/* ------------------------------------------------------------- 联系服务 */

function LiaisonsPage() {
  const [orgId, select] = useScopeOrg();
  const thisYear = new Date().getFullYear();
  const coverage = useApi(api.cadres.getLiaisonCoverage, orgId ? { query: { orgId, year: thisYear } } : undefined, { enabled: orgId !== null });
  const list = useApi(api.cadres.listLiaisons, { query: { under: orgId ?? undefined, active: 'true' } }, { enabled: orgId !== null });
  const [open, setOpen] = useState<number | null>(null);
  const showError = useShowError();
  const c = coverage.data;
  return (
    <div>
      <PageHeader title="联系服务" orgId={orgId} onOrg={select} />
      {c && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={`联系覆盖率（${c.covered}/${c.branches}个团支部）`} value={percentText(c.rate)} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={`${c.year}年已联系团支部`} value={c.contactedThisYear} suffix="个" />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="联系关系 / 联系青年" value={`${c.liaisons} / ${c.youthAssigned}`} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="联系次数" value={c.contacts} />
            </Card>
          </Col>
        </Row>
      )}
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card size="small" title="联系关系（联系中）">
            {list.error ? (
              <LoadError error={list.error} />
            ) : (
              <Table<Liaison>
                rowKey="id"
                size="small"
                loading={list.isLoading}
                dataSource={list.data ?? []}
                pagination={{ pageSize: 15 }}
                onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
                columns={[
                  { title: '团代表/委员', dataIndex: 'cadreName', render: (v) => <a>{v ?? '（上级团委委员）'}</a> },
                  { title: '身份', dataIndex: 'role', render: (r: Liaison['role']) => LIAISON_ROLE_LABELS[r] },
                  { title: '联系团支部', dataIndex: 'targetOrgName', render: (v) => v ?? '—' },
                  { title: '联系青年', dataIndex: 'targetPersonName', render: (v) => v ?? '—' },
                  { title: '联系次数', dataIndex: 'contacts' },
                  { title: '最近联系', dataIndex: 'lastContactOn', render: (v) => v ?? '未联系' },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card
            size="small"
            title={`无人联系的团支部（${c?.uncovered.length ?? 0}）`}
            extra={orgId && <a onClick={() => download(api.cadres.exportUncoveredBranches, { query: { orgId, year: thisYear } }, '无人联系的团支部.xlsx').catch(showError)}>导出</a>}
          >
            <Table
              rowKey="orgId"
              size="small"
              dataSource={c?.uncovered ?? []}
              pagination={{ pageSize: 15 }}
              columns={[
                { title: '团支部', dataIndex: 'orgName' },
                { title: '上级组织', dataIndex: 'parentName', render: (v) => v ?? '—' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Drawer open={open !== null} onClose={() => setOpen(null)} size="large" title="联系详情" destroyOnHidden>
        {open !== null && <LiaisonView id={open} />}
      </Drawer>
    </div>
  );
}

function LiaisonView({ id }: { id: number }) {
  const detail = useApi(api.cadres.getLiaison, { params: { id } });
  const [form] = Form.useForm<{ contactedOn: Dayjs; method: keyof typeof CONTACT_METHOD_LABELS; content: string }>();
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  if (detail.isLoading) return <PageLoading />;
  if (detail.error || !detail.data) return <LoadError error={detail.error} />;
  const d = detail.data;
  const submit = async (v: { contactedOn: Dayjs; method: keyof typeof CONTACT_METHOD_LABELS; content: string }) => {
    try {
      await call(api.cadres.logContact, { params: { id }, body: { contactedOn: v.contactedOn.format('YYYY-MM-DD'), method: v.method, content: v.content } });
      message.success('已登记联系');
      form.resetFields(['content']);
      await invalidate(client, api.cadres.getLiaison, api.cadres.listLiaisons, api.cadres.getLiaisonCoverage);
    } catch (err) {
      showError(err, form);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card size="small">
        {d.cadreName ?? '（上级团委委员）'}（{LIAISON_ROLE_LABELS[d.role]}）联系 {d.targetOrgName ?? ''} {d.targetPersonName ?? ''} · 自 {d.since}
        {d.until ? ` 至 ${d.until}` : ''}
      </Card>
      {d.can.record && d.active && (
        <Card size="small" title="登记一次联系">
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ contactedOn: dayjs(), method: 'visit' }}>
            <Space>
              <Form.Item name="contactedOn" label="联系日期" rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="method" label="联系方式">
                <Select style={{ width: 120 }} options={Object.entries(CONTACT_METHOD_LABELS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Space>
            <Form.Item name="content" label="联系内容" rules={[{ required: true, message: '请填写联系内容' }, { min: 4, message: '联系内容至少4个字' }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              登记
            </Button>
          </Form>
        </Card>
      )}
      <Table
        rowKey="id"
        size="small"
        dataSource={d.contactLog}
        pagination={false}
        columns={[
          { title: '日期', dataIndex: 'contactedOn' },
          { title: '方式', dataIndex: 'method', render: (m: keyof typeof CONTACT_METHOD_LABELS) => CONTACT_METHOD_LABELS[m] },
          { title: '内容', dataIndex: 'content' },
        ]}
      />
    </Space>
  );
}
