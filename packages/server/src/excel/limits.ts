/**
 * What one uploaded workbook may cost the server. A .xlsx is a zip of XML:
 * a few megabytes can declare (or, lying in its directory, actually inflate
 * to) gigabytes, and its shared-strings table is held in memory while the
 * sheet is read. Every import reads through excel/read.ts, which refuses a
 * file as soon as it passes one of these limits, with a message naming it.
 *
 * Defaults fit a 200,000-row roster with room to spare; each can be changed
 * with the environment variable named beside it.
 */
export interface ImportLimits {
  /** Data rows of the first sheet (IMPORT_MAX_ROWS). */
  maxRows: number;
  /** Cells of the first sheet, empty or not (IMPORT_MAX_CELLS). */
  maxCells: number;
  /** Columns read per row; cells further right are not read (IMPORT_MAX_COLUMNS). */
  maxColumns: number;
  /** Entries of the shared-strings table (IMPORT_MAX_SHARED_STRINGS). */
  maxSharedStrings: number;
  /** Total characters of the shared-strings table (IMPORT_MAX_SHARED_STRING_CHARS). */
  maxSharedStringChars: number;
  /** Uncompressed size of the parts that are read, in MB, as declared and as actually inflated (IMPORT_MAX_UNCOMPRESSED_MB). */
  maxUncompressedMb: number;
  /** Entries in the zip directory (IMPORT_MAX_ZIP_ENTRIES). */
  maxZipEntries: number;
}

/** Excel's own limit on the characters of one cell. */
export const MAX_CELL_CHARS = 32_767;

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxRows: 200_000,
  maxCells: 6_000_000,
  maxColumns: 256,
  maxSharedStrings: 1_500_000,
  maxSharedStringChars: 30_000_000,
  maxUncompressedMb: 400,
  maxZipEntries: 2_000,
};

const ENV: Record<keyof ImportLimits, string> = {
  maxRows: 'IMPORT_MAX_ROWS',
  maxCells: 'IMPORT_MAX_CELLS',
  maxColumns: 'IMPORT_MAX_COLUMNS',
  maxSharedStrings: 'IMPORT_MAX_SHARED_STRINGS',
  maxSharedStringChars: 'IMPORT_MAX_SHARED_STRING_CHARS',
  maxUncompressedMb: 'IMPORT_MAX_UNCOMPRESSED_MB',
  maxZipEntries: 'IMPORT_MAX_ZIP_ENTRIES',
};

/** The limits in force: the defaults, each overridden by its environment variable when that is a positive number. */
export function importLimits(env: NodeJS.ProcessEnv = process.env): ImportLimits {
  const out = { ...DEFAULT_IMPORT_LIMITS };
  for (const key of Object.keys(ENV) as (keyof ImportLimits)[]) {
    const raw = env[ENV[key]];
    const n = raw === undefined || raw === '' ? NaN : Number(raw);
    if (Number.isFinite(n) && n > 0) out[key] = Math.floor(n);
  }
  return out;
}
