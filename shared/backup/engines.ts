import type { Connection, EngineName, EngineSession } from './types';

/** Finds the engine's tools and writes its credentials file; the caller must close() the session. */
export async function openEngine(
  engine: EngineName,
  connection: Connection,
  env: NodeJS.ProcessEnv = process.env,
): Promise<EngineSession> {
  if (engine === 'postgres') {
    const { openPostgres } = await import('./postgres');
    return openPostgres(connection, env);
  }
  const { openMysql } = await import('./mysql');
  return openMysql(connection, env);
}
