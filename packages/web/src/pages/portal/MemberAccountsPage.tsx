import { KeyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isBranchType } from '@tuanjian/domain';
import { Alert, App, Button, Card, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { useAccount, useCan } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError } from '../../components/PageState';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { MemberFinder } from './MemberFinder';

const d = api.dailyWork;
type Issued = api.ResponseOf<typeof d.issueResetCodes>;
type MemberAccount = api.ResponseOf<typeof d.listMemberAccounts>[number];

const STATUS_LABELS: Record<string, { label: string; color: string }> = {
  active: { label: '正常', color: 'success' },
  locked: { label: '已锁定', color: 'warning' },
  disabled: { label: '已停用', color: 'default' },
};

/**
 * 团员账号 (branch secretaries): the branch's members and their portal
 * accounts; 发放重置码 per member or for the whole branch. Codes are shown
 * once, in a dialog, and never again.
 */
export default function MemberAccountsPage() {
  const account = useAccount();
  const canWrite = useCan('membership:write');
  const ownBranch = account.scopeOrgId && account.scopeOrgType && isBranchType(account.scopeOrgType) ? account.scopeOrgId : null;
  const [orgId, setOrgId] = useState<number | null>(ownBranch);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [name, setName] = useState('');
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();

  const list = useQuery({
    queryKey: ['member-accounts', orgId],
    queryFn: () => call(d.listMemberAccounts, { query: { orgId: orgId! } }),
    enabled: orgId !== null,
  });

  const done = (res: Issued) => {
    setIssued(res);
    void queryClient.invalidateQueries({ queryKey: ['member-accounts'] });
  };
  const issueOne = useMutation({
    mutationFn: (personId: number) => call(d.issueResetCodes, { body: { personIds: [personId] } }),
    onSuccess: done,
    onError: (err) => showError(err),
  });
  const issueAll = useMutation({
    mutationFn: () => call(d.issueBranchResetCodes, { body: { orgId: orgId! } }),
    onSuccess: done,
    onError: (err) => showError(err),
  });

  return (
    <>
      <h1 className="tj-page-title">团员账号</h1>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          {!ownBranch && (
            <OrgTreeSelect
              value={orgId}
              onChange={(id) => {
                setOrgId(id);
                setName('');
              }}
              placeholder="请选择团支部"
              style={{ width: 320 }}
              selectable={(o) => isBranchType(o.type)}
            />
          )}
          {orgId !== null && (
            <Input.Search allowClear placeholder="按姓名或团员编号筛选" style={{ width: 240 }} value={name} onChange={(e) => setName(e.target.value)} data-testid="member-name-filter" />
          )}
          {canWrite && orgId !== null && (
            <Popconfirm
              title="为本支部全部团员发放重置码？"
              description="已有的未使用重置码将失效；无账号的团员将同时开通账号。"
              okText="发放"
              cancelText="取消"
              onConfirm={() => issueAll.mutate()}
            >
              <Button type="primary" icon={<KeyOutlined />} loading={issueAll.isPending}>
                全部发放重置码
              </Button>
            </Popconfirm>
          )}
        </Space>
        <Typography.Paragraph type="secondary">
          团员用团员编号登录团员自助；忘记密码时可凭短信验证码或团支部发放的一次性重置码在登录页“找回密码”中设置新密码。重置码只显示一次。
        </Typography.Paragraph>
        {orgId === null ? (
          <MemberFinder
            under={account.scopeOrgId}
            onOpen={(id, who) => {
              setOrgId(id);
              setName(who);
            }}
          />
        ) : list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<MemberAccount>
            rowKey="personId"
            size="middle"
            loading={list.isPending}
            dataSource={(list.data ?? []).filter((m) => !name.trim() || m.name.includes(name.trim()) || (m.memberNo ?? '').includes(name.trim()))}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 800 }}
            columns={[
              { title: '姓名', dataIndex: 'name', width: 100 },
              { title: '团员编号', dataIndex: 'memberNo', render: (v: string | null) => v ?? '—' },
              { title: '手机号', dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
              { title: '账号', dataIndex: 'username', render: (v: string | null) => v ?? <Typography.Text type="secondary">未开通</Typography.Text> },
              {
                title: '状态',
                dataIndex: 'status',
                render: (v: string | null) => (v ? <Tag color={STATUS_LABELS[v]?.color}>{STATUS_LABELS[v]?.label ?? v}</Tag> : '—'),
              },
              { title: '最近登录', dataIndex: 'lastLoginAt', render: (v: string | null) => formatTime(v) },
              {
                title: '操作',
                key: 'actions',
                width: 120,
                render: (_, r) =>
                  canWrite ? (
                    <Button
                      size="small"
                      loading={issueOne.isPending && issueOne.variables === r.personId}
                      onClick={() => issueOne.mutate(r.personId)}
                    >
                      发放重置码
                    </Button>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>
      <Modal
        title="一次性重置码"
        open={issued !== null}
        onCancel={() => setIssued(null)}
        footer={
          <Button
            type="primary"
            onClick={() => {
              setIssued(null);
              message.info('重置码已关闭，不会再次显示');
            }}
          >
            我已记下
          </Button>
        }
        width={640}
        maskClosable={false}
      >
        {issued && (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`重置码只显示这一次，${issued.minutes}分钟内有效。请当面或通过安全渠道告知团员，由团员在登录页“找回密码”中使用。`}
            />
            <Table
              rowKey="personId"
              size="small"
              pagination={false}
              dataSource={issued.codes}
              scroll={{ y: 360 }}
                            columns={[
                { title: '姓名', dataIndex: 'name' },
                { title: '用户名', dataIndex: 'username', render: (v: string) => <span data-testid="issued-username">{v}</span> },
                {
                  title: '重置码',
                  dataIndex: 'code',
                  render: (v: string) => (
                    <Typography.Text code copyable={{ text: v }} style={{ fontSize: 15 }}>
                      <span data-testid="issued-code">{v}</span>
                    </Typography.Text>
                  ),
                },
                { title: '有效期至', dataIndex: 'expiresAt', render: (v: string) => formatTime(v) },
                { title: '', dataIndex: 'accountCreated', render: (v: boolean) => (v ? <Tag color="blue">新开通</Tag> : null) },
              ]}
            />
          </>
        )}
      </Modal>
    </>
  );
}
