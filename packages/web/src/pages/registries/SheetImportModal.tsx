import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { api } from '@tuanjian/domain';
import { Alert, App, Button, Col, Form, Modal, Row, Table, Upload } from 'antd';
import { useState } from 'react';
import { call, download } from '../../api/client';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useShowError } from '../../lib/errors';
import { readFileBase64 } from '../../lib/people';

type Result = api.registries.NewSectorImportResult;
const MAX_BYTES = api.IMPORT_FILE_MAX_MB * 1024 * 1024;

/**
 * The registries' import dialog (“三新” units, honors, 团代会代表): the organization imported into (when the import
 * asks for one: orgExtra), the template, the file checked row by row and written only when the whole file is clean,
 * errors by row and column.
 */
export function SheetImportModal(props: {
  title: string;
  defaultOrgId: number | null;
  /** The hint under the organization picker; without it the dialog has no picker (the import's target is fixed, e.g. a congress). */
  orgExtra?: string;
  template: { contract: typeof api.registries.newSectorImportTemplate | typeof api.registries.honorImportTemplate | typeof api.deputies.deputyImportTemplate; fileName: string };
  send(orgId: number, file: { fileName: string; contentBase64: string }): Promise<Result>;
  dropText: string;
  hint: string;
  written(r: Result): string;
  onWritten(): Promise<unknown>;
  testId: string;
  onClose(): void;
}) {
  const { message } = App.useApp();
  const showError = useShowError();
  const [orgId, setOrgId] = useState<number | null>(props.defaultOrgId);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const upload = async (file: File) => {
    if (!orgId) return void message.warning('请先选择导入到的组织');
    if (!/\.(xlsx|csv)$/i.test(file.name)) return void message.error('请上传 .xlsx 或 CSV 文件（可先下载导入模板）');
    if (file.size > MAX_BYTES) return void message.error(api.IMPORT_TOO_LARGE);
    setBusy(true);
    setResult(null);
    try {
      const res = await props.send(orgId, { fileName: file.name, contentBase64: await readFileBase64(file) });
      setResult(res);
      if (res.written) await props.onWritten();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={props.title} width={760} footer={<Button onClick={props.onClose}>关闭</Button>} onCancel={props.onClose}>
      <Row gutter={12} align="bottom">
        {props.orgExtra !== undefined && (
          <Col flex="auto">
            <Form layout="vertical">
              <Form.Item label="导入到" extra={props.orgExtra}>
                <OrgTreeSelect value={orgId} onChange={(id) => (setOrgId(id), setResult(null))} />
              </Form.Item>
            </Form>
          </Col>
        )}
        <Col>
          <Button icon={<DownloadOutlined />} style={{ marginBottom: props.orgExtra !== undefined ? 36 : 12 }} onClick={() => download(props.template.contract, {}, props.template.fileName).catch(showError)}>
            下载导入模板
          </Button>
        </Col>
      </Row>
      <Upload.Dragger accept=".xlsx,.csv" multiple={false} showUploadList={false} disabled={busy || !orgId} beforeUpload={(f) => (void upload(f), false)} data-testid={`${props.testId}-upload`}>
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{busy ? '正在校验…' : props.dropText}</p>
        <p className="ant-upload-hint">{props.hint}</p>
      </Upload.Dragger>
      {result && (
        <div style={{ marginTop: 16 }} data-testid={`${props.testId}-result`}>
          {result.written ? (
            <Alert type="success" showIcon title={props.written(result)} />
          ) : (
            <Alert type={result.errors.length ? 'error' : 'info'} showIcon title={result.errors.length ? `共 ${result.total} 行，${result.errors.length} 处错误，未写入；请修改后重新上传` : '文件中没有数据行'} />
          )}
          {result.errors.length > 0 && (
            <Table size="small" rowKey={(e) => `${e.row}-${e.column}-${e.message}`} style={{ marginTop: 12 }} pagination={{ pageSize: 10 }} dataSource={result.errors}
              columns={[{ title: '行', dataIndex: 'row', width: 60 }, { title: '列', dataIndex: 'column', width: 140 }, { title: '问题', dataIndex: 'message' }]} />
          )}
        </div>
      )}
    </Modal>
  );
}
