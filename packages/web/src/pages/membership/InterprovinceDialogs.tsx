import { PROVINCES, api, type ProvinceCode } from '@tuanjian/domain';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { call } from '../../api/client';
import { useDialogSubmit } from '../../components/page';
import { MemberSelect, Refusal, useRefreshMembership } from './shared';

interface RequestValues {
  personId: number;
  toProvince: ProvinceCode;
  toOrgName: string;
  reason: string;
}

/**
 * 跨省转出: asks for a member of this organization to be transferred to another province. The national
 * system (团中央) finds the receiving branch in that province and starts the transfer; the receiving side's
 * acceptance ends it. `busy`: members who already have a request or a transfer under way.
 */
export function InterprovinceRequestModal({ under, own, busy, onClose }: { under: number | undefined; own: { province: string; name: string }; busy: Map<number, string>; onClose(): void }) {
  const [form] = Form.useForm<RequestValues>();
  const { message } = App.useApp();
  const refresh = useRefreshMembership();
  const { saving, refusal, run } = useDialogSubmit(form);

  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      const r = await call(api.membership.requestInterprovinceTransfer, { body: { personId: v.personId, toProvince: v.toProvince, toOrgName: v.toOrgName.trim(), reason: v.reason.trim() } });
      await refresh();
      message.success(`已提交跨省转出申请：${r.personName} → ${r.otherProvinceName ?? ''}，等待全国系统办理`);
      onClose();
    });
  }

  return (
    <Modal
      open
      title="申请跨省转出"
      okText="提交申请"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={600}
    >
      <Typography.Paragraph type="secondary">
        团员到{own.name}以外的省份工作、学习或居住时申请。全国系统（团中央）按填写的转入团组织在该省查到团支部后办理，转入方接收后办结；办理前可以撤回。
      </Typography.Paragraph>
      <Refusal error={refusal} />
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="personId" label="转出团员" rules={[{ required: true, message: '请选择团员' }]}>
          <MemberSelect under={under} unavailable={busy} />
        </Form.Item>
        <Form.Item name="toProvince" label="转入省份" rules={[{ required: true, message: '请选择转入省份' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择省、自治区、直辖市"
            options={PROVINCES.filter(([code]) => code !== own.province).map(([code, name]) => ({ value: code, label: name }))}
          />
        </Form.Item>
        <Form.Item
          name="toOrgName"
          label="转入团组织"
          extra="写全称，如“共青团昆明市五华区某某社区委员会”或单位名称加团支部；全国系统据此在该省查找"
          rules={[{ required: true, whitespace: true, min: 4, max: 100, message: '请填写转入团组织全称（4—100字）' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="reason" label="转接原因" rules={[{ required: true, whitespace: true, min: 2, max: 200, message: '请填写转接原因（2—200字）' }]}>
          <Input.TextArea rows={2} maxLength={200} placeholder="如：到昆明就业、升学、随家庭迁居" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 退回 a transfer from another province, with the reason the national system passes on; the member stays there. */
export function InterprovinceDeclineModal({ transfer: t, onClose }: { transfer: api.membership.InterprovinceTransferItem; onClose(): void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const refresh = useRefreshMembership();
  const { saving, refusal, run } = useDialogSubmit(form);
  async function submit() {
    const v = await form.validateFields();
    await run(async () => {
      await call(api.membership.rejectInterprovinceTransfer, { params: { key: t.key! }, body: { reason: v.reason.trim() } });
      await refresh();
      message.success(`已退回：${t.personName}仍在${t.otherProvinceName ?? '转出省份'}`);
      onClose();
    });
  }
  return (
    <Modal
      open
      title={`退回跨省转入：${t.personName}`}
      okText="确认退回"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t.personName}（{t.idNumberMasked}）将从{t.otherProvinceName}的{t.otherOrgName}转入{t.orgName}。退回后团员仍在原省份，原因经全国系统告知转出方。
      </Typography.Paragraph>
      <Refusal error={refusal} />
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="退回原因" rules={[{ required: true, whitespace: true, min: 2, max: 200, message: '请填写退回原因（2—200字）' }]}>
          <Input.TextArea rows={2} showCount maxLength={200} placeholder="如：该支部已撤并，请改转其他支部" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
