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
