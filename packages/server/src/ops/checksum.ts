/**
 * Each table's row count and an MD5 of its rows' text, in row order: equal sums mean equal contents.
 * `run` runs one statement in the caller's transaction (one snapshot: the backup's own, ops/backup.ts)
 * on either engine's raw client; as the owner, row-level security hides nothing.
 */
export type RunSql = (text: string) => Promise<Record<string, unknown>[]>;
export type TableSums = Record<string, { rows: number; md5: string }>;

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Every table of the application (public) and of the migration history (drizzle). */
export async function tableNames(run: RunSql): Promise<string[]> {
  const rows = await run(`select schemaname || '.' || tablename as name from pg_tables where schemaname in ('public', 'drizzle') order by 1`);
  return rows.map((r) => String(r.name));
}

export async function tableChecksums(run: RunSql): Promise<TableSums> {
  const sums: TableSums = {};
  for (const name of await tableNames(run)) {
    const [schema, table] = name.split('.') as [string, string];
    const [r] = await run(
      `select count(*)::int as n, coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '') as h from ${ident(schema)}.${ident(table)} t`,
    );
    sums[name] = { rows: Number(r!.n), md5: String(r!.h) };
  }
  return sums;
}

/** The tables whose sums differ between two sets (for a message; empty when equal). */
export function differingTables(a: TableSums, b: TableSums): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((n) => a[n]?.rows !== b[n]?.rows || a[n]?.md5 !== b[n]?.md5).sort();
}
