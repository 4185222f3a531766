import { PrinterOutlined, FileExcelOutlined } from '@ant-design/icons';
import { STAT_TABLES, api } from '@tuanjian/domain';
import { Alert, Button, Card, Empty, Radio, Select, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { download } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useAccount } from '../../auth/session';
import { LoadError, PageLoading } from '../../components/PageState';
import { PageHeader, useScopeOrg } from '../../components/page';
import { useShowError } from '../../lib/errors';
import { chinaToday } from '../../lib/people';
import { OrgName } from '../../components/OrgName';
import { FormTable, headerRows } from './FormTable';
import './print.css';
import { PdfButton } from '../documents/DocumentButtons';

type Result = api.StatTableResult;

/** “2026-10” → “2026年10月末”. */
export const monthEndText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月末`;

/**
 * 统计表: a standard table of a subtree, children as rows and a total row,
 * now or as of a month-end snapshot; printed as the paper form (A4 landscape,
 * the browser's “save as PDF” gives the PDF) or exported to Excel.
 */
export default function TablesPage() {
  const { orgId, setOrg, search, setSearch } = useScopeOrg();
  const table = STAT_TABLES.some((t) => t.key === search.get('table')) ? search.get('table')! : STAT_TABLES[0]!.key;
  const asOf = /^\d{4}-\d{2}$/.test(search.get('asOf') ?? '') ? search.get('asOf')! : undefined;
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: true });
  };
  // Drilling down is a step in the browser's history: “back” returns to the parent organization.
  const drill = (id: number) => {
    const next = new URLSearchParams(search);
    next.set('org', String(id));
    setSearch(next);
  };
  const snapshots = useApi(api.dashboard.listSnapshots, { query: { orgId: orgId ?? 0 } }, { enabled: !!orgId });
  const months = (snapshots.data ?? []).map((s) => s.month);

  return (
    <div>
      <div className="tj-no-print">
        <PageHeader title="统计表" orgId={orgId} onOrg={setOrg} />
        <Card size="small" style={{ marginBottom: 16 }}>
          <Space wrap size="middle">
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              value={table}
              onChange={(e) => set('table', e.target.value as string)}
              options={STAT_TABLES.map((t) => ({ value: t.key, label: t.title.replace(/统计表$/, '') }))}
              aria-label="统计表"
              data-testid="table-choice"
            />
            <Space>
              <Typography.Text type="secondary">统计时点</Typography.Text>
              <Select
                aria-label="统计时点"
                data-testid="as-of"
                style={{ width: 190 }}
                value={asOf ?? ''}
                onChange={(v) => set('asOf', v || null)}
                loading={snapshots.isLoading}
                options={[{ value: '', label: '当前（实时数据）' }, ...months.map((m) => ({ value: m, label: `${monthEndText(m)}快照` }))]}
                notFoundContent="暂无月末快照"
              />
            </Space>
          </Space>
        </Card>
      </div>
      {orgId ? <TableView key={`${orgId}-${table}-${asOf ?? ''}`} orgId={orgId} table={table} asOf={asOf} onDrill={drill} /> : <Empty description="请选择组织" />}
    </div>
  );
}

function TableView({ orgId, table, asOf, onDrill }: { orgId: number; table: string; asOf?: string; onDrill: (id: number) => void }) {
  const account = useAccount();
  const showError = useShowError();
  const [exporting, setExporting] = useState(false);
  const res = useApi(api.statTables.getStatTable, { params: { table }, query: { orgId, ...(asOf ? { asOf } : {}) } });
  if (res.isLoading) return <PageLoading />;
  if (res.error || !res.data) return <LoadError error={res.error} onRetry={() => void res.refetch()} />;
  const t: Result = res.data;
  const exportExcel = async () => {
    setExporting(true);
    try {
      await download(api.statTables.exportStatTable, { params: { table }, query: { orgId, ...(asOf ? { asOf } : {}) } }, `${t.title}.xlsx`);
    } catch (err) {
      showError(err);
    } finally {
      setExporting(false);
    }
  };
  const unitList = [...new Set(t.columns.map((c) => c.unit))];
  const units = unitList.join('、');
  // One unit for the whole table goes on the unit line only; mixed units are named in each header.
  const { top, bottom } = headerRows(t.columns.map((c) => ({ group: c.group, label: unitList.length > 1 ? `${c.label}（${c.unit}）` : c.label })));
  const when = t.asOf ? monthEndText(t.asOf) : `${chinaToday()}（实时）`;

  return (
    <Card
      className="tj-form-sheet"
      size="small"
      title={<span className="tj-no-print">{t.title}</span>}
      extra={
        <Space className="tj-no-print">
          <Typography.Text type="secondary">点击下级组织名称，以该组织为范围查看</Typography.Text>
          <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportExcel()} data-testid="export-excel">
            导出Excel
          </Button>
          <PdfButton contract={api.documents.statTablePdf} input={{ params: { table }, query: { orgId, ...(asOf ? { asOf } : {}) } }} fileName={`${t.title}.pdf`} data-testid="stat-table-pdf">
            PDF
          </PdfButton>
          <Tooltip title="打开打印预览（A4横向）；在打印对话框中选择“另存为PDF”即得到PDF文件">
            <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print">
              打印/导出PDF
            </Button>
          </Tooltip>
        </Space>
      }
    >
      <div className="tj-print-only tj-form-title" data-testid="print-title">
        {t.title}
      </div>
      <div className="tj-form-lines">
        <span>填报单位：{t.orgName}</span>
        <span>统计时点：{when}</span>
        <span>单位：{units}</span>
      </div>
      {t.rows.length === 0 && (
        <Alert className="tj-no-print" type="info" showIcon style={{ marginBottom: 8 }} title="该组织没有下级组织，表中只有合计行" />
      )}
      <div style={{ overflowX: 'auto' }}>
        <FormTable
          top={top}
          bottom={bottom}
          firstHeader="组织名称"
          rows={t.rows.map((r) => ({
            key: `${r.orgId}-${r.orgName}`,
            // On screen the 简称 (full name on hover); the printed form keeps the full name.
            name: r.orgShortName ? (
              <>
                <span className="tj-no-print">
                  <OrgName name={r.orgName} shortName={r.orgShortName} />
                </span>
                <span className="tj-print-only">{r.orgName}</span>
              </>
            ) : (
              r.orgName
            ),
            drill: r.orgId !== orgId ? () => onDrill(r.orgId) : undefined,
            cells: r.values.map((v, i) => format(v, t.columns[i]!.unit)),
          }))}
          total={{ name: '合计', cells: t.total.map((v, i) => format(v, t.columns[i]!.unit)) }}
        />
      </div>
      <div className="tj-form-lines" style={{ marginTop: 10 }}>
        <span>制表单位：{account.scopeOrgName ?? t.orgName}</span>
        <span>制表人：＿＿＿＿＿＿</span>
        <span>审核人：＿＿＿＿＿＿</span>
        <span>制表日期：{chinaToday()}</span>
      </div>
      <Typography.Paragraph type="secondary" className="tj-no-print" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        说明：数字来自与记录同步维护的汇总；“（本级）”行为该组织直接管理的人员和组织；比例类栏目的合计按合计数重新计算，不是各行相加。年龄按出生年份计算。
      </Typography.Paragraph>
    </Card>
  );
}

const format = (v: number, unit: string) => (unit === '%' ? v.toFixed(1) : String(v));
