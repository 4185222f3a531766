import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '@tuanjian/domain';
import { App, Button, Col, DatePicker, Empty, Form, Input, Modal, Row, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { invalidate, useApi } from '../../api/hooks';
import { LoadError } from '../../components/PageState';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { Refusal, useDialogSubmit, ymd } from '../../components/page';

type Congress = api.deputies.CongressItem;
const d = api.deputies;

/** 代表联络站 under the organization with the deputies assigned; the convening committee sets up new ones. */
export function StationsView({ orgId, congress }: { orgId: number; congress?: Congress }) {
  const list = useApi(d.listStations, { query: { under: orgId } });
  const [adding, setAdding] = useState(false);
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div>
      {congress && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setAdding(true)} data-testid="station-add">
          设立联络站
        </Button>
      )}
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        data-testid="stations-table"
        scroll={{ x: 800 }}
        locale={{ emptyText: <Empty description="暂无代表联络站" /> }}
        columns={[
          { title: '联络站', dataIndex: 'name', width: 200 },
          { title: '依托组织', dataIndex: 'orgName', width: 220, ellipsis: true },
          { title: '地址', dataIndex: 'address', width: 160, render: (v: string | null) => v ?? '—' },
          { title: '代表', dataIndex: 'deputies', render: (ds: { id: number; name: string }[]) => `${ds.length} 名：${ds.map((x) => x.name).join('、') || '—'}` },
        ]}
      />
      {adding && congress && <StationModal congress={congress} defaultOrgId={orgId} onClose={() => setAdding(false)} />}
    </div>
  );
}

/** 专委会 and their members (assigned in each deputy's record). */
export function CommitteesView({ orgId, congress }: { orgId: number; congress?: Congress }) {
  const list = useApi(d.listCommittees, { query: { under: orgId } });
  const [adding, setAdding] = useState(false);
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div>
      {congress && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setAdding(true)} data-testid="committee-add">
          设立专委会
        </Button>
      )}
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        data-testid="committees-table"
        locale={{ emptyText: <Empty description="暂无专委会（由召开团代会的团委设立）" /> }}
        columns={[
          { title: '专委会', dataIndex: 'name', width: 200 },
          { title: '职责', dataIndex: 'duties', width: 260, render: (v: string | null) => v ?? '—' },
          {
            title: '成员',
            dataIndex: 'members',
            render: (ms: { id: number; name: string; role: string | null }[]) => (
              <span>
                {ms.length} 名：
                {ms.map((m) => (m.role && m.role !== '委员' ? <Tag key={m.id} color="red">{`${m.name}（${m.role}）`}</Tag> : <Tag key={m.id}>{m.name}</Tag>))}
              </span>
            ),
          },
        ]}
      />
      {adding && congress && <CommitteeModal congress={congress} onClose={() => setAdding(false)} />}
    </div>
  );
}

function StationModal({ congress, defaultOrgId, onClose }: { congress: Congress; defaultOrgId: number; onClose(): void }) {
  const [form] = Form.useForm<{ orgId: number; name: string; address?: string; openedOn?: Dayjs | null }>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  return (
    <Modal open title={`设立代表联络站（${congress.title}）`} okText="保存" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ orgId: defaultOrgId }}
        onFinish={(v) =>
          void run(async () => {
            await call(d.createStation, { body: { congressId: congress.id, orgId: v.orgId, name: v.name, address: v.address || null, openedOn: v.openedOn ? ymd(v.openedOn) : null } });
            await invalidate(client, d.listStations);
            message.success('已设立');
            onClose();
          })
        }
      >
        <Form.Item name="orgId" label="依托组织" rules={[{ required: true, message: '请选择依托组织' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写联络站名称' }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="openedOn" label="设立日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label="地址">
          <Input maxLength={100} />
        </Form.Item>
      </Form>
      {refusal ? <Refusal error={refusal} /> : null}
    </Modal>
  );
}

function CommitteeModal({ congress, onClose }: { congress: Congress; onClose(): void }) {
  const [form] = Form.useForm<{ name: string; duties?: string }>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  return (
    <Modal open title={`设立专委会（${congress.title}）`} okText="保存" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          void run(async () => {
            await call(d.createCommittee, { body: { congressId: congress.id, name: v.name, duties: v.duties || null } });
            await invalidate(client, d.listCommittees);
            message.success('已设立');
            onClose();
          })
        }
      >
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写专委会名称' }]}>
          <Input maxLength={50} placeholder="如：青年发展专委会" />
        </Form.Item>
        <Form.Item name="duties" label="职责">
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
      {refusal ? <Refusal error={refusal} /> : null}
    </Modal>
  );
}
