/**
 * 通知公告 "reply required" with a form: the sender defines a few fields
 * (text, number, date, choice); each receiving organization fills them in its
 * reply; the sender's read/reply list shows the answers and exports them.
 */

export const NOTICE_FORM_FIELD_TYPES = ['text', 'number', 'date', 'choice'] as const;
export type NoticeFormFieldType = (typeof NOTICE_FORM_FIELD_TYPES)[number];

export const NOTICE_FORM_FIELD_TYPE_LABELS: Record<NoticeFormFieldType, string> = { text: '文字', number: '数字', date: '日期', choice: '选择' };

export const NOTICE_FORM_FIELDS_MAX = 10;
export const NOTICE_FORM_OPTIONS_MAX = 20;
export const NOTICE_FORM_LABEL_MAX = 30;
export const NOTICE_FORM_TEXT_MAX = 500;

/** A field as stored with the notice: `key` is assigned by position (f1, f2, …). */
export interface NoticeFormField {
  key: string;
  label: string;
  type: NoticeFormFieldType;
  required: boolean;
  options?: string[];
}
export type NoticeFormFieldInput = Omit<NoticeFormField, 'key'>;
export type NoticeAnswers = Record<string, string | number>;

export interface FieldProblem {
  field: string;
  message: string;
}

/** The form as stored: keys by position, options only for choices (trimmed, in the sender's order). */
export function buildNoticeForm(fields: readonly NoticeFormFieldInput[]): NoticeFormField[] {
  return fields.map((f, i) => ({
    key: `f${i + 1}`,
    label: f.label.trim(),
    type: f.type,
    required: f.required,
    ...(f.type === 'choice' ? { options: (f.options ?? []).map((o) => o.trim()).filter(Boolean) } : {}),
  }));
}

/** What is wrong with a form definition (`replyForm.<i>.<part>` names the field), or null. */
export function noticeFormProblem(fields: readonly NoticeFormFieldInput[]): FieldProblem | null {
  const seen = new Set<string>();
  for (const [i, f] of buildNoticeForm(fields).entries()) {
    if (!f.label) return { field: `replyForm.${i}.label`, message: `请填写第${i + 1}个回复字段的名称` };
    if (seen.has(f.label)) return { field: `replyForm.${i}.label`, message: `回复字段“${f.label}”重复` };
    seen.add(f.label);
    if (f.type === 'choice') {
      const options = f.options ?? [];
      if (options.length < 2) return { field: `replyForm.${i}.options`, message: `选择字段“${f.label}”至少需要两个选项` };
      if (new Set(options).size !== options.length) return { field: `replyForm.${i}.options`, message: `选择字段“${f.label}”的选项重复` };
    }
  }
  return null;
}

const isCalendarDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

/**
 * The answers checked against the form: required fields filled, a number for a
 * number, a calendar date for a date, one of the options for a choice. Returns
 * the answers as stored (only the form's keys, numbers as numbers, text trimmed)
 * or the first problem, naming `answers.<key>` and the field's label.
 */
export function checkNoticeAnswers(form: readonly NoticeFormField[], answers: Record<string, unknown>): { answers: NoticeAnswers } | { problem: FieldProblem } {
  const out: NoticeAnswers = {};
  for (const f of form) {
    const raw = answers[f.key];
    const field = `answers.${f.key}`;
    const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
    if (empty) {
      if (f.required) return { problem: { field, message: `请填写“${f.label}”` } };
      continue;
    }
    if (f.type === 'number') {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isFinite(n)) return { problem: { field, message: `“${f.label}”应填写数字` } };
      out[f.key] = n;
    } else {
      const v = String(raw).trim();
      if (f.type === 'date' && !isCalendarDate(v)) return { problem: { field, message: `“${f.label}”应为日期（YYYY-MM-DD）` } };
      if (f.type === 'choice' && !(f.options ?? []).includes(v)) return { problem: { field, message: `“${f.label}”应从选项中选择` } };
      if (f.type === 'text' && v.length > NOTICE_FORM_TEXT_MAX) return { problem: { field, message: `“${f.label}”不能超过${NOTICE_FORM_TEXT_MAX}个字` } };
      out[f.key] = v;
    }
  }
  return { answers: out };
}

/** One answer as text (lists and exports). */
export function noticeAnswerText(answers: NoticeAnswers | null | undefined, field: NoticeFormField): string {
  const v = answers?.[field.key];
  return v === undefined || v === null ? '' : String(v);
}
