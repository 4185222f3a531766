import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ROLES, ROLE_LABELS, api, type Role } from '@tuanjian/domain';
import { App, Button, Card, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { invalidate, useApi } from '../../api/hooks';
import { useAccount, useCan } from '../../auth/session';
import { LoadError } from '../../components/PageState';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { ACCOUNT_STATUS_LABELS } from '../../lib/labels';
import { AccountFormModal } from './AccountFormModal';
import { PasswordResultModal, type IssuedPassword } from './PasswordResultModal';

type AccountItem = api.AccountItem;

/** 账号管理: the accounts within the caller's scope. */
export default function AccountsPage() {
  const me = useAccount();
  const canWrite = useCan('account:write');
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<AccountItem | 'new' | null>(null);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const accounts = useApi(api.accounts.listAccounts, { query: { q: q || undefined, role, page, pageSize } });

  return (
    <div>
      <h1 className="tj-page-title">账号管理</h1>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
          <Space wrap>
            <Input.Search
              placeholder="用户名或姓名"
              allowClear
              style={{ width: 240 }}
              onSearch={(v) => {
                setQ(v.trim());
                setPage(1);
              }}
            />
            <Select
              placeholder="全部角色"
              allowClear
              style={{ width: 160 }}
              value={role}
              onChange={(v) => {
                setRole(v);
                setPage(1);
              }}
              options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            />
          </Space>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新建账号
            </Button>
          )}
        </Space>
        {accounts.error ? (
          <LoadError error={accounts.error} onRetry={() => void accounts.refetch()} />
        ) : (
          <Table<AccountItem>
            rowKey="id"
            loading={accounts.isFetching}
            dataSource={accounts.data?.items ?? []}
            pagination={{
              current: page,
              pageSize,
              total: accounts.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (t) => `共 ${t} 个账号`,
              onChange: (p, s) => {
                setPage(s !== pageSize ? 1 : p);
                setPageSize(s);
              },
            }}
            columns={[
              { title: '用户名', dataIndex: 'username', width: 150, ellipsis: true },
              { title: '姓名', dataIndex: 'displayName', width: 170 },
              { title: '角色', dataIndex: 'role', width: 110, render: (r: Role) => ROLE_LABELS[r] },
              { title: '管理范围', dataIndex: 'scopeOrgName', render: (n: string | null) => n ?? '全部组织' },
              {
                title: '状态',
                dataIndex: 'status',
                width: 130,
                render: (s: string, a) => (
                  <Space size={4}>
                    <Tag color={s === 'active' ? 'success' : 'default'}>{ACCOUNT_STATUS_LABELS[s] ?? s}</Tag>
                    {a.mustChangePassword && (
                      <Tooltip title="首次登录须修改密码">
                        <Tag color="warning">待改密</Tag>
                      </Tooltip>
                    )}
                  </Space>
                ),
              },
              {
                title: '锁定',
                dataIndex: 'locked',
                width: 90,
                render: (locked: boolean) => (locked ? <Tag icon={<LockOutlined />} color="error">已锁定</Tag> : <Typography.Text type="secondary">否</Typography.Text>),
              },
              { title: '最近登录', dataIndex: 'lastLoginAt', width: 170, render: (t: string | null) => formatTime(t, '从未登录') },
              ...(canWrite
                ? [
                    {
                      title: '操作',
                      key: 'actions',
                      width: 190,
                      render: (_: unknown, a: AccountItem) => (
                        <AccountActions account={a} isSelf={a.id === me.id} onEdit={() => setEditing(a)} onIssued={setIssued} />
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {editing && (
        <AccountFormModal
          account={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onCreated={(result) => {
            setEditing(null);
            setIssued(result);
          }}
        />
      )}
      {issued && <PasswordResultModal issued={issued} onClose={() => setIssued(null)} />}
    </div>
  );
}

function AccountActions({ account, isSelf, onEdit, onIssued }: { account: AccountItem; isSelf: boolean; onEdit(): void; onIssued(i: IssuedPassword): void }) {
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();

  const reset = () =>
    modal.confirm({
      title: `重置“${account.displayName}”的密码？`,
      content: '将生成新的一次性密码，原密码立即失效；该账号下次登录须修改密码。',
      okText: '重置密码',
      cancelText: '取消',
      onOk: async () => {
        try {
          const result = await call(api.accounts.resetAccountPassword, { params: { id: account.id } });
          await invalidate(queryClient, api.accounts.listAccounts);
          onIssued({ account: result.account, password: result.initialPassword, reason: 'reset' });
        } catch (err) {
          showError(err);
        }
      },
    });

  const unlock = async () => {
    try {
      await call(api.accounts.unlockAccount, { params: { id: account.id } });
      await invalidate(queryClient, api.accounts.listAccounts);
      message.success('已解除锁定');
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={onEdit}>
        编辑
      </Button>
      {!isSelf && (
        <Button type="link" size="small" onClick={reset}>
          重置密码
        </Button>
      )}
      {account.locked && (
        <Button type="link" size="small" onClick={() => void unlock()}>
          解锁
        </Button>
      )}
    </Space>
  );
}
