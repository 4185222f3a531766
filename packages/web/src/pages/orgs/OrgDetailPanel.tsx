import {
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  NodeIndexOutlined,
  PlusOutlined,
  RollbackOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  ORG_STATUS_LABELS,
  SCHOOL_STAGE_LABELS,
  SECTOR_LABELS,
  allowedChildTypes,
  api,
} from '@tuanjian/domain';
import { App, Breadcrumb, Button, Card, Descriptions, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { call, download } from '../../api/client';
import { refreshOrgData } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { OrgTypeTag } from '../../components/OrgTypeTag';
import { formatDate } from '../../lib/format';
import { useShowError } from '../../lib/errors';
import { AdminUnitsTab } from './AdminUnitsTab';
import { ChildrenTab } from './ChildrenTab';
import { DissolveOrgModal } from './DissolveOrgModal';
import { MoveOrgModal } from './MoveOrgModal';
import { OrgAuditTab } from './OrgAuditTab';
import { OrgFormModal, type OrgFormPreset } from './OrgFormModal';

export type OrgDetail = api.OrgDetail;

type Dialog = { kind: 'edit' } | { kind: 'create'; preset?: OrgFormPreset } | { kind: 'move' } | { kind: 'dissolve' } | null;

const isTownship = (o: OrgDetail) => o.type === 'township' || o.type === 'subdistrict';

/** One organization: where it sits, its fields, what the caller may do with it, and its history. */
export function OrgDetailPanel({ org, onShowDissolved }: { org: OrgDetail; onShowDissolved(): void }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const [search, setSearch] = useSearchParams();
  const canAudit = useCan('audit:read');
  const dissolved = org.status === 'dissolved';
  const canCreateChild = org.can.manage && allowedChildTypes(org.type).length > 0;

  const tabs = [
    { key: 'info', label: '基本信息', children: <OrgFields org={org} /> },
    { key: 'children', label: `下级组织（${org.childCount}）`, children: <ChildrenTab org={org} /> },
    ...(isTownship(org)
      ? [{ key: 'units', label: '村（社区）', children: <AdminUnitsTab org={org} onCreateBranch={(preset) => setDialog({ kind: 'create', preset })} /> }]
      : []),
    ...(canAudit ? [{ key: 'history', label: '变更记录', children: <OrgAuditTab orgId={org.id} /> }] : []),
  ];
  const tab = tabs.some((t) => t.key === search.get('tab')) ? search.get('tab')! : 'info';

  return (
    <Card>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          ...org.ancestors.map((a) => ({ key: a.id, title: <Link to={`/orgs/${a.id}`}>{a.name}</Link> })),
          { key: org.id, title: org.name },
        ]}
      />
      <Space style={{ width: '100%', justifyContent: 'space-between', alignItems: 'flex-start' }} wrap>
        <Space align="center" wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="org-title">
            {org.name}
          </Typography.Title>
          <OrgTypeTag type={org.type} dissolved={dissolved} />
          <Tag color={dissolved ? 'default' : 'success'}>{ORG_STATUS_LABELS[org.status]}</Tag>
        </Space>
        <OrgActions org={org} canCreateChild={canCreateChild} onOpen={setDialog} />
      </Space>
      <Tabs
        style={{ marginTop: 8 }}
        activeKey={tab}
        onChange={(key) => setSearch(key === 'info' ? {} : { tab: key }, { replace: true })}
        items={tabs}
      />
      {dialog?.kind === 'edit' && <OrgFormModal mode="edit" org={org} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'create' && <OrgFormModal mode="create" parent={org} preset={dialog.preset} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'move' && <MoveOrgModal org={org} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'dissolve' && (
        <DissolveOrgModal
          org={org}
          onClose={() => setDialog(null)}
          onDone={() => {
            onShowDissolved();
            setDialog(null);
          }}
        />
      )}
    </Card>
  );
}

function OrgActions({ org, canCreateChild, onOpen }: { org: OrgDetail; canCreateChild: boolean; onOpen(d: Dialog): void }) {
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [exporting, setExporting] = useState(false);
  const dissolved = org.status === 'dissolved';
  // The server's `can` flags are all false for a dissolved organization, so restoring follows the permission.
  const canRestore = useCan('org:manage') && dissolved && org.parentId !== null;

  const restore = () =>
    modal.confirm({
      title: `恢复“${org.name}”？`,
      content: '恢复后该组织重新计入统计，撤销日期和原因将被清除（变更记录中仍可查到）。',
      okText: '确认恢复',
      cancelText: '取消',
      onOk: async () => {
        try {
          await call(api.orgs.restoreOrg, { params: { id: org.id } });
          await refreshOrgData(queryClient);
          message.success('组织已恢复');
          navigate(`/orgs/${org.id}`);
        } catch (err) {
          showError(err);
        }
      },
    });

  const exportRoster = async () => {
    setExporting(true);
    try {
      await download(api.orgs.exportOrgs, { query: { under: org.id } }, `${org.name}组织名册.xlsx`);
    } catch (err) {
      showError(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Space wrap>
      {org.can.edit && (
        <Button icon={<EditOutlined />} onClick={() => onOpen({ kind: 'edit' })}>
          编辑
        </Button>
      )}
      {canCreateChild && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => onOpen({ kind: 'create' })}>
          新建下级组织
        </Button>
      )}
      {org.can.move && (
        <Button icon={<NodeIndexOutlined />} onClick={() => onOpen({ kind: 'move' })}>
          调整隶属
        </Button>
      )}
      {org.can.dissolve && (
        <Button danger icon={<DeleteOutlined />} onClick={() => onOpen({ kind: 'dissolve' })}>
          撤销
        </Button>
      )}
      {canRestore && (
        <Button icon={<RollbackOutlined />} onClick={restore}>
          恢复
        </Button>
      )}
      <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportRoster}>
        导出名册
      </Button>
    </Space>
  );
}

function OrgFields({ org }: { org: OrgDetail }) {
  const parent = org.ancestors[org.ancestors.length - 1];
  const dissolved = org.status === 'dissolved';
  const items = [
    { key: 'name', label: '组织名称', children: org.name, span: 2 },
    { key: 'shortName', label: '简称', children: org.shortName ?? '—' },
    { key: 'type', label: '组织类型', children: <OrgTypeTag type={org.type} dissolved={dissolved} /> },
    { key: 'sector', label: '所属领域', children: SECTOR_LABELS[org.sector] },
    ...(org.sector === 'school' ? [{ key: 'schoolStage', label: '学段', children: org.schoolStage ? SCHOOL_STAGE_LABELS[org.schoolStage] : '—' }] : []),
    ...(org.sector === 'village' || org.sector === 'community' || org.adminUnitName
      ? [{ key: 'adminUnit', label: '服务的村（社区）', children: org.adminUnitName ?? '—' }]
      : []),
    { key: 'parent', label: '上级组织', children: parent ? <Link to={`/orgs/${parent.id}`}>{parent.name}</Link> : org.parentId ? '（不在本账号管理范围内）' : '—' },
    { key: 'children', label: '下级组织数', children: `${org.childCount} 个` },
    { key: 'foundedOn', label: '成立日期', children: formatDate(org.foundedOn) },
    { key: 'status', label: '状态', children: ORG_STATUS_LABELS[org.status] },
    ...(dissolved
      ? [
          { key: 'dissolvedOn', label: '撤销日期', children: formatDate(org.dissolvedOn) },
          { key: 'dissolvedReason', label: '撤销原因', children: org.dissolvedReason ?? '—', span: 2 },
        ]
      : []),
    { key: 'contactName', label: '联系人', children: org.contactName ?? '—' },
    { key: 'contactPhone', label: '联系电话', children: org.contactPhone ?? '—' },
    { key: 'address', label: '地址', children: org.address ?? '—', span: 2 },
    { key: 'id', label: '组织编号', children: org.id },
  ];
  return <Descriptions bordered size="small" column={2} items={items} styles={{ label: { width: 140 } }} />;
}
