import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface SheetColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null | undefined;
}

/**
 * Streams a one-sheet workbook to the response: rows are written as they
 * come, so a large export does not sit in memory. Headers are Chinese.
 */
export async function sendWorkbook<T>(
  reply: FastifyReply,
  fileName: string,
  sheetName: string,
  columns: SheetColumn<T>[],
  rows: Iterable<T> | AsyncIterable<T>,
) {
  const { PassThrough } = await import('node:stream');
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const done = (async () => {
    for await (const row of rows as AsyncIterable<T>) sheet.addRow(columns.map((c) => c.value(row) ?? '')).commit();
    sheet.commit();
    await workbook.commit();
  })();
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  done.catch((err) => stream.destroy(err));
  return reply.send(stream);
}
