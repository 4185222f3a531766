import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '@tuanjian/domain';
import { App, Button, Card, Col, Empty, Row, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { call } from '../../../api/client';
import { invalidate, useApi } from '../../../api/hooks';
import { useCan } from '../../../auth/session';
import { ExportButton } from '../../../components/ExportButton';
import { LoadError } from '../../../components/PageState';
import { PageHeader, YearSelect, listPagination, thisYear, todayDayjs, useScopeOrg } from '../../../components/page';
import { useShowError } from '../../../lib/errors';
import { readFileBase64 } from '../../../lib/people';
import { Figure } from '../../org-life/shared';
import { RecordModal } from './shared';

const r = api.registriesSmall;
const REFRESH = [r.listPartyMeetings, r.getPartyMeetingStatus];

/** 党委研究团的工作: each township party committee's meeting on league work this year (who has, who has not), with minutes. */
export default function PartyMeetingsPage() {
  const { orgId, setOrg } = useScopeOrg();
  const canEdit = useCan('org:edit');
  const client = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [year, setYear] = useState(thisYear());
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const under = orgId ?? undefined;
  const status = useApi(r.getPartyMeetingStatus, { query: { orgId: orgId!, year } }, { enabled: !!orgId });
  const list = useApi(r.listPartyMeetings, { query: { under, year, page, pageSize } }, { enabled: !!orgId });
  const uploadMinutes = async (id: number, file: File) => {
    try {
      await call(r.uploadPartyMeetingMinutes, { params: { id }, body: { fileName: file.name, contentBase64: await readFileBase64(file) } });
      message.success('已上传会议纪要');
      await invalidate(client, ...REFRESH);
    } catch (err) {
      showError(err);
    }
  };
  const townships = status.data?.rows ?? [];
  return (
    <div>
      <PageHeader title="党委研究团的工作" orgId={orgId} onOrg={(id) => (setOrg(id), setPage(1))}>
        <YearSelect value={year} onChange={(y) => (setYear(y), setPage(1))} />
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="party-meeting-add">
            登记会议
          </Button>
        )}
      </PageHeader>
      {status.error || list.error ? <LoadError error={status.error ?? list.error} onRetry={() => void status.refetch()} /> : null}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} lg={6}>
          <Figure title={`${year}年已研究的乡镇`} value={status.data?.held ?? '—'} suffix="个" testId="party-meeting-held" />
        </Col>
        <Col xs={12} lg={6}>
          <Figure title="尚未研究的乡镇" value={status.data?.notHeld ?? '—'} suffix="个" danger testId="party-meeting-not-held" />
        </Col>
      </Row>
      {townships.length > 0 && (
        <Card
          title={`各乡镇${year}年党委研究团的工作（${status.data?.dueMonth}月底前完成）`}
          extra={<span style={{ color: '#888' }}>会议记录和纪要即改革考核“党委研究团的工作”人工评分指标的佐证</span>}
          size="small"
          style={{ marginBottom: 16 }}
        >
          <Table
            rowKey="orgId"
            size="small"
            data-testid="party-meeting-status"
            dataSource={townships}
            pagination={false}
            columns={[
              { title: '乡镇（街道）', dataIndex: 'orgName' },
              {
                title: '是否研究',
                dataIndex: 'held',
                render: (n: number, x) => (n ? <Tag color="success">已研究{n}次</Tag> : <Tag color={x.overdue ? 'error' : 'warning'}>{x.overdue ? '逾期未研究' : '尚未研究'}</Tag>),
              },
              { title: '最近一次', dataIndex: 'lastHeldOn', render: (d: string | null) => d ?? '—' },
            ]}
          />
        </Card>
      )}
      <Card title="会议记录" size="small" extra={<ExportButton contract={r.exportPartyMeetings} input={{ query: { under, year } }} fileName="党委研究团的工作.xlsx" />}>
        <Table
          rowKey="id"
          size="small"
          data-testid="party-meetings"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description="本年度没有记录" /> }}
          scroll={{ x: 1000 }}
          pagination={listPagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '次')}
          columns={[
            { title: '日期', dataIndex: 'heldOn', width: 110 },
            { title: '乡镇团委', dataIndex: 'orgName', width: 200, ellipsis: true },
            { title: '会议', dataIndex: 'meetingName', width: 220, ellipsis: true },
            { title: '研究议题', dataIndex: 'topics', ellipsis: true },
            { title: '出席', dataIndex: 'attendance', width: 180, ellipsis: true },
            {
              title: '会议纪要',
              dataIndex: 'minutes',
              width: 120,
              render: (n: number, m) => (
                <span>
                  {n ? `${n}份 ` : '无 '}
                  {canEdit && (
                    <Upload accept=".pdf,image/*" showUploadList={false} beforeUpload={(f) => (void uploadMinutes(m.id, f), false)}>
                      <a><UploadOutlined /> 上传</a>
                    </Upload>
                  )}
                </span>
              ),
            },
          ]}
        />
      </Card>
      {creating && (
        <RecordModal
          title="登记党委研究团的工作"
          testId="party-meeting-form"
          contract={r.createPartyMeeting}
          refresh={REFRESH}
          onClose={() => setCreating(false)}
          initial={{ orgId, heldOn: todayDayjs().format('YYYY-MM-DD') }}
          fields={[
            { name: 'orgId', label: '乡镇团委', kind: 'org', required: true },
            { name: 'heldOn', label: '会议日期', kind: 'date', required: true },
            { name: 'meetingName', label: '会议名称', required: true, max: 60, placeholder: '如：镇党委会议（专题研究共青团工作）' },
            { name: 'chairedBy', label: '主持人', max: 30 },
            { name: 'topics', label: '研究议题', kind: 'textarea', required: true, max: 1000 },
            { name: 'attendance', label: '出席人员', kind: 'textarea', max: 500 },
            { name: 'decisions', label: '议定事项', kind: 'textarea', max: 2000 },
          ]}
        />
      )}
    </div>
  );
}
