import { FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { api } from '@tuanjian/domain';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { type CallInput } from '../../api/client';
import { useCan } from '../../auth/session';
import { ExportButton } from '../../components/ExportButton';
import { IssuedCopiesModal } from './IssuedCopiesModal';

/*
 * Documents as PDF (issue 14.5): each button downloads the file (an <a download>,
 * no popup, so it works on a phone); the server draws the PDF with the Chinese
 * font embedded.
 */

type ButtonRest = Omit<React.ComponentProps<typeof ExportButton>, 'contract' | 'input' | 'icon'>;

export function PdfButton<C extends api.Contract>({ contract, input, ...rest }: { contract: C; input: CallInput<C> } & ButtonRest) {
  return <ExportButton contract={contract} input={input} icon={<FilePdfOutlined />} announce {...rest} />;
}

/** 团员证明 (issued with a verification code), 团员档案, and the copies issued (list, revoke): the member drawer's header. */
export function PersonDocumentButtons({ person }: { person: { id: number; name: string; memberStatus: string | null } }) {
  const canIssue = useCan('membership:write');
  const [listing, setListing] = useState(false);
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
      <Button icon={<SafetyCertificateOutlined />} onClick={() => setListing(true)} data-testid="doc-issued-open">
        已开具证明
      </Button>
      {listing && <IssuedCopiesModal of={{ personId: person.id }} canRevoke={canIssue} onClose={() => setListing(false)} />}
    </>
  );
}

/** The sending side's 组织关系介绍信 of an accepted transfer, and the copies issued (list, revoke). */
export function TransferLetterButtons({ transfer }: { transfer: { id: number; personName: string } }) {
  const [listing, setListing] = useState(false);
  return (
    <Space size={4} wrap>
      <PdfButton size="small" contract={api.documents.transferLetter} input={{ params: { id: transfer.id } }} fileName={`组织关系介绍信-${transfer.personName}.pdf`} data-testid="doc-letter">
        介绍信
      </PdfButton>
      <Button size="small" onClick={() => setListing(true)} data-testid="doc-letter-issued">
        已开具
      </Button>
      {listing && <IssuedCopiesModal of={{ transferId: transfer.id }} canRevoke onClose={() => setListing(false)} />}
    </Space>
  );
}
