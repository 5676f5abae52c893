import { describe, expect, it } from 'vitest';
import { checkConfirmedSource, INPUTS, OUTPUTS, readSettings } from '../../../actions/db-backup/src/inputs';
import { InputError } from '../../../shared/errors';
import { fakeCore } from '../../helpers/fake-core';
import { declaredNames } from '../../helpers/metadata';

const PASSWORD = 'p@ss:w/rd%&"x';
const URL_PG = `postgres://backup:${encodeURIComponent(PASSWORD)}@db.internal:6543/shop?sslmode=require`;

function settingsError(inputs: Record<string, string>): InputError {
  try {
    readSettings(fakeCore(inputs));
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('db-backup inputs', () => {
  it('mirror action.yml', () => {
    const declared = declaredNames('db-backup');
    expect(Object.values(INPUTS).sort()).toEqual(declared.inputs);
    expect(Object.values(OUTPUTS).sort()).toEqual(declared.outputs);
  });

  it('parse a database URL into a connection, masking the password in every form', () => {
    const core = fakeCore({ engine: 'postgres', 'database-url': URL_PG, destination: 's3://b/prod' });
    const settings = readSettings(core);
    expect(settings.connection).toEqual({
      host: 'db.internal',
      port: 6543,
      user: 'backup',
      password: PASSWORD,
      database: 'shop',
      sslMode: 'require',
    });
    expect(core.secrets).toContain(PASSWORD);
    expect(core.secrets).toContain(URL_PG);
    expect(core.secrets).toContain(encodeURIComponent(PASSWORD));
    expect(settings.operation).toBe('backup');
    if (settings.operation !== 'backup') throw new Error('unreachable');
    expect(settings).toMatchObject({
      compression: 'zstd',
      format: 'custom',
      verify: 'full',
      jobs: 2,
      retention: {},
    });
  });

  it('take separate connection inputs, with the engine default port, and let them override the URL', () => {
    const settings = readSettings(
      fakeCore({
        engine: 'mysql',
        host: '10.0.0.5',
        user: 'root',
        password: PASSWORD,
        database: 'app',
        destination: 'file:///backups',
      }),
    );
    expect(settings.connection).toEqual({
      host: '10.0.0.5',
      port: 3306,
      user: 'root',
      password: PASSWORD,
      database: 'app',
    });
    if (settings.operation !== 'backup') throw new Error('unreachable');
    expect(settings.format).toBe('sql');
  });

  it('reject what would do harm or make no sense, naming the input with an example', () => {
    const base = { engine: 'postgres', 'database-url': URL_PG, destination: 's3://b/prod' };
    expect(settingsError({ ...base, engine: '' }).message).toMatch(
      /input "engine": is required \(for example: postgres \| mysql\)/,
    );
    expect(settingsError({ ...base, 'database-url': 'mysql://u:p@h/db' }).message).toMatch(
      /input "database-url": scheme "mysql:" does not match engine postgres/,
    );
    const notUrl = settingsError({ ...base, 'database-url': `not a url ${PASSWORD}` });
    expect(notUrl.input).toBe('database-url');
    expect(notUrl.message).not.toContain(PASSWORD);
    expect(settingsError({ ...base, destination: 'https://x/y' }).input).toBe('destination');
    expect(settingsError({ ...base, destination: 'file:///b', 'kms-key': 'k' }).input).toBe('kms-key');
    expect(settingsError({ ...base, format: 'sql' }).message).toMatch(
      /input "format": "sql" is not one of custom, directory/,
    );
    expect(
      settingsError({ ...base, engine: 'mysql', 'database-url': 'mysql://u:p@h/db', format: 'custom' }).input,
    ).toBe('format');
    expect(settingsError({ ...base, verify: 'maybe' }).input).toBe('verify');
    expect(settingsError({ ...base, 'retention-count': '0' }).message).toMatch(/below the minimum 1/);
    expect(settingsError({ ...base, jobs: '2.5' }).input).toBe('jobs');
    expect(settingsError({ engine: 'postgres', destination: 's3://b/p', host: 'h', user: 'u' }).input).toBe(
      'database',
    );
  });

  it('refuse a restore unless confirm-restore is the target database name', () => {
    const base = {
      engine: 'postgres',
      'database-url': URL_PG,
      destination: 's3://b/prod',
      operation: 'restore',
    };
    expect(settingsError({ ...base, 'confirm-restore': 'shop' }).input).toBe('restore-from');
    const wrong = settingsError({ ...base, 'restore-from': 'latest', 'confirm-restore': 'shop2' });
    expect(wrong.input).toBe('confirm-restore');
    expect(wrong.message).toContain('(for example: shop)');
    expect(settingsError({ ...base, 'restore-from': 'latest' }).message).toMatch(/got nothing/);
    expect(settingsError({ ...base, 'restore-from': 's3://bucket', 'confirm-restore': 'shop' }).input).toBe(
      'restore-from',
    );
    const ok = readSettings(
      fakeCore({ ...base, 'restore-from': 's3://b/prod/shop/x.dump.zst', 'confirm-restore': 'shop' }),
    );
    expect(ok).toMatchObject({
      operation: 'restore',
      restoreFrom: 's3://b/prod/shop/x.dump.zst',
      confirmedSource: 'shop',
    });
  });

  it('a backup of another database restores only when the confirmation names its source', () => {
    const base = {
      engine: 'postgres',
      'database-url': URL_PG,
      destination: 's3://b/prod',
      operation: 'restore',
      'restore-from': 'latest',
    };
    expect(readSettings(fakeCore({ ...base, 'confirm-restore': 'shop from shop_eu' }))).toMatchObject({
      confirmedSource: 'shop_eu',
    });
    // The target comes first, as in "restore into shop from shop_eu"; nothing else is accepted.
    expect(settingsError({ ...base, 'confirm-restore': 'shop_eu from shop' }).input).toBe('confirm-restore');
    expect(settingsError({ ...base, 'confirm-restore': 'shop from ' }).input).toBe('confirm-restore');
    const settings = { confirmedSource: 'shop', connection: { database: 'shop' } };
    expect(() =>
      checkConfirmedSource(settings, { uri: 's3://b/prod/shop_eu/x', database: 'shop_eu' }),
    ).toThrow(
      /input "confirm-restore": s3:\/\/b\/prod\/shop_eu\/x is a backup of database "shop_eu", not "shop".*\(for example: shop from shop_eu\)/,
    );
    expect(() =>
      checkConfirmedSource(settings, { uri: 's3://b/prod/shop/x', database: 'shop' }),
    ).not.toThrow();
  });
});
