import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { ObjectExistsError } from './errors';
import type { BackupObject, BackupStore, PutOptions } from './types';

/** Parts of 16 MiB, four in flight: at most ~64 MiB buffered, and 10,000 parts reach 160 GiB. */
const PART_SIZE = 16 * 1024 * 1024;
const QUEUE_SIZE = 4;
/** CopyObject copies up to 5 GiB; beyond, a multipart upload copies ranges (UploadPartCopy). */
const COPY_LIMIT = 5 * 1024 ** 3;
/** Ranges of 1 GiB: 10,000 parts reach far beyond S3's 5 TiB object limit. */
const COPY_PART_SIZE = 1024 ** 3;

/** The byte ranges ("bytes=first-last") that copy an object of `size` bytes in parts. */
export function copyRanges(size: number, partSize = COPY_PART_SIZE): string[] {
  const ranges: string[] = [];
  for (let first = 0; first < size; first += partSize) {
    ranges.push(`bytes=${first}-${Math.min(first + partSize, size) - 1}`);
  }
  return ranges;
}

export interface S3StoreOptions {
  client: S3Client;
  bucket: string;
  /** SSE-KMS key id or ARN; objects are encrypted with it when set. */
  kmsKey?: string;
}

/**
 * S3 as a backup store. Uploads go through lib-storage's multipart Upload; on any failure the
 * multipart upload is aborted, so no object appears unless CompleteMultipartUpload ran.
 * Writes are create-only with `If-None-Match: *` (on PutObject and CompleteMultipartUpload), and
 * each part carries a CRC32 checksum that S3 verifies.
 */
export class S3Store implements BackupStore {
  readonly scheme = 's3' as const;
  constructor(private readonly options: S3StoreOptions) {}

  uriOf(key: string): string {
    return `s3://${this.options.bucket}/${key}`;
  }

  async put(key: string, body: Readable, options: PutOptions): Promise<BackupObject> {
    const { Upload } = await import('@aws-sdk/lib-storage');
    const upload = new Upload({
      client: this.options.client,
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      // We abort the multipart upload ourselves, so that a failed abort is reported next to the
      // error that caused it instead of replacing it.
      leavePartsOnError: true,
      params: {
        Bucket: this.options.bucket,
        Key: key,
        Body: body,
        IfNoneMatch: '*',
        ChecksumAlgorithm: 'CRC32',
        ContentType: options.contentType ?? 'application/octet-stream',
        ...(this.options.kmsKey ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: this.options.kmsKey } : {}),
      },
    });
    const onAbort = () => void upload.abort();
    options.signal.addEventListener('abort', onAbort, { once: true });
    // lib-storage stops reading when a part fails; a failed body must still be drained of its error.
    let bodyError: unknown;
    body.once('error', (err) => {
      bodyError = err;
      void upload.abort();
    });
    try {
      await upload.done();
    } catch (err) {
      const abortProblem = await this.abortMultipart(key, upload.uploadId);
      const cause = bodyError ?? err;
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (bodyError === undefined && status === 412) throw new ObjectExistsError(this.uriOf(key));
      if (abortProblem && cause instanceof Error) cause.message += `; ${abortProblem}`;
      throw cause;
    } finally {
      options.signal.removeEventListener('abort', onAbort);
    }
    if (bodyError !== undefined) throw bodyError;
    const head = await this.head(key);
    return head;
  }

  /** Aborts a multipart upload; returns what went wrong, if anything, for the error message. */
  private async abortMultipart(key: string, uploadId: string | undefined): Promise<string | undefined> {
    if (!uploadId) return undefined;
    const { AbortMultipartUploadCommand } = await import('@aws-sdk/client-s3');
    try {
      await this.options.client.send(
        new AbortMultipartUploadCommand({ Bucket: this.options.bucket, Key: key, UploadId: uploadId }),
      );
      return undefined;
    } catch (err) {
      return `aborting multipart upload ${uploadId} failed too (${(err as Error).message}); a bucket lifecycle rule for incomplete uploads removes its parts`;
    }
  }

  private async head(key: string): Promise<BackupObject> {
    const { HeadObjectCommand } = await import('@aws-sdk/client-s3');
    const head = await this.options.client.send(
      new HeadObjectCommand({ Bucket: this.options.bucket, Key: key }),
    );
    return {
      uri: this.uriOf(key),
      key,
      size: head.ContentLength ?? 0,
      created: head.LastModified ?? new Date(),
    };
  }

  async list(prefix: string): Promise<BackupObject[]> {
    const { paginateListObjectsV2 } = await import('@aws-sdk/client-s3');
    const found: BackupObject[] = [];
    for await (const page of paginateListObjectsV2(
      { client: this.options.client },
      { Bucket: this.options.bucket, Prefix: prefix },
    )) {
      for (const item of page.Contents ?? []) {
        if (!item.Key) continue;
        found.push({
          uri: this.uriOf(item.Key),
          key: item.Key,
          size: item.Size ?? 0,
          created: item.LastModified ?? new Date(0),
        });
      }
    }
    return found;
  }

  async get(key: string, signal: AbortSignal): Promise<Readable> {
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    const response = await this.options.client.send(
      new GetObjectCommand({ Bucket: this.options.bucket, Key: key }),
      { abortSignal: signal },
    );
    if (!response.Body) throw new Error(`${this.uriOf(key)} has no body`);
    return response.Body as Readable;
  }

  /**
   * S3 has no rename: a server-side copy (CopyObject, or UploadPartCopy parts beyond 5 GiB), create-
   * only with `If-None-Match: *`, then the pending object is deleted. No bytes leave S3.
   */
  async publish(pendingKey: string, finalKey: string, signal: AbortSignal): Promise<BackupObject> {
    const s3 = await import('@aws-sdk/client-s3');
    const { Bucket, client } = { Bucket: this.options.bucket, client: this.options.client };
    const source = await this.head(pendingKey);
    const CopySource = `${Bucket}/${pendingKey.split('/').map(encodeURIComponent).join('/')}`;
    const encryption = this.options.kmsKey
      ? { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: this.options.kmsKey }
      : {};
    try {
      if (source.size <= COPY_LIMIT) {
        await client.send(
          new s3.CopyObjectCommand({ Bucket, Key: finalKey, CopySource, IfNoneMatch: '*', ...encryption }),
          { abortSignal: signal },
        );
      } else {
        await this.copyInParts(s3, {
          Bucket,
          Key: finalKey,
          CopySource,
          size: source.size,
          encryption,
          signal,
        });
      }
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 412) throw new ObjectExistsError(this.uriOf(finalKey));
      throw err;
    }
    await this.delete(pendingKey);
    return this.head(finalKey);
  }

  private async copyInParts(
    s3: typeof import('@aws-sdk/client-s3'),
    copy: {
      Bucket: string;
      Key: string;
      CopySource: string;
      size: number;
      encryption: { ServerSideEncryption?: 'aws:kms'; SSEKMSKeyId?: string };
      signal: AbortSignal;
    },
  ): Promise<void> {
    const { Bucket, Key, CopySource, signal } = copy;
    const client = this.options.client;
    const started = await client.send(
      new s3.CreateMultipartUploadCommand({ Bucket, Key, ...copy.encryption }),
      { abortSignal: signal },
    );
    const UploadId = started.UploadId;
    try {
      const Parts: { ETag: string; PartNumber: number }[] = [];
      for (const [index, CopySourceRange] of copyRanges(copy.size).entries()) {
        const part = await client.send(
          new s3.UploadPartCopyCommand({
            Bucket,
            Key,
            UploadId,
            PartNumber: index + 1,
            CopySource,
            CopySourceRange,
          }),
          { abortSignal: signal },
        );
        Parts.push({ ETag: part.CopyPartResult?.ETag ?? '', PartNumber: index + 1 });
      }
      await client.send(
        new s3.CompleteMultipartUploadCommand({
          Bucket,
          Key,
          UploadId,
          IfNoneMatch: '*',
          MultipartUpload: { Parts },
        }),
        { abortSignal: signal },
      );
    } catch (err) {
      const abortProblem = await this.abortMultipart(Key, UploadId);
      if (abortProblem && err instanceof Error) err.message += `; ${abortProblem}`;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
    await this.options.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }
}
