import { describe, expect, it } from 'vitest';
import { compareCounts } from '../../../actions/db-backup/src/main';
import {
  type BackupMetadata,
  backupFolder,
  backupKey,
  metadataKey,
  parseMetadata,
} from '../../../shared/backup/metadata';
import { selectForRemoval } from '../../../shared/backup/retention';

const NOW = new Date('2026-11-22T12:00:00Z');

function backup(daysAgo: number, key = `shop/${daysAgo}`): BackupMetadata {
  return {
    schema: 'rollout-actions/db-backup/v1',
    engine: 'postgres',
    serverVersion: '15.8',
    database: 'shop',
    format: 'custom',
    compression: 'zstd',
    size: 10,
    sha256: 'a'.repeat(64),
    created: new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString(),
    verified: 'full',
    toolVersions: {},
    key,
  };
}

const keys = (list: BackupMetadata[]) => list.map((b) => b.key).sort();

describe('selectForRemoval', () => {
  const five = [backup(0.1), backup(1), backup(2), backup(10), backup(40)];

  it('never removes the backup just made, even when other sidecars are dated later (clock ahead, concurrent run)', () => {
    const justMade = backup(0, 'shop/just-made');
    const fromTheFuture = [backup(-2, 'shop/ahead-1'), backup(-1, 'shop/ahead-2')];
    const doomed = selectForRemoval([...fromTheFuture, justMade, backup(3)], { count: 1 }, NOW, [
      justMade.key,
    ]);
    // Kept: the newest verified one (dated latest) and the one just made, whatever the count says.
    expect(keys(doomed)).toEqual(['shop/3', 'shop/ahead-2']);
  });

  it('removes nothing without a rule', () => {
    expect(selectForRemoval(five, {}, NOW)).toEqual([]);
  });

  it('keeps the newest `count`', () => {
    expect(keys(selectForRemoval(five, { count: 2 }, NOW))).toEqual(['shop/10', 'shop/2', 'shop/40']);
  });

  it('keeps those younger than `days`', () => {
    expect(keys(selectForRemoval(five, { days: 7 }, NOW))).toEqual(['shop/10', 'shop/40']);
  });

  it('keeps a backup that either rule keeps', () => {
    expect(keys(selectForRemoval(five, { count: 4, days: 1.5 }, NOW))).toEqual(['shop/40']);
    expect(keys(selectForRemoval(five, { count: 1, days: 15 }, NOW))).toEqual(['shop/40']);
  });

  it('never removes the newest, even when every rule would', () => {
    expect(keys(selectForRemoval([backup(100), backup(200)], { days: 1 }, NOW))).toEqual(['shop/200']);
    expect(selectForRemoval([backup(100)], { days: 0, count: 1 }, NOW)).toEqual([]);
  });

  it('does not depend on the order it is given', () => {
    expect(keys(selectForRemoval([...five].reverse(), { count: 2 }, NOW))).toEqual([
      'shop/10',
      'shop/2',
      'shop/40',
    ]);
  });
});

describe('metadata', () => {
  it('round-trips and rejects what is not a sidecar of ours', () => {
    const meta = backup(1);
    expect(parseMetadata(JSON.stringify(meta))).toEqual(meta);
    expect(() => parseMetadata(JSON.stringify({ ...meta, sha256: 'xyz' }))).toThrow(/sha256/);
    expect(() => parseMetadata(JSON.stringify({ ...meta, schema: 'other' }))).toThrow(/schema/);
    expect(() => parseMetadata(JSON.stringify({ ...meta, verified: 'no' }))).toThrow(/verified/);
    expect(() => parseMetadata('{')).toThrow();
  });

  it('names backups so that they sort by time, per database, with the sidecar beside them', () => {
    const key = backupKey({
      prefix: 'prod/',
      database: 'shop/eu',
      engine: 'postgres',
      format: 'custom',
      compressionExtension: '.zst',
      now: new Date('2026-01-02T03:04:05.678Z'),
      unique: 'abc123',
    });
    expect(key).toBe('prod/shop_eu/20260102T030405Z-abc123-postgres.dump.zst');
    expect(key.startsWith(backupFolder('prod/', 'shop/eu'))).toBe(true);
    expect(metadataKey(key)).toBe(`${key}.meta.json`);
  });
});

describe('compareCounts', () => {
  it('accepts restored counts the database had while it was dumped', () => {
    expect(compareCounts({ a: 1, b: 2 }, { a: 1, b: 2 }, { a: 1, b: 2 })).toEqual([]);
    // b grew from 10 to 15 during the dump; the snapshot holds something in between.
    expect(compareCounts({ b: 10 }, { b: 15 }, { b: 12 })).toEqual([]);
    expect(compareCounts({ b: 15 }, { b: 10 }, { b: 10 })).toEqual([]);
  });

  it('lists every table whose count is outside that range or missing on either side', () => {
    expect(compareCounts({ a: 1, b: 10 }, { a: 1, b: 15 }, { a: 1, b: 16, c: 0 })).toEqual([
      'b: 10–15 in the database, 16 restored',
      'c: not in the database, 0 restored',
    ]);
    expect(compareCounts({ a: 3 }, { a: 3 }, {})).toEqual(['a: 3 in the database, missing in the restore']);
  });

  it('tolerates a table created or dropped during the dump, whether or not the snapshot has it', () => {
    expect(compareCounts({}, { fresh: 4 }, {})).toEqual([]);
    expect(compareCounts({}, { fresh: 4 }, { fresh: 0 })).toEqual([]);
    expect(compareCounts({ old: 4 }, {}, { old: 4 })).toEqual([]);
  });
});
