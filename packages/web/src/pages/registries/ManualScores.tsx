import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { MANUAL_METRIC, api } from '@tuanjian/domain';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { call, urlOf } from '../../api/client';
import { invalidate, useApi } from '../../api/hooks';
import { Refusal, useDialogSubmit } from '../../components/page';
import { useShowError } from '../../lib/errors';
import { readFileBase64 } from '../../lib/people';

type Scheme = api.reports.SchemeItem;
type Item = api.ResponseOf<typeof api.registries.listManualScores>['items'][number];
const r = api.registries;

/**
 * The scheme's manual (qualitative) indicators: each assessed organization's score, the committee's
 * evidence note and files. The assessing committee scores and uploads; a township sees its own.
 */
export function ManualScores({ scheme, orgs }: { scheme: Scheme; orgs: { orgId: number; orgName: string }[] }) {
  const manual = scheme.indicators.filter((i) => i.metric === MANUAL_METRIC);
  const q = useApi(r.listManualScores, { params: { id: scheme.id } }, { enabled: manual.length > 0 });
  const [scoring, setScoring] = useState<{ orgId?: number; indicatorKey?: string; score?: number; note?: string | null } | null>(null);
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  if (!manual.length) return null;
  const canScore = !!q.data?.canScore;
  const upload = async (item: Item, file: File) => {
    try {
      await call(r.uploadManualEvidence, { params: { id: item.id }, body: { fileName: file.name, mimeType: file.type, contentBase64: await readFileBase64(file) } });
      message.success('佐证已上传');
      await invalidate(client, r.listManualScores);
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Card
      size="small"
      title="人工评分指标（考核单位评定）"
      style={{ marginTop: 16 }}
      extra={canScore && <Button onClick={() => setScoring({})} data-testid="manual-score-add">评分</Button>}
    >
      <Typography.Paragraph type="secondary">
        {manual.map((m) => `${m.label}（${m.weight}分）：${m.rule ?? ''}`).join('；')}
      </Typography.Paragraph>
      <Table<Item>
        rowKey="id"
        size="small"
        pagination={false}
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 800 }}
        data-testid="manual-scores"
        locale={{ emptyText: '尚未评分' }}
        columns={[
          { title: '单位', dataIndex: 'orgName', width: 200 },
          { title: '指标', dataIndex: 'indicatorLabel', width: 160 },
          { title: '得分', dataIndex: 'score', width: 70 },
          { title: '佐证说明', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
          {
            title: '佐证材料',
            key: 'files',
            width: 200,
            render: (_: unknown, it) => (
              <Space direction="vertical" size={2}>
                {it.attachments.map((a) => (
                  <a key={a.id} href={urlOf(api.orgLife.downloadAttachment, { params: { id: a.id } })}>
                    {a.fileName}
                  </a>
                ))}
                {canScore && (
                  <Space>
                    <Upload showUploadList={false} accept=".jpg,.jpeg,.png,.pdf,.docx,.xlsx" beforeUpload={(f) => (void upload(it, f), false)}>
                      <Button size="small" icon={<UploadOutlined />}>上传</Button>
                    </Upload>
                    <Button size="small" onClick={() => setScoring({ orgId: it.orgId, indicatorKey: it.indicatorKey, score: it.score, note: it.note })}>改分</Button>
                  </Space>
                )}
              </Space>
            ),
          },
        ]}
      />
      {scoring && <ScoreDialog scheme={scheme} orgs={orgs} initial={scoring} onClose={() => setScoring(null)} />}
    </Card>
  );
}

function ScoreDialog({ scheme, orgs, initial, onClose }: { scheme: Scheme; orgs: { orgId: number; orgName: string }[]; initial: Record<string, unknown>; onClose(): void }) {
  const [form] = Form.useForm<{ orgId: number; indicatorKey: string; score: number; note?: string }>();
  const { saving, refusal, run } = useDialogSubmit(form);
  const client = useQueryClient();
  const manual = scheme.indicators.filter((i) => i.metric === MANUAL_METRIC);
  const key = Form.useWatch('indicatorKey', form);
  const max = manual.find((m) => m.key === key)?.weight ?? 100;
  return (
    <Modal open title="人工评分" okText="保存" confirmLoading={saving} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) =>
          void run(async () => {
            await call(r.putManualScore, { params: { id: scheme.id }, body: { orgId: v.orgId, indicatorKey: v.indicatorKey, score: v.score, note: v.note || null } });
            await invalidate(client, r.listManualScores, api.reports.getScores);
            onClose();
          })
        }
      >
        <Form.Item name="orgId" label="被考核单位" rules={[{ required: true, message: '请选择被考核单位' }]}>
          <Select options={orgs.map((o) => ({ value: o.orgId, label: o.orgName }))} />
        </Form.Item>
        <Form.Item name="indicatorKey" label="指标" rules={[{ required: true, message: '请选择指标' }]}>
          <Select options={manual.map((m) => ({ value: m.key, label: `${m.label}（${m.weight}分）` }))} />
        </Form.Item>
        <Form.Item name="score" label={`得分（0—${max}）`} rules={[{ required: true, message: '请填写得分' }]}>
          <InputNumber min={0} max={max} step={0.5} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label="佐证说明" extra="佐证材料可在评分后上传">
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
      {refusal ? <Refusal error={refusal} /> : null}
    </Modal>
  );
}
