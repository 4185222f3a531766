import { z } from 'zod';

/**
 * Imports (people, 青年大学习, 团费) upload the file as base64 in JSON (4/3 of
 * its size; no multipart parser is installed). One size for all: the web
 * dialogs check it before uploading, the contracts' bodyLimit admits it, and
 * a larger body is answered 413 with this figure (http/errors.ts). What the
 * file may expand to is bounded separately while it is read (server
 * excel/limits.ts).
 */
export const IMPORT_FILE_MAX_MB = 30;
const MAX_BASE64 = Math.ceil((IMPORT_FILE_MAX_MB * 1024 * 1024) / 3) * 4;
/** The JSON body of an import: the base64 file plus a little room for the other fields. */
export const IMPORT_BODY_LIMIT = MAX_BASE64 + 64 * 1024;
export const IMPORT_TOO_LARGE = `文件过大（上限 ${IMPORT_FILE_MAX_MB} MB），请分批导入`;

export const importFile = {
  fileName: z.string().trim().min(1, '请提供文件名').max(200, '文件名过长').describe('文件名'),
  contentBase64: z.string().min(1, '文件为空').max(MAX_BASE64, IMPORT_TOO_LARGE).describe('文件内容'),
};

/** A registry sheet import's answer (三新, 荣誉, 团代会代表, 督导走访, 青年社团): rows checked, written only when every row is clean. */
export const sheetImportResult = z.object({
  total: z.number(),
  valid: z.number(),
  created: z.number(),
  updated: z.number(),
  /** True when written: only a file without errors is written (fix the rows and upload again). */
  written: z.boolean(),
  errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
});
