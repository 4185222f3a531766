import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api, NOTICE_ATTACHMENTS_MAX, NOTICE_BODY_MAX, NOTICE_TITLE_MAX, type NoticeFormFieldInput } from '@tuanjian/domain';
import { Button, DatePicker, Form, Input, Modal, Radio, Select, Switch, Upload, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useAccount } from '../../auth/session';
import { Refusal, todayDayjs, useDialogSubmit, ymd } from '../../components/page';
import { readFileBase64 } from '../../lib/people';
import { refreshNotices } from './NoticeDrawer';
import { ReplyFormBuilder } from './ReplyFormFields';

interface Values {
  title: string;
  body: string;
  deadline?: Dayjs | null;
  replyRequired: boolean;
  target: 'subtree' | 'chosen';
  orgIds?: number[];
  replyForm?: NoticeFormFieldInput[];
}

/** 发布通知: to the whole subtree or chosen organizations below, with attachments, deadline and reply request. */
export function PublishNoticeModal({ open, onClose, onPublished }: { open: boolean; onClose(): void; onPublished(id: number): void }) {
  const client = useQueryClient();
  const account = useAccount();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const target = Form.useWatch('target', form);
  const replyRequired = Form.useWatch('replyRequired', form);
  const { saving, refusal, run } = useDialogSubmit(form);
  // Organizations below: the direct children and, under them, a search.
  const [keyword, setKeyword] = useState('');
  const children = useApi(api.orgs.listChildren, { params: { id: account.scopeOrgId ?? 0 } }, { enabled: open && !!account.scopeOrgId && !keyword });
  const found = useApi(api.orgs.searchOrgs, { query: { q: keyword, status: 'active', pageSize: 50 } }, { enabled: open && keyword.length > 0 });
  const options = (keyword ? (found.data?.items ?? []) : (children.data ?? []))
    .filter((o) => o.id !== account.scopeOrgId)
    .map((o) => ({ value: o.id, label: o.name }));

  const submit = (v: Values) =>
    run(async () => {
      const attachments = await Promise.all(files.map(async (f) => ({ fileName: f.name, contentBase64: await readFileBase64(f.originFileObj as File) })));
      const notice = await call(api.notices.publishNotice, {
        body: {
          title: v.title,
          body: v.body,
          deadline: v.deadline ? ymd(v.deadline) : null,
          replyRequired: v.replyRequired,
          target: v.target,
          orgIds: v.target === 'chosen' ? (v.orgIds ?? []) : undefined,
          attachments,
          replyForm: v.replyRequired && v.replyForm?.length ? v.replyForm : undefined,
        },
      });
      await refreshNotices(client);
      form.resetFields();
      setFiles([]);
      onPublished(notice.id);
    });

  return (
    <Modal open={open} title="发布通知" onCancel={onClose} onOk={() => form.submit()} okText="发布" confirmLoading={saving} destroyOnHidden width={640} style={{ maxWidth: 'calc(100vw - 16px)' }}>
      <Refusal error={refusal} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ replyRequired: false, target: 'subtree' }} data-testid="publish-notice-form">
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写通知标题' }]}>
          <Input maxLength={NOTICE_TITLE_MAX} showCount />
        </Form.Item>
        <Form.Item name="body" label="正文" rules={[{ required: true, whitespace: true, message: '请填写通知正文' }]}>
          <Input.TextArea rows={6} maxLength={NOTICE_BODY_MAX} />
        </Form.Item>
        <Form.Item name="target" label="发送范围">
          <Radio.Group
            options={[
              { value: 'subtree', label: '全部下级组织' },
              { value: 'chosen', label: '选定的组织' },
            ]}
          />
        </Form.Item>
        {target === 'chosen' && (
          <Form.Item name="orgIds" label="接收组织" rules={[{ required: true, message: '请选择接收组织' }]}>
            <Select mode="multiple" showSearch={{ filterOption: false, onSearch: (v) => setKeyword(v.trim()) }} options={options} placeholder="选择下级组织（可输入名称搜索）" />
          </Form.Item>
        )}
        <Form.Item name="deadline" label="办理期限（可选）">
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(todayDayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="replyRequired" label="需要接收组织回复" valuePropName="checked">
          <Switch checkedChildren="需回复" unCheckedChildren="只需阅读" />
        </Form.Item>
        {replyRequired && (
          <Form.Item label="回复表单（可选；不设字段则回复文字或文件）" extra="接收组织按字段填写，阅读回复情况中逐项列出并可导出 Excel">
            <ReplyFormBuilder />
          </Form.Item>
        )}
        <Form.Item label={`附件（最多${NOTICE_ATTACHMENTS_MAX}个）`}>
          <Upload multiple maxCount={NOTICE_ATTACHMENTS_MAX} fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
