import { FilePdfOutlined, StopOutlined } from '@ant-design/icons';
import { api } from '@tuanjian/domain';
import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { call, type CallInput } from '../../api/client';
import { useCan } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { useShowError } from '../../lib/errors';

/*
 * Documents as PDF (issue 14.5): each button downloads the file (an <a download>,
 * no popup, so it works on a phone); the server draws the PDF with the Chinese
 * font embedded.
 */

type ButtonRest = Omit<React.ComponentProps<typeof ExportButton>, 'contract' | 'input' | 'icon'>;

export function PdfButton<C extends api.Contract>({ contract, input, ...rest }: { contract: C; input: CallInput<C> } & ButtonRest) {
  return <ExportButton contract={contract} input={input} icon={<FilePdfOutlined />} announce {...rest} />;
}

/** 团员证明 (issued with a verification code), 团员档案, and revoking an issued copy: the member drawer's header. */
export function PersonDocumentButtons({ person }: { person: { id: number; name: string; memberStatus: string | null } }) {
  const canIssue = useCan('membership:write');
  const [revoking, setRevoking] = useState(false);
  if (person.memberStatus === null) return null;
  return (
    <>
      {canIssue && person.memberStatus === 'active' && (
        <PdfButton contract={api.documents.memberCertificate} input={{ params: { id: person.id } }} fileName={`团员证明-${person.name}.pdf`} data-testid="doc-certificate">
          团员证明
        </PdfButton>
      )}
      <PdfButton contract={api.documents.memberRecord} input={{ params: { id: person.id } }} fileName={`团员档案-${person.name}.pdf`} data-testid="doc-record">
        团员档案
      </PdfButton>
      {canIssue && (
        <Button icon={<StopOutlined />} onClick={() => setRevoking(true)} data-testid="doc-revoke">
          作废证明
        </Button>
      )}
      {revoking && <RevokeModal onClose={() => setRevoking(false)} />}
    </>
  );
}

/** Revokes an issued 团员证明 or 介绍信 by the code printed on it (only the issuing side finds it). */
function RevokeModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<{ code: string; reason: string }>();
  const [busy, setBusy] = useState(false);
  const showError = useShowError();
  const { message } = App.useApp();
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const r = await call(api.documents.revokeIssued, { body: values });
      message.success(`已作废：${r.kindLabel}（${r.subjectName}）`);
      onClose();
    } catch (err) {
      showError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="作废已开具的证明" okText="作废" okButtonProps={{ danger: true, loading: busy }} onOk={() => void submit()} onCancel={onClose}>
      <Form form={form} layout="vertical">
        <Form.Item name="code" label="验证码" rules={[{ required: true, message: '请填写证明上的验证码' }]} extra="证明右下方印的验证码，如 K7M2-PX9A-3BCD">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="reason" label="作废原因" rules={[{ required: true, min: 2, message: '请填写作废原因' }]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
