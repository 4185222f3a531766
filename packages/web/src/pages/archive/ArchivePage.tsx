import { DownloadOutlined } from '@ant-design/icons';
import { ARCHIVE_DOC_INFO, api, hasPermission } from '@tuanjian/domain';
import { Button, Card, Col, Row, Space, Statistic, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { download } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useAccount } from '../../auth/session';
import { LoadError } from '../../components/PageState';
import { PageHeader, useScopeOrg } from '../../components/page';
import { useShowError } from '../../lib/errors';
import { PersonDrawer } from '../people/PersonDrawer';
import { ReturnDialog, useApprove } from './ArchiveCard';
import { ArchiveBranchTable, useArchiveOverview } from './ArchiveBranchTable';

const a = api.archive;
type Doc = api.archive.ArchiveDocumentItem;

/**
 * 电子档案: per branch, how many members' files hold every document of the
 * 发展档案清单 and how many are 团员身份已认证; for a committee, the uploads
 * of the branches below waiting for its review (approve / return with a reason).
 */
export default function ArchivePage() {
  const { orgId, setOrg } = useScopeOrg();
  const account = useAccount();
  const reviewer = hasPermission(account.role, 'development:approve');
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') === 'review' && reviewer ? 'review' : 'branches';
  const under = orgId ?? undefined;
  // One page of branches from the server; the totals are the organization's own (its whole subtree).
  const branches = useArchiveOverview(under);
  const { overview } = branches;
  const t = overview.data?.totals;
  const setTab = (k: string) => {
    const next = new URLSearchParams(search);
    next.set('tab', k);
    setSearch(next, { replace: true });
  };

  return (
    <div>
      <PageHeader title="电子档案" orgId={orgId} onOrg={setOrg} />
      {overview.error ? (
        <LoadError error={overview.error} onRetry={() => void overview.refetch()} />
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            {[
              ['团员', t?.members],
              ['材料齐全', t?.complete],
              ['身份已认证', t?.verified],
              ['未认证', t?.notVerified],
              ['待审核', t?.pendingReview],
            ].map(([label, value]) => (
              <Col key={label as string} xs={12} sm={8} lg={4}>
                <Card size="small">
                  <Statistic title={label as string} value={(value as number | undefined) ?? '—'} loading={overview.isLoading} />
                </Card>
              </Col>
            ))}
          </Row>
          <Typography.Paragraph type="secondary">发展档案清单：{overview.data?.checklist.join('、') ?? '—'}（可在规则配置“电子档案”中调整）</Typography.Paragraph>
        </>
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'branches', label: '各团支部', children: <ArchiveBranchTable state={branches} /> },
            ...(reviewer ? [{ key: 'review', label: `待审核（${t?.pendingReview ?? 0}）`, children: <PendingReview under={under} /> }] : []),
          ]}
        />
      </Card>
    </div>
  );
}

function PendingReview({ under }: { under: number | undefined }) {
  const pending = useApi(a.listArchivePending, { query: { under } });
  const approve = useApprove();
  const showError = useShowError();
  const [returning, setReturning] = useState<Doc | null>(null);
  const [personId, setPersonId] = useState<number | null>(null);
  if (pending.error) return <LoadError error={pending.error} onRetry={() => void pending.refetch()} />;
  return (
    <>
      <Table<Doc>
        rowKey="id"
        size="small"
        loading={pending.isLoading}
        dataSource={pending.data ?? []}
        scroll={{ x: 640 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '没有待审核的材料' }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'personName',
            render: (name: string, d) => (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setPersonId(d.personId)}>
                {name}
              </Button>
            ),
          },
          { title: '团支部', dataIndex: 'orgName', ellipsis: true },
          { title: '材料', dataIndex: 'kind', render: (k: Doc['kind']) => ARCHIVE_DOC_INFO[k].label },
          { title: '上传日期', dataIndex: 'uploadedOn', width: 110 },
          {
            title: '操作',
            key: 'actions',
            width: 200,
            render: (_, d) => (
              <Space size={4} wrap>
                <Button size="small" icon={<DownloadOutlined />} aria-label="下载" onClick={() => download(a.downloadArchiveDocument, { params: { id: d.id } }, d.attachment.fileName).catch(showError)} />
                <Button size="small" type="primary" onClick={() => void approve(d)} data-testid="pending-approve">
                  通过
                </Button>
                <Button size="small" danger onClick={() => setReturning(d)}>
                  退回
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {returning && <ReturnDialog doc={returning} onClose={() => setReturning(null)} />}
      {personId !== null && <PersonDrawer id={personId} onClose={() => setPersonId(null)} />}
    </>
  );
}
