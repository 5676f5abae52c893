/** Finding verified backups in a store through their sidecars, and removing them. */
import type { BackupStore } from '../stores/types';
import { type BackupMetadata, METADATA_SUFFIX, metadataKey, parseMetadata } from './metadata';
import type { EngineName } from './types';

export async function readText(store: BackupStore, key: string, signal: AbortSignal): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(key, signal)) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Verified backups of one database under a prefix: those whose sidecar exists and parses. */
export async function listVerified(
  store: BackupStore,
  prefix: string,
  filter: { engine: EngineName; database: string },
  signal: AbortSignal,
  onProblem: (message: string) => void = () => undefined,
): Promise<BackupMetadata[]> {
  const objects = await store.list(prefix);
  const keys = new Set(objects.map((o) => o.key));
  const found: BackupMetadata[] = [];
  for (const object of objects) {
    if (!object.key.endsWith(METADATA_SUFFIX)) continue;
    let metadata: BackupMetadata;
    try {
      metadata = parseMetadata(await readText(store, object.key, signal));
    } catch (err) {
      onProblem(`ignoring ${object.uri}: ${(err as Error).message}`);
      continue;
    }
    if (metadataKey(metadata.key) !== object.key || !keys.has(metadata.key)) {
      onProblem(`ignoring ${object.uri}: its data object is missing`);
      continue;
    }
    if (metadata.engine === filter.engine && metadata.database === filter.database) found.push(metadata);
  }
  return found.sort((a, b) => Date.parse(b.created) - Date.parse(a.created) || b.key.localeCompare(a.key));
}

/** Removes a backup: the sidecar first, so that a half-done removal leaves nothing that counts. */
export async function removeBackup(store: BackupStore, metadata: BackupMetadata): Promise<void> {
  await store.delete(metadataKey(metadata.key));
  await store.delete(metadata.key);
}
