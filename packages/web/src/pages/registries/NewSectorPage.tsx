import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useCan } from '../../auth/session';
import { PageHeader, useScopeOrg } from '../../components/page';
import { NewSectorCoverage } from './NewSectorCoverage';
import { NewSectorUnits } from './NewSectorUnits';
import { NewSectorImportModal, NewSectorUnitModal, type EditingUnit } from './NewSectorDialogs';

/** “三新”覆盖: coverage figures (by sector, by township, growth, new members by sector) and the registry of units to cover. */
export default function NewSectorPage() {
  const { orgId, setOrg } = useScopeOrg();
  const canEdit = useCan('org:edit');
  const [editing, setEditing] = useState<EditingUnit | null>(null);
  const [importing, setImporting] = useState(false);
  return (
    <div>
      <PageHeader title="“三新”领域覆盖" orgId={orgId} onOrg={setOrg}>
        {canEdit && (
          <Space wrap>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="new-sector-import">
              导入名录
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-sector-add">
              登记单位
            </Button>
          </Space>
        )}
      </PageHeader>
      {orgId && (
        <Tabs
          items={[
            { key: 'coverage', label: '覆盖情况', children: <NewSectorCoverage orgId={orgId} /> },
            { key: 'units', label: '应覆盖单位名录', children: <NewSectorUnits orgId={orgId} onEdit={canEdit ? setEditing : undefined} /> },
          ]}
        />
      )}
      {editing && <NewSectorUnitModal unit={editing} defaultOrgId={orgId} onClose={() => setEditing(null)} />}
      {importing && <NewSectorImportModal defaultOrgId={orgId} onClose={() => setImporting(false)} />}
    </div>
  );
}
