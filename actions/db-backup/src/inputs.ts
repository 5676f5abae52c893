import type {
  ArchiveFormat,
  Compression,
  Connection,
  EngineName,
  VerifyLevel,
} from '../../../shared/backup/types';
import type { Core } from '../../../shared/core';
import { InputError } from '../../../shared/errors';
import { inputReader } from '../../../shared/inputs';
import { maskSecret } from '../../../shared/mask';
import { parseDestination } from '../../../shared/stores/index';

/** Input and output names, mirroring action.yml (a test checks they agree). */
export const INPUTS = {
  operation: 'operation',
  engine: 'engine',
  databaseUrl: 'database-url',
  host: 'host',
  port: 'port',
  user: 'user',
  password: 'password',
  database: 'database',
  destination: 'destination',
  compression: 'compression',
  format: 'format',
  jobs: 'jobs',
  verify: 'verify',
  retentionCount: 'retention-count',
  retentionDays: 'retention-days',
  kmsKey: 'kms-key',
  restoreFrom: 'restore-from',
  confirmRestore: 'confirm-restore',
} as const;

export const OUTPUTS = {
  uri: 'uri',
  sha256: 'sha256',
  sizeBytes: 'size-bytes',
  durationSeconds: 'duration-seconds',
  verified: 'verified',
} as const;

interface CommonSettings {
  engine: EngineName;
  connection: Connection;
  destination: string;
  kmsKey?: string;
  jobs: number;
  /** Every secret value, for redacting text the runner's masking does not reach. */
  secrets: string[];
}

export interface BackupSettings extends CommonSettings {
  operation: 'backup';
  compression: Compression;
  format: ArchiveFormat;
  verify: VerifyLevel;
  retention: { count?: number; days?: number };
}

export interface RestoreSettings extends CommonSettings {
  operation: 'restore';
  /** An object URI, or 'latest'. */
  restoreFrom: string;
  /**
   * The database whose backup the confirmation accepts restoring over the target: the target
   * itself (`confirm-restore: shop`) or the one it names (`confirm-restore: shop from shop_eu`).
   */
  confirmedSource: string;
}

export type DbBackupSettings = BackupSettings | RestoreSettings;

const DEFAULT_PORTS: Record<EngineName, number> = { postgres: 5432, mysql: 3306 };
const URL_SCHEMES: Record<EngineName, readonly string[]> = {
  postgres: ['postgres:', 'postgresql:'],
  mysql: ['mysql:', 'mariadb:'],
};

export function readSettings(core: Core): DbBackupSettings {
  const read = inputReader(core);
  // Secrets first, so they are masked before anything could print them.
  const databaseUrl = read.secret(INPUTS.databaseUrl);
  const password = read.secret(INPUTS.password);
  const engine = read.choice<EngineName>(INPUTS.engine, ['postgres', 'mysql']);
  const connection = readConnection(core, engine, databaseUrl, password);
  const secrets = [databaseUrl, connection.password].filter((s): s is string => !!s);

  const destination = read.required(INPUTS.destination, 's3://my-backups/prod');
  try {
    parseDestination(destination);
  } catch (err) {
    throw new InputError(INPUTS.destination, (err as Error).message, 's3://my-backups/prod');
  }
  const kmsKey = read.optional(INPUTS.kmsKey);
  if (kmsKey && destination.startsWith('file:')) {
    throw new InputError(
      INPUTS.kmsKey,
      'applies to s3:// and gs:// destinations only',
      '(empty) for file://',
    );
  }
  const jobs = read.integer(INPUTS.jobs, { default: 2, min: 1, max: 64, example: '2' });
  const common: CommonSettings = {
    engine,
    connection,
    destination,
    ...(kmsKey ? { kmsKey } : {}),
    jobs,
    secrets,
  };

  const operation = read.choice(INPUTS.operation, ['backup', 'restore'] as const, 'backup');
  if (operation === 'restore') {
    const restoreFrom = read.required(INPUTS.restoreFrom, 'latest');
    if (restoreFrom !== 'latest') {
      try {
        const parsed = parseDestination(restoreFrom);
        if (parsed.scheme !== 'file' && parsed.prefix === '')
          throw new Error('names a bucket, not a backup object');
      } catch (err) {
        throw new InputError(INPUTS.restoreFrom, (err as Error).message, 'latest');
      }
    }
    const confirmedSource = parseConfirmation(read.optional(INPUTS.confirmRestore), connection.database);
    return { ...common, operation, restoreFrom, confirmedSource };
  }

  const format = read.choice<ArchiveFormat>(
    INPUTS.format,
    engine === 'postgres' ? ['custom', 'directory'] : ['sql'],
    engine === 'postgres' ? 'custom' : 'sql',
  );
  const retentionCount = read.optionalInteger(INPUTS.retentionCount, { min: 1, example: '7' });
  const retentionDays = read.optionalNumber(INPUTS.retentionDays, { min: 0, example: '30' });
  return {
    ...common,
    operation,
    compression: read.choice<Compression>(INPUTS.compression, ['zstd', 'gzip', 'none'], 'zstd'),
    format,
    verify: read.choice<VerifyLevel>(INPUTS.verify, ['list', 'full', 'restore'], 'full'),
    retention: {
      ...(retentionCount === undefined ? {} : { count: retentionCount }),
      ...(retentionDays === undefined ? {} : { days: retentionDays }),
    },
  };
}

function readConnection(
  core: Core,
  engine: EngineName,
  databaseUrl: string | undefined,
  password: string | undefined,
): Connection {
  const read = inputReader(core);
  const exampleUrl = `${engine}://user:password@db.internal:${DEFAULT_PORTS[engine]}/shop`;
  let fromUrl: Partial<Connection> = {};
  if (databaseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(databaseUrl);
    } catch {
      // The value is a secret: say what is wrong without repeating it.
      throw new InputError(INPUTS.databaseUrl, 'is not a URL', exampleUrl);
    }
    if (!URL_SCHEMES[engine].includes(url.protocol)) {
      throw new InputError(
        INPUTS.databaseUrl,
        `scheme "${url.protocol}" does not match engine ${engine} (${URL_SCHEMES[engine].join(' or ')})`,
        exampleUrl,
      );
    }
    const decodedPassword = url.password ? decodeURIComponent(url.password) : undefined;
    maskSecret(core, decodedPassword);
    const sslMode = url.searchParams.get('sslmode') ?? url.searchParams.get('ssl-mode') ?? undefined;
    fromUrl = {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      ...(url.port ? { port: Number(url.port) } : {}),
      ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
      ...(decodedPassword === undefined ? {} : { password: decodedPassword }),
      ...(url.pathname.length > 1 ? { database: decodeURIComponent(url.pathname.slice(1)) } : {}),
      ...(sslMode ? { sslMode } : {}),
    };
  }
  const host = read.optional(INPUTS.host) ?? fromUrl.host;
  const user = read.optional(INPUTS.user) ?? fromUrl.user;
  const database = read.optional(INPUTS.database) ?? fromUrl.database;
  const port =
    read.optionalInteger(INPUTS.port, { min: 1, max: 65535, example: String(DEFAULT_PORTS[engine]) }) ??
    fromUrl.port ??
    DEFAULT_PORTS[engine];
  if (!host) throw new InputError(INPUTS.host, 'is required (or give database-url)', 'db.internal');
  if (!user) throw new InputError(INPUTS.user, 'is required (or give database-url)', 'backup');
  if (!database) throw new InputError(INPUTS.database, 'is required (or give database-url)', 'shop');
  const secret = password ?? fromUrl.password;
  return {
    host,
    port,
    user,
    database,
    ...(secret === undefined ? {} : { password: secret }),
    ...(fromUrl.sslMode ? { sslMode: fromUrl.sslMode } : {}),
  };
}

/** The separator in `confirm-restore: <target> from <source>`. */
const FROM = ' from ';

/**
 * `confirm-restore` names the database a restore overwrites, and the database the backup was
 * taken from when that is another one: a backup of one database never lands in another silently.
 * Returns the source database it accepts.
 */
export function parseConfirmation(confirm: string | undefined, target: string): string {
  if (confirm === target) return target;
  if (confirm?.startsWith(`${target}${FROM}`) && confirm.length > target.length + FROM.length) {
    return confirm.slice(target.length + FROM.length);
  }
  throw new InputError(
    INPUTS.confirmRestore,
    `must equal the target database's name to restore over it, or "<target> from <source database>" to restore another database's backup into it (got ${confirm === undefined ? 'nothing' : `"${confirm}"`})`,
    target,
  );
}

/** Refuses a backup of a database other than the one the confirmation named. */
export function checkConfirmedSource(
  settings: { confirmedSource: string; connection: { database: string } },
  backup: { uri: string; database: string },
): void {
  if (backup.database === settings.confirmedSource) return;
  const target = settings.connection.database;
  throw new InputError(
    INPUTS.confirmRestore,
    `${backup.uri} is a backup of database "${backup.database}", not "${settings.confirmedSource}"; to restore it into "${target}", name its source`,
    `${target}${FROM}${backup.database}`,
  );
}
