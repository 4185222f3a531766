/**
 * Text that may be stored: every string that reaches the server (query
 * strings, JSON bodies, imported cells) passes this one check. PostgreSQL
 * cannot store U+0000, and the other C0/C1 control characters, lone
 * surrogates and non-characters are never typed by a person: they come from
 * broken files or probes. Tab, line feed and carriage return are text.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first forbidden character of `value`, as U+XXXX, or null when the text may be stored. */
export function forbiddenCharacter(value: string): string | null {
  const m = FORBIDDEN.exec(value);
  if (!m) return null;
  return `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The Chinese message for a field holding a forbidden character, or null. */
export function textProblem(value: string, label: string): string | null {
  const ch = forbiddenCharacter(value);
  return ch ? `${label}含有不可见的控制字符（${ch}），请删除后重新输入` : null;
}
