import { PlusOutlined } from '@ant-design/icons';
import { SOCIETY_TYPES, api } from '@tuanjian/domain';
import { Button, Card, Col, Empty, Input, Row, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useApi } from '../../../api/hooks';
import { useCan } from '../../../auth/session';
import { ExportButton } from '../../../components/ExportButton';
import { LoadError } from '../../../components/PageState';
import { PageHeader, listPagination, useScopeOrg } from '../../../components/page';
import { Figure } from '../../org-life/shared';
import { ImportButton, RecordModal, type FieldDef } from './shared';

const r = api.registriesSmall;
type Item = api.registriesSmall.SocietyItem;
const REFRESH = [r.listSocieties];
const typeOptions = SOCIETY_TYPES.map((t) => ({ value: t, label: t }));
const FIELDS: FieldDef[] = [
  { name: 'name', label: '社团名称', required: true, max: 60 },
  { name: 'societyType', label: '社团类型', kind: 'select', required: true, options: typeOptions },
  { name: 'members', label: '成员数', kind: 'number', max: 100000 },
  { name: 'contactName', label: '联系人', max: 20 },
  { name: 'contactPhone', label: '联系电话', max: 20 },
  { name: 'active', label: '是否活跃', kind: 'bool' },
  { name: 'foundedOn', label: '成立日期', kind: 'date' },
  { name: 'note', label: '备注', max: 200 },
];

/** 青年社团: youth societies the townships keep in touch with (type, members, contact, active). */
export default function SocietiesPage() {
  const { orgId, setOrg } = useScopeOrg();
  const canEdit = useCan('org:edit');
  const [active, setActive] = useState<'true' | 'false' | undefined>();
  const [societyType, setType] = useState<Item['societyType'] | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  const filters = { under: orgId ?? undefined, active, societyType, q: q || undefined };
  const list = useApi(r.listSocieties, { query: { ...filters, page, pageSize } }, { enabled: !!orgId });
  return (
    <div>
      <PageHeader title="青年社团" orgId={orgId} onOrg={(id) => (setOrg(id), setPage(1))}>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="society-add">
            登记社团
          </Button>
        )}
      </PageHeader>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={8} lg={5}>
          <Figure title="青年社团" value={list.data?.total ?? '—'} suffix="个" testId="society-total" />
        </Col>
        <Col xs={8} lg={5}>
          <Figure title="活跃" value={list.data?.active ?? '—'} suffix="个" testId="society-active" />
        </Col>
        <Col xs={8} lg={5}>
          <Figure title="成员" value={list.data?.members ?? '—'} suffix="人" testId="society-members" />
        </Col>
      </Row>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
          <Space wrap>
            <Select allowClear placeholder="社团类型" aria-label="社团类型" style={{ width: 140 }} value={societyType} onChange={(v) => (setType(v), setPage(1))} options={typeOptions} />
            <Select allowClear placeholder="是否活跃" aria-label="是否活跃" style={{ width: 120 }} value={active} onChange={(v) => (setActive(v), setPage(1))} options={[{ value: 'true', label: '活跃' }, { value: 'false', label: '不活跃' }]} />
            <Input.Search allowClear placeholder="社团名称或联系人" style={{ width: 180 }} onSearch={(v) => (setQ(v.trim()), setPage(1))} />
          </Space>
          <Space>
            <ExportButton contract={r.exportSocieties} input={{ query: filters }} fileName="青年社团.xlsx" />
            {canEdit && <ImportButton contract={r.importSocieties} orgId={orgId} refresh={REFRESH} testId="society-import" />}
          </Space>
        </Space>
        {list.error ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Item>
            rowKey="id"
            data-testid="societies"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: <Empty description="没有符合条件的社团" /> }}
            scroll={{ x: 900 }}
            rowClassName={() => (canEdit ? 'tj-clickable-row' : '')}
            onRow={(s) => ({ onClick: () => canEdit && setEditing(s) })}
            pagination={listPagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '个')}
            columns={[
              { title: '社团名称', dataIndex: 'name', render: (n: string) => (canEdit ? <a>{n}</a> : n) },
              { title: '类型', dataIndex: 'societyType', width: 110 },
              { title: '成员数', dataIndex: 'members', width: 80, render: (n: number | null) => n ?? '—' },
              { title: '联系人', dataIndex: 'contactName', width: 90, render: (n: string | null) => n ?? '—' },
              { title: '联系电话', dataIndex: 'contactPhone', width: 130, render: (n: string | null) => n ?? '—' },
              { title: '状态', dataIndex: 'active', width: 80, render: (a: boolean) => (a ? <Tag color="success">活跃</Tag> : <Tag>不活跃</Tag>) },
              { title: '所属组织', dataIndex: 'orgName', width: 200, ellipsis: true },
            ]}
          />
        )}
      </Card>
      {editing === 'new' && (
        <RecordModal
          title="登记青年社团"
          testId="society-form"
          contract={r.createSociety}
          refresh={REFRESH}
          onClose={() => setEditing(null)}
          initial={{ orgId, active: true }}
          fields={[{ name: 'orgId', label: '所属组织', kind: 'org', required: true }, ...FIELDS]}
        />
      )}
      {editing && editing !== 'new' && (
        <RecordModal title={`修改：${editing.name}`} contract={r.updateSociety} params={{ id: editing.id }} refresh={REFRESH} onClose={() => setEditing(null)} initial={editing} fields={FIELDS} />
      )}
    </div>
  );
}
