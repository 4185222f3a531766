import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { api } from '@tuanjian/domain';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Switch, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { call } from '../../../api/client';
import { invalidate } from '../../../api/hooks';
import { OrgTreeSelect } from '../../../components/OrgTreeSelect';
import { Refusal, useDialogSubmit, ymd } from '../../../components/page';
import { useShowError } from '../../../lib/errors';
import { readFileBase64 } from '../../../lib/people';

/** One field of a small registry's dialog; its value goes into the body under `name`. */
export interface FieldDef {
  name: string;
  label: string;
  kind?: 'text' | 'textarea' | 'date' | 'number' | 'select' | 'bool' | 'org';
  required?: boolean;
  max?: number;
  options?: { value: string | number; label: string }[];
  extra?: ReactNode;
  placeholder?: string;
}

const emptyToNull = (v: unknown) => (v === '' || v === undefined ? null : v);

/**
 * A create/edit dialog for a small registry (issue 17, item 6): fields by
 * definition, dates sent as YYYY-MM-DD, refusals shown in Chinese on the field.
 */
export function RecordModal<C extends api.Contract>({
  title,
  contract,
  fields,
  initial,
  params,
  refresh,
  onClose,
  testId,
}: {
  title: string;
  contract: C;
  fields: FieldDef[];
  initial?: Record<string, unknown>;
  params?: Record<string, unknown>;
  refresh: api.Contract[];
  onClose(): void;
  testId?: string;
}) {
  const [form] = Form.useForm();
  const client = useQueryClient();
  const { saving, refusal, run } = useDialogSubmit(form);
  const init = Object.fromEntries(Object.entries(initial ?? {}).map(([k, v]) => [k, fields.find((f) => f.name === k)?.kind === 'date' && typeof v === 'string' ? dayjs(v) : v]));
  const submit = (v: Record<string, unknown>) =>
    run(async () => {
      const body = Object.fromEntries(
        fields.map((f) => {
          const x = v[f.name];
          if (f.kind === 'date') return [f.name, x ? ymd(x as Dayjs) : null];
          if (f.kind === 'bool') return [f.name, Boolean(x)];
          return [f.name, emptyToNull(x)];
        }),
      );
      await call(contract, { params, body } as never);
      await invalidate(client, ...refresh);
      onClose();
    });
  return (
    <Modal open title={title} width={640} okText="保存" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden okButtonProps={{ 'data-testid': testId ? `${testId}-save` : undefined } as never}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={init} data-testid={testId}>
        {fields.map((f) => (
          <Form.Item key={f.name} name={f.name} label={f.label} extra={f.extra} valuePropName={f.kind === 'bool' ? 'checked' : 'value'} rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}>
            {f.kind === 'textarea' ? (
              <Input.TextArea rows={3} maxLength={f.max} placeholder={f.placeholder} />
            ) : f.kind === 'date' ? (
              <DatePicker style={{ width: '100%' }} />
            ) : f.kind === 'number' ? (
              <InputNumber style={{ width: '100%' }} min={0} max={f.max} />
            ) : f.kind === 'select' ? (
              <Select showSearch allowClear optionFilterProp="label" options={f.options} placeholder={f.placeholder} />
            ) : f.kind === 'bool' ? (
              <Switch />
            ) : f.kind === 'org' ? (
              <OrgTreeSelect />
            ) : (
              <Input maxLength={f.max} placeholder={f.placeholder} />
            )}
          </Form.Item>
        ))}
      </Form>
      {refusal ? <Refusal error={refusal} /> : null}
    </Modal>
  );
}

/** 导入: uploads an Excel/CSV in the export's columns; shows the refused rows by row and column, or how many were written. */
export function ImportButton({ contract, orgId, refresh, testId }: { contract: api.Contract; orgId: number | null; refresh: api.Contract[]; testId: string }) {
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    if (!orgId) return;
    setBusy(true);
    try {
      const res = (await call(contract, { body: { orgId, fileName: file.name, contentBase64: await readFileBase64(file) } } as never)) as api.registriesSmall.SmallImportResult;
      if (res.written) {
        message.success(`已导入${res.created}条`);
        await invalidate(client, ...refresh);
      } else {
        modal.warning({
          title: `有${res.errors.length}处问题，未导入（请修改后重新上传）`,
          width: 640,
          content: (
            <ul data-testid={`${testId}-errors`}>
              {res.errors.slice(0, 50).map((e, i) => (
                <li key={i}>{`第${e.row}行 ${e.column}：${e.message}`}</li>
              ))}
            </ul>
          ),
        });
      }
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => (void upload(f), false)}>
      <Button icon={<UploadOutlined />} loading={busy} data-testid={testId}>
        导入
      </Button>
    </Upload>
  );
}
