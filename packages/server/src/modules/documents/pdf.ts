import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/*
 * The PDF primitives every document is drawn with (pdfkit): A4 pages, one
 * Chinese font (Noto Serif SC, a 宋体-like face from the npm package
 * @expo-google-fonts/noto-serif-sc, read from node_modules, never fetched),
 * embedded as a subset of the glyphs the document uses (pdfkit/fontkit), so a
 * one-page 团员证明 stays around 20 KB. Headings are the same face drawn with
 * a stroke (one font file in memory, not two).
 *
 * Forms are grids of bordered cells like the paper forms: a row's height is
 * its tallest cell's text; a row that does not fit starts a new page.
 */

const require = createRequire(import.meta.url);
let parsed: fontkit.Font | undefined;
/**
 * Read and parsed once, on the first document (15 MB; a server that never prints never holds it);
 * every document then embeds its own subset of the one parsed font (pdfkit takes fontkit's object).
 */
function font(): fontkit.Font {
  return (parsed ??= fontkit.create(readFileSync(require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'))));
}

export const MM = 72 / 25.4;

export interface Cell {
  text: string;
  /** Columns this cell spans (default 1). */
  span?: number;
  /** A label cell: centred, shaded. */
  label?: boolean;
  /** Smallest height of the cell's row in mm (room to write or sign by hand). */
  minHeight?: number;
  align?: 'left' | 'center' | 'right';
  /** Also covers the same columns of the next row, which holds a `{ text: '', covered: true }` cell there (a header's merged column). */
  rowSpan2?: boolean;
  /** The place of a cell above that spans down into this row: nothing is drawn. */
  covered?: boolean;
}

export interface SheetOptions {
  title: string;
  landscape?: boolean;
  /** Page margin in mm (default 20). */
  margin?: number;
  /** Body font size in pt (default 11). */
  size?: number;
}

/** One document being drawn; `finish()` gives the PDF bytes. */
export class Sheet {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  readonly size: number;

  constructor(opts: SheetOptions) {
    const margin = (opts.margin ?? 20) * MM;
    this.doc = new PDFDocument({
      size: 'A4',
      layout: opts.landscape ? 'landscape' : 'portrait',
      margin,
      info: { Title: opts.title, Creator: 'Tuanjian 团建', Producer: 'Tuanjian 团建' },
      autoFirstPage: true,
      bufferPages: false,
    });
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.doc.registerFont('cn', font() as unknown as Buffer);
    this.size = opts.size ?? 11;
    this.doc.font('cn').fontSize(this.size).fillColor('#000').strokeColor('#000');
  }

  get left() {
    return this.doc.page.margins.left;
  }
  get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Make room for `height` points, starting a new page when they do not fit. */
  ensure(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  /** A heading: centred, larger, drawn with a stroke so it reads as bold. */
  title(text: string, size = 20, gapAfter = 4) {
    const { doc } = this;
    doc.fontSize(size).lineWidth(0.5);
    doc.text(text, this.left, doc.y, { width: this.width, align: 'center', fill: true, stroke: true } as PDFKit.Mixins.TextOptions);
    doc.fontSize(this.size).lineWidth(1);
    doc.moveDown(gapAfter / 10);
    doc.y += gapAfter * MM;
  }

  /** A paragraph, first line indented by two characters (the Chinese way) unless `indent` is 0. */
  para(text: string, opts: { size?: number; indent?: number; align?: 'left' | 'right' | 'center' | 'justify'; gap?: number } = {}) {
    const { doc } = this;
    const size = opts.size ?? this.size;
    doc.fontSize(size);
    const o = { width: this.width, align: opts.align ?? 'justify', indent: opts.indent ?? size * 2, lineGap: size * 0.6 };
    this.ensure(doc.heightOfString(text, o));
    doc.text(text, this.left, doc.y, o);
    doc.y += (opts.gap ?? 2) * MM;
    doc.fontSize(this.size);
  }

  /** Lines at the right (the issuing organization, its seal and the date). */
  sign(lines: string[], opts: { size?: number } = {}) {
    const { doc } = this;
    doc.fontSize(opts.size ?? this.size);
    const width = Math.min(this.width, 75 * MM);
    this.ensure(lines.length * (opts.size ?? this.size) * 1.8);
    for (const line of lines) doc.text(line, this.left + this.width - width, doc.y, { width, align: 'center', lineGap: 6 });
    doc.fontSize(this.size);
  }

  /** A section heading inside a form (left-aligned, stroked). */
  heading(text: string, size = this.size + 2) {
    const { doc } = this;
    this.ensure(size * 3);
    doc.y += 2 * MM;
    doc.fontSize(size).lineWidth(0.3);
    doc.text(text, this.left, doc.y, { width: this.width, fill: true, stroke: true } as PDFKit.Mixins.TextOptions);
    doc.fontSize(this.size).lineWidth(1);
    doc.y += 1.5 * MM;
  }

  /**
   * A bordered grid like a paper form. `columns` are relative widths; each row
   * lists its cells, spanning columns as the form does.
   */
  grid(columns: number[], rows: Cell[][], opts: { size?: number; header?: Cell[][] } = {}) {
    const { doc } = this;
    const size = opts.size ?? this.size;
    const pad = 1.6 * MM;
    const sum = columns.reduce((a, b) => a + b, 0);
    const widths = columns.map((c) => (c / sum) * this.width);
    doc.fontSize(size).lineWidth(0.6);
    const layout = (row: Cell[]) => {
      let col = 0;
      return row.map((cell) => {
        const span = cell.span ?? 1;
        const x = this.left + widths.slice(0, col).reduce((a, b) => a + b, 0);
        const w = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
        col += span;
        return { cell, x, w };
      });
    };
    const heightOf = (cells: ReturnType<typeof layout>) =>
      Math.max(
        size + 2 * pad,
        ...cells
          .filter(({ cell }) => !cell.covered && !cell.rowSpan2)
          .map(({ cell, w }) => Math.max(doc.heightOfString(cell.text || ' ', { width: w - 2 * pad, lineGap: 2 }) + 2 * pad, (cell.minHeight ?? 0) * MM)),
      );
    const drawCell = (cell: Cell, x: number, y: number, w: number, h: number) => {
      if (cell.label) doc.save().rect(x, y, w, h).fill('#f0f0f0').restore();
      doc.rect(x, y, w, h).stroke();
      const textH = doc.heightOfString(cell.text || ' ', { width: w - 2 * pad, lineGap: 2 });
      const tall = (cell.minHeight ?? 0) * MM > textH + 2 * pad + size;
      const ty = tall ? y + pad : y + (h - textH) / 2;
      doc.fillColor('#000').text(cell.text, x + pad, ty, { width: w - 2 * pad, align: cell.align ?? (cell.label ? 'center' : 'left'), lineGap: 2 });
    };
    /** Draws `rows` as one block kept on one page (a row and the row its merged cells reach into). */
    const drawBlock = (block: Cell[][], repeatHeader: boolean) => {
      const laid = block.map(layout);
      const heights = laid.map(heightOf);
      const total = heights.reduce((a, b) => a + b, 0);
      if (doc.y + total > this.bottom && doc.y > this.doc.page.margins.top + 1) {
        doc.addPage();
        if (repeatHeader && opts.header) drawRows(opts.header, false);
      }
      let y = doc.y;
      laid.forEach((cells, r) => {
        for (const { cell, x, w } of cells) {
          if (cell.covered) continue;
          drawCell(cell, x, y, w, cell.rowSpan2 ? heights[r]! + (heights[r + 1] ?? 0) : heights[r]!);
        }
        y += heights[r]!;
      });
      doc.y = y;
    };
    const drawRows = (rows: Cell[][], repeatHeader: boolean) => {
      for (let i = 0; i < rows.length; i++) {
        const spans = rows[i]!.some((c) => c.rowSpan2) && i + 1 < rows.length;
        drawBlock(spans ? [rows[i]!, rows[i + 1]!] : [rows[i]!], repeatHeader);
        if (spans) i++;
      }
    };
    drawRows(opts.header ?? [], false);
    drawRows(rows, true);
    doc.x = this.left;
    doc.fontSize(this.size).lineWidth(1);
  }

  /** A plain table: a shaded header row repeated on every page. */
  table(head: string[], rows: string[][], columns: number[], opts: { size?: number; empty?: string } = {}) {
    const body = rows.length ? rows.map((r) => r.map((text) => ({ text }))) : [[{ text: opts.empty ?? '（无记录）', span: head.length, align: 'center' as const }]];
    this.grid(columns, body, { size: opts.size, header: [head.map((text) => ({ text, label: true }))] });
  }

  /**
   * The verification block: the QR code of the public page's address and the
   * code printed beside it, for whoever receives the paper.
   */
  verification(code: string, url: string, validUntil: string) {
    const { doc } = this;
    const side = 28 * MM;
    this.ensure(side + 4 * MM);
    const y = doc.y + 2 * MM;
    this.qr(url, this.left, y, side);
    const x = this.left + side + 4 * MM;
    const w = this.width - side - 4 * MM;
    doc.fontSize(this.size - 1);
    doc.text(`验证码：${code}`, x, y + 2 * MM, { width: w });
    doc.text(`有效期至：${validUntil}`, x, doc.y + 1, { width: w });
    doc.text(`核验：用手机扫描左侧二维码，或访问 ${url}`, x, doc.y + 1, { width: w });
    doc.text('核验结果显示开具单位、开具日期和是否有效；已作废或过期的证明不再有效。', x, doc.y + 1, { width: w });
    doc.fontSize(this.size);
    doc.x = this.left;
    doc.y = Math.max(doc.y, y + side) + 2 * MM;
  }

  /** A QR code drawn as vector squares (sharp when printed, a few hundred bytes), with a one-module quiet zone. */
  qr(text: string, x: number, y: number, side: number) {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const n = modules.size;
    const cell = side / (n + 2);
    const { doc } = this;
    doc.save();
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) if (modules.get(r, c)) doc.rect(x + (c + 1) * cell, y + (r + 1) * cell, cell, cell);
    }
    doc.fill('#000').restore();
  }

  /** A dashed cut line across the page (a letter's stub, 存根). */
  cutLine(label: string) {
    const { doc } = this;
    const y = doc.y + 3 * MM;
    doc.save().lineWidth(0.5).dash(4, { space: 3 }).moveTo(this.left, y).lineTo(this.left + this.width, y).stroke().undash().restore();
    doc.fontSize(this.size - 2).text(label, this.left, y - (this.size - 2) / 2 - 1, { width: this.width, align: 'center' });
    doc.fontSize(this.size);
    doc.y = y + 4 * MM;
  }

  finish(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}

/** 2026-05-04 → 2026年5月4日 (dates as forms print them). */
export function cnDate(date: string | null | undefined): string {
  if (!date) return '';
  const [y, m, d] = date.split('-');
  return d ? `${y}年${Number(m)}月${Number(d)}日` : `${y}年${Number(m)}月`;
}

export function cnMonth(date: string | null | undefined): string {
  return date ? `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月` : '';
}
