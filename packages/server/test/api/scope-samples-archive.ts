import { sql } from 'drizzle-orm';
import { orgId, systemRows, type TestContext } from '../helpers.js';

/** Sample bodies for the 电子档案 write routes (issue 14.4), for the scope walk. */
export const SAMPLE_BODIES: Record<string, (inside: Record<string, number | undefined>) => unknown> = {
  'POST /api/people/:id/archive': () => ({ kind: 'application_form', fileName: '志愿书.pdf', contentBase64: Buffer.from('%PDF-1.4\n%scope\n').toString('base64') }),
  'POST /api/archive/documents/:id/review': () => ({ decision: 'approve' }),
};

/** One uploaded archive document (no file needed: the walk is refused before it is read) in each township. */
export async function prepareRecords(t: TestContext): Promise<void> {
  for (const town of ['白泥镇', '龙溪镇']) {
    const townId = await orgId(t.database, `共青团余庆县${town}委员会`);
    await systemRows(
      t.database,
      sql`insert into archive_documents (org_id, person_id, kind)
          select p.org_id, p.id, 'application_form' from people p join organizations o on o.id = p.org_id
           where o.parent_id = ${townId} and o.type = 'branch' and p.member_status = 'active' order by p.id limit 1 returning id`,
    );
  }
}
