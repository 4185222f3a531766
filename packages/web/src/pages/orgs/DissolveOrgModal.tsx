import { useQueryClient } from '@tanstack/react-query';
import { api } from '@tuanjian/domain';
import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { refreshOrgData } from '../../api/hooks';
import { useShowError } from '../../lib/errors';
import type { OrgDetail } from './OrgDetailPanel';

interface Values {
  dissolvedOn: Dayjs;
  reason: string;
}

/** 撤销: ends an organization; it stays on record (history, restorable). */
export function DissolveOrgModal({ org, onClose, onDone }: { org: OrgDetail; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [saving, setSaving] = useState(false);

  async function submit() {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await call(api.orgs.dissolveOrg, { params: { id: org.id }, body: { dissolvedOn: v.dissolvedOn.format('YYYY-MM-DD'), reason: v.reason.trim() } });
      await refreshOrgData(queryClient);
      message.success(`“${org.name}”已撤销`);
      onDone();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={`撤销“${org.name}”`}
      okText="确认撤销"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="撤销后该组织不再计入统计，也不能在其下新建组织；组织信息和变更记录将保留，需要时可以恢复。"
      />
      {org.childCount > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={`该组织下还有${org.childCount}个下级组织，须先将其撤销或调整到其他组织。`} />
      )}
      <Form form={form} layout="vertical" initialValues={{ dissolvedOn: dayjs() }}>
        <Form.Item name="dissolvedOn" label="撤销日期" rules={[{ required: true, message: '请选择撤销日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="撤销原因"
          rules={[
            { required: true, whitespace: true, message: '请填写撤销原因' },
            { min: 2, message: '撤销原因至少2个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：企业注销、合并到其他团组织等" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
