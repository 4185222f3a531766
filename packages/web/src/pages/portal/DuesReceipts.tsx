import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, duesPeriodLabel } from '@tuanjian/domain';
import { App, Button, Card, List, Tag, Upload } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { useShowError } from '../../lib/errors';
import { chinaToday, readFileBase64 } from '../../lib/people';

const d = api.dailyWork;
type Receipt = api.dailyWork.DuesReceiptItem;
const STATUS_COLORS = { pending: 'processing', confirmed: 'success', returned: 'error' } as const;

/** The member's uploaded receipts (all years), for the month rows and the list below them. */
export function useOwnReceipts() {
  return useQuery({ queryKey: ['portal', 'dues-receipts'], queryFn: () => call(d.portalDuesReceipts) });
}

/** The latest receipt of a month, if any. */
export const receiptOf = (receipts: readonly Receipt[] | undefined, period: string) => receipts?.find((r) => r.period === period);

export function ReceiptTag({ receipt }: { receipt: Receipt }) {
  return <Tag color={STATUS_COLORS[receipt.status]}>凭证{api.dailyWork.DUES_RECEIPT_STATUS_LABELS[receipt.status]}</Tag>;
}

/**
 * 上传凭证: a transfer screenshot or a receipt (photo from the camera or the
 * album, or a PDF) for one month; the branch confirms it and the month turns
 * 已交. No popup windows: the phone's own file chooser.
 */
export function UploadReceiptButton({ period }: { period: string }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);

  async function send(file: File) {
    setBusy(true);
    try {
      const contentBase64 = await readFileBase64(file);
      await call(d.portalUploadDuesReceipt, { body: { period, paidOn: chinaToday(), fileName: file.name, mimeType: file.type || undefined, contentBase64 } });
      message.success(`已上传${duesPeriodLabel(period)}的交纳凭证，待团支部确认`);
      await client.invalidateQueries({ queryKey: ['portal'] });
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Upload
      accept="image/*,application/pdf"
      showUploadList={false}
      beforeUpload={(file) => {
        void send(file);
        return false;
      }}
    >
      <Button size="large" icon={<UploadOutlined />} loading={busy} data-testid={`upload-receipt-${period}`} style={{ minHeight: 44 }}>
        上传凭证
      </Button>
    </Upload>
  );
}

/** The member's receipts with their state and the branch's reason when one was returned. */
export function ReceiptList({ receipts }: { receipts: readonly Receipt[] }) {
  if (!receipts.length) return null;
  return (
    <Card title="我上传的交纳凭证" size="small">
      <List
        dataSource={[...receipts]}
        renderItem={(r) => (
          <List.Item data-testid={`receipt-${r.id}`} extra={<ReceiptTag receipt={r} />}>
            <List.Item.Meta
              title={`${duesPeriodLabel(r.period)} · ${r.attachment?.fileName ?? '凭证'}`}
              description={
                r.status === 'returned' ? `退回原因：${r.note ?? ''}` : r.status === 'confirmed' ? `已于${r.decidedOn}确认，记为已交` : `上传于${r.submittedOn}，待团支部确认`
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
