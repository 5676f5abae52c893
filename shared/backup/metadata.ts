/**
 * The sidecar metadata object, written last: a backup whose sidecar is missing does not exist
 * for listing, retention or `restore-from: latest`.
 */
import type { ArchiveFormat, Compression, EngineName, TableCounts, VerifyLevel } from './types';

export const METADATA_SUFFIX = '.meta.json';

export interface BackupMetadata {
  schema: 'rollout-actions/db-backup/v1';
  engine: EngineName;
  serverVersion: string;
  database: string;
  format: ArchiveFormat;
  compression: Compression;
  /** Bytes as stored (after compression). */
  size: number;
  /** SHA-256 (hex) of the bytes as stored. */
  sha256: string;
  /** ISO 8601, when the dump started. */
  created: string;
  verified: VerifyLevel;
  toolVersions: Record<string, string>;
  /** The data object's key, relative to the store (the sidecar is `<key>.meta.json`). */
  key: string;
  /** Row counts per table of the verification restore, when verify was `restore`. */
  tables?: TableCounts;
}

/** Beside a backup's final name: where it is uploaded and verified before it gets that name. */
export const PENDING_MARK = '.pending-';

export function pendingKey(dataKey: string): string {
  const slash = dataKey.lastIndexOf('/') + 1;
  return `${dataKey.slice(0, slash)}${PENDING_MARK}${dataKey.slice(slash)}`;
}

export function metadataKey(dataKey: string): string {
  return `${dataKey}${METADATA_SUFFIX}`;
}

const ENGINES = new Set(['postgres', 'mysql']);
const FORMATS = new Set(['custom', 'directory', 'sql']);
const COMPRESSIONS = new Set(['zstd', 'gzip', 'none']);
const LEVELS = new Set(['list', 'full', 'restore']);

/** Parses a sidecar; throws with the reason when it is not one of ours or is malformed. */
export function parseMetadata(text: string): BackupMetadata {
  const value = JSON.parse(text) as Partial<BackupMetadata>;
  const problems: string[] = [];
  if (value.schema !== 'rollout-actions/db-backup/v1') problems.push('schema');
  if (!ENGINES.has(String(value.engine))) problems.push('engine');
  if (!FORMATS.has(String(value.format))) problems.push('format');
  if (!COMPRESSIONS.has(String(value.compression))) problems.push('compression');
  if (!LEVELS.has(String(value.verified))) problems.push('verified');
  if (typeof value.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(value.sha256)) problems.push('sha256');
  if (typeof value.size !== 'number' || value.size < 0) problems.push('size');
  if (typeof value.database !== 'string') problems.push('database');
  if (typeof value.key !== 'string' || value.key === '') problems.push('key');
  if (typeof value.created !== 'string' || Number.isNaN(Date.parse(value.created))) problems.push('created');
  if (problems.length > 0) throw new Error(`malformed backup metadata (${problems.join(', ')})`);
  return value as BackupMetadata;
}

/** The folder (key prefix) holding every backup of one database under a destination prefix. */
export function backupFolder(prefix: string, database: string): string {
  return `${prefix}${database.replace(/[^A-Za-z0-9._-]/g, '_')}/`;
}

/**
 * The key of a new backup: `<prefix><database>/<UTC timestamp>-<engine>.<ext><compression ext>`.
 * The timestamp sorts lexically; the random suffix keeps two runs in the same second apart.
 */
export function backupKey(options: {
  prefix: string;
  database: string;
  engine: EngineName;
  format: ArchiveFormat;
  compressionExtension: string;
  now: Date;
  unique: string;
}): string {
  const stamp = options.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const extension = { custom: 'dump', directory: 'tar', sql: 'sql' }[options.format];
  return `${backupFolder(options.prefix, options.database)}${stamp}-${options.unique}-${options.engine}.${extension}${options.compressionExtension}`;
}
