import { DOCUMENT_VALIDITY_LABELS, api, formatDocumentCode } from '@tuanjian/domain';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { invalidate, useApi } from '../../api/hooks';
import { useShowError } from '../../lib/errors';

const VALIDITY_COLORS = { valid: 'green', expired: 'default', revoked: 'red' } as const;

/**
 * The 团员证明 and 介绍信 issued for a member, or the 介绍信 of a transfer (GET /api/documents/issued): code, dates, 有效 / 已过有效期 / 已作废;
 * a valid copy is revoked from its row with a reason (the server takes the copy's code; only the issuing side sees it).
 */
export function IssuedCopiesModal({ of, canRevoke, onClose }: { of: { personId: number } | { transferId: number }; canRevoke: boolean; onClose: () => void }) {
  const issued = useApi(api.documents.listIssued, { query: of }, { refetchOnMount: 'always' });
  const [revoking, setRevoking] = useState<api.documents.IssuedItem | null>(null);
  return (
    <Modal open title="已开具的证明" footer={null} onCancel={onClose} data-testid="doc-issued">
      <List
        loading={issued.isLoading}
        dataSource={issued.data?.items ?? []}
        locale={{ emptyText: '本单位尚未开具' }}
        renderItem={(d) => (
          <List.Item
            actions={
              canRevoke && d.validity === 'valid'
                ? [
                    <Button key="revoke" size="small" danger onClick={() => setRevoking(d)}>
                      作废
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  {d.kindLabel}
                  <Tag color={VALIDITY_COLORS[d.validity]}>{d.revokedOn ? `${d.revokedOn}作废` : DOCUMENT_VALIDITY_LABELS[d.validity]}</Tag>
                </Space>
              }
              description={
                <>
                  <Typography.Text copyable>{formatDocumentCode(d.code)}</Typography.Text>
                  <div>
                    {d.issuedOn} 开具，有效至 {d.validUntil}
                    {d.revokeReason && `；作废原因：${d.revokeReason}`}
                  </div>
                </>
              }
            />
          </List.Item>
        )}
      />
      {revoking && <RevokeModal item={revoking} onClose={() => setRevoking(null)} />}
    </Modal>
  );
}

/** Revokes one issued copy with a reason (audited). */
function RevokeModal({ item, onClose }: { item: api.documents.IssuedItem; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const showError = useShowError();
  const client = useQueryClient();
  const { message } = App.useApp();
  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      const r = await call(api.documents.revokeIssued, { body: { code: item.code, reason } });
      message.success(`已作废：${r.kindLabel}（${r.subjectName}）`);
      await invalidate(client, api.documents.listIssued);
      onClose();
    } catch (err) {
      showError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`作废${item.kindLabel} ${formatDocumentCode(item.code)}`} okText="作废" okButtonProps={{ danger: true, loading: busy }} onOk={() => void submit()} onCancel={onClose}>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="作废原因" rules={[{ required: true, min: 2, message: '请填写作废原因' }]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
