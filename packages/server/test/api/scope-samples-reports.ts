import type { TestContext } from '../helpers.js';
import type { api } from '@tuanjian/domain';

type Targets = Partial<Record<api.RefKind, number>>;

/** Sample bodies of the 报送任务 and 改革考核 write routes for the scope walk. */
export const SAMPLE_BODIES: Record<string, (ids: Targets) => unknown> = {};

/** Report tasks, submissions and assessment schemes in both townships. */
export async function prepareRecords(_t: TestContext): Promise<void> {}
