import type { api } from '@tuanjian/domain';
import type { TestContext } from '../helpers.js';

type Ids = Partial<Record<api.RefKind, number>>;

export const SAMPLE_BODIES: Record<string, (ids: Ids) => unknown> = {};

export async function prepareRecords(_t: TestContext): Promise<void> {}
