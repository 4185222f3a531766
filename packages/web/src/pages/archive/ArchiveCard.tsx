import { CheckOutlined, DownloadOutlined, RollbackOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ARCHIVE_DOC_INFO, ARCHIVE_DOC_KINDS, ARCHIVE_DOC_STATUS_LABELS, ATTACHMENT_TYPE_INFO, api, type ArchiveDocKind } from '@tuanjian/domain';
import { Alert, App, Button, Card, Input, List, Modal, Select, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { call, download } from '../../api/client';
import { invalidate, useApi, useRules } from '../../api/hooks';
import { LoadError, PageLoading } from '../../components/PageState';
import { errorMessage, useShowError } from '../../lib/errors';
import { readFileBase64 } from '../../lib/people';

const a = api.archive;
type Doc = api.archive.ArchiveDocumentItem;
const STATUS_COLORS = { missing: 'default', pending: 'processing', approved: 'success', returned: 'error' } as const;

/** Everything that shows archive state, refreshed after an upload or a review. */
export function refreshArchive(client: ReturnType<typeof useQueryClient>) {
  return invalidate(client, a.getPersonArchive, a.listArchivePending, a.archiveOverview, api.people.listPeople, api.people.getPerson, api.inbox.getInbox, api.inbox.inboxCount);
}

/** Approves one upload (the committee above), refreshing every view of the archive. */
export function useApprove() {
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  return async (doc: Doc) => {
    try {
      await call(a.reviewArchiveDocument, { params: { id: doc.id }, body: { decision: 'approve' } });
      message.success(`已通过：${doc.personName}的${ARCHIVE_DOC_INFO[doc.kind].label}`);
      await refreshArchive(client);
    } catch (err) {
      showError(err);
    }
  };
}

/** 团员身份已认证 as a tag (member drawer, list). */
export function VerifiedTag({ on }: { on: string | null | undefined }) {
  return on ? (
    <Tag color="green" icon={<SafetyCertificateOutlined />} data-testid="identity-verified">
      团员身份已认证
    </Tag>
  ) : null;
}

/**
 * A person's 电子档案 (member drawer and development case): the 发展档案清单
 * with each document's state, the uploads (download; approve / return for the
 * committee above), and an upload of a new scan.
 */
export function ArchiveCard({ personId, caseId, canUpload }: { personId: number; caseId?: number; canUpload: boolean }) {
  const archive = useApi(a.getPersonArchive, { params: { id: personId } });
  const [returning, setReturning] = useState<Doc | null>(null);
  const showError = useShowError();
  const d = archive.data;

  const approve = useApprove();

  return (
    <Card
      size="small"
      title="电子档案"
      data-testid="person-archive"
      extra={d && (d.verifiedOn ? <VerifiedTag on={d.verifiedOn} /> : d.isMember ? <Tag>身份未认证</Tag> : null)}
    >
      {archive.isLoading ? (
        <PageLoading />
      ) : archive.error || !d ? (
        <LoadError error={archive.error} title="无法读取电子档案" onRetry={() => void archive.refetch()} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Space wrap size={[8, 8]} data-testid="archive-checklist">
            {d.items.map((i) => (
              <Tag key={i.kind} color={STATUS_COLORS[i.status]}>
                {i.label}
                {i.required ? '' : '（选）'}：{ARCHIVE_DOC_STATUS_LABELS[i.status]}
              </Tag>
            ))}
          </Space>
          {d.verifiedOn ? (
            <Typography.Text type="success">{d.verifiedOn} 经上级团委审核，团员身份已认证</Typography.Text>
          ) : d.missing.length ? (
            <Typography.Text type={d.overdue ? 'danger' : 'secondary'}>
              尚缺：{d.missing.join('、')}
              {d.dueOn && `；入团志愿书应于${d.dueOn}前上传${d.overdue ? '（已逾期）' : ''}`}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">材料已齐，待上级团委审核</Typography.Text>
          )}
          <List
            size="small"
            bordered
            dataSource={d.documents}
            locale={{ emptyText: '尚未上传材料' }}
            renderItem={(doc) => (
              <List.Item
                data-testid={`archive-doc-${doc.id}`}
                actions={[
                  <Button key="dl" type="link" size="small" icon={<DownloadOutlined />} aria-label="下载" onClick={() => download(a.downloadArchiveDocument, { params: { id: doc.id } }, doc.attachment.fileName).catch(showError)} />,
                  ...(d.canReview && doc.status === 'pending'
                    ? [
                        <Button key="ok" size="small" type="primary" icon={<CheckOutlined />} onClick={() => void approve(doc)} data-testid="archive-approve">
                          通过
                        </Button>,
                        <Button key="back" size="small" danger icon={<RollbackOutlined />} onClick={() => setReturning(doc)} data-testid="archive-return">
                          退回
                        </Button>,
                      ]
                    : []),
                ]}
              >
                <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                  <Space wrap size={4}>
                    <Typography.Text strong>{ARCHIVE_DOC_INFO[doc.kind].label}</Typography.Text>
                    <Tag color={STATUS_COLORS[doc.status]}>{ARCHIVE_DOC_STATUS_LABELS[doc.status]}</Tag>
                  </Space>
                  <Typography.Text type="secondary" ellipsis style={{ maxWidth: '100%' }}>
                    {doc.attachment.fileName} · {doc.uploadedOn}上传{doc.reviewedOn ? ` · ${doc.reviewedOn}审核` : ''}
                  </Typography.Text>
                  {doc.returnReason && <Typography.Text type="danger">退回原因：{doc.returnReason}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
          {canUpload && <ArchiveUpload personId={personId} caseId={caseId} />}
        </Space>
      )}
      {returning && <ReturnDialog doc={returning} onClose={() => setReturning(null)} />}
    </Card>
  );
}

function ArchiveUpload({ personId, caseId }: { personId: number; caseId?: number }) {
  const rules = useRules();
  const maxMb = rules?.archive.documentMaxMb ?? 20;
  const [kind, setKind] = useState<ArchiveDocKind>('application_form');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const client = useQueryClient();
  const { message } = App.useApp();
  const info = ARCHIVE_DOC_INFO[kind];
  const accept = info.types.flatMap((t) => ATTACHMENT_TYPE_INFO[t].extensions.map((e) => `.${e}`)).join(',');

  const send = async (file: File) => {
    setProblem(null);
    if (file.size > maxMb * 1024 * 1024) {
      setProblem(`“${file.name}”超过上限${maxMb}MB`);
      return;
    }
    setBusy(true);
    try {
      const contentBase64 = await readFileBase64(file);
      await call(a.uploadArchiveDocument, { params: { id: personId }, body: { kind, caseId, fileName: file.name, mimeType: file.type || undefined, contentBase64 } });
      message.success(`已上传${info.label}，待上级团委审核`);
      await refreshArchive(client);
    } catch (err) {
      setProblem(`“${file.name}”：${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap>
        <Select
          value={kind}
          onChange={setKind}
          style={{ minWidth: 160 }}
          aria-label="材料类型"
          data-testid="archive-kind"
          options={ARCHIVE_DOC_KINDS.map((k) => ({ value: k, label: ARCHIVE_DOC_INFO[k].label }))}
        />
        <Upload accept={accept} showUploadList={false} beforeUpload={(file) => (void send(file), false)}>
          <Button icon={<UploadOutlined />} loading={busy} data-testid="archive-upload">
            上传扫描件
          </Button>
        </Upload>
      </Space>
      <Typography.Text type="secondary">
        {info.hint}，不超过{maxMb}MB；上传后由上级团委审核
      </Typography.Text>
      {problem && <Alert type="error" showIcon title="上传失败" description={problem} closable onClose={() => setProblem(null)} data-testid="archive-upload-error" />}
    </Space>
  );
}

export function ReturnDialog({ doc, onClose }: { doc: Doc; onClose(): void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const client = useQueryClient();
  const submit = async () => {
    setBusy(true);
    try {
      await call(a.reviewArchiveDocument, { params: { id: doc.id }, body: { decision: 'return', reason } });
      await refreshArchive(client);
      onClose();
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`退回${ARCHIVE_DOC_INFO[doc.kind].label}（${doc.personName}）`} okText="退回" okButtonProps={{ danger: true, loading: busy }} onOk={() => void submit()} onCancel={onClose}>
      <Input.TextArea rows={3} maxLength={200} showCount value={reason} onChange={(e) => setReason(e.target.value)} placeholder="请说明退回原因，如：缺少签字盖章页" aria-label="退回原因" data-testid="archive-return-reason" />
      {problem && <Alert type="error" showIcon style={{ marginTop: 8 }} title={problem} />}
    </Modal>
  );
}
