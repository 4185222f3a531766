/**
 * Today's date for business rules (deadlines, observation periods, ages).
 * TJ_TODAY=YYYY-MM-DD pins it, for demos and tests that need a controllable clock.
 */
export function today(): string {
  const pinned = process.env.TJ_TODAY;
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
  const d = new Date();
  // The league works in China Standard Time.
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function currentYear(): number {
  return Number(today().slice(0, 4));
}
