import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { listVerified, readText, removeBackup } from '../../../shared/backup/catalog';
import { compressionExtension } from '../../../shared/backup/compression';
import { openEngine } from '../../../shared/backup/engines';
import {
  type BackupMetadata,
  backupFolder,
  backupKey,
  metadataKey,
  parseMetadata,
  pendingKey,
} from '../../../shared/backup/metadata';
import { readBack, streamBackup } from '../../../shared/backup/pipeline';
import { selectForRemoval } from '../../../shared/backup/retention';
import type { EngineSession, TableCounts } from '../../../shared/backup/types';
import type { Clock } from '../../../shared/clock';
import type { Core } from '../../../shared/core';
import { ActionError, CancelledError, errorMessage } from '../../../shared/errors';
import { redact } from '../../../shared/mask';
import { type ActionContext, runAction, throwIfCancelled } from '../../../shared/run';
import { createBackupStore, openObject } from '../../../shared/stores/index';
import type { BackupStore } from '../../../shared/stores/types';
import { heading, table } from '../../../shared/summary';
import { toolkit } from '../../../shared/toolkit';
import {
  type BackupSettings,
  checkConfirmedSource,
  type DbBackupSettings,
  OUTPUTS,
  type RestoreSettings,
  readSettings,
} from './inputs';

export const ACTION_NAME = 'db-backup';
const VERSION = '1.0.0';
const IDENTITY = { action: ACTION_NAME, version: VERSION };

export async function run(core: Core = toolkit, clock?: Clock): Promise<void> {
  await runAction(ACTION_NAME, (ctx) => dbBackup(ctx), { core, ...(clock ? { clock } : {}) });
}

async function dbBackup(ctx: ActionContext): Promise<void> {
  const settings = readSettings(ctx.core);
  const session = await openEngine(settings.engine, settings.connection);
  try {
    if (settings.operation === 'backup') await backup(ctx, settings, session);
    else await restore(ctx, settings, session);
  } catch (err) {
    if (err instanceof CancelledError) throw err;
    // Tool output can quote a connection string: strip every secret form before it is shown.
    throw new ActionError(redact(errorMessage(err), settings.secrets));
  } finally {
    await session.close();
  }
}

async function backup(ctx: ActionContext, settings: BackupSettings, session: EngineSession): Promise<void> {
  const { core, clock, signal } = ctx;
  const started = clock.now();
  const database = settings.connection.database;
  const serverVersion = await session.serverVersion();
  const { store, prefix } = await createBackupStore(settings.destination, storeOptions(settings));
  const createdAt = new Date(started);
  const key = backupKey({
    prefix,
    database,
    engine: settings.engine,
    format: settings.format,
    compressionExtension: compressionExtension(settings.compression),
    now: createdAt,
    unique: randomBytes(3).toString('hex'),
  });
  throwIfCancelled(signal);

  // The dump is one snapshot taken somewhere between these counts and those taken after it.
  const countsBefore = settings.verify === 'restore' ? await session.tableCounts(database) : undefined;
  // Uploaded and verified under a pending name; only a verified backup gets its final name.
  const pending = pendingKey(key);
  core.info(`Dumping ${settings.engine} ${serverVersion} database "${database}" to ${store.uriOf(key)}`);
  const stored = await streamBackup({
    session,
    store,
    key: pending,
    compression: settings.compression,
    dump: { format: settings.format, jobs: settings.jobs },
    signal,
  });
  core.info(`Stored ${stored.size} bytes, sha256 ${stored.sha256}`);

  let tables: TableCounts | undefined;
  try {
    if (stored.object.size !== stored.size) {
      throw new ActionError(`the store holds ${stored.object.size} bytes, but ${stored.size} were sent`);
    }
    tables = await verify(ctx, settings, session, {
      store,
      key: pending,
      sha256: stored.sha256,
      countsBefore,
    });
  } catch (err) {
    const cause = `verification (${settings.verify}) failed: ${errorMessage(err)}`;
    throw await withoutPending(store, pending, cause, err);
  }
  try {
    throwIfCancelled(signal);
    await store.publish(pending, key, signal);
  } catch (err) {
    throw await withoutPending(
      store,
      pending,
      `could not give the verified backup its final name ${store.uriOf(key)}: ${errorMessage(err)}`,
      err,
    );
  }

  const metadata: BackupMetadata = {
    schema: 'rollout-actions/db-backup/v1',
    engine: settings.engine,
    serverVersion,
    database,
    format: settings.format,
    compression: settings.compression,
    size: stored.size,
    sha256: stored.sha256,
    created: createdAt.toISOString(),
    verified: settings.verify,
    toolVersions: session.toolVersions,
    key,
    ...(tables ? { tables } : {}),
  };
  // The sidecar goes last: only now does the backup exist for listing, retention and restore.
  await store.put(metadataKey(key), Readable.from([Buffer.from(JSON.stringify(metadata, null, 2))]), {
    signal,
    contentType: 'application/json',
  });

  const removed = await applyRetention(ctx, settings, store, backupFolder(prefix, database), key);
  const seconds = (clock.now() - started) / 1000;
  setOutputs(core, {
    uri: store.uriOf(key),
    sha256: stored.sha256,
    size: stored.size,
    seconds,
    verified: settings.verify,
  });
  await core.summary
    .addRaw(
      [
        heading(`✅ Backup of ${database} verified (${settings.verify})`),
        '',
        table(
          ['URI', 'Size', 'SHA-256', 'Format', 'Compression', 'Duration'],
          [
            [
              store.uriOf(key),
              `${stored.size} B`,
              stored.sha256,
              settings.format,
              settings.compression,
              `${seconds.toFixed(1)} s`,
            ],
          ],
        ),
        '',
        removed.length > 0
          ? `Retention removed ${removed.length} older backup(s): ${removed.join(', ')}`
          : '',
        '',
      ].join('\n'),
      true,
    )
    .write();
}

/**
 * Removes an upload that will never be a backup, and says truthfully what is left: it never had
 * its final name, and without metadata nothing (listing, retention, restore) takes it for one.
 */
async function withoutPending(
  store: BackupStore,
  pending: string,
  cause: string,
  err: unknown,
): Promise<Error> {
  const removal = await store.delete(pending).then(
    () => 'the upload was removed',
    (deleteErr) =>
      `the upload could not be removed (${errorMessage(deleteErr)}): delete ${store.uriOf(pending)}; it is not a backup and has no final name`,
  );
  if (err instanceof CancelledError) return new CancelledError(`${err.message}; ${removal}`);
  return new ActionError(`${cause}; ${removal}`);
}

/** Proves the stored backup at the requested level; returns the scratch restore's row counts. */
async function verify(
  ctx: ActionContext,
  settings: BackupSettings,
  session: EngineSession,
  stored: { store: BackupStore; key: string; sha256: string; countsBefore: TableCounts | undefined },
): Promise<TableCounts | undefined> {
  const { core, signal } = ctx;
  const { store, key, sha256 } = stored;
  const base = { store, key, compression: settings.compression, signal };
  if (settings.verify === 'list') {
    const read = await readBack({
      ...base,
      sink: await session.listSink(settings.format, signal),
      stopAtSink: true,
    });
    core.info(`Verified (list): the table of contents has ${read.value} entries`);
    return undefined;
  }
  if (settings.verify === 'full') {
    const read = await readBack({ ...base, sink: await session.listSink(settings.format, signal) });
    checkDigest(read, sha256);
    core.info(`Verified (full): read back ${read.size} bytes, sha256 matches, ${read.value} entries listed`);
    return undefined;
  }
  const countsAfter = await session.tableCounts(settings.connection.database);
  const scratch = `${settings.connection.database}_verify_${randomBytes(4).toString('hex')}`.slice(0, 63);
  await session.createDatabase(scratch);
  try {
    const read = await readBack({
      ...base,
      sink: await session.restoreSink(
        settings.format,
        scratch,
        { clean: false, jobs: settings.jobs },
        signal,
      ),
    });
    checkDigest(read, sha256);
    const restored = await session.tableCounts(scratch);
    const differences = compareCounts(stored.countsBefore ?? countsAfter, countsAfter, restored);
    if (differences.length > 0) throw new ActionError(`row counts differ: ${differences.join('; ')}`);
    core.info(
      `Verified (restore): ${Object.keys(restored).length} tables restored into a scratch database with equal row counts`,
    );
    return restored;
  } finally {
    await session
      .dropDatabase(scratch)
      .catch((err) => core.warning(`could not drop scratch database ${scratch}: ${errorMessage(err)}`));
  }
}

/**
 * Tables whose restored row count is not one the database had while it was dumped: the dump is a
 * snapshot taken between `before` and `after`, so a table that only grew (or only shrank) in that
 * time must have a restored count between the two. A table missing on either side is a difference.
 */
export function compareCounts(before: TableCounts, after: TableCounts, restored: TableCounts): string[] {
  const names = [
    ...new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(restored)]),
  ].sort();
  const problems: string[] = [];
  for (const name of names) {
    const got = restored[name];
    const seen = [before[name], after[name]].filter((count): count is number => count !== undefined);
    if (seen.length === 0) {
      problems.push(`${name}: not in the database, ${got} restored`);
      continue;
    }
    // Created or dropped while the dump ran: the snapshot may or may not hold it.
    if (seen.length === 1) continue;
    const low = Math.min(...seen);
    const high = Math.max(...seen);
    const expected = low === high ? String(low) : `${low}–${high}`;
    if (got === undefined) problems.push(`${name}: ${expected} in the database, missing in the restore`);
    else if (got < low || got > high) problems.push(`${name}: ${expected} in the database, ${got} restored`);
  }
  return problems;
}

function checkDigest(read: { sha256: string; size: number }, expected: string): void {
  if (read.sha256 !== expected) {
    throw new ActionError(
      `checksum mismatch: expected sha256 ${expected}, read back ${read.sha256} (${read.size} bytes)`,
    );
  }
}

async function applyRetention(
  ctx: ActionContext,
  settings: BackupSettings,
  store: BackupStore,
  folder: string,
  newKey: string,
): Promise<string[]> {
  if (settings.retention.count === undefined && settings.retention.days === undefined) return [];
  const verified = await listVerified(
    store,
    folder,
    { engine: settings.engine, database: settings.connection.database },
    ctx.signal,
    (message) => ctx.core.warning(message),
  );
  const doomed = selectForRemoval(verified, settings.retention, new Date(ctx.clock.now()), [newKey]);
  const removed: string[] = [];
  for (const metadata of doomed) {
    throwIfCancelled(ctx.signal);
    await removeBackup(store, metadata);
    removed.push(store.uriOf(metadata.key));
    ctx.core.info(`Retention: removed ${store.uriOf(metadata.key)} (created ${metadata.created})`);
  }
  return removed;
}

async function restore(ctx: ActionContext, settings: RestoreSettings, session: EngineSession): Promise<void> {
  const { core, clock, signal } = ctx;
  const started = clock.now();
  const database = settings.connection.database;
  const { store, metadata } = await resolveBackup(ctx, settings);
  if (metadata.engine !== settings.engine) {
    throw new ActionError(
      `${store.uriOf(metadata.key)} is a ${metadata.engine} backup, not ${settings.engine}`,
    );
  }
  checkConfirmedSource(settings, { uri: store.uriOf(metadata.key), database: metadata.database });
  const base = { store, key: metadata.key, compression: metadata.compression, signal };
  core.info(`Checking ${store.uriOf(metadata.key)} (${metadata.size} bytes) against its recorded sha256`);
  const checked = await readBack(base);
  if (checked.sha256 !== metadata.sha256 || checked.size !== metadata.size) {
    throw new ActionError(
      `checksum mismatch for ${store.uriOf(metadata.key)}: recorded sha256 ${metadata.sha256} (${metadata.size} bytes), read ${checked.sha256} (${checked.size} bytes); nothing was written to ${database}`,
    );
  }
  throwIfCancelled(signal);
  core.info(`Checksum matches; restoring into ${database}`);
  const restored = await readBack({
    ...base,
    sink: await session.restoreSink(metadata.format, database, { clean: true, jobs: settings.jobs }, signal),
  });
  checkDigest(restored, metadata.sha256);
  const seconds = (clock.now() - started) / 1000;
  setOutputs(core, {
    uri: store.uriOf(metadata.key),
    sha256: metadata.sha256,
    size: metadata.size,
    seconds,
    verified: metadata.verified,
  });
  await core.summary
    .addRaw(
      [
        heading(`♻️ Restored ${database} from a ${metadata.verified}-verified backup`),
        '',
        table(
          ['From', 'Created', 'SHA-256', 'Duration'],
          [[store.uriOf(metadata.key), metadata.created, metadata.sha256, `${seconds.toFixed(1)} s`]],
        ),
        '',
      ].join('\n'),
      true,
    )
    .write();
}

async function resolveBackup(
  ctx: ActionContext,
  settings: RestoreSettings,
): Promise<{ store: BackupStore; metadata: BackupMetadata }> {
  if (settings.restoreFrom === 'latest') {
    // The newest backup of the database the confirmation named (the target itself by default).
    const source = settings.confirmedSource;
    const { store, prefix } = await createBackupStore(settings.destination, storeOptions(settings));
    const [newest] = await listVerified(
      store,
      backupFolder(prefix, source),
      { engine: settings.engine, database: source },
      ctx.signal,
      (message) => ctx.core.warning(message),
    );
    if (!newest) throw new ActionError(`no verified backup of ${source} under ${settings.destination}`);
    return { store, metadata: newest };
  }
  const { store, key } = await openObject(settings.restoreFrom, storeOptions(settings));
  let metadata: BackupMetadata;
  try {
    metadata = parseMetadata(await readText(store, metadataKey(key), ctx.signal));
  } catch (err) {
    throw new ActionError(
      `${settings.restoreFrom} has no readable metadata (${errorMessage(err)}): it is not a completed, verified backup`,
    );
  }
  if (metadata.key.split('/').pop() !== key.split('/').pop()) {
    throw new ActionError(`the metadata next to ${settings.restoreFrom} describes another object`);
  }
  return { store, metadata: { ...metadata, key } };
}

function storeOptions(settings: DbBackupSettings) {
  return { identity: IDENTITY, ...(settings.kmsKey ? { kmsKey: settings.kmsKey } : {}) };
}

function setOutputs(
  core: Core,
  values: { uri: string; sha256: string; size: number; seconds: number; verified: string },
): void {
  core.setOutput(OUTPUTS.uri, values.uri);
  core.setOutput(OUTPUTS.sha256, values.sha256);
  core.setOutput(OUTPUTS.sizeBytes, values.size);
  core.setOutput(OUTPUTS.durationSeconds, values.seconds.toFixed(1));
  core.setOutput(OUTPUTS.verified, values.verified);
}
