import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { REPO_ROOT } from '../../paths.js';

/**
 * Where attachment bytes live. Content-addressed: the key is the sha256 of the
 * content, so the same file uploaded twice is stored once and a stored file
 * can be verified on read. Records in the database point at keys; the bytes
 * never pass through the database.
 *
 * The directory store is the default (ATTACHMENT_DIR, default
 * data/attachments under the repository root, kept across restarts). An
 * S3-compatible store would implement the same three methods; it is not
 * included because this environment has no network access to test one against.
 */
export interface AttachmentStore {
  /** Stores the bytes (idempotent) and returns their key and sha256. */
  put(bytes: Buffer): Promise<{ key: string; sha256: string }>;
  /** The bytes under a key, or null when absent or corrupted. */
  get(key: string): Promise<Buffer | null>;
  has(key: string): Promise<boolean>;
}

const KEY = /^[0-9a-f]{64}$/;

export class DirectoryStore implements AttachmentStore {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid attachment key ${key}`);
    // Two levels of fan-out keep directories small.
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }

  async put(bytes: Buffer): Promise<{ key: string; sha256: string }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) return { key: sha256, sha256 };
    await mkdir(dirname(target), { recursive: true });
    // Write a temporary file, flush it to disk, then rename: a crash never leaves a half-written file under the key.
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const fh = await open(tmp, 'wx', 0o640);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await rename(tmp, target);
    } catch (err) {
      await unlink(tmp).catch(() => {});
      throw err;
    }
    return { key: sha256, sha256 };
  }

  async get(key: string): Promise<Buffer | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.pathOf(key));
    } catch {
      return null;
    }
    // Content-addressed: what is read must still be what was stored.
    return createHash('sha256').update(bytes).digest('hex') === key ? bytes : null;
  }
}

const stores = new Map<string, AttachmentStore>();

/** The configured store (read from the environment at each call, so tests can point it elsewhere). */
export function attachmentStore(env: NodeJS.ProcessEnv = process.env): AttachmentStore {
  const dir = resolve(REPO_ROOT, env.ATTACHMENT_DIR || 'data/attachments');
  let store = stores.get(dir);
  if (!store) stores.set(dir, (store = new DirectoryStore(dir)));
  return store;
}
