import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client';

/** The Chinese sentence to show for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return '操作失败，请稍后重试';
}

/**
 * Shows a failed call to the user: the server's message as a toast and, when a
 * form is given, each field error on its form item (field names match body keys).
 */
export function useShowError() {
  const { message } = App.useApp();
  return useCallback(
    (err: unknown, form?: FormInstance) => {
      if (err instanceof ApiError && err.code === 'must_change_password') return; // the session sends the user away
      message.error(errorMessage(err));
      if (form && err instanceof ApiError && err.fields.length) {
        // Only fields registered on this form (getFieldsValue() lists them, also when empty).
        const known = new Set(Object.keys((form.getFieldsValue() as Record<string, unknown>) ?? {}));
        const fields = err.fields
          .map((f) => ({ name: f.field.split('.')[0] ?? f.field, errors: [f.message] }))
          .filter((f) => known.has(f.name));
        if (fields.length) form.setFields(fields);
      }
    },
    [message],
  );
}
