/** The backup-store contract db-backup codes against; S3, GCS and a local folder implement it in this folder. */

export interface BackupObject {
  /** Full URI (s3://bucket/key, gs://bucket/key, file:///dir/name). */
  uri: string;
  key: string;
  size: number;
  created: Date;
}

export interface PutOptions {
  signal: AbortSignal;
  contentType?: string;
}

export interface BackupStore {
  readonly scheme: 's3' | 'gs' | 'file';
  /** The URI that names `key` in this store (what outputs and `restore-from` carry). */
  uriOf(key: string): string;
  /**
   * Streams `body` to `key`; the object appears under that name only when the stream ended
   * without error and the write committed (create-only: an existing key is never overwritten).
   * An error in `body` or an aborted signal abandons the write (a multipart or resumable upload
   * is aborted, a temporary file removed).
   */
  put(key: string, body: import('node:stream').Readable, options: PutOptions): Promise<BackupObject>;
  /** Objects whose key starts with `prefix`, committed ones only. */
  list(prefix: string): Promise<BackupObject[]>;
  get(key: string, signal: AbortSignal): Promise<import('node:stream').Readable>;
  /** Removes `key`; a missing key is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Makes the object under `pendingKey` appear under `finalKey` (create-only), then removes
   * `pendingKey`: a backup gets its final name only once it has been verified.
   */
  publish(pendingKey: string, finalKey: string, signal: AbortSignal): Promise<BackupObject>;
}
