import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '@tuanjian/domain';
import { Button, Select, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { PageHeader, useScopeOrg } from '../../components/page';
import { DeputyLiaisonView, DeputyList } from './DeputiesViews';
import { CommitteesView, StationsView } from './DeputiesGroups';
import { CongressModal, DeputyImportModal, DeputyModal, type EditingDeputy } from './DeputiesDialogs';
import { DeputyDrawer } from './DeputyDrawer';

/**
 * 团代会代表 (/cadres/deputies): the deputies' liaison figures (代表联系团支部), the
 * registry of deputies, 代表联络站 and 专委会. The committee that convened the
 * congress registers; a township reads the deputies it elected.
 */
export default function DeputiesPage() {
  const { orgId, setOrg } = useScopeOrg();
  const canEdit = useCan('org:edit');
  const congresses = useApi(api.deputies.listCongresses, { query: {} });
  const [picked, setPicked] = useState<number | undefined>();
  const congress = congresses.data?.find((c) => c.id === picked) ?? congresses.data?.[0];
  const [editing, setEditing] = useState<EditingDeputy | null>(null);
  const [opened, setOpened] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  const [newCongress, setNewCongress] = useState(false);
  const registers = canEdit && !!congress;
  return (
    <div>
      <PageHeader title="团代会代表" orgId={orgId} onOrg={setOrg}>
        <Space wrap>
          {(congresses.data?.length ?? 0) > 1 && (
            <Select aria-label="团代会" style={{ width: 220 }} value={congress?.id} onChange={setPicked} options={congresses.data!.map((c) => ({ value: c.id, label: c.title }))} />
          )}
          {congress && <Typography.Text type="secondary">{congress.title}：代表 {congress.deputies} 名，在任 {congress.serving} 名</Typography.Text>}
          {canEdit && (
            <Button onClick={() => setNewCongress(true)} data-testid="congress-add">
              登记团代会
            </Button>
          )}
          {registers && (
            <>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="deputies-import">
                导入代表
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="deputies-add">
                登记代表
              </Button>
            </>
          )}
        </Space>
      </PageHeader>
      {orgId && (
        <Tabs
          items={[
            { key: 'liaison', label: '联系覆盖', children: <DeputyLiaisonView orgId={orgId} /> },
            { key: 'list', label: '代表名册', children: <DeputyList orgId={orgId} congressId={congress?.id} onOpen={setOpened} /> },
            { key: 'stations', label: '代表联络站', children: <StationsView orgId={orgId} congress={registers ? congress : undefined} /> },
            { key: 'committees', label: '专委会', children: <CommitteesView orgId={orgId} congress={registers ? congress : undefined} /> },
          ]}
        />
      )}
      {editing && congress && <DeputyModal deputy={editing} congress={congress} defaultOrgId={orgId} onClose={() => setEditing(null)} />}
      {importing && congress && <DeputyImportModal congress={congress} onClose={() => setImporting(false)} />}
      {newCongress && <CongressModal defaultOrgId={orgId} onClose={() => setNewCongress(false)} />}
      {opened !== null && <DeputyDrawer id={opened} canEdit={canEdit} onEdit={(d) => (setOpened(null), setEditing(d))} onClose={() => setOpened(null)} />}
    </div>
  );
}
