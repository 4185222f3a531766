import type { Tx } from '../db/connection.js';

/** A reporting task with submissions in every state and an assessment scheme (issue 6). */
export async function seedReportsDemo(_tx: Tx, _opts: { today: string; year: number }): Promise<void> {}
