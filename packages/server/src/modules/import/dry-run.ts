import { DomainError } from '@tuanjian/domain';
import type { z } from 'zod';
import type { Tx } from '../../db/connection.js';
import { withSavepoint } from '../../db/sql.js';
import { HttpError } from '../../http/errors.js';
import type { ImportContext, PlanItem } from './kind.js';

const ROLLBACK = Symbol('rollback');

/** A refusal of one row (a rule of the service that writes it) as the row's error; anything else goes on up. */
export function rowRefusal(e: unknown, aliases: Record<string, string>): { field: string; message: string } | null {
  if (e instanceof DomainError || e instanceof HttpError) {
    const f = (e as { field?: string }).field ?? '';
    return { field: aliases[f] ?? f, message: e.message };
  }
  return null;
}

/**
 * The preview of kinds written through their services (organizations,
 * cadres): every planned row is written as the commit would write it, each in
 * its own savepoint, and all of it is rolled back. A row the services refuse
 * becomes that row's error; the rows that passed are returned.
 */
export async function dryRun<S>(
  tx: Tx,
  items: PlanItem[],
  ctx: ImportContext,
  aliases: Record<string, string>,
  state: () => S,
  applyOne: (sp: Tx, item: PlanItem, state: S) => Promise<void>,
): Promise<PlanItem[]> {
  const ok: PlanItem[] = [];
  try {
    await withSavepoint(tx, async (outer) => {
      const s = state();
      for (const item of items) {
        try {
          await withSavepoint(outer, (sp) => applyOne(sp, item, s));
          ok.push(item);
        } catch (e) {
          const refusal = rowRefusal(e, aliases);
          if (!refusal) throw e;
          ctx.err(item.row, refusal.field, refusal.message);
        }
      }
      throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  return ok;
}

/** A contract body's validation (zod) as row errors: the same checks as the form. */
export function bodyProblems(schema: z.ZodType, body: unknown, aliases: Record<string, string>): { field: string; message: string }[] {
  const r = schema.safeParse(body);
  if (r.success) return [];
  return r.error.issues.map((i) => {
    const f = String(i.path[0] ?? '');
    return { field: aliases[f] ?? f, message: i.message };
  });
}

/** Runs one row's writes in the commit; a refusal carries its row, so the commit's message can name it. */
export async function atRow<T>(row: number, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e && typeof e === 'object') (e as { importRow?: number }).importRow = row;
    throw e;
  }
}
