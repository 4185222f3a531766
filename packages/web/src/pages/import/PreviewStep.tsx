import { Alert, Button, Col, Progress, Row, Space, Statistic, Table, Typography } from 'antd';
import type { MappedReport } from './useImportWizard';

/** What the commit will do: new, changed (with the fields) and unchanged rows, and every bad row and cell. */
export function PreviewStep({ report, onCommit, onBack, busy, progress }: { report: MappedReport; onCommit(): void; onBack(): void; busy: boolean; progress: number }) {
  const errorRows = new Set(report.errors.map((e) => e.row)).size;
  const nothing = report.created + report.changed === 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Row gutter={[16, 16]}>
        <Col xs={12} sm={6}><Statistic title="数据行" value={report.total} /></Col>
        <Col xs={12} sm={6}><Statistic title="新增" value={report.created} valueStyle={{ color: '#389e0d' }} /></Col>
        <Col xs={12} sm={6}><Statistic title="变更" value={report.changed} valueStyle={{ color: '#d48806' }} /></Col>
        <Col xs={12} sm={6}><Statistic title="无变化" value={report.unchanged} /></Col>
      </Row>
      {nothing && errorRows === 0 && <Alert type="success" showIcon title="文件与系统中的数据一致，导入不会改变任何数据" data-testid="preview-noop" />}
      {errorRows > 0 && <Alert type="error" showIcon title={`${errorRows}行有错误，这些行不会导入；改正后可重新上传`} data-testid="preview-errors" />}
      {report.errors.length > 0 && (
        <Table
          size="small"
          rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
          dataSource={report.errors}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            { title: '行', dataIndex: 'row', width: 60 },
            { title: '列', dataIndex: 'column', width: 160 },
            { title: '问题', dataIndex: 'message' },
          ]}
          data-testid="error-table"
        />
      )}
      {report.changes.length > 0 && (
        <Table
          size="small"
          rowKey="row"
          dataSource={report.changes}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            { title: '行', dataIndex: 'row', width: 60 },
            { title: '记录', dataIndex: 'label' },
            { title: '变更的字段', dataIndex: 'fields', render: (f: string[]) => f.join('、') },
          ]}
          data-testid="change-table"
        />
      )}
      {busy && <Progress percent={progress} status="active" data-testid="commit-progress" />}
      <Space wrap>
        <Button onClick={onBack} disabled={busy}>返回列对应</Button>
        <Button type="primary" loading={busy} disabled={nothing} onClick={onCommit} data-testid="import-commit">
          确认导入（新增{report.created}、变更{report.changed}）
        </Button>
      </Space>
      <Typography.Text type="secondary">导入在一个事务中完成：全部写入或全部不写入。</Typography.Text>
    </Space>
  );
}
