import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ADMIN_UNIT_KINDS, ADMIN_UNIT_KIND_LABELS, api, type AdminUnitKind } from '@tuanjian/domain';
import { App, Button, Card, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { refreshOrgData, useApi } from '../../api/hooks';
import { LoadError } from '../../components/PageState';
import { useShowError } from '../../lib/errors';
import type { OrgDetail } from './OrgDetailPanel';
import type { OrgFormPreset } from './OrgFormModal';

type Unit = api.AdminUnit;

/** 村（社区）of a township: which are registered, which have a league organization, and a form to register one. */
export function AdminUnitsTab({ org, onCreateBranch }: { org: OrgDetail; onCreateBranch(preset: OrgFormPreset): void }) {
  const units = useApi(api.orgs.listAdminUnits, { query: { under: org.id } });
  const own = (units.data ?? []).filter((u) => u.townshipOrgId === org.id);
  const covered = own.filter((u) => u.branchCount > 0).length;
  const canManage = org.can.manage;

  if (units.error) return <LoadError error={units.error} onRetry={() => void units.refetch()} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        已登记 {own.length} 个村（社区），其中 {covered} 个已建立团组织
        {own.length > covered ? `，${own.length - covered} 个尚未覆盖` : ''}。
      </Typography.Text>
      <Table<Unit>
        rowKey="id"
        size="small"
        loading={units.isLoading}
        dataSource={own}
        pagination={own.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未登记村（社区）" /> }}
        columns={[
          { title: '区划代码', dataIndex: 'code', width: 150 },
          { title: '名称', dataIndex: 'name' },
          { title: '类别', dataIndex: 'kind', width: 80, render: (k: AdminUnitKind) => ADMIN_UNIT_KIND_LABELS[k] },
          {
            title: '团组织覆盖',
            dataIndex: 'branchCount',
            width: 150,
            render: (n: number) => (n > 0 ? <Tag color="success">已覆盖（{n}个）</Tag> : <Tag color="error">未覆盖</Tag>),
          },
          ...(canManage
            ? [
                {
                  title: '操作',
                  key: 'action',
                  width: 130,
                  render: (_: unknown, u: Unit) =>
                    u.branchCount === 0 ? (
                      <Button
                        size="small"
                        type="link"
                        onClick={() =>
                          onCreateBranch({
                            name: `${u.name}团支部`,
                            type: 'branch',
                            sector: u.kind === 'village' ? 'village' : 'community',
                            adminUnitId: u.id,
                          })
                        }
                      >
                        建立团组织
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {canManage && <RegisterUnitForm townshipOrgId={org.id} />}
    </Space>
  );
}

interface RegisterValues {
  code: string;
  name: string;
  kind: AdminUnitKind;
}

function RegisterUnitForm({ townshipOrgId }: { townshipOrgId: number }) {
  const [form] = Form.useForm<RegisterValues>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [saving, setSaving] = useState(false);

  async function onFinish(v: RegisterValues) {
    setSaving(true);
    try {
      const unit = await call(api.orgs.createAdminUnit, { body: { ...v, code: v.code.trim(), name: v.name.trim(), townshipOrgId } });
      await refreshOrgData(queryClient);
      message.success(`已登记${ADMIN_UNIT_KIND_LABELS[unit.kind]}“${unit.name}”`);
      form.resetFields();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card size="small" title="登记村（社区）" type="inner">
      <Form form={form} layout="inline" onFinish={onFinish} initialValues={{ kind: 'village' }} style={{ rowGap: 12 }}>
        <Form.Item name="code" label="区划代码" rules={[{ required: true, message: '请输入区划代码' }, { pattern: /^\d{12}$/, message: '区划代码应为12位数字' }]}>
          <Input placeholder="12位统计用区划代码" style={{ width: 190 }} maxLength={12} />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请输入名称' }, { min: 2, message: '名称至少2个字' }]}>
          <Input placeholder="如：松青村" style={{ width: 160 }} maxLength={50} />
        </Form.Item>
        <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select style={{ width: 90 }} options={ADMIN_UNIT_KINDS.map((k) => ({ value: k, label: ADMIN_UNIT_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving}>
            登记
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
