import type { TestContext } from '../helpers.js';
import * as registries from './scope-samples-registries.js';
import * as membership from './scope-samples-membership.js';
import * as cadres from './scope-samples-cadres.js';
import * as orgLife from './scope-samples-org-life.js';
import * as dailyWork from './scope-samples-daily-work.js';
import * as reports from './scope-samples-reports.js';
import * as notices from './scope-samples-notices.js';
import * as imports from './scope-samples-import.js';
import * as newSector from './scope-samples-new-sector.js';
import * as deputies from './scope-samples-deputies.js';
import * as documents from './scope-samples-documents.js';
import * as archive from './scope-samples-archive.js';
import * as registriesSmall from './scope-samples-registries-small.js';
import * as national from './scope-samples-national.js';

/**
 * Sample request bodies for the route walk in scope.test.ts, by "METHOD /path",
 * one file per feature area. Each must be valid apart from the out-of-scope
 * reference, so that a refusal proves the scope check.
 */
export const EXTRA_SAMPLE_BODIES = { ...registries.SAMPLE_BODIES, ...membership.SAMPLE_BODIES, ...cadres.SAMPLE_BODIES, ...orgLife.SAMPLE_BODIES, ...dailyWork.SAMPLE_BODIES, ...reports.SAMPLE_BODIES, ...notices.SAMPLE_BODIES, ...newSector.SAMPLE_BODIES, ...deputies.SAMPLE_BODIES, ...documents.SAMPLE_BODIES, ...archive.SAMPLE_BODIES, ...imports.SAMPLE_BODIES, ...registriesSmall.SAMPLE_BODIES, ...national.SAMPLE_BODIES };

/** Records the walk needs that the demo county does not hold, in both townships. */
export async function prepareRecords(t: TestContext): Promise<void> {
  await registries.prepareRecords(t);
  await membership.prepareRecords(t);
  await cadres.prepareRecords(t);
  await orgLife.prepareRecords(t);
  await dailyWork.prepareRecords(t);
  await reports.prepareRecords(t);
  await notices.prepareRecords(t);
  await newSector.prepareRecords(t);
  await deputies.prepareRecords(t);
  await archive.prepareRecords(t);
  await registriesSmall.prepareRecords(t);
}
