import { api, transferTargetProblems } from '@tuanjian/domain';
import { Alert, App, Descriptions, Form, Input, Modal } from 'antd';
import { call } from '../../api/client';
import { Problems, Refusal, useDialogSubmit } from '../../components/page';
import { DirectorySelect } from '../membership/TransferDialogs';

type ProvinceRequest = api.national.ProvinceRequest;
type DirectoryEntry = api.ResponseOf<typeof api.national.provinceDirectory>[number];

function RequestSummary({ r }: { r: ProvinceRequest }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      style={{ marginBottom: 16 }}
      styles={{ label: { width: 110 } }}
      items={[
        { key: 'who', label: '团员', children: `${r.personName}（${r.idNumberMasked}）` },
        { key: 'from', label: '转出', children: `${r.provinceName} ${r.fromOrgName}` },
        { key: 'to', label: '申请转入', children: `${r.toProvinceName} ${r.toOrgName}` },
        { key: 'reason', label: '转接原因', children: r.reason },
        { key: 'on', label: '申请日期', children: r.createdAt.slice(0, 10) },
      ]}
    />
  );
}

/** 办理: the receiving branch found in the receiving province's directory; the transfer starts pending there. */
export function StartRequestModal({ request: r, onClose, onDone }: { request: ProvinceRequest; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ target: DirectoryEntry | null }>();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  const target = Form.useWatch('target', form) as DirectoryEntry | null | undefined;
  const problems = target ? transferTargetProblems({ id: target.id, type: target.type, status: 'active' }, null) : [];

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      const t = await call(api.national.startRequestedTransfer, { params: { province: r.province, id: r.id }, body: { toOrgId: v.target!.id } });
      message.success(`已发起跨省转接：${t.personName}，${t.fromProvinceName} → ${t.toProvinceName} ${t.toOrgName ?? ''}，等待转入方接收`);
      onDone();
    });
  }

  return (
    <Modal
      open
      title={`办理跨省转出申请：${r.personName}`}
      okText="发起转接"
      okButtonProps={{ disabled: problems.length > 0 }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={640}
    >
      <RequestSummary r={r} />
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item
          name="target"
          label={`转入团支部（${r.toProvinceName}）`}
          rules={[{ required: true, message: '请查找并选择转入的团支部' }]}
          extra="已按申请中的转入团组织名称在转入省份查找，也可输入其他名称；只能转入团支部或联合团支部。"
        >
          <DirectorySelect province={r.toProvince} initialQuery={r.toOrgName} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 不予办理: the reason is shown on the sending province's page; the member stays where they are. */
export function DeclineRequestModal({ request: r, onClose, onDone }: { request: ProvinceRequest; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      await call(api.national.declineRequest, { params: { province: r.province, id: r.id }, body: { reason: v.reason.trim() } });
      message.success(`已不予办理：${r.personName}的申请，原因已告知${r.provinceName}`);
      onDone();
    });
  }
  return (
    <Modal
      open
      title={`不予办理：${r.personName}`}
      okText="不予办理"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <RequestSummary r={r} />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`团员仍在${r.provinceName}；原因显示在转出组织的页面上，可修改后重新申请。`} />
      <Refusal error={refusal} />
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写不予办理的原因' }, { min: 2, message: '原因至少2个字' }, { max: 200 }]}>
          <Input.TextArea rows={2} showCount maxLength={200} placeholder="如：转入团组织名称不完整，请核实后重新申请" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
