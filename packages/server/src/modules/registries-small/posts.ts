import { sql } from 'drizzle-orm';
import { countsAsMember, extraPostTitles, postTitleOptions, type Rules, type api } from '@tuanjian/domain';
import type { Tx } from '../../db/connection.js';
import { query } from '../../db/sql.js';
import { subtreeFilter } from '../org-life/common.js';

/** The titles one may give (built-in and configured, 规则配置 → 其他职务) with the current holders of each under an organization. */
export async function postTitles(tx: Tx, rules: Rules, q: api.QueryOf<typeof api.registriesSmall.getPostTitles>): Promise<api.ResponseOf<typeof api.registriesSmall.getPostTitles>> {
  const counts = await query<{ title: string; n: number }>(
    tx,
    sql`select p.title, count(*)::int as n from cadre_posts p join organizations o on o.id = p.org_id where p.end_on is null and ${await subtreeFilter(tx, q.under)} group by p.title`,
  );
  const extra = extraPostTitles(rules);
  return postTitleOptions(rules).map((o) => {
    const x = extra.find((t) => t.title === o.value);
    return {
      ...o,
      countsAsMember: countsAsMember(o.value, rules),
      orgTypes: x?.orgTypes ?? [],
      holders: Number(counts.find((c) => c.title === o.value)?.n ?? 0),
    };
  });
}
