import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  NOTICE_FORM_FIELDS_MAX,
  NOTICE_FORM_FIELD_TYPES,
  NOTICE_FORM_FIELD_TYPE_LABELS,
  NOTICE_FORM_LABEL_MAX,
  NOTICE_FORM_OPTIONS_MAX,
  NOTICE_FORM_TEXT_MAX,
  noticeAnswerText,
  type NoticeAnswers,
  type NoticeFormField,
  type NoticeFormFieldInput,
} from '@tuanjian/domain';
import { Button, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { ymd } from '../../components/page';

/**
 * 回复表单 of a notice: the sender's field builder, the receiver's inputs, and
 * the answers as a list (rules in domain inbox/notice-form.ts).
 */

/** The sender defines the fields (a label, a type, required, options of a choice). Form.List `replyForm`. */
export function ReplyFormBuilder() {
  return (
    <Form.List name="replyForm">
      {(fields, { add, remove }) => (
        <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="reply-form-builder">
          {fields.map((f, i) => (
            <Space key={f.key} wrap align="start" size={6}>
              <Form.Item name={[f.name, 'label']} rules={[{ required: true, whitespace: true, message: '请填写字段名称' }]} style={{ marginBottom: 4 }}>
                <Input placeholder={`字段${i + 1}名称`} maxLength={NOTICE_FORM_LABEL_MAX} style={{ width: 150 }} aria-label={`字段${i + 1}名称`} />
              </Form.Item>
              <Form.Item name={[f.name, 'type']} style={{ marginBottom: 4 }}>
                <Select style={{ width: 90 }} aria-label={`字段${i + 1}类型`} options={NOTICE_FORM_FIELD_TYPES.map((t) => ({ value: t, label: NOTICE_FORM_FIELD_TYPE_LABELS[t] }))} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) =>
                  getFieldValue(['replyForm', f.name, 'type']) === 'choice' ? (
                    <Form.Item name={[f.name, 'options']} rules={[{ required: true, type: 'array', min: 2, message: '至少两个选项' }]} style={{ marginBottom: 4 }}>
                      <Select mode="tags" maxCount={NOTICE_FORM_OPTIONS_MAX} placeholder="输入选项后回车" style={{ width: 200 }} aria-label={`字段${i + 1}选项`} open={false} />
                    </Form.Item>
                  ) : null
                }
              </Form.Item>
              <Form.Item name={[f.name, 'required']} valuePropName="checked" style={{ marginBottom: 4 }}>
                <Checkbox>必填</Checkbox>
              </Form.Item>
              <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`删除字段${i + 1}`} />
            </Space>
          ))}
          {fields.length < NOTICE_FORM_FIELDS_MAX && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ label: '', type: 'text', required: true } satisfies NoticeFormFieldInput)}>
              添加回复字段（文字、数字、日期、选择）
            </Button>
          )}
        </Space>
      )}
    </Form.List>
  );
}

/** The receiver's inputs, one per field, under `answers.<key>`. */
export function ReplyFormInputs({ form }: { form: NoticeFormField[] }) {
  return (
    <>
      {form.map((f) => (
        <Form.Item key={f.key} name={['answers', f.key]} label={f.label} rules={f.required ? [{ required: true, message: `请填写“${f.label}”` }] : []}>
          {f.type === 'number' ? (
            <InputNumber style={{ width: '100%' }} />
          ) : f.type === 'date' ? (
            <DatePicker style={{ width: '100%' }} />
          ) : f.type === 'choice' ? (
            <Select allowClear options={(f.options ?? []).map((o) => ({ value: o, label: o }))} />
          ) : (
            <Input maxLength={NOTICE_FORM_TEXT_MAX} />
          )}
        </Form.Item>
      ))}
    </>
  );
}

/** The form's values as the API takes them (dates as YYYY-MM-DD, empty fields left out). */
export function answersBody(values: Record<string, unknown> | undefined): NoticeAnswers {
  const out: NoticeAnswers = {};
  for (const [k, v] of Object.entries(values ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    out[k] = typeof v === 'number' || typeof v === 'string' ? v : ymd(v as Dayjs);
  }
  return out;
}

/** A reply's answers, label by label. */
export function AnswersView({ form, answers }: { form: NoticeFormField[] | null; answers: NoticeAnswers | null }) {
  if (!form?.length || !answers) return null;
  return (
    <Descriptions size="small" column={1} bordered data-testid="reply-answers">
      {form.map((f) => (
        <Descriptions.Item key={f.key} label={f.label}>
          {noticeAnswerText(answers, f) || '—'}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
