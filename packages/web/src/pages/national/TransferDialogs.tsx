import { api, transferTargetProblems } from '@tuanjian/domain';
import { Alert, App, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { call } from '../../api/client';
import { IdNumberNameFields } from '../../components/IdNumberNameFields';
import { Problems, Refusal, useDialogSubmit } from '../../components/page';
import { DirectorySelect } from '../membership/TransferDialogs';

type Province = { code: string; name: string };
type DirectoryEntry = api.ResponseOf<typeof api.national.provinceDirectory>[number];
export type NationalTransfer = api.national.NationalTransfer;

interface StartValues {
  fromProvince: string;
  idNumber: string;
  personName: string;
  toProvince: string;
  target: DirectoryEntry | null;
  reason: string;
}

const provinceOptions = (provinces: Province[]) => provinces.map((p) => ({ value: p.code, label: `${p.name}（${p.code}）` }));

/** 发起跨省转接: a member of one province (ID number and name) to a branch of another, found in that province's directory. */
export function StartTransferModal({ provinces, onClose, onDone }: { provinces: Province[]; onClose(): void; onDone(t: NationalTransfer): void }) {
  const [form] = Form.useForm<StartValues>();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  const from = Form.useWatch('fromProvince', form);
  const to = Form.useWatch('toProvince', form);
  const target = Form.useWatch('target', form) as DirectoryEntry | null | undefined;
  const problems = [
    ...(from && to && from === to ? ['转出省份与转入省份相同，请在该省按省内转接办理'] : []),
    ...(target ? transferTargetProblems({ id: target.id, type: target.type, status: 'active' }, null) : []),
  ];

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      const t = await call(api.national.startTransfer, {
        body: { fromProvince: v.fromProvince, idNumber: v.idNumber.trim(), personName: v.personName.trim(), toProvince: v.toProvince, toOrgId: v.target!.id, reason: v.reason.trim() },
      });
      message.success(`已发起跨省转接：${t.personName}，${t.fromProvinceName} → ${t.toProvinceName}，等待转入方接收`);
      onDone(t);
    });
  }

  return (
    <Modal
      open
      title="发起跨省转接"
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
      <Typography.Paragraph type="secondary">
        转出省份的在册团员，按身份证号和姓名核对后，转到另一省的团支部。转出方的记录在转入方接收前保持“待接收”；接收后团员即在转入省份登记，全国身份证号登记随之转移。
      </Typography.Paragraph>
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="fromProvince" label="转出省份" rules={[{ required: true, message: '请选择转出省份' }]}>
          <Select options={provinceOptions(provinces)} placeholder="团员现在所在的省份" data-testid="from-province" />
        </Form.Item>
        <IdNumberNameFields />
        <Space size={16} align="start" wrap style={{ width: '100%' }}>
          <Form.Item name="toProvince" label="转入省份" rules={[{ required: true, message: '请选择转入省份' }]}>
            <Select
              style={{ width: 220 }}
              options={provinceOptions(provinces)}
              placeholder="转入的省份"
              data-testid="to-province"
              onChange={() => form.setFieldValue('target', null)}
            />
          </Form.Item>
        </Space>
        <Form.Item name="target" label="转入组织" rules={[{ required: true, message: '请查找并选择转入的团支部' }]} extra={to ? '在转入省份的在用团组织中按名称查找；只能转入团支部或联合团支部。' : '请先选择转入省份。'}>
          {to ? <DirectorySelect key={to} province={to} /> : <Select disabled placeholder="请先选择转入省份" />}
        </Form.Item>
        <Form.Item name="reason" label="转接原因" rules={[{ required: true, whitespace: true, message: '请填写转接原因' }, { min: 2, message: '转接原因至少2个字' }, { max: 200 }]}>
          <Input.TextArea rows={2} showCount maxLength={200} placeholder="如：到外省就业、升学" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 退回: the receiving side declines; the member stays in the sending province. */
export function RejectTransferModal({ transfer, onClose, onDone }: { transfer: NationalTransfer; onClose(): void; onDone(t: NationalTransfer): void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      const t = await call(api.national.rejectTransfer, { params: { key: transfer.key }, body: { reason: v.reason.trim() } });
      message.success(`已退回：${t.personName} 仍在${t.fromProvinceName}`);
      onDone(t);
    });
  }
  return (
    <Modal
      open
      title={`退回跨省转接：${transfer.personName}`}
      okText="确认退回"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`退回后团员仍在${transfer.fromProvinceName}，该申请作废；如需转接，可重新发起。`} />
      <Refusal error={refusal} />
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="退回原因" rules={[{ required: true, whitespace: true, message: '请填写退回原因' }, { min: 2, message: '退回原因至少2个字' }, { max: 200 }]}>
          <Input.TextArea rows={2} showCount maxLength={200} placeholder="如：转入支部已撤并，请改转其他支部" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
