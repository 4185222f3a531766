import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api, NOTICE_REPLY_MAX } from '@tuanjian/domain';
import { Alert, Button, Descriptions, Divider, Drawer, Form, Input, List, Space, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../api/client';
import { invalidate } from '../../api/hooks';
import { Refusal, useDialogSubmit } from '../../components/page';
import { LoadError, PageLoading } from '../../components/PageState';
import { readFileBase64 } from '../../lib/people';
import { AnswersView, ReplyFormInputs, answersBody } from './ReplyFormFields';
import { AttachmentLinks, PendingTag, formatTime, useNarrow } from './shared';

type Detail = api.notices.NoticeDetail;

/** The inbox and notice lists that a read or a reply changes. */
export const refreshNotices = (client: ReturnType<typeof useQueryClient>) =>
  invalidate(client, api.inbox.getInbox, api.inbox.inboxCount, api.notices.listReceived, api.notices.listSent, api.notices.getNotice);

/** A received notice: opening it records the organization's read; the reply form when a reply is asked. */
export function NoticeDrawer({ id, onClose }: { id: number | null; onClose(): void }) {
  const client = useQueryClient();
  const narrow = useNarrow();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const opened = useRef<number | null>(null);

  useEffect(() => {
    if (!id || opened.current === id) return;
    opened.current = id;
    setDetail(null);
    setError(null);
    call(api.notices.readNotice, { params: { id } })
      .then((d) => {
        setDetail(d);
        void refreshNotices(client);
      })
      .catch(setError);
  }, [id, client]);

  const close = () => {
    opened.current = null;
    onClose();
  };

  return (
    <Drawer open={!!id} onClose={close} title="通知详情" size={narrow ? '100%' : 640} destroyOnHidden data-testid="notice-drawer">
      {error ? <LoadError error={error} /> : !detail ? <PageLoading /> : <NoticeBody detail={detail} onChange={setDetail} />}
    </Drawer>
  );
}

function NoticeBody({ detail, onChange }: { detail: Detail; onChange(d: Detail): void }) {
  const narrow = useNarrow();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {detail.title}
      </Typography.Title>
      <Descriptions size="small" column={narrow ? 1 : 2} bordered>
        <Descriptions.Item label="发布单位">{detail.publisher.name}</Descriptions.Item>
        <Descriptions.Item label="发布时间">{formatTime(detail.publishedAt)}</Descriptions.Item>
        <Descriptions.Item label="办理期限">{detail.deadline ?? '无'}</Descriptions.Item>
        <Descriptions.Item label="本组织状态">{detail.mine ? <PendingTag pending={detail.mine.pending} replyRequired={detail.replyRequired} /> : '—'}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="notice-body">
        {detail.body}
      </Typography.Paragraph>
      <AttachmentLinks files={detail.attachments} />
      {detail.mine && (detail.replyRequired || detail.replies.length > 0) && (
        <>
          <Divider style={{ margin: '8px 0' }}>本组织回复</Divider>
          {detail.replies.length > 0 && (
            <List
              size="small"
              dataSource={detail.replies}
              renderItem={(r) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <Space orientation="vertical" size={2}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.author} · {formatTime(r.createdAt)}
                    </Typography.Text>
                    <AnswersView form={detail.replyForm} answers={r.answers} />
                    {r.text && <span style={{ whiteSpace: 'pre-wrap' }}>{r.text}</span>}
                    <AttachmentLinks files={r.attachments} />
                  </Space>
                </List.Item>
              )}
            />
          )}
          {detail.replyRequired && <ReplyForm id={detail.id} replyForm={detail.replyForm} onReplied={onChange} />}
        </>
      )}
    </Space>
  );
}

function ReplyForm({ id, replyForm, onReplied }: { id: number; replyForm: Detail['replyForm']; onReplied(d: Detail): void }) {
  const client = useQueryClient();
  const [form] = Form.useForm<{ text?: string; answers?: Record<string, unknown> }>();
  const [file, setFile] = useState<File | null>(null);
  const { saving, refusal, run } = useDialogSubmit(form);
  const submit = (v: { text?: string; answers?: Record<string, unknown> }) =>
    run(async () => {
      const attachment = file ? { fileName: file.name, contentBase64: await readFileBase64(file) } : null;
      const d = await call(api.notices.replyNotice, { params: { id }, body: { text: v.text ?? null, attachment, ...(replyForm?.length ? { answers: answersBody(v.answers) } : {}) } });
      form.resetFields();
      setFile(null);
      onReplied(d);
      await refreshNotices(client);
    });
  return (
    <Form form={form} layout="vertical" onFinish={submit} data-testid="notice-reply-form">
      <Refusal error={refusal} />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={replyForm?.length ? '发布单位要求按表单回复：请逐项填写，也可补充文字或上传一个文件' : '发布单位要求回复：可填写文字，也可上传一个文件（照片、PDF、Word、Excel）'}
      />
      {replyForm?.length ? <ReplyFormInputs form={replyForm} /> : null}
      <Form.Item name="text" label={replyForm?.length ? '补充说明' : '回复内容'}>
        <Input.TextArea rows={4} maxLength={NOTICE_REPLY_MAX} showCount placeholder="填写本组织的办理情况" />
      </Form.Item>
      <Form.Item label="附件">
        <Upload
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
        >
          <Button icon={<UploadOutlined />}>选择文件</Button>
        </Upload>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} block>
        提交回复
      </Button>
    </Form>
  );
}
