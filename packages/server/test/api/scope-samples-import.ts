import type { api } from '@tuanjian/domain';

type Targets = Partial<Record<api.RefKind, number>>;

/** Sample bodies of the mapped import's write routes (issue 14) for the scope walk. */
export const SAMPLE_BODIES: Record<string, (ids: Targets) => unknown> = {
  'POST /api/imports/preview': (ids) => ({ kind: 'people', orgId: ids.org, fileName: 'x.csv', contentBase64: Buffer.from('姓名,身份证号\n').toString('base64') }),
  'POST /api/imports/:id/commit': () => ({}),
  'PUT /api/imports/tables': (ids) => ({ orgId: ids.org, synonyms: [], codes: [] }),
};

