/** Money in fen shown as 元 with two decimals. */
export function yuan(fen: number): string {
  return `${(fen / 100).toFixed(2)} 元`;
}
