import { useQueryClient } from '@tanstack/react-query';
import { ALLOWED_PARENTS, ORG_TYPE_LABELS, api, canBeChildOf } from '@tuanjian/domain';
import { Alert, App, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { call } from '../../api/client';
import { refreshOrgData } from '../../api/hooks';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useShowError } from '../../lib/errors';
import type { OrgDetail } from './OrgDetailPanel';

/** 调整隶属: moves the organization, with everything under it, to a new parent. */
export function MoveOrgModal({ org, onClose }: { org: OrgDetail; onClose(): void }) {
  const [form] = Form.useForm<{ parentId: number }>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useShowError();
  const [saving, setSaving] = useState(false);
  const currentParent = org.ancestors[org.ancestors.length - 1];
  const allowed = ALLOWED_PARENTS[org.type].map((t) => ORG_TYPE_LABELS[t]).join('、');

  async function submit() {
    const { parentId } = await form.validateFields();
    setSaving(true);
    try {
      await call(api.orgs.moveOrg, { params: { id: org.id }, body: { parentId } });
      await refreshOrgData(queryClient);
      message.success('隶属关系已调整');
      onClose();
      navigate(`/orgs/${org.id}`);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={`调整“${org.name}”的隶属关系`}
      okText="确认调整"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`该组织及其全部${org.childCount ? `${org.childCount}个` : ''}下级组织将一并调整到新的上级组织之下。`}
      />
      <Typography.Paragraph>
        当前上级组织：<Typography.Text strong>{currentParent?.name ?? '—'}</Typography.Text>
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="parentId"
          label="新的上级组织"
          extra={`${ORG_TYPE_LABELS[org.type]}可设在：${allowed}`}
          rules={[{ required: true, message: '请选择新的上级组织' }]}
        >
          <OrgTreeSelect
            placeholder="请选择新的上级组织"
            excludeSubtreeOf={org.id}
            selectable={(o) => o.id !== org.parentId && o.status === 'active' && canBeChildOf(org.type, o.type)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
