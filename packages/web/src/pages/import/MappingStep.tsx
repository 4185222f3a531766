import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd';
import type { MappedReport } from './useImportWizard';

/**
 * The columns of the file and the field each fills: recognized from the
 * synonyms (or the mapping confirmed last time for the same headers), to be
 * confirmed or corrected. Required fields without a column are named.
 */
export function MappingStep({ report, mapping, onChange, onConfirm, onBack, busy }: {
  report: MappedReport;
  mapping: (string | null)[];
  onChange(m: (string | null)[]): void;
  onConfirm(): void;
  onBack(): void;
  busy: boolean;
}) {
  const missing = report.fields.filter((f) => f.required && !mapping.includes(f.key));
  const options = [{ value: '', label: '（不导入）' }, ...report.fields.map((f) => ({ value: f.key, label: `${f.label}${f.required ? ' *' : ''}` }))];
  const rows = report.headers.map((h, i) => ({ key: i, header: h || `（第${i + 1}列无表头）`, field: mapping[i] ?? null }));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Text type="secondary" data-testid="mapping-source">
        第{report.headerRow}行为表头；
        {report.mappingSource === 'saved' ? '已套用上次确认的列对应' : '已按表头同义词识别列对应'}，请核对后确认。
      </Typography.Text>
      {missing.length > 0 && <Alert type="warning" showIcon title={`缺少必填列：${missing.map((f) => f.label).join('、')}`} data-testid="mapping-missing" />}
      <Table
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: true }}
        columns={[
          { title: '文件中的列', dataIndex: 'header', render: (h: string, r) => <span>{h} <Typography.Text type="secondary">（{String.fromCharCode(65 + (r.key % 26))}列）</Typography.Text></span> },
          {
            title: '导入为',
            dataIndex: 'field',
            width: 220,
            render: (field: string | null, r) => (
              <Select
                aria-label={`列“${r.header}”导入为`}
                data-testid={`map-${r.key}`}
                style={{ width: '100%', minWidth: 150 }}
                value={field ?? ''}
                options={options}
                onChange={(v) => onChange(mapping.map((m, i) => (i === r.key ? v || null : m)))}
              />
            ),
          },
          { title: '', width: 70, render: (_, r) => (r.field ? <Tag color="green">已识别</Tag> : null) },
        ]}
      />
      <Space wrap>
        <Button onClick={onBack}>重新上传</Button>
        <Button type="primary" loading={busy} disabled={missing.length > 0} onClick={onConfirm} data-testid="mapping-confirm">
          确认列对应并校验
        </Button>
      </Space>
    </Space>
  );
}
