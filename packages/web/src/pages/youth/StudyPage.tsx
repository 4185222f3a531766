import { CheckCircleOutlined, InboxOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { STUDY_HEADER_HELP, api, percentText, studyRoundProblems } from '@tuanjian/domain';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Result, Row, Select, Space, Steps, Table, Tabs, Tag, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { ApiError, call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { EChart, type EChartOption } from '../../components/EChart';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { LoadError, PageLoading } from '../../components/PageState';
import { useDialogSubmit } from '../../components/page';
import { useShowError } from '../../lib/errors';
import { readFileBase64 } from '../../lib/people';
import { RankingTable, StatsRanking } from './StudyRanking';
import {
  DRAWER_WIDTH,
  ExportButton,
  Figures,
  PageHeader,
  Problems,
  Refusal,
  Toolbar,
  YearSelect,
  defaultDateIn,
  isRefusal,
  pagination,
  useRefreshYouth,
  useScopeOrg,
  useYearParam,
  ymd,
} from './shared';

const o = api.orgLife;
type Round = api.ResponseOf<typeof o.listStudyRounds>['items'][number];
type BranchRow = api.ResponseOf<typeof o.getStudyRound>['items'][number];
type Stats = api.ResponseOf<typeof o.studyStats>;
type Report = api.orgLife.StudyImportReport;


const RED = '#b81c22';
const BLUE = '#1f5fae';

/**
 * 青年大学习: the rounds (期) of a year, each round's participation imported
 * by branch from the national platform's export (checked row by row, written
 * only when accepted), 参学率 of the subtree and of each child organization,
 * the branch ranking and the branches below the threshold of the rules.
 */
export default function StudyPage() {
  const { orgId, setOrg } = useScopeOrg();
  const [year, setYear] = useYearParam();
  const canStats = useCan('stats:read');
  const [tab, setTab] = useState('rounds');
  return (
    <div>
      <PageHeader title="青年大学习" orgId={orgId} onOrg={setOrg}>
        <YearSelect value={year} onChange={setYear} />
      </PageHeader>
      {orgId ? (
        <Card>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'rounds', label: '期次与导入', children: <Rounds orgId={orgId} year={year} /> },
              ...(canStats ? [{ key: 'stats', label: '参学率与排名', children: <StudyStats orgId={orgId} year={year} onOrg={setOrg} /> }] : []),
            ]}
          />
        </Card>
      ) : (
        <PageLoading />
      )}
    </div>
  );
}

/* ------------------------------------------------------------------ rounds */

function Rounds({ orgId, year }: { orgId: number; year: number }) {
  const canEdit = useCan('org:edit');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [open, setOpen] = useState<number | null>(null);
  const [importing, setImporting] = useState<Round | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useApi(o.listStudyRounds, { query: { under: orgId, year, page, pageSize } });
  const items = list.data?.items ?? [];
  return (
    <>
      <Toolbar
        extra={
          <>
            <ExportButton contract={o.exportStudyRounds} input={{ query: { under: orgId, year } }} fileName={`青年大学习${year}年各期参学情况.xlsx`} />
            {canEdit && (
              <ExportButton contract={o.studyImportTemplate} input={{}} fileName="青年大学习导入模板.xlsx">
                下载导入模板
              </ExportButton>
            )}
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                登记期次
              </Button>
            )}
          </>
        }
      >
        <Typography.Text type="secondary">{year}年度共 {list.data?.total ?? '—'} 期；点击一期查看各团支部参学率排名，或导入平台导出的参学情况。</Typography.Text>
      </Toolbar>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Round>
          rowKey="id"
          size="middle"
          data-testid="rounds-table"
          loading={list.isFetching}
          dataSource={items}
          pagination={pagination(page, pageSize, list.data?.total ?? 0, (p, s) => (setPage(p), setPageSize(s)), '期')}
          locale={{ emptyText: `${year}年度尚未登记期次` }}
          columns={[
            { title: '期次', dataIndex: 'roundNo', width: 80, render: (n: number) => `第${n}期` },
            { title: '标题', dataIndex: 'title', render: (t: string, r) => <a onClick={() => setOpen(r.id)}>{t}</a> },
            { title: '开始日期', dataIndex: 'startOn', width: 120 },
            { title: '登记组织', dataIndex: 'orgName', ellipsis: true },
            { title: '已导入团支部', dataIndex: 'branches', width: 120, align: 'right' },
            { title: '参学人数', dataIndex: 'participants', width: 100, align: 'right' },
            { title: '团员基数', dataIndex: 'base', width: 100, align: 'right' },
            { title: '参学率', dataIndex: 'rate', width: 90, align: 'right', render: (r: number | null) => percentText(r) },
            {
              title: '',
              key: 'op',
              width: 150,
              render: (_, r) => (
                <Space size={12}>
                  <a onClick={() => setOpen(r.id)}>排名</a>
                  {canEdit && (
                    <a onClick={() => setImporting(r)} data-testid={`import-${r.roundNo}`}>
                      导入参学情况
                    </a>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      <Drawer open={open !== null} onClose={() => setOpen(null)} size={DRAWER_WIDTH} title="本期参学情况" destroyOnHidden>
        {open !== null && <RoundView id={open} onImport={(r) => setImporting(r)} />}
      </Drawer>
      {importing && <ImportModal round={importing} onClose={() => setImporting(null)} />}
      {creating && <RoundModal orgId={orgId} year={year} onClose={() => setCreating(false)} nextNo={Math.max(0, ...items.map((i) => i.roundNo)) + 1} />}
    </>
  );
}

/** Rates as a horizontal bar per row, the threshold as a line; rows below it in red. */
function rateBars(rows: { name: string; rate: number | null; below: boolean }[], threshold: number): EChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${v}%` },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { width: 220, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: '参学率',
        data: rows.map((r) => ({ value: r.rate === null ? 0 : Math.round(r.rate * 1000) / 10, itemStyle: { color: r.below ? RED : BLUE } })),
        label: { show: true, position: 'right', formatter: '{c}%' },
        markLine: { symbol: 'none', data: [{ xAxis: Math.round(threshold * 1000) / 10, name: '达标线' }], lineStyle: { color: '#e8a33d', type: 'dashed' }, label: { position: 'insideEndTop', formatter: `达标线 ${percentText(threshold)}` } },
      },
    ],
  };
}

function RoundView({ id, onImport }: { id: number; onImport(r: Round): void }) {
  const canEdit = useCan('org:edit');
  const detail = useApi(o.getStudyRound, { params: { id } });
  const d = detail.data;
  const top = useMemo(() => (d ? d.items.slice(0, 30).map((r) => ({ name: r.orgName, rate: r.rate, below: r.below })) : []), [d]);
  if (detail.isLoading) return <PageLoading />;
  if (detail.error || !d) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  const belowRows = d.items.filter((r) => r.below);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Descriptions size="small" bordered column={3} title={d.title}>
        <Descriptions.Item label="登记组织">{d.orgName}</Descriptions.Item>
        <Descriptions.Item label="开始日期">{d.startOn}</Descriptions.Item>
        <Descriptions.Item label="已导入团支部">{d.branches}</Descriptions.Item>
        <Descriptions.Item label="参学人数">{d.participants}</Descriptions.Item>
        <Descriptions.Item label="团员基数">{d.base}</Descriptions.Item>
        <Descriptions.Item label="参学率">
          {percentText(d.rate)}（达标线 {percentText(d.threshold)}）
        </Descriptions.Item>
      </Descriptions>
      <Space wrap>
        <ExportButton contract={o.exportStudyRound} input={{ params: { id } }} fileName={`${d.title}参学率排名.xlsx`} />
        {canEdit && (
          <Button icon={<UploadOutlined />} onClick={() => onImport(d)}>
            导入参学情况
          </Button>
        )}
      </Space>
      <Tabs
        items={[
          {
            key: 'chart',
            label: '排名图',
            children: top.length ? <EChart option={rateBars(top, d.threshold)} height={Math.max(220, 24 * top.length + 40)} /> : <Typography.Text type="secondary">尚未导入</Typography.Text>,
          },
          { key: 'rank', label: `排名（${d.items.length}）`, children: <RankingTable rows={d.items} testId="round-ranking" /> },
          { key: 'below', label: `低于达标线（${d.below}）`, children: <RankingTable rows={belowRows} testId="round-below" /> },
        ]}
      />
    </Space>
  );
}

/* ------------------------------------------------------------------ import */

/** Upload → preview with every bad row named → accept; nothing is written before the last step. */
function ImportModal({ round, onClose }: { round: Round; onClose(): void }) {
  const refresh = useRefreshYouth();
  const showError = useShowError();
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [written, setWritten] = useState<number | null>(null);

  async function upload(file: File) {
    if (file.size > api.IMPORT_FILE_MAX_MB * 1024 * 1024) {
      setRefusal(new ApiError(413, 'too_large', api.IMPORT_TOO_LARGE));
      return;
    }
    setBusy(true);
    setRefusal(null);
    try {
      const contentBase64 = await readFileBase64(file);
      const r = await call(o.previewStudyImport, { params: { id: round.id }, body: { fileName: file.name, contentBase64 } });
      setReport(r);
      setStep(1);
    } catch (err) {
      if (isRefusal(err)) setRefusal(err);
      else showError(err);
    } finally {
      setBusy(false);
    }
  }

  async function commit() {
    if (!report) return;
    setBusy(true);
    setRefusal(null);
    try {
      const r = await call(o.commitStudyImport, { params: { id: report.batchId } });
      setWritten(r.written);
      setStep(2);
      await refresh();
    } catch (err) {
      if (isRefusal(err)) setRefusal(err);
      else showError(err);
    } finally {
      setBusy(false);
    }
  }

  const footer =
    step === 0 ? (
      <Button onClick={onClose}>取消</Button>
    ) : step === 1 && report ? (
      <Space>
        <Button onClick={() => (setStep(0), setReport(null))}>重新选择文件</Button>
        <Button type="primary" disabled={report.valid === 0} loading={busy} onClick={() => void commit()} data-testid="commit-import">
          确认导入 {report.valid} 个团支部
        </Button>
      </Space>
    ) : (
      <Button type="primary" onClick={onClose}>
        完成
      </Button>
    );

  return (
    <Modal open title={`导入参学情况：${round.title}`} width={860} onCancel={onClose} footer={footer} destroyOnHidden mask={{ closable: false }}>
      <Steps size="small" current={step} items={[{ title: '上传文件' }, { title: '核对校验结果' }, { title: '完成' }]} style={{ marginBottom: 20 }} />
      <Refusal error={refusal} title="无法导入该文件" />
      {step === 0 && (
        <>
          <Upload.Dragger
            accept=".xlsx,.csv"
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{busy ? '正在读取并校验…' : '点击或拖入青年大学习平台导出的 Excel（.xlsx）或 CSV 文件'}</p>
            <p className="ant-upload-hint">{STUDY_HEADER_HELP}。组织名称须为团支部全称；上传后先校验，确认前不会写入。</p>
          </Upload.Dragger>
        </>
      )}
      {step === 1 && report && <ImportReport report={report} />}
      {step === 2 && <Result status="success" icon={<CheckCircleOutlined />} title={`已导入 ${written ?? 0} 个团支部的参学情况`} subTitle="同一期同一团支部的数据以本次导入为准" />}
    </Modal>
  );
}

function ImportReport({ report }: { report: Report }) {
  const bad = report.errors.length;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type={bad ? 'warning' : 'success'}
        showIcon
        data-testid="import-summary"
        title={`文件“${report.fileName}”共 ${report.total} 行：${report.valid} 行可以导入，${new Set(report.errors.map((e) => e.row)).size} 行有错误`}
        description={`表头在第${report.headerRow}行；组织名称取“${report.columns.name}”列，参学人数取“${report.columns.participants}”列，团员数${report.columns.base ? `取“${report.columns.base}”列` : '未提供，按导入时在册团员数计算'}。${bad ? '有错误的行不会导入，可修改文件后重新上传。' : ''}`}
      />
      {bad > 0 && (
        <Card size="small" title={`错误（${bad}）`} styles={{ body: { padding: 0 } }}>
          <Table
            rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
            size="small"
            data-testid="import-errors"
            dataSource={report.errors}
            pagination={{ pageSize: 8, hideOnSinglePage: true }}
            columns={[
              { title: '行', dataIndex: 'row', width: 60 },
              { title: '列', dataIndex: 'column', width: 140 },
              { title: '原因', dataIndex: 'message' },
            ]}
          />
        </Card>
      )}
      <Card size="small" title={`将导入（${report.valid}）`} styles={{ body: { padding: 0 } }}>
        <Table
          rowKey="row"
          size="small"
          data-testid="import-rows"
          dataSource={report.rows}
          pagination={{ pageSize: 8, hideOnSinglePage: true }}
          columns={[
            { title: '行', dataIndex: 'row', width: 60 },
            { title: '团支部', dataIndex: 'orgName' },
            { title: '参学人数', dataIndex: 'participants', width: 90, align: 'right' },
            { title: '团员基数', dataIndex: 'base', width: 90, align: 'right' },
            { title: '参学率', dataIndex: 'rate', width: 90, align: 'right', render: (r: number | null) => percentText(r) },
          ]}
        />
      </Card>
    </Space>
  );
}

interface RoundValues {
  orgId: number;
  year: number;
  roundNo: number;
  title: string;
  startOn: Dayjs;
}

function RoundModal({ orgId, year, nextNo, onClose }: { orgId: number; year: number; nextNo: number; onClose(): void }) {
  const [form] = Form.useForm<RoundValues>();
  const refresh = useRefreshYouth();
  const { message } = App.useApp();
  const { saving, refusal, run } = useDialogSubmit(form);
  const y = Form.useWatch('year', form);
  const startOn = Form.useWatch('startOn', form);
  const problems = y && startOn ? studyRoundProblems({ year: y, startOn: ymd(startOn) }) : [];
  const submit = async (v: RoundValues) => {
    await run(async () => {
      await call(o.createStudyRound, { body: { orgId: v.orgId, year: v.year, roundNo: v.roundNo, title: v.title, startOn: ymd(v.startOn) } });
      message.success(`已登记${v.year}年第${v.roundNo}期`);
      await refresh();
      onClose();
    });
  };
  return (
    <Modal open title="登记青年大学习期次" okText="登记" confirmLoading={saving} okButtonProps={{ disabled: problems.length > 0 }} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Refusal error={refusal} />
      <Problems problems={problems} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ orgId, year, roundNo: nextNo, title: `青年大学习${year}年第${nextNo}期`, startOn: defaultDateIn(year) }}>
        <Form.Item name="orgId" label="登记组织" rules={[{ required: true, message: '请选择组织' }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Space wrap>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={1950} max={2100} precision={0} />
          </Form.Item>
          <Form.Item name="roundNo" label="期次" rules={[{ required: true, message: '请填写期次' }]}>
            <InputNumber min={1} max={200} precision={0} />
          </Form.Item>
          <Form.Item name="startOn" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }, { min: 2, message: '标题至少2个字' }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/* ------------------------------------------------------------------- stats */

function StudyStats({ orgId, year, onOrg }: { orgId: number; year: number; onOrg(id: number): void }) {
  const [roundNo, setRoundNo] = useState<number | undefined>();
  // The figures (and the ranking's first page, which StatsRanking's first page shares).
  const stats = useApi(o.studyStats, { query: { orgId, year, roundNo, belowOnly: undefined, page: 1, pageSize: 20 } });
  const s = stats.data;
  if (stats.error) return <LoadError error={stats.error} onRetry={() => void stats.refetch()} />;
  return (
    <>
      <Toolbar extra={<ExportButton contract={o.exportStudyStats} input={{ query: { orgId, year, roundNo } }} fileName={`青年大学习参学率排名${year}.xlsx`} />}>
        <Select
          allowClear
          placeholder="全年各期合计"
          style={{ width: 220 }}
          value={roundNo}
          onChange={setRoundNo}
          options={(s?.rounds ?? []).map((r) => ({ value: r.roundNo, label: `第${r.roundNo}期（${percentText(r.rate)}）` }))}
          data-testid="round-filter"
        />
        <Typography.Text type="secondary">{roundNo ? `第${roundNo}期` : `${year}年各期合计（同一团支部同一期取最近导入）`}</Typography.Text>
      </Toolbar>
      <Figures
        loading={!s}
        items={[
          { title: '参学人次', value: s?.participants ?? '—', testId: 'study-participants' },
          { title: '团员基数', value: s?.base ?? '—' },
          { title: '参学率', value: s ? percentText(s.rate) : '—', testId: 'study-rate', color: s && s.rate !== null && s.rate < s.threshold ? RED : undefined },
          { title: '达标线（规则配置）', value: s ? percentText(s.threshold) : '—' },
          { title: '低于达标线的团支部', value: s?.below ?? '—', suffix: '个', testId: 'study-below', color: s?.below ? RED : undefined },
        ]}
      />
      {s && (
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card size="small" title="各下级组织参学率（点击查看该组织）" style={{ marginBottom: 16 }}>
              {s.children.length ? (
                <EChart
                  option={rateBars(s.children.map((c) => ({ name: c.orgName, rate: c.rate, below: c.below })), s.threshold)}
                  height={Math.max(200, 26 * s.children.length + 40)}
                  onClick={(p) => {
                    const c = s.children[p.dataIndex];
                    if (c) onOrg(c.orgId);
                  }}
                />
              ) : (
                <Typography.Text type="secondary">没有下级组织</Typography.Text>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title="各期参学率走势" style={{ marginBottom: 16 }}>
              <TrendChart s={s} />
            </Card>
          </Col>
        </Row>
      )}
      {s && (
        <Tabs
          items={[
            { key: 'rank', label: `团支部排名（${s.total}）`, children: <StatsRanking orgId={orgId} year={year} roundNo={roundNo} testId="stats-ranking" /> },
            { key: 'below', label: `低于达标线（${s.below}）`, children: <StatsRanking orgId={orgId} year={year} roundNo={roundNo} belowOnly testId="stats-below" /> },
            {
              key: 'children',
              label: '下级组织',
              children: (
                <Table
                  rowKey="orgId"
                  size="small"
                  dataSource={s.children}
                  pagination={false}
                  columns={[
                    { title: '组织', dataIndex: 'orgName', render: (n: string, c) => <a onClick={() => onOrg(c.orgId)}>{n}</a> },
                    { title: '参学人次', dataIndex: 'participants', align: 'right' },
                    { title: '团员基数', dataIndex: 'base', align: 'right' },
                    { title: '参学率', dataIndex: 'rate', align: 'right', render: (r: number | null, c) => (c.below ? <Tag color="red">{percentText(r)}</Tag> : percentText(r)) },
                  ]}
                />
              ),
            },
          ]}
        />
      )}
    </>
  );
}

function TrendChart({ s }: { s: Stats }) {
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${v}%` },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: s.rounds.map((r) => `第${r.roundNo}期`) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'line',
          name: '参学率',
          smooth: true,
          itemStyle: { color: BLUE },
          data: s.rounds.map((r) => (r.rate === null ? null : Math.round(r.rate * 1000) / 10)),
          markLine: { symbol: 'none', data: [{ yAxis: Math.round(s.threshold * 1000) / 10 }], lineStyle: { color: '#e8a33d', type: 'dashed' }, label: { position: 'insideEndTop', formatter: `达标线 ${percentText(s.threshold)}` } },
        },
      ],
    }),
    [s],
  );
  if (!s.rounds.length) return <Typography.Text type="secondary">本年度尚无参学数据</Typography.Text>;
  return <EChart option={option} height={260} />;
}
