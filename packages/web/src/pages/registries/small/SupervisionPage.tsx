import { PlusOutlined } from '@ant-design/icons';
import { api } from '@tuanjian/domain';
import { Button, Card, Col, Empty, Row, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useApi } from '../../../api/hooks';
import { useCan } from '../../../auth/session';
import { ExportButton } from '../../../components/ExportButton';
import { LoadError } from '../../../components/PageState';
import { PageHeader, YearSelect, listPagination, thisYear, todayDayjs, useScopeOrg } from '../../../components/page';
import { Figure } from '../../org-life/shared';
import { ImportButton, RecordModal } from './shared';

const r = api.registriesSmall;
const REFRESH = [r.listSupervisionContacts, r.listSupervisionVisits, r.getSupervisionFigures];

/** 督导联系点: the county committee's leaders assigned to townships, their visits, and visits per township this year. */
export default function SupervisionPage() {
  const { orgId, setOrg } = useScopeOrg();
  const canManage = useCan('org:manage');
  const canEdit = useCan('org:edit');
  const [year, setYear] = useState(thisYear());
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [dialog, setDialog] = useState<'assign' | 'visit' | null>(null);
  const [followUp, setFollowUp] = useState<api.registriesSmall.SupervisionVisitItem | null>(null);
  const under = orgId ?? undefined;
  const figures = useApi(r.getSupervisionFigures, { query: { orgId: orgId!, year } }, { enabled: !!orgId });
  const contacts = useApi(r.listSupervisionContacts, { query: { under } }, { enabled: !!orgId });
  const visits = useApi(r.listSupervisionVisits, { query: { under, year, page, pageSize } }, { enabled: !!orgId });
  const error = figures.error ?? contacts.error ?? visits.error;
  return (
    <div>
      <PageHeader title="督导联系点" orgId={orgId} onOrg={(id) => (setOrg(id), setPage(1))}>
        <YearSelect value={year} onChange={(y) => (setYear(y), setPage(1))} />
        {canManage && (
          <Button icon={<PlusOutlined />} onClick={() => setDialog('assign')} data-testid="supervision-assign">
            指派联系点
          </Button>
        )}
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('visit')} disabled={!contacts.data?.length} data-testid="supervision-visit-add">
            登记走访
          </Button>
        )}
      </PageHeader>
      {error ? <LoadError error={error} onRetry={() => void figures.refetch()} /> : null}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} lg={6}>
          <Figure title={`${year}年督导走访`} value={figures.data?.total ?? '—'} suffix="次" testId="supervision-total" />
        </Col>
        <Col xs={12} lg={6}>
          <Figure title="联系点" value={contacts.data?.length ?? '—'} suffix="个" testId="supervision-contact-count" />
        </Col>
        <Col xs={12} lg={6}>
          <Figure title="本年未走访的乡镇" value={figures.data ? figures.data.rows.filter((x) => x.visits === 0).length : '—'} suffix="个" danger testId="supervision-unvisited" />
        </Col>
      </Row>
      <Card title={`各乡镇${year}年督导走访`} size="small" style={{ marginBottom: 16 }}>
        <Table
          rowKey="orgId"
          size="small"
          data-testid="supervision-figures"
          loading={figures.isFetching}
          dataSource={figures.data?.rows ?? []}
          pagination={false}
          columns={[
            { title: '乡镇（街道）', dataIndex: 'orgName' },
            { title: '联系领导', dataIndex: 'leaders', render: (s: string) => s || <Tag color="warning">未指派</Tag> },
            { title: '走访次数', dataIndex: 'visits', render: (n: number) => (n ? n : <Tag color="error">0</Tag>) },
            { title: '整改未完成', dataIndex: 'openFollowUps' },
            { title: '最近走访', dataIndex: 'lastVisit', render: (d: string | null) => d ?? '—' },
          ]}
        />
      </Card>
      <Card title="走访记录" size="small" extra={<Space>
        <ExportButton contract={r.exportSupervisionVisits} input={{ query: { under, year } }} fileName="督导走访记录.xlsx" />
        {canEdit && <ImportButton contract={r.importSupervisionVisits} orgId={orgId} refresh={REFRESH} testId="supervision-import" />}
      </Space>}>
        <Table
          rowKey="id"
          size="small"
          data-testid="supervision-visits"
          loading={visits.isFetching}
          dataSource={visits.data?.items ?? []}
          locale={{ emptyText: <Empty description="本年度没有走访记录" /> }}
          scroll={{ x: 1000 }}
          pagination={listPagination(page, pageSize, visits.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '次')}
          columns={[
            { title: '日期', dataIndex: 'visitedOn', width: 110 },
            { title: '乡镇', dataIndex: 'orgName', width: 200, ellipsis: true },
            { title: '联系领导', dataIndex: 'leaderName', width: 90 },
            { title: '督导内容', dataIndex: 'content', ellipsis: true },
            { title: '发现问题', dataIndex: 'problems', ellipsis: true, render: (p: string | null) => p ?? '—' },
            {
              title: '整改跟进',
              dataIndex: 'followUp',
              width: 220,
              render: (f: string | null, v) =>
                v.problems ? (
                  <Space>
                    <Tag color={v.followUpDone ? 'success' : 'warning'}>{v.followUpDone ? '已完成' : '整改中'}</Tag>
                    {f}
                    {canEdit && <a onClick={() => setFollowUp(v)}>更新</a>}
                  </Space>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
      <Card title="联系点" size="small" style={{ marginTop: 16 }}>
        <Table
          rowKey="id"
          size="small"
          data-testid="supervision-contacts"
          loading={contacts.isFetching}
          dataSource={contacts.data ?? []}
          pagination={false}
          columns={[
            { title: '乡镇（街道）', dataIndex: 'orgName' },
            { title: '联系领导', dataIndex: 'leaderName' },
            { title: '职务', dataIndex: 'leaderPost', render: (p: string | null) => p ?? '—' },
            { title: '联系起始', dataIndex: 'assignedOn' },
            { title: '本年走访', dataIndex: 'visitsThisYear' },
          ]}
        />
      </Card>
      {dialog === 'assign' && (
        <RecordModal
          title="指派督导联系点"
          testId="supervision-assign-form"
          contract={r.createSupervisionContact}
          refresh={REFRESH}
          onClose={() => setDialog(null)}
          initial={{ assignedOn: todayDayjs().format('YYYY-MM-DD') }}
          fields={[
            { name: 'orgId', label: '联系乡镇', kind: 'org', required: true },
            { name: 'leaderName', label: '联系领导姓名', required: true, max: 20 },
            { name: 'leaderPost', label: '领导职务', max: 30, placeholder: '如：团县委副书记' },
            { name: 'assignedOn', label: '联系起始日期', kind: 'date', required: true },
            { name: 'note', label: '备注', max: 200 },
          ]}
        />
      )}
      {dialog === 'visit' && (
        <RecordModal
          title="登记督导走访"
          testId="supervision-visit-form"
          contract={r.createSupervisionVisit}
          refresh={REFRESH}
          onClose={() => setDialog(null)}
          initial={{ visitedOn: todayDayjs().format('YYYY-MM-DD'), followUpDone: false }}
          fields={[
            { name: 'contactId', label: '联系点', kind: 'select', required: true, options: (contacts.data ?? []).map((c) => ({ value: c.id, label: `${c.orgName}（${c.leaderName}）` })) },
            { name: 'visitedOn', label: '督导日期', kind: 'date', required: true },
            { name: 'content', label: '督导内容', kind: 'textarea', required: true, max: 1000 },
            { name: 'problems', label: '发现问题', kind: 'textarea', max: 1000 },
            { name: 'followUp', label: '整改跟进', kind: 'textarea', max: 1000, extra: '发现问题的须填写' },
            { name: 'followUpDone', label: '整改完成', kind: 'bool' },
          ]}
        />
      )}
      {followUp && (
        <RecordModal
          title={`整改跟进：${followUp.orgName} ${followUp.visitedOn}`}
          contract={r.updateSupervisionVisit}
          params={{ id: followUp.id }}
          refresh={REFRESH}
          onClose={() => setFollowUp(null)}
          initial={{ followUp: followUp.followUp, followUpDone: followUp.followUpDone }}
          fields={[
            { name: 'followUp', label: '整改跟进', kind: 'textarea', required: true, max: 1000 },
            { name: 'followUpDone', label: '整改完成', kind: 'bool' },
          ]}
        />
      )}
    </div>
  );
}
