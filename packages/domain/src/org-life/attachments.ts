import type { Rules } from '../rules/config.js';

/**
 * Attachments (photos, PDFs, Word and Excel files) of org-life records. The
 * type is decided by the content's magic bytes, never by the name or the
 * declared MIME type; the size limit is `rules.youthWork.attachmentMaxMb`.
 */
export const ATTACHMENT_TYPES = ['jpeg', 'png', 'pdf', 'docx', 'xlsx'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export const ATTACHMENT_TYPE_INFO: Record<AttachmentType, { mime: string; extensions: readonly string[]; label: string }> = {
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG 图片' },
  png: { mime: 'image/png', extensions: ['png'], label: 'PNG 图片' },
  pdf: { mime: 'application/pdf', extensions: ['pdf'], label: 'PDF 文档' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'Word 文档' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'Excel 表格' },
};

/** What the records can carry attachments. */
export const ATTACHMENT_OWNERS = ['meeting', 'activity', 'venue', 'honor_nomination'] as const;
export type AttachmentOwner = (typeof ATTACHMENT_OWNERS)[number];

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);

function containsAscii(b: Uint8Array, text: string): boolean {
  const needle = Array.from(text, (c) => c.charCodeAt(0));
  outer: for (let i = 0; i + needle.length <= b.length; i++) {
    for (let j = 0; j < needle.length; j++) if (b[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * The file type from its first bytes: JPEG (FF D8 FF), PNG (89 50 4E 47 0D 0A 1A 0A),
 * PDF (%PDF-), and Office Open XML zips (PK\3\4) told apart by the part names
 * they hold (word/… or xl/…); anything else is null.
 */
export function sniffAttachmentType(b: Uint8Array): AttachmentType | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    if (containsAscii(b, 'word/')) return 'docx';
    if (containsAscii(b, 'xl/')) return 'xlsx';
  }
  return null;
}

/** Drops any path and control characters; keeps the name readable and short. */
export function safeAttachmentName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  return (clean || '附件').slice(-120);
}

function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m ? m[1]!.toLowerCase() : '';
}

/**
 * Why the upload is refused: empty, too large, not an allowed type by content,
 * or named as a different type than its content is. `maxMb` defaults to the
 * attachment limit; the electronic archive passes its own.
 */
export function attachmentProblems(f: { fileName: string; size: number; sniffed: AttachmentType | null }, rules: Rules, maxMb = rules.youthWork.attachmentMaxMb): string[] {
  const max = maxMb;
  if (f.size === 0) return ['文件为空'];
  if (f.size > max * 1024 * 1024) return [`文件大小${(f.size / 1024 / 1024).toFixed(1)}MB，超过上限${max}MB`];
  if (!f.sniffed) return ['只能上传 JPG、PNG 图片和 PDF、Word（docx）、Excel（xlsx）文件（按文件内容识别）'];
  const ext = extensionOf(f.fileName);
  if (ext && !ATTACHMENT_TYPE_INFO[f.sniffed].extensions.includes(ext)) {
    return [`文件内容是${ATTACHMENT_TYPE_INFO[f.sniffed].label}，与扩展名“.${ext}”不符`];
  }
  return [];
}

/** The stored name: the sanitized name, with the extension of the real type when it had none. */
export function storedAttachmentName(fileName: string, type: AttachmentType): string {
  const safe = safeAttachmentName(fileName);
  return extensionOf(safe) ? safe : `${safe}.${ATTACHMENT_TYPE_INFO[type].extensions[0]}`;
}
