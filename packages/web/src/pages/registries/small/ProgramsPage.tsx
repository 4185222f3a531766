import { PlusOutlined } from '@ant-design/icons';
import { api, servicePrograms } from '@tuanjian/domain';
import { Button, Card, Col, Empty, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { call } from '../../../api/client';
import { invalidate, useApi, useRules } from '../../../api/hooks';
import { useCan } from '../../../auth/session';
import { ExportButton } from '../../../components/ExportButton';
import { LoadError } from '../../../components/PageState';
import { PageHeader, Refusal, listPagination, thisYear, useDialogSubmit, useScopeOrg } from '../../../components/page';
import { Figure } from '../../org-life/shared';

const r = api.registriesSmall;
type Item = api.registriesSmall.ProgramFlagItem;
type Kind = Item['kind'];
const KIND_LABELS: Record<Kind, string> = { cadre: '团干部', volunteer: '志愿者' };

/** 专项计划: cadres and volunteers of 西部计划、三支一扶… (configured list), counted by programme; flag, filter, export. */
export default function ProgramsPage() {
  const { orgId, setOrg } = useScopeOrg();
  const canWrite = useCan('person:write');
  const rules = useRules();
  const [kind, setKind] = useState<Kind | undefined>();
  const [program, setProgram] = useState<string | undefined>();
  const [programYear, setYear] = useState<number | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [flagging, setFlagging] = useState(false);
  const filters = { under: orgId ?? undefined, kind, program, programYear, q: q || undefined };
  const list = useApi(r.listProgramFlags, { query: { ...filters, page, pageSize } }, { enabled: !!orgId });
  const programOptions = (rules ? servicePrograms(rules) : []).map((p) => ({ value: p, label: p }));
  return (
    <div>
      <PageHeader title="专项计划" orgId={orgId} onOrg={(id) => (setOrg(id), setPage(1))}>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFlagging(true)} data-testid="program-flag-add">
            标记人员
          </Button>
        )}
      </PageHeader>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {(list.data?.tally ?? []).map((t) => (
          <Col key={t.program} xs={12} lg={6}>
            <Figure title={t.program} value={`${t.cadres} 名团干部 · ${t.volunteers} 名志愿者`} testId={`program-tally-${t.program}`} />
          </Col>
        ))}
      </Row>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
          <Space wrap>
            <Select allowClear placeholder="专项计划" aria-label="专项计划" style={{ width: 200 }} value={program} onChange={(v) => (setProgram(v), setPage(1))} options={programOptions} data-testid="program-filter" />
            <Select allowClear placeholder="团干部/志愿者" aria-label="对象类别" style={{ width: 140 }} value={kind} onChange={(v) => (setKind(v), setPage(1))} options={(['cadre', 'volunteer'] as const).map((k) => ({ value: k, label: KIND_LABELS[k] }))} />
            <Select allowClear placeholder="服务年度" aria-label="服务年度" style={{ width: 120 }} value={programYear} onChange={(v) => (setYear(v), setPage(1))}
              options={Array.from({ length: 6 }, (_, i) => thisYear() - i).map((y) => ({ value: y, label: `${y}年` }))} />
            <Input.Search allowClear placeholder="姓名" style={{ width: 140 }} onSearch={(v) => (setQ(v.trim()), setPage(1))} />
          </Space>
          <ExportButton contract={r.exportProgramFlags} input={{ query: filters }} fileName="专项计划人员.xlsx" />
        </Space>
        {list.error ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Item>
            rowKey="id"
            data-testid="program-flags"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: <Empty description="没有符合条件的人员" /> }}
            pagination={listPagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '人')}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '类别', dataIndex: 'kind', render: (k: Kind) => <Tag>{KIND_LABELS[k]}</Tag> },
              { title: '专项计划', dataIndex: 'program', render: (p: string) => <Tag color="blue">{p}</Tag> },
              { title: '服务年度', dataIndex: 'programYear' },
              { title: '所属组织', dataIndex: 'orgName', ellipsis: true },
            ]}
          />
        )}
      </Card>
      {flagging && <FlagModal orgId={orgId} programOptions={programOptions} onClose={() => setFlagging(false)} />}
    </div>
  );
}

interface Values {
  kind: Kind;
  id: number;
  program: string;
  programYear: number;
  note?: string;
}

/** Flags a cadre or a volunteer (found by name) with a programme and service year. */
function FlagModal({ orgId, programOptions, onClose }: { orgId: number | null; programOptions: { value: string; label: string }[]; onClose(): void }) {
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const { saving, refusal, run } = useDialogSubmit(form);
  const kind = Form.useWatch('kind', form) ?? 'cadre';
  const [search, setSearch] = useState('');
  const under = orgId ?? undefined;
  const cadres = useApi(api.cadres.listCadres, { query: { under, q: search || undefined, page: 1, pageSize: 20 } as never }, { enabled: kind === 'cadre' && !!orgId });
  const volunteers = useApi(api.orgLife.listVolunteers, { query: { under, q: search || undefined, page: 1, pageSize: 20 } as never }, { enabled: kind === 'volunteer' && !!orgId });
  const options =
    kind === 'cadre'
      ? (cadres.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.orgName}）` }))
      : (volunteers.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.name}（${v.orgName}）` }));
  const submit = (v: Values) =>
    run(async () => {
      await call(r.putProgramFlag, {
        body: { cadreId: v.kind === 'cadre' ? v.id : null, volunteerId: v.kind === 'volunteer' ? v.id : null, program: v.program, programYear: v.programYear, note: v.note || null },
      });
      await invalidate(client, r.listProgramFlags);
      onClose();
    });
  return (
    <Modal open title="标记专项计划人员" okText="保存" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ kind: 'cadre', programYear: thisYear() }} data-testid="program-flag-form">
        <Form.Item name="kind" label="对象类别" rules={[{ required: true }]}>
          <Select options={(['cadre', 'volunteer'] as const).map((k) => ({ value: k, label: KIND_LABELS[k] }))} onChange={() => form.setFieldValue('id', undefined)} />
        </Form.Item>
        <Form.Item name="id" label={KIND_LABELS[kind]} rules={[{ required: true, message: `请选择${KIND_LABELS[kind]}` }]}>
          <Select showSearch filterOption={false} onSearch={setSearch} options={options} placeholder="输入姓名查找" />
        </Form.Item>
        <Form.Item name="program" label="专项计划" rules={[{ required: true, message: '请选择专项计划' }]} extra="计划名单在规则配置（青年工作）中维护">
          <Select options={programOptions} />
        </Form.Item>
        <Form.Item name="programYear" label="服务年度" rules={[{ required: true, message: '请填写服务年度' }]}>
          <InputNumber min={2003} max={thisYear() + 1} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
      {refusal ? <Refusal error={refusal} /> : null}
    </Modal>
  );
}
