import { useQueryClient } from '@tanstack/react-query';
import { api, describeRuleSections, type RuleFieldInfo, type RuleSection } from '@tuanjian/domain';
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Switch, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../api/client';
import { keyOf, useApi } from '../api/hooks';
import { LoadError, PageLoading } from '../components/PageState';
import { useShowError } from '../lib/errors';
import { BackupStatusCard } from './system/BackupStatusCard';

type RuleValues = Record<string, number | boolean>;
const SECTIONS = describeRuleSections();

/** 规则配置: one card per rule section, each saved on its own. */
export default function RulesPage() {
  const rules = useApi(api.rules.getRules, undefined);
  return (
    <div>
      <h1 className="tj-page-title">规则配置</h1>
      <Typography.Paragraph type="secondary">
        各地执行的年龄、时限、比例等业务规则。修改后立即对全平台生效，并记入操作日志。
      </Typography.Paragraph>
      <BackupStatusCard />
      {rules.isLoading ? (
        <PageLoading />
      ) : rules.error || !rules.data ? (
        <LoadError error={rules.error} onRetry={() => void rules.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          {SECTIONS.map((s) => (
            <Col xs={24} xl={12} key={s.section}>
              <RuleSectionCard section={s.section} title={s.title} fields={s.fields} values={(rules.data.rules[s.section] ?? {}) as RuleValues} />
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}

function RuleField({ field }: { field: RuleFieldInfo }) {
  if (field.kind === 'boolean') {
    return (
      <Form.Item name={field.key} label={field.label} valuePropName="checked">
        <Switch checkedChildren="是" unCheckedChildren="否" />
      </Form.Item>
    );
  }
  if (field.kind === 'ratio') {
    // Stored as 0–1, edited as a percentage.
    return (
      <Form.Item
        name={field.key}
        label={field.label}
        rules={[{ required: true, message: `请填写${field.label}` }]}
        getValueProps={(v: number | undefined) => ({ value: v === undefined ? undefined : Math.round(v * 1000) / 10 })}
        normalize={(v: number | null) => (v === null ? v : Math.round(v * 10) / 1000)}
      >
        <InputNumber min={0} max={100} step={5} precision={1} suffix="%" style={{ width: 160 }} />
      </Form.Item>
    );
  }
  if (field.kind === 'text') {
    // Layouts such as the 发展团员编号 format (YYYYPPNNNNNN); the server checks them against the schema.
    return (
      <Form.Item name={field.key} label={field.label}>
        <Input style={{ width: 220, fontFamily: 'monospace' }} maxLength={40} />
      </Form.Item>
    );
  }
  return (
    <Form.Item name={field.key} label={field.label} rules={[{ required: true, message: `请填写${field.label}` }]}>
      <InputNumber min={0} precision={0} style={{ width: 160 }} />
    </Form.Item>
  );
}

function RuleSectionCard({ section, title, fields, values }: { section: RuleSection; title: string; fields: RuleFieldInfo[]; values: RuleValues }) {
  const [form] = Form.useForm<RuleValues>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);

  async function onFinish(v: RuleValues) {
    setSaving(true);
    try {
      const result = await call(api.rules.updateRuleSection, { params: { section }, body: v });
      queryClient.setQueryData(keyOf(api.rules.getRules), result);
      form.setFieldsValue((result.rules[section] ?? {}) as RuleValues);
      setDirty(false);
      message.success(`“${title}”规则已保存`);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card
      title={title}
      style={{ height: '100%' }}
      extra={
        <Button type="primary" size="small" loading={saving} disabled={!dirty} onClick={() => form.submit()}>
          保存
        </Button>
      }
    >
      <Form form={form} layout="vertical" initialValues={values} onFinish={onFinish} onValuesChange={() => setDirty(true)}>
        <Row gutter={16}>
          {fields.map((f) => (
            <Col span={12} key={f.key}>
              <RuleField field={f} />
            </Col>
          ))}
        </Row>
      </Form>
    </Card>
  );
}
