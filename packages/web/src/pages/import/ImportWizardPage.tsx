import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { IMPORT_KINDS, IMPORT_KIND_LABELS, IMPORT_KIND_PERMISSION, api, type ImportKind } from '@tuanjian/domain';
import { Alert, App, Button, Card, Progress, Result, Segmented, Space, Steps, Typography, Upload } from 'antd';
import { useState } from 'react';
import { download } from '../../api/client';
import { useAccount } from '../../auth/session';
import { PageHeader, useScopeOrg } from '../../components/page';
import { useShowError } from '../../lib/errors';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import { useImportWizard } from './useImportWizard';

const STEPS = ['upload', 'mapping', 'preview', 'done'] as const;
const NATIONAL_EXPORTS = [
  ['people', '人员'],
  ['organizations', '组织'],
  ['cadres', '团干部'],
] as const;

/**
 * 数据导入 (issue 14): any spreadsheet a county already has — the national
 * system's exports, years of lists with headers of their own — for every kind
 * of record, through one wizard: upload → columns → preview → commit → summary.
 */
export default function ImportWizardPage() {
  const account = useAccount();
  const { orgId, setOrg } = useScopeOrg();
  const { message } = App.useApp();
  const showError = useShowError();
  const w = useImportWizard();
  const [exporting, setExporting] = useState<string | null>(null);
  const kinds = IMPORT_KINDS.filter((k) => account.permissions.includes(IMPORT_KIND_PERMISSION[k]));

  const exportNational = async (kind: (typeof NATIONAL_EXPORTS)[number][0]) => {
    if (!orgId) return;
    setExporting(kind);
    try {
      await download(api.imports.exportNational, { params: { kind }, query: { orgId } });
    } catch (err) {
      showError(err);
    } finally {
      setExporting(null);
    }
  };

  return (
    <div>
      <PageHeader title="数据导入" orgId={orgId} onOrg={setOrg} />
      <Card>
        <Steps
          size="small"
          responsive={false}
          style={{ marginBottom: 20 }}
          current={STEPS.indexOf(w.step)}
          items={[{ title: '上传' }, { title: '列对应' }, { title: '预览' }, { title: '完成' }]}
        />
        {w.step === 'upload' && (
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <Segmented<ImportKind>
              data-testid="import-kind"
              value={w.kind}
              onChange={w.setKind}
              options={kinds.map((k) => ({ value: k, label: IMPORT_KIND_LABELS[k] }))}
              style={{ maxWidth: '100%', overflowX: 'auto' }}
            />
            <Upload.Dragger
              accept=".xlsx,.csv"
              showUploadList={false}
              disabled={!orgId || !!w.busy}
              beforeUpload={(file) => {
                if (orgId) void w.upload(orgId, file).then((problem) => {
                  if (problem) message.error(problem);
                });
                return false;
              }}
              data-testid="import-upload"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p>点击或拖入 Excel（.xlsx）或 CSV 文件</p>
              <Typography.Text type="secondary">可直接上传全国系统（智慧团建）导出的表格或本县历年的名单，系统自动识别表头</Typography.Text>
            </Upload.Dragger>
            {w.busy && <Progress percent={w.progress} status="active" data-testid="upload-progress" format={(p) => (p === 100 ? '校验中' : `${p}%`)} />}
          </Space>
        )}
        {w.step === 'mapping' && w.report && orgId && (
          <MappingStep report={w.report} mapping={w.mapping} onChange={w.setMapping} onConfirm={() => void w.confirmMapping(orgId)} onBack={w.restart} busy={w.busy === 'check'} />
        )}
        {w.step === 'preview' && w.report && <PreviewStep report={w.report} onCommit={() => void w.commit()} onBack={() => w.setStep('mapping')} busy={w.busy === 'commit'} progress={w.progress} />}
        {w.step === 'done' && w.result && (
          <Result
            status="success"
            title="导入完成"
            subTitle={
              <span data-testid="import-summary">
                新增{w.result.created}条，变更{w.result.changed}条，{w.result.unchanged}条无变化
                {w.result.skippedErrors > 0 ? `，${w.result.skippedErrors}行有错误未导入` : ''}；列对应已保存，下次导入相同表头的文件时自动套用。
              </span>
            }
            extra={<Button type="primary" onClick={w.restart}>继续导入</Button>}
          />
        )}
      </Card>
      {account.permissions.includes('person:sensitive') && (
        <Card title="导出为全国系统导入格式" size="small" style={{ marginTop: 16 }}>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title="按智慧团建导入模板的列导出，含完整身份证号（导出记入操作日志）；各列表页的导出仍为本系统模板。" />
          <Space wrap>
            {NATIONAL_EXPORTS.map(([kind, label]) => (
              <Button key={kind} icon={<DownloadOutlined />} loading={exporting === kind} onClick={() => void exportNational(kind)} data-testid={`export-national-${kind}`}>
                {label}
              </Button>
            ))}
          </Space>
        </Card>
      )}
    </div>
  );
}
