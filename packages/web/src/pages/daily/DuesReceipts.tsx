import { CheckOutlined, PaperClipOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api, duesPeriodLabel, fenToYuan } from '@tuanjian/domain';
import { App, Button, Card, Empty, Form, Input, List, Modal, Popconfirm, Space, Tag } from 'antd';
import { useState } from 'react';
import { call, download } from '../../api/client';
import { invalidate, useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { LoadError, PageLoading } from '../../components/PageState';
import { Refusal, useDialogSubmit } from '../../components/page';
import { useShowError } from '../../lib/errors';
import { useRefreshDues } from './shared';

const d = api.dailyWork;
type Receipt = api.dailyWork.DuesReceiptItem;

/**
 * 交纳凭证: receipts members uploaded in the portal (团员自助), pending ones of
 * the organization's subtree, one card each (fits a phone). 确认 records the
 * month's payment at the member's standard; 退回 sends it back with a reason.
 */
export function DuesReceiptsTab({ under }: { under: number }) {
  const list = useApi(d.listDuesReceipts, { query: { under } });
  const canWrite = useCan('membership:write');
  const [returning, setReturning] = useState<Receipt | null>(null);
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <PageLoading />;
  if (!list.data.length) return <Empty description="没有待确认的交纳凭证" />;
  return (
    <>
      <List
        grid={{ gutter: 12, xs: 1, sm: 1, md: 2, lg: 3 }}
        dataSource={list.data}
        renderItem={(r) => (
          <List.Item>
            <ReceiptCard receipt={r} canWrite={canWrite} onReturn={() => setReturning(r)} />
          </List.Item>
        )}
      />
      {returning && <ReturnDialog receipt={returning} onClose={() => setReturning(null)} />}
    </>
  );
}

function useRefreshReceipts() {
  const client = useQueryClient();
  const refreshDues = useRefreshDues();
  return async () => {
    await invalidate(client, d.listDuesReceipts, api.inbox.getInbox, api.inbox.inboxCount);
    await refreshDues();
  };
}

function ReceiptCard({ receipt: r, canWrite, onReturn }: { receipt: Receipt; canWrite: boolean; onReturn(): void }) {
  const { message } = App.useApp();
  const showError = useShowError();
  const refresh = useRefreshReceipts();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await call(d.confirmDuesReceipt, { params: { id: r.id } });
      message.success(`已确认，${r.personName}${duesPeriodLabel(r.period)}的团费记为已交`);
      await refresh();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" data-testid={`dues-receipt-${r.id}`} title={`${r.personName} · ${duesPeriodLabel(r.period)}`} extra={<Tag color="processing">待确认</Tag>}>
      <div style={{ lineHeight: '28px' }}>
        <div>团支部：{r.orgName}</div>
        <div>应交：{fenToYuan(r.dueFen)} 元 · 交纳日期：{r.paidOn}</div>
        <div>上传于：{r.submittedOn}</div>
      </div>
      <Space wrap style={{ marginTop: 8 }}>
        {r.attachment && (
          <Button
            icon={<PaperClipOutlined />}
            style={{ minHeight: 44 }}
            onClick={() => void download(api.orgLife.downloadAttachment, { params: { id: r.attachment!.id } }, r.attachment!.fileName).catch(showError)}
          >
            查看凭证
          </Button>
        )}
        {canWrite && (
          <Popconfirm title={`确认收到${r.personName}${duesPeriodLabel(r.period)}的团费？`} okText="确认" cancelText="取消" onConfirm={() => void confirm()}>
            <Button type="primary" icon={<CheckOutlined />} loading={busy} style={{ minHeight: 44 }} data-testid={`confirm-receipt-${r.id}`}>
              确认已交
            </Button>
          </Popconfirm>
        )}
        {canWrite && (
          <Button icon={<RollbackOutlined />} style={{ minHeight: 44 }} onClick={onReturn}>
            退回
          </Button>
        )}
      </Space>
    </Card>
  );
}

function ReturnDialog({ receipt, onClose }: { receipt: Receipt; onClose(): void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { saving, refusal, run } = useDialogSubmit(form);
  const refresh = useRefreshReceipts();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      await call(d.returnDuesReceipt, { params: { id: receipt.id }, body: { reason: v.reason.trim() } });
      message.success('已退回，团员可在团员自助中看到原因');
      await refresh();
      onClose();
    });
  };
  return (
    <Modal open title={`退回${receipt.personName}的交纳凭证`} okText="退回" cancelText="取消" confirmLoading={saving} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} destroyOnHidden>
      {refusal ? <Refusal error={refusal} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="退回原因" rules={[{ required: true, whitespace: true, min: 2, message: '请填写退回原因（至少2个字）' }]}>
          <Input.TextArea rows={3} maxLength={200} placeholder="如：截图看不清金额、该月已现金交纳" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
