import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { endsWithCompletionMarker, optionFileValue, SqlDumpChecker } from '../../../shared/backup/mysql';
import { passfileField } from '../../../shared/backup/postgres';
import { findTool, toolEnvironment } from '../../../shared/backup/tools';

describe('credentials files', () => {
  it('escape a passfile field (backslash and colon)', () => {
    expect(passfileField('a:b\\c')).toBe('a\\:b\\\\c');
  });

  it('quote an option-file value', () => {
    expect(optionFileValue('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
  });
});

describe('toolEnvironment', () => {
  it('drops every action input and each variable a tool would take a password from', () => {
    const env = toolEnvironment(
      { PGPASSFILE: '/tmp/x/pgpass' },
      {
        PATH: '/usr/bin',
        'INPUT_DATABASE-URL': 'postgres://u:secret@h/db',
        INPUT_PASSWORD: 'secret',
        PGPASSWORD: 'secret',
        MYSQL_PWD: 'secret',
        DATABASE_URL: 'postgres://u:secret@h/db',
        RUNNER_TEMP: '/tmp',
      },
    );
    expect(env).toEqual({ PATH: '/usr/bin', RUNNER_TEMP: '/tmp', PGPASSFILE: '/tmp/x/pgpass' });
    expect(JSON.stringify(env)).not.toContain('secret');
  });
});

describe('findTool', () => {
  it('says which package provides a missing tool', () => {
    expect(() =>
      findTool(
        { names: ['no-such-dump', 'nor-this'], installHint: 'install the thing (apt-get install thing)' },
        { PATH: '/nonexistent' },
      ),
    ).toThrow('no-such-dump or nor-this not found on PATH: install the thing (apt-get install thing)');
  });

  it('finds a tool in the extra folders after PATH', () => {
    expect(findTool({ names: ['sh'], extraFolders: ['/bin'], installHint: '' }, { PATH: '' })).toBe(
      '/bin/sh',
    );
  });
});

describe('mysqldump completeness', () => {
  const dump = [
    '/*M!999999\\- enable the sandbox mode */ ',
    '-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)',
    'CREATE TABLE `a` (x int);',
    'INSERT INTO `a` VALUES (1),(2);',
    'CREATE TABLE `b` (y int);',
    '-- Dump completed on 2026-11-22 12:00:00',
    '',
  ].join('\n');

  it('recognises the completion marker only as the last line', () => {
    expect(endsWithCompletionMarker(dump)).toBe(true);
    expect(endsWithCompletionMarker(dump.replace('-- Dump completed', '-- Dump stopped'))).toBe(false);
    expect(endsWithCompletionMarker(`${dump}INSERT INTO a VALUES (3);\n`)).toBe(false);
  });

  it('checks a streamed dump split at every byte boundary', async () => {
    for (const size of [1, 7, 64, 4096]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < dump.length; i += size) chunks.push(Buffer.from(dump.slice(i, i + size)));
      const checker = new SqlDumpChecker();
      await pipeline(Readable.from(chunks), checker);
      await expect(checker.done).resolves.toBe(2);
    }
  });

  it('rejects a truncated dump and a file that is not a dump', async () => {
    const truncated = new SqlDumpChecker();
    await expect(
      pipeline(Readable.from([Buffer.from(dump.slice(0, dump.indexOf('-- Dump completed')))]), truncated),
    ).rejects.toThrow(/truncated/);
    await expect(truncated.done).rejects.toThrow(/truncated/);
    const other = new SqlDumpChecker();
    await expect(pipeline(Readable.from([Buffer.from('PGDMP\x01\x0e')]), other)).rejects.toThrow(
      /mysqldump header/,
    );
  });
});
