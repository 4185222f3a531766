import { z } from 'zod';
import { contract, field, idParam } from './contract.js';
import { IMPORT_BODY_LIMIT, importFile } from './import-upload.js';
import { importError } from './people.js';
import { IMPORT_KINDS } from '../import/kinds.js';

/**
 * The mapped import (issue 14): one pipeline for every kind of record. Upload
 * → the columns recognized (a remembered mapping of the same header set, or
 * the synonyms) → preview naming every bad row and cell, with what would be
 * new, changed and unchanged → commit in one transaction, with progress.
 */
const TAG = '数据导入';
const kind = z.enum(IMPORT_KINDS, { error: '请选择导入的数据类别' }).describe('数据类别');
const mapping = z.array(z.string().max(40).nullable()).max(256, '列数过多').describe('列对应');

export const mappingField = z.object({ key: z.string(), label: z.string(), required: z.boolean(), codes: z.string().nullable() });
export const importChange = z.object({ row: z.number(), label: z.string(), fields: z.array(z.string()) });
export const mappedReport = z.object({
  batchId: z.number(),
  kind,
  fileName: z.string(),
  /** The row of the sheet read as headers (a title row or merged group headers above it are skipped). */
  headerRow: z.number(),
  headers: z.array(z.string()),
  mapping: z.array(z.string().nullable()),
  /** Where the mapping came from: the caller's, the one remembered for this header set, or the synonyms. */
  mappingSource: z.enum(['given', 'saved', 'suggested']),
  fields: z.array(mappingField),
  total: z.number(),
  /** Rows to create, to update (with the fields that change), and rows already as the file says. */
  created: z.number(),
  changed: z.number(),
  unchanged: z.number(),
  changes: z.array(importChange),
  errors: z.array(importError),
});
export type MappedReport = z.infer<typeof mappedReport>;

export const previewMapped = contract({
  method: 'POST',
  path: '/api/imports/preview',
  permission: 'person:write',
  tag: TAG,
  summary: '上传任意 Excel/CSV，识别列并校验（不写入）',
  body: z.object({
    ...importFile,
    kind,
    orgId: field.id('导入到的组织'),
    mapping: mapping.optional(),
  }),
  response: mappedReport,
  refs: { 'body.orgId': 'org' },
  bodyLimit: IMPORT_BODY_LIMIT,
  longRunning: true,
});

export const commitMapped = contract({
  method: 'POST',
  path: '/api/imports/:id/commit',
  permission: 'person:write',
  tag: TAG,
  summary: '确认导入（一次事务：全部写入或全部不写入），并记住列对应',
  params: idParam,
  response: z.object({ created: z.number(), changed: z.number(), unchanged: z.number(), skippedErrors: z.number() }),
  refs: { 'params.id': 'importBatch' },
  longRunning: true,
});

export const importProgress = contract({
  method: 'GET',
  path: '/api/imports/:id/progress',
  permission: 'person:write',
  tag: TAG,
  summary: '导入进度',
  params: idParam,
  response: z.object({ done: z.number(), total: z.number(), finished: z.boolean() }),
  refs: { 'params.id': 'importBatch' },
});

export const importTables = z.object({
  synonyms: z.array(z.object({ field: z.string().trim().min(1).max(40).describe('字段'), header: z.string().trim().min(1, '请填写表头').max(60, '表头不能超过60个字').describe('表头') })).max(500),
  codes: z.array(
    z.object({
      codeTable: z.string().trim().min(1).max(40).describe('代码表'),
      value: z.string().trim().min(1, '请填写取值').max(60, '取值不能超过60个字').describe('取值'),
      code: z.string().trim().min(1).max(40).describe('代码'),
    }),
  ).max(2000),
});
export type ImportTablesBody = z.infer<typeof importTables>;

export const getImportTables = contract({
  method: 'GET',
  path: '/api/imports/tables',
  permission: 'person:write',
  tag: TAG,
  summary: '本县的表头同义词和代码值（在默认表之上）',
  query: z.object({ orgId: field.queryId('组织') }),
  response: importTables,
  refs: { 'query.orgId': 'org' },
});

export const saveImportTables = contract({
  method: 'PUT',
  path: '/api/imports/tables',
  permission: 'org:manage',
  tag: TAG,
  summary: '保存本县的表头同义词和代码值',
  body: importTables.extend({ orgId: field.id('组织') }),
  response: importTables,
  refs: { 'body.orgId': 'org' },
});

export const exportNational = contract({
  method: 'GET',
  path: '/api/imports/export/:kind',
  /** Full ID numbers, as the national system's templates need them (the export is audited). */
  permission: 'person:sensitive',
  tag: TAG,
  summary: '按全国系统（智慧团建）导入模板的列导出（人员、组织、团干部）',
  params: z.object({ kind: z.enum(['people', 'organizations', 'cadres'], { error: '该类别不能按全国系统模板导出' }).describe('数据类别') }),
  query: z.object({ orgId: field.queryId('组织') }),
  response: z.any(),
  refs: { 'query.orgId': 'org' },
  file: true,
});
