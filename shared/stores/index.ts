/**
 * createBackupStore(uri): a BackupStore for s3://bucket/prefix, gs://bucket/prefix or
 * file:///folder, plus the key prefix the URI names. Each cloud SDK is imported only when its
 * scheme is used.
 */
import { fileURLToPath } from 'node:url';
import { buildGcsClient, buildS3Client, type ClientIdentity } from './clients';
import type { BackupStore } from './types';

export interface StoreLocation {
  store: BackupStore;
  /** The key prefix under which this destination's objects live ('' or ending in '/'). */
  prefix: string;
}

export interface ParsedDestination {
  scheme: 's3' | 'gs' | 'file';
  /** Bucket, or the folder for file://. */
  container: string;
  prefix: string;
}

/** Splits a destination URI; throws a plain Error with the reason (callers wrap it in an InputError). */
export function parseDestination(uri: string): ParsedDestination {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new Error(`"${uri}" is not a URI`);
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme === 'file') {
    if (url.host !== '') throw new Error('a file:// URI must be absolute (file:///path)');
    return { scheme, container: fileURLToPath(url), prefix: '' };
  }
  if (scheme !== 's3' && scheme !== 'gs')
    throw new Error(`scheme "${scheme}:" is not one of s3:, gs:, file:`);
  if (!url.hostname) throw new Error('the bucket name is missing');
  const path = decodeURIComponent(url.pathname).replace(/^\/+/, '');
  return { scheme, container: url.hostname, prefix: path === '' || path.endsWith('/') ? path : `${path}/` };
}

export interface StoreOptions {
  kmsKey?: string;
  identity: ClientIdentity;
  env?: NodeJS.ProcessEnv;
}

export async function createBackupStore(uri: string, options: StoreOptions): Promise<StoreLocation> {
  const destination = parseDestination(uri);
  const kms = options.kmsKey ? { kmsKey: options.kmsKey } : {};
  switch (destination.scheme) {
    case 'file': {
      const { LocalDirectoryStore } = await import('./local');
      return { store: new LocalDirectoryStore(destination.container), prefix: '' };
    }
    case 's3': {
      const { S3Store } = await import('./s3');
      const client = await buildS3Client(options.identity, options.env);
      return {
        store: new S3Store({ client, bucket: destination.container, ...kms }),
        prefix: destination.prefix,
      };
    }
    case 'gs': {
      const { GcsStore } = await import('./gcs');
      const client = await buildGcsClient(options.identity, options.env);
      return {
        store: new GcsStore({ client, bucket: destination.container, ...kms }),
        prefix: destination.prefix,
      };
    }
  }
}

/** The store holding one object, and the object's key in it (for `restore-from: <uri>`). */
export async function openObject(
  uri: string,
  options: StoreOptions,
): Promise<{ store: BackupStore; key: string }> {
  const destination = parseDestination(uri);
  if (destination.scheme === 'file') {
    const { dirname, basename } = await import('node:path');
    const { pathToFileURL } = await import('node:url');
    const { store } = await createBackupStore(pathToFileURL(dirname(destination.container)).href, options);
    return { store, key: basename(destination.container) };
  }
  const { store } = await createBackupStore(`${destination.scheme}://${destination.container}/`, options);
  return { store, key: destination.prefix.replace(/\/$/, '') };
}
