import { ExportOutlined, ImportOutlined, ReloadOutlined } from '@ant-design/icons';
import { TransferLetterButtons } from '../documents/DocumentButtons';
import {
  TRANSFER_ACCEPT_LABELS,
  TRANSFER_INITIATOR_LABELS,
  TRANSFER_STATUSES,
  TRANSFER_STATUS_LABELS,
  api,
  transferStatusLabel,
  type TransferStatus,
} from '@tuanjian/domain';
import { Badge, Button, Card, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ToolTabs } from '../../components/ToolTabs';
import { useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { LoadError } from '../../components/PageState';
import { CancelModal, DecideModal, OrgName, RequestInModal, RequestOutModal } from './TransferDialogs';
import { InterprovinceCard } from './InterprovinceCard';
import { PageHeader, PersonName, useScopeOrg } from './shared';
import { useFocusedRow } from '../../components/useRecordParam';

export { DirectorySelect } from './TransferDialogs';

type TransferItem = api.membership.TransferItem;
type Direction = 'in' | 'out' | 'all';

export const TRANSFER_STATUS_COLORS: Record<TransferStatus, string> = {
  pending: 'processing',
  accepted: 'success',
  rejected: 'error',
  cancelled: 'default',
  lapsed: 'default',
};
const DIRECTION_TAGS: Record<TransferItem['direction'], { label: string; color: string }> = {
  in: { label: '转入', color: 'green' },
  out: { label: '转出', color: 'orange' },
  internal: { label: '内部调动', color: 'blue' },
};
const DIRECTIONS: Direction[] = ['in', 'out', 'all'];

/** 组织关系转接: transfers in and out of the chosen organization, pending first, with the actions the server allows on each. */
export default function TransfersPage() {
  const { orgId, setOrg, search, setSearch } = useScopeOrg();
  const canWrite = useCan('membership:write');
  const tab = (DIRECTIONS as string[]).includes(search.get('tab') ?? '') ? (search.get('tab') as Direction) : 'in';
  const [status, setStatus] = useState<TransferStatus | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [dialog, setDialog] = useState<'out' | 'in' | null>(null);
  const focused = useFocusedRow('id');
  const under = orgId ?? undefined;

  const list = useApi(api.membership.listTransfers, { query: { under, direction: tab, status, q: q || undefined, page, pageSize } }, { enabled: !!orgId });
  const pendingIn = useApi(api.membership.listTransfers, { query: { under, direction: 'in', status: 'pending', pageSize: 1 } }, { enabled: !!orgId });
  const pendingOut = useApi(api.membership.listTransfers, { query: { under, direction: 'out', status: 'pending', pageSize: 1 } }, { enabled: !!orgId });

  const setTab = (t: string) => {
    const next = new URLSearchParams(search);
    if (t === 'in') next.delete('tab');
    else next.set('tab', t);
    setSearch(next, { replace: true });
    setPage(1);
  };
  const tabLabel = (label: string, count?: number) => (
    <span>
      {label}
      {!!count && <Badge count={count} size="small" style={{ marginInlineStart: 6 }} title={`待办理 ${count} 项`} />}
    </span>
  );

  return (
    <div>
      <PageHeader title="组织关系转接" orgId={orgId} onOrg={(id) => (setOrg(id), setPage(1))}>
        {canWrite && (
          <>
            <Button type="primary" icon={<ExportOutlined />} onClick={() => setDialog('out')}>
              发起转出
            </Button>
            <Button icon={<ImportOutlined />} onClick={() => setDialog('in')}>
              申请转入
            </Button>
          </>
        )}
      </PageHeader>
      <Card>
        <ToolTabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'in', label: tabLabel('转入', pendingIn.data?.total) },
            { key: 'out', label: tabLabel('转出', pendingOut.data?.total) },
            { key: 'all', label: '全部' },
          ]}
          tools={
            <Space wrap>
              <Select
                placeholder="全部状态"
                allowClear
                style={{ width: 130 }}
                value={status}
                onChange={(v) => (setStatus(v), setPage(1))}
                options={TRANSFER_STATUSES.map((s) => ({ value: s, label: s === 'pending' ? '待办理' : TRANSFER_STATUS_LABELS[s] }))}
              />
              <Input.Search allowClear placeholder="姓名" style={{ width: 180 }} onSearch={(v) => (setQ(v.trim()), setPage(1))} />
              <Button icon={<ReloadOutlined />} onClick={() => void Promise.all([list.refetch(), pendingIn.refetch(), pendingOut.refetch()])}>
                刷新
              </Button>
            </Space>
          }
        />
        {list.error ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<TransferItem>
            rowKey="id"
            data-testid="transfers-table"
            rowClassName={focused}
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (t) => `共 ${t} 项，待办理的排在前面`,
              onChange: (p, s) => {
                setPage(s !== pageSize ? 1 : p);
                setPageSize(s);
              },
            }}
            columns={[
              {
                title: '姓名',
                dataIndex: 'personName',
                width: 160,
                render: (n: string, t) => (
                  <div>
                    {personVisible(t) ? <PersonName id={t.personId} name={n} /> : <span>{n}</span>}
                    <div style={{ whiteSpace: 'nowrap' }}>
                      <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
                        {t.personIdMasked}
                      </Typography.Text>
                    </div>
                  </div>
                ),
              },
              {
                title: '转出组织 → 转入组织',
                key: 'route',
                render: (_: unknown, t) => (
                  <div>
                    <OrgName name={t.fromOrgName} shortName={t.fromOrgShortName} />
                    <div>
                      <Typography.Text type="secondary">→ </Typography.Text>
                      <OrgName name={t.toOrgName} shortName={t.toOrgShortName} />
                    </div>
                  </div>
                ),
              },
              {
                title: '方向 / 发起',
                key: 'direction',
                width: 112,
                render: (_: unknown, t) => (
                  <Space orientation="vertical" size={2}>
                    <Tag color={DIRECTION_TAGS[t.direction].color}>{DIRECTION_TAGS[t.direction].label}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {TRANSFER_INITIATOR_LABELS[t.initiatedBy]}
                    </Typography.Text>
                  </Space>
                ),
              },
              { title: '转接原因', dataIndex: 'reason', width: 150, ellipsis: { showTitle: true } },
              { title: '申请日期', dataIndex: 'requestedOn', width: 104 },
              {
                title: '状态',
                dataIndex: 'status',
                width: 120,
                render: (s: TransferStatus, t) => (
                  <Space orientation="vertical" size={2}>
                    <Tag color={TRANSFER_STATUS_COLORS[s]} data-testid="transfer-status">
                      {transferStatusLabel({ status: s, initiatedBy: t.initiatedBy })}
                    </Tag>
                    {t.overdue && <Tag color="red">已逾期</Tag>}
                    {s === 'pending' && t.dueOn && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t.dueOn}前答复
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: '办理情况',
                key: 'decided',
                width: 170,
                render: (_: unknown, t) =>
                  t.decidedOn ? (
                    <div>
                      <div>
                        {t.decidedOn} {t.decidedBy}
                      </div>
                      {t.note && (
                        <Tooltip title={t.note}>
                          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 150 }}>
                            {t.note}
                          </Typography.Text>
                        </Tooltip>
                      )}
                    </div>
                  ) : (
                    <Typography.Text type="secondary">—</Typography.Text>
                  ),
              },
              { title: '操作', key: 'actions', width: 150, render: (_: unknown, t) => <TransferActions transfer={t} /> },
            ]}
          />
        )}
      </Card>
      <InterprovinceCard under={under} />
      {dialog === 'out' && <RequestOutModal orgId={orgId} onClose={() => setDialog(null)} onDone={() => (setDialog(null), setTab('out'))} />}
      {dialog === 'in' && <RequestInModal orgId={orgId} onClose={() => setDialog(null)} onDone={() => (setDialog(null), setTab('in'))} />}
    </div>
  );
}

/** The person's record is in the caller's scope: before the move on the sending side, after it on the receiving side. */
function personVisible(t: TransferItem): t is TransferItem & { personId: number } {
  return t.personId !== null && (t.status === 'accepted' ? t.toOrgName !== null : t.fromOrgName !== null);
}

/** What a pending transfer the caller cannot act on waits for. */
function waitingText(t: TransferItem): { text: string; hint: string } {
  if (t.initiatedBy !== 'receiving') return { text: '等待对方办理', hint: t.direction === 'out' ? '等待转入组织接收' : '等待对方办理' };
  if (t.acceptAs === 'superior') return { text: '等待转出组织答复', hint: `转出组织${t.dueOn ?? ''}前未答复的，可由本级“上级审批”` };
  return {
    text: '等待转出组织答复',
    hint: `转出组织同意后，该团员即转入本组织；${t.lapsesOn ?? ''}前无人答复的，申请自动失效（身份证号与姓名不符或未登记的，不会有人答复）`,
  };
}

function TransferActions({ transfer: t }: { transfer: TransferItem }) {
  const canWrite = useCan('membership:write');
  const [open, setOpen] = useState<'accept' | 'reject' | 'cancel' | null>(null);
  const any = t.can.accept || t.can.reject || t.can.cancel;
  const waiting = t.status === 'pending' && canWrite ? waitingText(t) : null;
  if (t.status === 'accepted' && t.direction !== 'in' && canWrite) {
    // The sending side (out, or a committee over both sides of an internal transfer) prints the 组织关系介绍信 (with its verification code) for the member to carry.
    return <TransferLetterButtons transfer={t} />;
  }
  if (!any) {
    return waiting ? (
      <Tooltip title={waiting.hint}>
        <Typography.Text type="secondary">{waiting.text}</Typography.Text>
      </Tooltip>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  }
  const acceptLabel = TRANSFER_ACCEPT_LABELS[t.acceptAs ?? 'receive'];
  return (
    <Space size={0} wrap>
      {waiting && !t.can.accept && (
        <Tooltip title={waiting.hint}>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {waiting.text}
          </Typography.Text>
        </Tooltip>
      )}
      {t.can.accept && (
        <Button type="link" size="small" onClick={() => setOpen('accept')}>
          {acceptLabel}
        </Button>
      )}
      {!t.can.accept && t.acceptAs === 'superior' && (
        <Tooltip title={`转出组织${t.dueOn ?? ''}前未答复的，方可上级审批`}>
          <Button type="link" size="small" disabled>
            {acceptLabel}
          </Button>
        </Tooltip>
      )}
      {t.can.reject && (
        <Button type="link" size="small" danger onClick={() => setOpen('reject')}>
          退回
        </Button>
      )}
      {t.can.cancel && (
        <Button type="link" size="small" onClick={() => setOpen('cancel')}>
          撤回
        </Button>
      )}
      {(open === 'accept' || open === 'reject') && <DecideModal transfer={t} action={open} onClose={() => setOpen(null)} />}
      {open === 'cancel' && <CancelModal transfer={t} onClose={() => setOpen(null)} />}
    </Space>
  );
}

