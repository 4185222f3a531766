import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { api, fenToYuan } from '@tuanjian/domain';
import { Alert, App, Button, Col, Modal, Row, Space, Statistic, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { call, download } from '../../api/client';
import { useShowError } from '../../lib/errors';
import { readFileBase64 } from '../../lib/people';
import { useRefreshDues } from './shared';

const d = api.dailyWork;
type Report = api.dailyWork.DuesImportReport;
type ImportError = Report['errors'][number];

const MAX_BYTES = api.IMPORT_FILE_MAX_MB * 1024 * 1024;

/**
 * 导入交纳名单 of one branch: upload and check (nothing written, bad rows
 * named by row and column), then 确认导入 when every row is valid.
 */
export function DuesImportModal({ branchId, branchName, onClose }: { branchId: number; branchName: string; onClose(): void }) {
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const refresh = useRefreshDues();
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [checking, setChecking] = useState(false);
  const [committing, setCommitting] = useState(false);

  const check = async (f: File) => {
    if (!/\.xlsx$/i.test(f.name)) {
      message.error('请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）');
      return;
    }
    if (f.size > MAX_BYTES) {
      message.error(api.IMPORT_TOO_LARGE);
      return;
    }
    setChecking(true);
    setReport(null);
    try {
      const upload = { fileName: f.name, contentBase64: await readFileBase64(f) };
      setFile(upload);
      setReport(await call(d.importDuesPayments, { body: { orgId: branchId, ...upload, commit: false } }));
    } catch (err) {
      showError(err);
    } finally {
      setChecking(false);
    }
  };

  const commit = async () => {
    if (!file) return;
    setCommitting(true);
    try {
      const res = await call(d.importDuesPayments, { body: { orgId: branchId, ...file, commit: true } });
      if (!res.committed) {
        setReport(res);
        message.error('校验未通过，未导入任何记录');
        return;
      }
      await refresh();
      onClose();
      modal.success({ title: '导入完成', content: `已登记 ${res.accepted} 笔团费，合计 ${fenToYuan(res.totalFen)} 元。` });
    } catch (err) {
      showError(err);
    } finally {
      setCommitting(false);
    }
  };

  const errorRows = report ? new Set(report.errors.map((e) => e.row)).size : 0;
  const ready = !!report && report.errors.length === 0 && report.accepted > 0;

  return (
    <Modal
      open
      title={`导入团费交纳名单：${branchName}`}
      width={860}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" disabled={!ready} loading={committing} onClick={() => void commit()} data-testid="dues-import-commit">
            确认导入{ready ? `（${report.accepted}笔）` : ''}
          </Button>
        </Space>
      }
    >
      <Steps size="small" style={{ margin: '8px 0 20px' }} current={ready ? 2 : 1} status={report && report.errors.length ? 'error' : 'process'} items={[{ title: '下载模板并填写' }, { title: '上传并校验' }, { title: '确认导入' }]} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Button icon={<DownloadOutlined />} onClick={() => void download(d.duesImportTemplate, {}, '团费交纳名单导入模板.xlsx').catch(showError)}>
          下载导入模板
        </Button>
        <Typography.Text type="secondary">每行一名团员一个月；金额按元填写（最多两位小数），不填按应交标准；线上缴纳须填写回单号。</Typography.Text>
      </Space>
      <Upload.Dragger
        accept=".xlsx"
        multiple={false}
        showUploadList={false}
        disabled={checking}
        beforeUpload={(f) => {
          void check(f);
          return false;
        }}
        data-testid="dues-import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{checking ? '正在校验…' : '点击或将填好的 Excel 文件拖到此处'}</p>
        <p className="ant-upload-hint">校验不写入数据；全部行正确后才能确认导入。</p>
      </Upload.Dragger>
      {report && (
        <div style={{ marginTop: 20 }} data-testid="dues-import-report">
          <Typography.Text strong>校验结果：{file?.fileName}</Typography.Text>
          <Row gutter={16} style={{ margin: '12px 0' }}>
            <Col span={6}>
              <Statistic title="数据行" value={report.rows} suffix="行" />
            </Col>
            <Col span={6}>
              <Statistic title="正确" value={report.accepted} suffix="行" styles={{ content: { color: report.accepted ? '#3a9d5d' : undefined } }} />
            </Col>
            <Col span={6}>
              <Statistic title="有错误" value={errorRows} suffix="行" styles={{ content: { color: errorRows ? '#cf1322' : undefined } }} />
            </Col>
            <Col span={6}>
              <Statistic title="正确行金额" value={fenToYuan(report.totalFen)} suffix="元" />
            </Col>
          </Row>
          {report.errors.length === 0 ? (
            <Alert type={report.accepted ? 'success' : 'info'} showIcon title={report.accepted ? `全部校验通过，确认后登记${report.accepted}笔。` : '文件中没有数据行。'} />
          ) : (
            <>
              <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`${errorRows}行有错误：请按下表在表格中修改后重新上传（有错误时整份名单都不导入）。`} />
              <Table<ImportError>
                rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                size="small"
                bordered
                dataSource={report.errors}
                pagination={report.errors.length > 8 ? { pageSize: 8, showSizeChanger: false, size: 'small' } : false}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 80 },
                  { title: '列', dataIndex: 'column', width: 140 },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            </>
          )}
        </div>
      )}
    </Modal>
  );
}
