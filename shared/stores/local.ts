import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { ObjectExistsError } from './errors';
import type { BackupObject, BackupStore, PutOptions } from './types';

/** Names of half-written files: never listed, never taken for a backup. */
const TEMP_MARK = '.partial-';

/**
 * A folder as a backup store. A write goes to a temporary name, is fsynced, then hard-linked to
 * its final name: link() fails on an existing name, so a write is create-only and atomic.
 */
export class LocalDirectoryStore implements BackupStore {
  readonly scheme = 'file' as const;
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  uriOf(key: string): string {
    return pathToFileURL(this.pathOf(key)).href;
  }

  private pathOf(key: string): string {
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new Error(`key "${key}" leaves the store's folder`);
    return path;
  }

  async put(key: string, body: Readable, options: PutOptions): Promise<BackupObject> {
    const finalPath = this.pathOf(key);
    const folder = dirname(finalPath);
    await mkdir(folder, { recursive: true });
    const tempPath = join(
      folder,
      `${TEMP_MARK}${randomBytes(6).toString('hex')}-${finalPath.slice(folder.length + 1)}`,
    );
    try {
      await pipeline(body, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }), {
        signal: options.signal,
      });
      const handle = await open(tempPath, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await link(tempPath, finalPath);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new ObjectExistsError(this.uriOf(key));
        throw err;
      }
      await syncFolder(folder);
    } finally {
      await unlink(tempPath).catch(() => undefined);
    }
    const info = await stat(finalPath);
    return { uri: this.uriOf(key), key, size: info.size, created: info.mtime };
  }

  async list(prefix: string): Promise<BackupObject[]> {
    const found: BackupObject[] = [];
    const walk = async (folder: string): Promise<void> => {
      let entries: import('node:fs').Dirent[];
      try {
        entries = await readdir(folder, { withFileTypes: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw err;
      }
      for (const entry of entries) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile() && !entry.name.startsWith(TEMP_MARK)) {
          const key = relative(this.root, path).split(sep).join('/');
          if (!key.startsWith(prefix)) continue;
          const info = await stat(path);
          found.push({ uri: this.uriOf(key), key, size: info.size, created: info.mtime });
        }
      }
    };
    await walk(this.root);
    return found.sort((a, b) => a.key.localeCompare(b.key));
  }

  async get(key: string, signal: AbortSignal): Promise<Readable> {
    const path = this.pathOf(key);
    // Open first so a missing object fails here, not in the middle of a pipeline.
    const handle = await open(path, 'r');
    return createReadStream(path, { fd: handle, signal, highWaterMark: 1 << 20 });
  }

  /** A hard link: atomic, create-only (link() fails on an existing name), no bytes copied. */
  async publish(pendingKey: string, finalKey: string): Promise<BackupObject> {
    const finalPath = this.pathOf(finalKey);
    try {
      await link(this.pathOf(pendingKey), finalPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new ObjectExistsError(this.uriOf(finalKey));
      throw err;
    }
    await this.delete(pendingKey);
    await syncFolder(dirname(finalPath));
    const info = await stat(finalPath);
    return { uri: this.uriOf(finalKey), key: finalKey, size: info.size, created: info.mtime };
  }

  async delete(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
}

/** A rename or link is durable only once the folder holding it is synced. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
