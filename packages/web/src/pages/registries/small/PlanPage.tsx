import { PlusOutlined } from '@ant-design/icons';
import { PLAN_MEASURE_STATUSES, PLAN_MEASURE_STATUS_LABELS, api, type PlanMeasureStatus } from '@tuanjian/domain';
import { Button, Card, Col, Empty, Input, Progress, Row, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useApi } from '../../../api/hooks';
import { useCan } from '../../../auth/session';
import { ExportButton } from '../../../components/ExportButton';
import { LoadError } from '../../../components/PageState';
import { PageHeader, useScopeOrg } from '../../../components/page';
import { Figure } from '../../org-life/shared';
import { RecordModal, type FieldDef } from './shared';

const r = api.registriesSmall;
type Item = api.registriesSmall.PlanMeasureItem;
const REFRESH = [r.listPlanMeasures];
const statusOptions = PLAN_MEASURE_STATUSES.map((s) => ({ value: s, label: PLAN_MEASURE_STATUS_LABELS[s] }));
const STATUS_COLOR: Record<PlanMeasureStatus, string> = { not_started: 'default', in_progress: 'processing', completed: 'success', delayed: 'error' };
const PROGRESS_FIELDS: FieldDef[] = [
  { name: 'progress', label: '进度（%）', kind: 'number', required: true, max: 100 },
  { name: 'status', label: '状态', kind: 'select', required: true, options: statusOptions },
  { name: 'notes', label: '备注', kind: 'textarea', max: 500 },
];

/** 青年发展规划: the county's plan measures with responsible units, targets and progress. */
export default function PlanPage() {
  const { orgId, setOrg } = useScopeOrg();
  const canEdit = useCan('org:edit');
  const [status, setStatus] = useState<PlanMeasureStatus | undefined>();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  const filters = { under: orgId ?? undefined, status, q: q || undefined };
  const list = useApi(r.listPlanMeasures, { query: filters }, { enabled: !!orgId });
  const s = list.data?.summary;
  return (
    <div>
      <PageHeader title="青年发展规划" orgId={orgId} onOrg={setOrg}>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="plan-measure-add">
            登记措施
          </Button>
        )}
      </PageHeader>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} lg={4}>
          <Figure title="规划措施" value={s?.total ?? '—'} suffix="项" testId="plan-total" />
        </Col>
        {PLAN_MEASURE_STATUSES.map((st) => (
          <Col key={st} xs={12} lg={4}>
            <Figure title={PLAN_MEASURE_STATUS_LABELS[st]} value={s?.byStatus[st] ?? '—'} suffix="项" danger={st === 'delayed'} testId={`plan-${st}`} />
          </Col>
        ))}
        <Col xs={12} lg={4}>
          <Figure title="平均进度" value={s?.averageProgress ?? '—'} suffix="%" testId="plan-average" />
        </Col>
      </Row>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
          <Space wrap>
            <Select allowClear placeholder="状态" aria-label="状态" style={{ width: 120 }} value={status} onChange={setStatus} options={statusOptions} />
            <Input.Search allowClear placeholder="措施、领域或责任单位" style={{ width: 200 }} onSearch={(v) => setQ(v.trim())} />
          </Space>
          <ExportButton contract={r.exportPlanMeasures} input={{ query: filters }} fileName="青年发展规划措施.xlsx" />
        </Space>
        {list.error ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Item>
            rowKey="id"
            data-testid="plan-measures"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: <Empty description="还没有登记规划措施" /> }}
            scroll={{ x: 1100 }}
            pagination={false}
            rowClassName={() => (canEdit ? 'tj-clickable-row' : '')}
            onRow={(m) => ({ onClick: () => canEdit && setEditing(m) })}
            columns={[
              { title: '领域', dataIndex: 'area', width: 120, render: (a: string | null) => a ?? '—' },
              { title: '措施', dataIndex: 'measure', render: (m: string) => (canEdit ? <a>{m}</a> : m) },
              { title: '责任单位', dataIndex: 'responsibleUnit', width: 160 },
              { title: '目标', dataIndex: 'target', width: 200, ellipsis: true },
              { title: '进度', dataIndex: 'progress', width: 150, render: (p: number) => <Progress percent={p} size="small" /> },
              { title: '状态', dataIndex: 'status', width: 90, render: (st: PlanMeasureStatus) => <Tag color={STATUS_COLOR[st]}>{PLAN_MEASURE_STATUS_LABELS[st]}</Tag> },
              { title: '更新', dataIndex: 'updatedOn', width: 110 },
            ]}
          />
        )}
      </Card>
      {editing === 'new' && (
        <RecordModal
          title="登记规划措施"
          testId="plan-measure-form"
          contract={r.createPlanMeasure}
          refresh={REFRESH}
          onClose={() => setEditing(null)}
          initial={{ orgId, planTitle: list.data?.items[0]?.planTitle, progress: 0, status: 'not_started' }}
          fields={[
            { name: 'orgId', label: '所属组织', kind: 'org', required: true },
            { name: 'planTitle', label: '规划名称', required: true, max: 100 },
            { name: 'area', label: '发展领域', max: 30 },
            { name: 'measure', label: '措施', kind: 'textarea', required: true, max: 500 },
            { name: 'responsibleUnit', label: '责任单位', required: true, max: 100 },
            { name: 'target', label: '目标', max: 300 },
            ...PROGRESS_FIELDS,
          ]}
        />
      )}
      {editing && editing !== 'new' && (
        <RecordModal title={`更新进展：${editing.measure}`} contract={r.updatePlanMeasure} params={{ id: editing.id }} refresh={REFRESH} onClose={() => setEditing(null)} initial={editing} fields={PROGRESS_FIELDS} />
      )}
    </div>
  );
}
