import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Storage } from '@google-cloud/storage';
import { ObjectExistsError } from './errors';
import type { BackupObject, BackupStore, PutOptions } from './types';

export interface GcsStoreOptions {
  client: Storage;
  bucket: string;
  /** Cloud KMS key name (CMEK): objects are encrypted with it when set. */
  kmsKey?: string;
}

/**
 * Cloud Storage as a backup store. A resumable upload is finalized only when the stream ends
 * cleanly; its CRC32C is checked by the server and by the client; `ifGenerationMatch=0` makes the
 * write create-only (and so safe for the client to retry).
 */
export class GcsStore implements BackupStore {
  readonly scheme = 'gs' as const;
  constructor(private readonly options: GcsStoreOptions) {}

  uriOf(key: string): string {
    return `gs://${this.options.bucket}/${key}`;
  }

  private file(key: string) {
    return this.options.client
      .bucket(this.options.bucket)
      .file(key, this.options.kmsKey ? { kmsKeyName: this.options.kmsKey } : {});
  }

  async put(key: string, body: Readable, options: PutOptions): Promise<BackupObject> {
    const file = this.file(key);
    const upload = file.createWriteStream({
      resumable: true,
      validation: 'crc32c',
      contentType: options.contentType ?? 'application/octet-stream',
      preconditionOpts: { ifGenerationMatch: 0 },
    });
    try {
      await pipeline(body, upload, { signal: options.signal });
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code === 412) throw new ObjectExistsError(this.uriOf(key));
      throw err;
    }
    const [metadata] = await file.getMetadata();
    return {
      uri: this.uriOf(key),
      key,
      size: Number(metadata.size ?? 0),
      created: new Date(metadata.timeCreated ?? Date.now()),
    };
  }

  async list(prefix: string): Promise<BackupObject[]> {
    const [files] = await this.options.client
      .bucket(this.options.bucket)
      .getFiles({ prefix, autoPaginate: true });
    return files.map((file) => ({
      uri: this.uriOf(file.name),
      key: file.name,
      size: Number(file.metadata.size ?? 0),
      created: new Date(file.metadata.timeCreated ?? 0),
    }));
  }

  async get(key: string, signal: AbortSignal): Promise<Readable> {
    const file = this.file(key);
    // Fail on a missing object here rather than inside the caller's pipeline.
    await file.getMetadata();
    const stream = file.createReadStream({ validation: 'crc32c' });
    signal.addEventListener('abort', () => stream.destroy(signal.reason), { once: true });
    return stream;
  }

  /**
   * A server-side rewrite (objects.rewrite; the SDK follows its rewrite tokens until done), create-
   * only through `ifGenerationMatch=0` on the destination; then the pending object is deleted.
   */
  async publish(pendingKey: string, finalKey: string): Promise<BackupObject> {
    const target = this.file(finalKey);
    try {
      await this.file(pendingKey).copy(target, { preconditionOpts: { ifGenerationMatch: 0 } });
    } catch (err) {
      if ((err as { code?: unknown }).code === 412) throw new ObjectExistsError(this.uriOf(finalKey));
      throw err;
    }
    await this.delete(pendingKey);
    const [metadata] = await target.getMetadata();
    return {
      uri: this.uriOf(finalKey),
      key: finalKey,
      size: Number(metadata.size ?? 0),
      created: new Date(metadata.timeCreated ?? Date.now()),
    };
  }

  async delete(key: string): Promise<void> {
    await this.file(key).delete({ ignoreNotFound: true });
  }
}
