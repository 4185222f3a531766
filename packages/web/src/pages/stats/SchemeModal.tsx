import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  ASSESSMENT_DIRECTION_LABELS,
  ASSESSMENT_DIRECTIONS,
  DEFAULT_INDICATORS,
  FIGURES,
  MANUAL_METRIC,
  MANUAL_METRIC_LABEL,
  SCORING_RULES,
  SCORING_RULE_LABELS,
  api,
  schemeProblems,
  scoreStepsFromText,
  scoreStepsText,
  type Indicator,
} from '@tuanjian/domain';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { invalidate } from '../../api/hooks';
import { useAccount } from '../../auth/session';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { Problems, Refusal, isRefusal } from '../../components/page';
import { useShowError } from '../../lib/errors';

const R = api.reports;
type Scheme = api.reports.SchemeItem;

/** The scheme editor (制定/修改考核方案): indicators with source, rule, weight, target, direction and scoring rule. */
interface SchemeForm {
  orgId: number;
  title: string;
  indicators: (Indicator & { stepsText?: string })[];
}

/** The editor's indicator as the API takes it: threshold steps from their text. */
const fromForm = ({ stepsText, ...i }: SchemeForm['indicators'][number]): Indicator =>
  i.scoring === 'threshold' ? { ...i, steps: scoreStepsFromText(stepsText ?? '').steps } : { ...i, steps: undefined };

export function SchemeModal({ year, scheme, onClose, onSaved }: { year: number; scheme: Scheme | null; onClose(): void; onSaved(id: number): void }) {
  const account = useAccount();
  const [form] = Form.useForm<SchemeForm>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const watched = Form.useWatch('indicators', form) as SchemeForm['indicators'] | undefined;
  const stepProblems = (watched ?? []).filter((i) => i?.scoring === 'threshold').map((i) => scoreStepsFromText(i.stepsText ?? '').problem).filter((p): p is string => !!p);
  const problems = watched ? [...stepProblems, ...schemeProblems(watched.filter(Boolean).map((i) => ({ ...fromForm(i), weight: Number(i.weight ?? 0), target: Number(i.target ?? 0) })))] : [];
  const total = (watched ?? []).reduce((s, i) => s + Number(i?.weight ?? 0), 0);
  const submit = async () => {
    const v = await form.validateFields();
    const indicators = v.indicators.map((i, n) => ({ ...fromForm(i), key: i.key || `k${n + 1}` }));
    setBusy(true);
    setError(null);
    try {
      if (scheme) {
        await call(R.updateScheme, { params: { id: scheme.id }, body: { title: v.title, indicators } });
        onSaved(scheme.id);
      } else {
        const res = await call(R.createScheme, { body: { orgId: v.orgId, year, title: v.title, indicators } });
        onSaved(res.id);
      }
      message.success('考核方案已保存（草稿），核对后请发布');
      await invalidate(qc, R.listSchemes, R.getScores);
      onClose();
    } catch (err) {
      if (isRefusal(err)) setError(err);
      else showError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open width={1000} title={scheme ? '修改考核方案' : `制定${year}年度考核方案`} okText="保存" okButtonProps={{ loading: busy }} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Refusal error={error} />
      <Form<SchemeForm>
        form={form}
        layout="vertical"
        initialValues={{
          orgId: scheme?.org.id ?? account.scopeOrgId ?? undefined,
          title: scheme?.title ?? `${year}年度党建带团建工作考核方案`,
          indicators: (scheme?.indicators ?? DEFAULT_INDICATORS).map((i) => ({ ...i, scoring: i.scoring ?? 'linear', stepsText: scoreStepsText(i.steps) })),
        }}
      >
        {!scheme && (
          <Form.Item name="orgId" label="考核单位（对其直属下级组织考核）" rules={[{ required: true, message: '请选择考核单位' }]}>
            <OrgTreeSelect />
          </Form.Item>
        )}
        <Form.Item name="title" label="方案名称" rules={[{ required: true, message: '请填写方案名称' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" size={6}>
                  <Form.Item name={[f.name, 'key']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item style={{ marginBottom: 8 }} name={[f.name, 'label']} rules={[{ required: true, message: '请填写指标名称' }]}>
                    <Input placeholder="指标名称" style={{ width: 210 }} aria-label="指标名称" />
                  </Form.Item>
                  <Form.Item style={{ marginBottom: 8 }} name={[f.name, 'metric']} rules={[{ required: true, message: '请选择数据来源' }]}>
                    <Select placeholder="数据来源" style={{ width: 220 }} aria-label="数据来源" options={[...FIGURES.map((x) => ({ value: x.key, label: x.label, title: x.how })), { value: MANUAL_METRIC, label: MANUAL_METRIC_LABEL, title: '考核单位按评分细则评分，附佐证' }]} />
                  </Form.Item>
                  <Form.Item style={{ marginBottom: 8 }} name={[f.name, 'rule']}>
                    <Input placeholder="评分细则（人工评分必填）" style={{ width: 220 }} aria-label="评分细则" />
                  </Form.Item>
                  <Form.Item style={{ marginBottom: 8 }} name={[f.name, 'weight']} rules={[{ required: true, message: '请填写权重' }]}>
                    <InputNumber min={0.5} max={100} addonBefore="权重" style={{ width: 130 }} aria-label="权重" />
                  </Form.Item>
                  <Form.Item style={{ marginBottom: 8 }} name={[f.name, 'target']} rules={[{ required: true, message: '请填写目标值' }]}>
                    <InputNumber min={0} max={10000} addonBefore="目标" style={{ width: 140 }} aria-label="目标值" />
                  </Form.Item>
                  <Form.Item style={{ marginBottom: 8 }} name={[f.name, 'direction']} initialValue="higher">
                    <Select style={{ width: 110 }} options={ASSESSMENT_DIRECTIONS.map((d) => ({ value: d, label: ASSESSMENT_DIRECTION_LABELS[d] }))} />
                  </Form.Item>
                  <Form.Item style={{ marginBottom: 8 }} name={[f.name, 'scoring']} initialValue="linear">
                    <Select style={{ width: 130 }} aria-label="计分方式" options={SCORING_RULES.map((x) => ({ value: x, label: SCORING_RULE_LABELS[x] }))} />
                  </Form.Item>
                  <Form.Item style={{ marginBottom: 8 }} name={[f.name, 'stepsText']}>
                    <Input placeholder="分档 95:15, 80:10" style={{ width: 150 }} aria-label="分档" />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除指标" />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ direction: 'higher' })} style={{ marginBottom: 12 }}>
                添加指标
              </Button>
            </>
          )}
        </Form.List>
        <Alert type={Math.abs(total - 100) < 1e-9 ? 'success' : 'info'} showIcon style={{ marginBottom: 12 }} title={`权重合计 ${total}（应为100）；比率类指标的目标值按百分数填写，如覆盖率 100、年增幅 20。`} />
        <Problems problems={problems} title="方案还需调整" />
      </Form>
    </Modal>
  );
}
