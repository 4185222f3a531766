import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits.js';
import { tooLarge } from './zip.js';

/** CSV as the platform exports it: UTF-8 (with or without BOM) or GB18030 (Excel's "CSV" in Chinese Windows). */
export function decodeCsv(bytes: Buffer): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('gb18030').decode(body);
  }
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF), also tab-separated text. */
export function parseCsv(text: string, limits: Pick<ImportLimits, 'maxRows'> = DEFAULT_IMPORT_LIMITS): { row: number; cells: string[] }[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const rows: { row: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === sep) {
      cells.push(cell.trim());
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell.trim());
      rows.push({ row: rowStart, cells });
      cells = [];
      cell = '';
      line++;
      rowStart = line;
      if (rows.length > limits.maxRows) throw tooLarge(`文件超过 ${limits.maxRows} 行的上限，请分批导入`);
    } else cell += c;
  }
  if (cell !== '' || cells.length) {
    cells.push(cell.trim());
    rows.push({ row: rowStart, cells });
  }
  return rows;
}
