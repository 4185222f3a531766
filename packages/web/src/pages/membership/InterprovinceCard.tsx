import { api } from '@tuanjian/domain';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { NameWithMaskedId } from '../../components/NameWithMaskedId';
import { keyColumnsFirst, useIsPhone } from '../../components/PhoneNav';
import { formatDate } from '../../lib/format';
import { InterprovinceDeclineModal, InterprovinceRequestModal } from './InterprovinceDialogs';
import { INTERPROVINCE_STATUS_COLORS as STATUS_COLORS } from './interprovinceStatus';
import { useRefreshMembership } from './shared';

type Item = api.membership.InterprovinceTransferItem;
/**
 * 跨省转接 of the chosen organization and those below it: the 跨省转出 requests this province made and the
 * transfers the national system (团中央) ran. A branch asks for one here (its server must be linked to the
 * national tier) and may withdraw it until the national system has started it; a receiving branch accepts or
 * declines a transfer from another province here, and the national system finishes the other side. Shown only on a linked
 * server or when there is a row, so a county outside the national tier never sees it.
 */
export function InterprovinceCard({ under }: { under: number | undefined }) {
  const [page, setPage] = useState(1);
  const [asking, setAsking] = useState(false);
  const [declining, setDeclining] = useState<Item | null>(null);
  const canWrite = useCan('membership:write');
  const phone = useIsPhone();
  const { message } = App.useApp();
  const refresh = useRefreshMembership();
  const list = useApi(api.membership.listInterprovinceTransfers, { query: { under, page, pageSize: 10 } }, { enabled: under !== undefined });
  const busy = useMemo(
    () => new Map((list.data?.items ?? []).flatMap((t) => (t.personId !== null && (t.status === 'requested' || t.status === 'pending') ? [[t.personId, '跨省转接办理中'] as const] : []))),
    [list.data],
  );
  const national = list.data?.national ?? null;
  if (!list.data || (!list.data.total && !national)) return null;

  const actions = (t: Item) => {
    if (!canWrite) return null;
    if (t.kind === 'request' && t.status === 'requested')
      return (
        <Popconfirm title={`撤回${t.personName}的跨省转出申请？`} okText="撤回" cancelText="不撤回" onConfirm={() => withdraw(t)}>
          <Button type="link" size="small">
            撤回
          </Button>
        </Popconfirm>
      );
    if (t.kind === 'transfer' && t.direction === 'in' && t.status === 'pending')
      return (
        <Space size={0}>
          <Popconfirm title={`接收${t.personName}？接收后即转入${t.orgName}`} okText="接收" cancelText="取消" onConfirm={() => accept(t)}>
            <Button type="link" size="small">
              接收
            </Button>
          </Popconfirm>
          <Button type="link" size="small" danger onClick={() => setDeclining(t)}>
            退回
          </Button>
        </Space>
      );
    return null;
  };

  async function accept(t: Item) {
    const r = await call(api.membership.acceptInterprovinceTransfer, { params: { key: t.key! } });
    await refresh();
    message.success(`已接收：${r.personName}已转入${r.orgName}`);
  }

  async function withdraw(t: Item) {
    await call(api.membership.withdrawInterprovinceRequest, { body: { personId: t.personId! } });
    await refresh();
    message.success(`已撤回${t.personName}的跨省转出申请`);
  }

  // On a phone the status comes right after the name, with the actions under it (no column of their own).
  const columns: TableColumnsType<Item> = [
    {
      title: '姓名',
      render: (_, t) => <NameWithMaskedId name={t.personName} masked={t.idNumberMasked} />,
    },
    { title: '方向', width: 80, render: (_, t) => <Tag color={t.direction === 'out' ? 'orange' : 'blue'}>{t.direction === 'out' ? '转出' : '转入'}</Tag> },
    { title: '本省组织', dataIndex: 'orgName' },
    { title: '外省组织', render: (_, t) => `${t.otherProvinceName ?? `省份代码 ${t.otherProvince}`} ${t.otherOrgName ?? ''}` },
    {
      title: '状态',
      key: 'status',
      width: 150,
      render: (_, t) => (
        <div>
          <Tag color={STATUS_COLORS[t.status]}>{t.direction === 'in' && t.status === 'pending' ? '待本组织接收' : api.membership.INTERPROVINCE_STATUS_LABELS[t.status]}</Tag>
          {t.decisionNote && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t.decisionNote}
            </Typography.Text>
          )}
          {phone && actions(t)}
        </div>
      ),
    },
    { title: '日期', width: 110, render: (_, t) => formatDate((t.decidedAt ?? t.createdAt).slice(0, 10)) },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_, t) => actions(t),
    },
  ];

  return (
    <Card
      title="跨省转接"
      style={{ marginTop: 16 }}
      data-testid="interprovince-transfers"
      extra={national && canWrite ? <Button onClick={() => setAsking(true)}>申请跨省转出</Button> : null}
    >
      <Typography.Paragraph type="secondary">
        与外省之间的组织关系转接：转出由本组织提出申请，全国系统（团中央）在转入省份选定团支部后发起；转入由本组织接收或退回，全国系统随后办结另一方。这里显示本组织及下级的申请和转接记录。
      </Typography.Paragraph>
      <Table<Item>
        rowKey={(t) => `${t.kind}-${t.id}`}
        size="small"
        scroll={{ x: 820 }}
        dataSource={list.data.items}
        pagination={{ current: page, pageSize: 10, total: list.data.total, onChange: setPage, showTotal: (n) => `共 ${n} 项` }}
        columns={keyColumnsFirst(phone, phone ? columns.filter((c) => c.key !== 'actions') : columns, ['status'])}
      />
      {declining && <InterprovinceDeclineModal transfer={declining} onClose={() => setDeclining(null)} />}
      {asking && national && <InterprovinceRequestModal under={under} own={national} busy={busy} onClose={() => setAsking(false)} />}
    </Card>
  );
}
