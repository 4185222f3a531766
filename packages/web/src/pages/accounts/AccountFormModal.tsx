import { useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS, api, grantableRoles, isBranchType, type Role } from '@tuanjian/domain';
import { Alert, App, Form, Input, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { invalidate } from '../../api/hooks';
import { useAccount } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useShowError } from '../../lib/errors';
import type { IssuedPassword } from './PasswordResultModal';
import { PhoneInput } from '../../components/KeypadInputs';

type AccountItem = api.AccountItem;

interface Values {
  username: string;
  displayName: string;
  phone?: string | null;
  role: Role;
  scopeOrgId?: number | null;
  active: boolean;
}

const ROLE_HINTS: Record<Role, string> = {
  platform_admin: '管理整个平台，不限定组织范围',
  org_admin: '管理所选组织及其全部下级组织、账号',
  branch_secretary: '维护所在团支部的信息，管理范围须是一个团支部',
  viewer: '只能查看所选组织及其下级的信息和统计',
  member: '团员本人使用，只能查看和维护本人的团籍信息',
};

/** 新建账号 / 编辑账号. A new account gets a one-time password, shown once by the caller. */
export function AccountFormModal({ account, onClose, onCreated }: { account: AccountItem | null; onClose(): void; onCreated(i: IssuedPassword): void }) {
  const me = useAccount();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [saving, setSaving] = useState(false);
  const isSelf = account?.id === me.id;
  const role = Form.useWatch('role', form) as Role | undefined;

  const grantable = grantableRoles(me.role);
  const roleOptions = [...grantable, ...(account && !grantable.includes(account.role) ? [account.role] : [])].map((r) => ({
    value: r,
    label: ROLE_LABELS[r],
    disabled: !grantable.includes(r),
  }));

  async function submit() {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const phone = v.phone?.trim() ? v.phone.trim() : null;
      const scopeOrgId = v.role === 'platform_admin' ? null : (v.scopeOrgId ?? null);
      if (!account) {
        const result = await call(api.accounts.createAccount, {
          body: { username: v.username.trim(), displayName: v.displayName.trim(), phone, role: v.role, scopeOrgId },
        });
        await invalidate(queryClient, api.accounts.listAccounts, api.audit.listAudit);
        onCreated({ account: result.account, password: result.initialPassword, reason: 'created' });
      } else {
        // Role and scope are sent only when changed: the server re-checks the grant (and refuses it for oneself).
        const body: api.BodyInput<typeof api.accounts.updateAccount> = { displayName: v.displayName.trim(), phone };
        if (v.role !== account.role) body.role = v.role;
        if (scopeOrgId !== account.scopeOrgId) body.scopeOrgId = scopeOrgId;
        const status = v.active ? 'active' : 'disabled';
        if (status !== account.status) body.status = status;
        await call(api.accounts.updateAccount, { params: { id: account.id }, body });
        await invalidate(queryClient, api.accounts.listAccounts, api.audit.listAudit);
        message.success('账号已保存');
        onClose();
      }
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={account ? `编辑账号“${account.username}”` : '新建账号'}
      okText={account ? '保存' : '新建'}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
      width={560}
    >
      {isSelf && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="不能修改自己的角色、管理范围或停用自己。" />}
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        onValuesChange={(changed: Partial<Values>) => {
          // A branch secretary's scope must be a branch: make the user pick one.
          if (changed.role === 'branch_secretary') {
            form.setFieldValue('scopeOrgId', account?.role === 'branch_secretary' ? account.scopeOrgId : undefined);
          }
        }}
        initialValues={
          account
            ? { username: account.username, displayName: account.displayName, phone: account.phone, role: account.role, scopeOrgId: account.scopeOrgId, active: account.status === 'active' }
            : { role: grantable.includes('org_admin') ? 'org_admin' : grantable[0], scopeOrgId: me.scopeOrgId, active: true }
        }
      >
        <Form.Item
          name="username"
          label="用户名"
          extra={account ? undefined : '3-32位字母、数字或_.-，以字母开头，创建后不能修改'}
          rules={[{ required: true, message: '请输入用户名' }, { pattern: /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, message: '用户名应为3-32位字母、数字或_.-，以字母开头' }]}
        >
          <Input disabled={!!account} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请输入姓名' }, { min: 2, message: '姓名至少2个字' }, { max: 30 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label="手机号" rules={[{ pattern: /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, message: '电话号码格式不正确' }]}>
          <PhoneInput autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]} extra={role ? ROLE_HINTS[role] : undefined}>
          <Select options={roleOptions} disabled={isSelf} />
        </Form.Item>
        {role !== 'platform_admin' && (
          <Form.Item
            name="scopeOrgId"
            label="管理范围"
            rules={[
              { required: true, message: '请选择该账号管理的组织' },
            ]}
          >
            <OrgTreeSelect
              disabled={isSelf}
              placeholder={role === 'branch_secretary' ? '请选择一个团支部' : '请选择组织'}
              selectable={role === 'branch_secretary' ? (o) => isBranchType(o.type) : undefined}
            />
          </Form.Item>
        )}
        {account && (
          <Form.Item name="active" label="账号状态" valuePropName="checked">
            <Switch checkedChildren="启用" unCheckedChildren="停用" disabled={isSelf} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
