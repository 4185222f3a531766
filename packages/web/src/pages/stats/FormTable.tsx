import { Typography } from 'antd';
import type { ReactNode } from 'react';

export interface HeaderCell {
  label: string;
  colSpan: number;
  rowSpan: number;
}

/**
 * Two header rows with merged cells, as the paper forms have them: a column
 * with a group sits under its group's merged cell; a column without one spans
 * both rows.
 */
export function headerRows(columns: { group?: string | null; label: string }[]): { top: HeaderCell[]; bottom: string[] } {
  const grouped = columns.some((c) => c.group);
  const top: HeaderCell[] = [];
  const bottom: string[] = [];
  for (let i = 0; i < columns.length; ) {
    const c = columns[i]!;
    if (!c.group) {
      top.push({ label: c.label, colSpan: 1, rowSpan: grouped ? 2 : 1 });
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < columns.length && columns[end + 1]!.group === c.group) end++;
    top.push({ label: c.group, colSpan: end - i + 1, rowSpan: 1 });
    for (let k = i; k <= end; k++) bottom.push(columns[k]!.label);
    i = end + 1;
  }
  return { top, bottom };
}

export interface FormRow {
  key: string;
  name: ReactNode;
  /** Clicking the name re-roots the page on this row's organization. */
  drill?: () => void;
  cells: ReactNode[];
}

/** A printed form's table: merged headers, the name column, figures right-aligned, a bold total row. */
export function FormTable({ top, bottom, firstHeader, rows, total }: { top: HeaderCell[]; bottom: string[]; firstHeader: string; rows: FormRow[]; total?: FormRow | { name: string; cells: ReactNode[] } }) {
  const twoRows = bottom.length > 0;
  return (
    <table className="tj-form-table" data-testid="form-table">
      <thead>
        <tr>
          <th rowSpan={twoRows ? 2 : 1} style={{ minWidth: 180 }}>
            {firstHeader}
          </th>
          {top.map((h, i) => (
            <th key={i} colSpan={h.colSpan} rowSpan={h.rowSpan}>
              {h.label}
            </th>
          ))}
        </tr>
        {twoRows && (
          <tr>
            {bottom.map((label, i) => (
              <th key={i}>{label}</th>
            ))}
          </tr>
        )}
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className={r.drill ? 'drill' : undefined} data-testid="form-row">
            <td className="name">{r.drill ? <Typography.Link onClick={r.drill}>{r.name}</Typography.Link> : r.name}</td>
            {r.cells.map((c, i) => (
              <td key={i} className="num">
                {c}
              </td>
            ))}
          </tr>
        ))}
        {total && (
          <tr className="total" data-testid="form-total">
            <td className="name">{total.name}</td>
            {total.cells.map((c, i) => (
              <td key={i} className="num">
                {c}
              </td>
            ))}
          </tr>
        )}
      </tbody>
    </table>
  );
}
