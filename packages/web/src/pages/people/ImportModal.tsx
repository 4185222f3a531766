import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '@tuanjian/domain';
import { Alert, App, Button, Col, Form, Modal, Row, Space, Statistic, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { call, download } from '../../api/client';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useShowError } from '../../lib/errors';
import { readFileBase64 } from '../../lib/people';
import { refreshPeopleData } from './PersonFormModal';

type ImportReport = api.ImportReport;
type ImportError = ImportReport['errors'][number];

const MAX_BYTES = api.IMPORT_FILE_MAX_MB * 1024 * 1024;

/**
 * 导入: template, upload and check (nothing written), then 确认导入 of the
 * valid rows in one go.
 */
export function ImportModal({ defaultOrgId, onClose }: { defaultOrgId: number | null; onClose(): void }) {
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const [orgId, setOrgId] = useState<number | null>(defaultOrgId);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [checking, setChecking] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [gettingTemplate, setGettingTemplate] = useState(false);

  const template = async () => {
    setGettingTemplate(true);
    try {
      await download(api.people.importTemplate, {}, '青年团员导入模板.xlsx');
    } catch (err) {
      showError(err);
    } finally {
      setGettingTemplate(false);
    }
  };

  const check = async (file: File) => {
    if (!orgId) {
      message.warning('请先选择导入到的组织');
      return;
    }
    if (!/\.xlsx$/i.test(file.name)) {
      message.error('请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）');
      return;
    }
    if (file.size > MAX_BYTES) {
      message.error(api.IMPORT_TOO_LARGE);
      return;
    }
    setChecking(true);
    setReport(null);
    try {
      const contentBase64 = await readFileBase64(file);
      setReport(await call(api.people.previewImport, { body: { fileName: file.name, contentBase64, orgId } }));
    } catch (err) {
      showError(err);
    } finally {
      setChecking(false);
    }
  };

  const commit = async () => {
    if (!report) return;
    setCommitting(true);
    try {
      const result = await call(api.people.commitImport, { params: { id: report.batchId } });
      await refreshPeopleData(queryClient);
      onClose();
      modal.success({
        title: '导入完成',
        content: (
          <div>
            新登记 {result.inserted} 人
            {result.unchanged > 0 && `，${result.unchanged} 人与已登记信息一致未变更`}
            {result.skippedErrors > 0 && `，${result.skippedErrors} 行有错误未导入（请修改后重新导入）`}。
          </div>
        ),
      });
    } catch (err) {
      showError(err);
    } finally {
      setCommitting(false);
    }
  };

  const errorRows = report ? new Set(report.errors.map((e) => e.row)).size : 0;
  // A wrong header makes every column doubtful: the server refuses to commit such a batch.
  const headerError = report?.errors.some((e) => e.column === '表头') ?? false;

  return (
    <Modal
      open
      title="导入青年团员名册"
      width={880}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" disabled={!report || report.valid === 0 || headerError} loading={committing} onClick={() => void commit()} data-testid="import-commit">
            确认导入{report && report.valid > 0 ? `（${report.valid}人）` : ''}
          </Button>
        </Space>
      }
    >
      <Steps
        size="small"
        style={{ margin: '8px 0 20px' }}
        current={report ? 2 : 1}
        items={[{ title: '下载模板并填写' }, { title: '上传并校验' }, { title: '确认导入' }]}
      />
      <Row gutter={16} align="bottom">
        <Col flex="auto">
          <Form layout="vertical">
            <Form.Item label="导入到" extra="表中“所在组织”一栏为空的行，登记到此组织" style={{ marginBottom: 12 }}>
              <OrgTreeSelect
                value={orgId}
                onChange={(id) => {
                  setOrgId(id);
                  setReport(null);
                }}
                placeholder="请选择组织"
              />
            </Form.Item>
          </Form>
        </Col>
        <Col>
          <Button icon={<DownloadOutlined />} loading={gettingTemplate} onClick={() => void template()} style={{ marginBottom: 36 }}>
            下载导入模板
          </Button>
        </Col>
      </Row>
      <Upload.Dragger
        accept=".xlsx"
        multiple={false}
        showUploadList={false}
        disabled={checking || !orgId}
        beforeUpload={(file) => {
          void check(file);
          return false;
        }}
        data-testid="import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{checking ? '正在校验…' : '点击或将填好的 Excel 文件拖到此处'}</p>
        <p className="ant-upload-hint">只读取第一个工作表；校验不写入数据，确认后才导入。</p>
      </Upload.Dragger>
      {report && (
        <div style={{ marginTop: 20 }} data-testid="import-report">
          <Typography.Text strong>校验结果：{report.fileName}</Typography.Text>
          <Row gutter={16} style={{ margin: '12px 0' }}>
            <Col span={6}>
              <Statistic title="数据行" value={report.total} suffix="行" />
            </Col>
            <Col span={6}>
              <Statistic title="可导入" value={report.valid} suffix="人" styles={{ content: { color: report.valid ? '#3a9d5d' : undefined } }} />
            </Col>
            <Col span={6}>
              <Statistic title="与已登记一致" value={report.unchanged} suffix="人" />
            </Col>
            <Col span={6}>
              <Statistic title="有错误" value={errorRows} suffix="行" styles={{ content: { color: errorRows ? '#cf1322' : undefined } }} />
            </Col>
          </Row>
          {report.errors.length === 0 ? (
            <Alert type="success" showIcon title={report.valid ? `全部校验通过，确认后导入${report.valid}人。` : '没有需要导入的新数据。'} />
          ) : (
            <>
              <Alert
                type={report.valid && !headerError ? 'warning' : 'error'}
                showIcon
                style={{ marginBottom: 12 }}
                title={
                  headerError
                    ? '表头与导入模板不一致，不能导入：请用下载的导入模板填写后重新上传。'
                    : report.valid
                    ? `${errorRows}行有错误，确认导入时只导入校验通过的${report.valid}人；有错误的行请在表格中修改后重新导入。`
                    : '没有可导入的行，请按下表修改后重新上传。'
                }
              />
              <Table<ImportError>
                rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                size="small"
                bordered
                dataSource={report.errors}
                pagination={report.errors.length > 8 ? { pageSize: 8, showSizeChanger: false, size: 'small' } : false}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 80, sorter: (a, b) => a.row - b.row, defaultSortOrder: 'ascend' },
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
