import type { api } from '@tuanjian/domain';
import type { TestContext } from '../helpers.js';

/**
 * Sample request bodies for the route walk in scope.test.ts, by "METHOD /path",
 * for the registries' routes. Each must be valid apart from the out-of-scope
 * reference, so that a refusal proves the scope check.
 */
export const EXTRA_SAMPLE_BODIES: Record<string, (ids: Partial<Record<api.RefKind, number>>) => unknown> = {};

/** Records the walk needs that the demo county does not hold (e.g. an import waiting for acceptance). */
export async function prepareRecords(_t: TestContext): Promise<void> {}
