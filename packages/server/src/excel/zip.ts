import { createInflateRaw } from 'node:zlib';
import { DomainError } from '@tuanjian/domain';
import type { ImportLimits } from './limits.js';

/** One file of a zip, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** Uncompressed size as declared by the directory (may lie: reading checks it). */
  size: number;
  localHeaderOffset: number;
}

const MB = 1024 * 1024;
const FIELD = 'contentBase64';
export const damaged = (detail: string) => new DomainError('bad_file', `文件已损坏，无法读取（${detail}），请在 Excel 中重新保存为 .xlsx 后导入`, FIELD, 400);
export const tooLarge = (message: string) => new DomainError('file_too_large', message, FIELD, 413);
export const tooLargeUncompressed = (limits: ImportLimits) =>
  tooLarge(`文件解压后的内容超过 ${limits.maxUncompressedMb} MB 的上限，请删除无关的工作表和内容或分批导入`);

/**
 * The central directory of a zip held in memory (an upload is at most a few
 * tens of megabytes). Entries are then read one at a time with `entryText`,
 * so no part is inflated unless it is needed, and never beyond its budget.
 */
export function readZipDirectory(buf: Buffer, limits: ImportLimits): Map<string, ZipEntry> {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('找不到压缩包目录');
  let count = buf.readUInt16LE(eocd + 10);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if ((count === 0xffff || cdOffset === 0xffffffff) && eocd >= 20 && buf.readUInt32LE(eocd - 20) === 0x07064b50) {
    const z = Number(buf.readBigUInt64LE(eocd - 12));
    if (z + 56 > buf.length || buf.readUInt32LE(z) !== 0x06064b50) throw damaged('压缩包目录不完整');
    count = Number(buf.readBigUInt64LE(z + 32));
    cdOffset = Number(buf.readBigUInt64LE(z + 48));
  }
  if (count > limits.maxZipEntries) throw tooLarge(`压缩包中的条目超过 ${limits.maxZipEntries} 个的上限，不是普通的 Excel 工作簿`);
  const entries = new Map<string, ZipEntry>();
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw damaged('压缩包目录不完整');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localHeaderOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    // ZIP64: sizes and offset that do not fit 32 bits are in extra field 0x0001, in this order.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd && e + 4 <= buf.length) {
      const id = buf.readUInt16LE(e);
      const len = buf.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const take = () => {
          if (q + 8 > e + 4 + len) throw damaged('压缩包目录不完整');
          const v = Number(buf.readBigUInt64LE(q));
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
      }
      e += 4 + len;
    }
    if (flags & 0x1) throw new DomainError('bad_file', '文件已加密，请在 Excel 中取消密码保护后导入', FIELD, 400);
    entries.set(name.replace(/^\/+/, ''), { name, method, compressedSize, size, localHeaderOffset });
    p = extraEnd + commentLen;
  }
  return entries;
}

/** The bytes one entry may still inflate to, shared by every entry read from one upload. */
export interface InflateBudget {
  remaining: number;
}

export function newBudget(limits: ImportLimits): InflateBudget {
  return { remaining: limits.maxUncompressedMb * MB };
}

/**
 * The text of one entry, inflated and decoded as it streams: UTF-8 (or
 * UTF-16 with a byte-order mark) decoded by one streaming TextDecoder, so a
 * character split across two inflated chunks is joined, never replaced.
 * Refused as soon as the entry inflates past what its directory declared or
 * past the upload's budget; memory stays at one chunk.
 */
export async function* entryText(buf: Buffer, entry: ZipEntry, budget: InflateBudget, limits: ImportLimits): AsyncGenerator<string> {
  if (entry.size > budget.remaining) throw tooLargeUncompressed(limits);
  const h = entry.localHeaderOffset;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== 0x04034b50) throw damaged(`“${entry.name}”的位置不正确`);
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw damaged(`“${entry.name}”不完整`);
  const data = buf.subarray(start, end);
  let decoder: TextDecoder | undefined;
  let produced = 0;
  const decode = (chunk: Uint8Array) => {
    produced += chunk.length;
    if (produced > entry.size) throw damaged(`“${entry.name}”的实际大小与目录不符`);
    if (produced > budget.remaining) throw tooLargeUncompressed(limits);
    if (!decoder) {
      const utf16 = chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : chunk[0] === 0xfe && chunk[1] === 0xff ? 'utf-16be' : 'utf-8';
      decoder = new TextDecoder(utf16, { fatal: true });
    }
    try {
      return decoder.decode(chunk, { stream: true });
    } catch {
      throw damaged(`“${entry.name}”不是有效的 UTF-8 文本`);
    }
  };
  if (entry.method === 0) {
    for (let i = 0; i < data.length; i += 64 * 1024) yield decode(data.subarray(i, i + 64 * 1024));
  } else if (entry.method === 8) {
    const inflater = createInflateRaw();
    inflater.end(data);
    try {
      for await (const chunk of inflater) yield decode(chunk as Buffer);
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw damaged(`“${entry.name}”无法解压`);
    } finally {
      inflater.destroy();
    }
  } else {
    throw damaged(`“${entry.name}”使用了不支持的压缩方式`);
  }
  budget.remaining -= produced;
  if (produced !== entry.size) throw damaged(`“${entry.name}”的实际大小与目录不符`);
  try {
    const rest = decoder?.decode() ?? '';
    if (rest) yield rest;
  } catch {
    throw damaged(`“${entry.name}”不是有效的 UTF-8 文本`);
  }
}
