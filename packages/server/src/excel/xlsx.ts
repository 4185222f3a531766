import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DomainError } from '@tuanjian/domain';
import { MAX_CELL_CHARS, type ImportLimits } from './limits.js';
import { damaged, entryText, newBudget, readZipDirectory, tooLarge, type InflateBudget, type ZipEntry } from './zip.js';

/** A date cell (a number shown with a date format, or a `t="d"` cell), as YYYY-MM-DD; the time of day is dropped. */
export class ExcelDate {
  constructor(readonly iso: string) {}
  toString() {
    return this.iso;
  }
}

/** One cell as the file holds it: text, number, boolean, date, or empty. */
export type CellValue = string | number | boolean | ExcelDate | null;

/** One non-empty row of a sheet: its row number in the sheet (1-based) and its cells from column A. */
export interface SheetRow {
  row: number;
  cells: CellValue[];
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** ECMA-376 ST_Xstring escapes: Excel writes a control character as _x0001_ and a literal "_x" as _x005F_x. */
const unescapeXstring = (s: string) => (s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s);

/** Excel's serial day number as a date: 1900 system (with its phantom 1900-02-29) or 1904 system. */
export function serialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const day = Math.floor(serial);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  if (!date1904 && day === 60) return null; // 1900-02-29 never existed
  return new Date(epoch + day * 86_400_000).toISOString().slice(0, 10);
}

/** Built-in number formats that show a date (ECMA-376 18.8.30, with the CJK ones 27–36 and 50–58). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a custom number format shows a date: it has year, day, era or (CJK) weekday tokens, or months without hours or seconds. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .split(';')[0]!
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  if (/^[\s#0?.,%E+\-@/]*$/i.test(bare)) return false;
  return /[yde]|aaa/i.test(bare.replace(/General/gi, '')) || (/m/i.test(bare) && !/[hs]/i.test(bare));
}

/**
 * Feeds one entry's text to a SAX parser. The parser sees characters, never
 * bytes, so a multi-byte character split across chunks cannot be corrupted.
 * Each chunk's events are handled before the next is inflated. A run of more
 * than a cell's worth of characters without markup is refused before the
 * parser buffers it.
 */
async function* parseEntry(
  buf: Buffer,
  entry: ZipEntry,
  budget: InflateBudget,
  limits: ImportLimits,
  on: { open?: (tag: SaxesTagPlain) => void; close?: (name: string) => void; text?: (t: string) => void },
): AsyncGenerator<void> {
  const parser = new SaxesParser();
  let error: Error | undefined;
  parser.on('error', (e) => {
    // A control character in text is kept so that the import reports it against its row and column.
    if (!/disallowed character/.test(e.message)) error ??= e;
  });
  if (on.open) parser.on('opentag', on.open as (tag: unknown) => void);
  if (on.close) parser.on('closetag', (t) => on.close!(localName(t.name)));
  if (on.text) {
    parser.on('text', on.text);
    parser.on('cdata', on.text);
  }
  let run = 0;
  const maxRun = MAX_CELL_CHARS * 8 + 4096;
  for await (const text of entryText(buf, entry, budget, limits)) {
    const lt = text.lastIndexOf('<');
    run = lt < 0 ? run + text.length : text.length - lt - 1;
    if (run > maxRun) throw cellTooLong();
    parser.write(text);
    if (error) throw damaged(`“${entry.name}”不是有效的 XML：${error.message}`);
    yield;
  }
  parser.close();
  if (error) throw damaged(`“${entry.name}”不是有效的 XML：${error.message}`);
}

const cellTooLong = () => tooLarge(`文件中有超过 ${MAX_CELL_CHARS} 个字符的单元格（Excel 单元格的上限），无法导入`);

async function drain(it: AsyncGenerator<void>) {
  for await (const _ of it);
}

const resolvePart = (base: string, target: string) => {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
};

const relsOf = (part: string) => {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
};

async function readRels(buf: Buffer, entries: Map<string, ZipEntry>, part: string, budget: InflateBudget, limits: ImportLimits) {
  const rels: { id: string; type: string; target: string }[] = [];
  const entry = entries.get(relsOf(part));
  if (!entry) return rels;
  await drain(
    parseEntry(buf, entry, budget, limits, {
      open: (t) => {
        if (localName(t.name) === 'Relationship' && rels.length < 10_000) {
          rels.push({ id: t.attributes.Id ?? '', type: t.attributes.Type ?? '', target: resolvePart(part, t.attributes.Target ?? '') });
        }
      },
    }),
  );
  return rels;
}

export const notAWorkbook = () =>
  new DomainError('not_a_workbook', '该文件不是 Excel 工作簿：压缩包中没有工作表，请上传在 Excel 中保存的 .xlsx 文件', 'contentBase64', 400);

/**
 * The rows of the first worksheet of an .xlsx, streamed. Shared strings
 * (with their count and total length bounded) and the date formats are read
 * first; the sheet is then parsed chunk by chunk and its non-empty rows
 * yielded, each at most `maxColumns` wide. Every limit in `limits` is enforced
 * while reading, so a hostile file is refused with bounded memory.
 */
export async function* readXlsxRows(buf: Buffer, limits: ImportLimits): AsyncGenerator<SheetRow> {
  const entries = readZipDirectory(buf, limits);
  const budget = newBudget(limits);

  const rootRels = await readRels(buf, entries, '', budget, limits);
  const workbookPart = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbook = entries.get(workbookPart);
  if (!workbook) throw notAWorkbook();

  let date1904 = false;
  const sheetIds: string[] = [];
  let inSheets = false;
  await drain(
    parseEntry(buf, workbook, budget, limits, {
      open: (t) => {
        const n = localName(t.name);
        if (n === 'workbookPr') date1904 = t.attributes.date1904 === '1' || t.attributes.date1904 === 'true';
        else if (n === 'sheets') inSheets = true;
        else if (n === 'sheet' && inSheets && sheetIds.length < 1000) {
          const id = Object.entries(t.attributes).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
          if (id) sheetIds.push(id);
        }
      },
      close: (n) => {
        if (n === 'sheets') inSheets = false;
      },
    }),
  );
  const rels = await readRels(buf, entries, workbookPart, budget, limits);
  const firstSheet = rels.find((r) => r.id === sheetIds[0] && r.type.endsWith('/worksheet'))?.target;
  const sheet = firstSheet ? entries.get(firstSheet) : undefined;
  if (!sheet) throw notAWorkbook();

  // Styles: which cell formats show dates.
  const dateStyles: boolean[] = [];
  const stylesPart = rels.find((r) => r.type.endsWith('/styles'))?.target;
  const styles = stylesPart ? entries.get(stylesPart) : undefined;
  if (styles) {
    const custom = new Map<number, string>();
    let inXfs = false;
    await drain(
      parseEntry(buf, styles, budget, limits, {
        open: (t) => {
          const n = localName(t.name);
          if (n === 'numFmt') custom.set(Number(t.attributes.numFmtId), t.attributes.formatCode ?? '');
          else if (n === 'cellXfs') inXfs = true;
          else if (n === 'xf' && inXfs && dateStyles.length < 100_000) {
            const id = Number(t.attributes.numFmtId ?? 0);
            dateStyles.push(custom.has(id) ? isDateFormat(custom.get(id)!) : BUILTIN_DATE_FORMATS.has(id));
          }
        },
        close: (n) => {
          if (n === 'cellXfs') inXfs = false;
        },
      }),
    );
  }

  // Shared strings: the text of each <si>, runs joined, phonetic guides (rPh) left out.
  const shared: string[] = [];
  const sharedPart = rels.find((r) => r.type.endsWith('/sharedStrings'))?.target;
  const sharedEntry = sharedPart ? entries.get(sharedPart) : undefined;
  if (sharedEntry) {
    let chars = 0;
    let cur: string | null = null;
    let inT = false;
    let inPh = 0;
    await drain(
      parseEntry(buf, sharedEntry, budget, limits, {
        open: (t) => {
          const n = localName(t.name);
          if (n === 'si') cur = '';
          else if (n === 'rPh') inPh++;
          else if (n === 't' && cur !== null && !inPh) inT = true;
        },
        text: (s) => {
          if (!inT) return;
          cur += s;
          if (cur!.length > MAX_CELL_CHARS) throw cellTooLong();
          chars += s.length;
          if (chars > limits.maxSharedStringChars) throw tooLarge(`文件中的文字超过 ${limits.maxSharedStringChars} 个字符的上限，请分批导入`);
        },
        close: (n) => {
          if (n === 't') inT = false;
          else if (n === 'rPh') inPh--;
          else if (n === 'si' && cur !== null) {
            if (shared.length >= limits.maxSharedStrings) throw tooLarge(`文件中的不同文字超过 ${limits.maxSharedStrings} 条的上限，请分批导入`);
            shared.push(unescapeXstring(cur));
            cur = null;
          }
        },
      }),
    );
  }

  // The sheet.
  let rowNo = 0;
  let cells: CellValue[] = [];
  let hasValue = false;
  let col = -1;
  let type = 'n';
  let style = 0;
  let value = '';
  let inValue = false;
  let inInline = false;
  let inPh = 0;
  let cellCount = 0;
  let rowCount = 0;
  const done: SheetRow[] = [];
  const colOf = (ref: string) => {
    let c = 0;
    for (let i = 0; i < ref.length; i++) {
      const code = ref.charCodeAt(i);
      if (code < 65 || code > 90) break;
      c = c * 26 + (code - 64);
    }
    return c - 1;
  };
  const finishCell = (): CellValue => {
    switch (type) {
      case 's': {
        if (value === '') return null;
        const s = shared[Number(value)];
        if (s === undefined) throw damaged(`第${rowNo}行引用了不存在的共享文字`);
        return s;
      }
      case 'inlineStr':
      case 'str':
        return unescapeXstring(value);
      case 'e':
        return value;
      case 'b':
        return value === '1' || value === 'true';
      case 'd': {
        const iso = /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0];
        return iso ? new ExcelDate(iso) : value;
      }
      default: {
        if (value.trim() === '') return null;
        // An integer of 16 digits or more cannot be held exactly as a number (an ID number the exporting
        // system wrote in full into a number cell): its digits as text, as written. Digits that are exactly
        // what a rounded number prints (520329200001150000 from a spreadsheet program) stay a number, so
        // the column's check refuses them as rounded instead of reading a wrong ID.
        const digits = value.trim();
        if (/^\d{16,}$/.test(digits) && !dateStyles[style] && String(Number(digits)) !== digits) return digits;
        const n = Number(value);
        if (!Number.isFinite(n)) return value;
        if (dateStyles[style]) {
          const iso = serialToIso(n, date1904);
          if (iso) return new ExcelDate(iso);
        }
        return n;
      }
    }
  };
  const parse = parseEntry(buf, sheet, budget, limits, {
    open: (t) => {
      switch (localName(t.name)) {
        case 'row': {
          const r = Number(t.attributes.r);
          rowNo = Number.isInteger(r) && r > 0 ? r : rowNo + 1;
          cells = [];
          hasValue = false;
          col = -1;
          break;
        }
        case 'c': {
          if (++cellCount > limits.maxCells) throw tooLarge(`工作表超过 ${limits.maxCells} 个单元格的上限，请删除无关的行列或分批导入`);
          const ref = t.attributes.r;
          col = ref ? colOf(ref) : col + 1;
          if (ref && rowNo === 0) rowNo = Number(/\d+/.exec(ref)?.[0] ?? 1);
          type = t.attributes.t ?? 'n';
          style = Number(t.attributes.s ?? 0);
          value = '';
          break;
        }
        case 'v':
          inValue = true;
          break;
        case 'is':
          inInline = true;
          break;
        case 'rPh':
          inPh++;
          break;
        case 't':
          if (inInline && !inPh) inValue = true;
          break;
      }
    },
    text: (s) => {
      if (!inValue) return;
      value += s;
      if (value.length > MAX_CELL_CHARS) throw cellTooLong();
    },
    close: (n) => {
      switch (n) {
        case 'v':
        case 't':
          inValue = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          inPh--;
          break;
        case 'c': {
          if (col < 0 || col >= limits.maxColumns) break;
          const v = finishCell();
          if (v === null || v === '') break;
          while (cells.length < col) cells.push(null);
          cells[col] = v;
          hasValue = true;
          break;
        }
        case 'row':
          if (hasValue) {
            if (++rowCount > limits.maxRows) throw tooLarge(`工作表超过 ${limits.maxRows} 行的上限，请分批导入`);
            done.push({ row: rowNo, cells });
          }
          cells = [];
          break;
      }
    },
  });
  for await (const _ of parse) {
    if (done.length) yield* done.splice(0);
  }
  if (done.length) yield* done.splice(0);
}
