/**
 * The one place where the storage SDK clients are built: a user agent naming the action, the
 * SDK's retry settings made explicit, and an endpoint override for tests.
 *
 * ROLLOUT_ACTIONS_TEST_S3_ENDPOINT and ROLLOUT_ACTIONS_TEST_GCS_ENDPOINT are for tests only: they
 * point the official clients at a loopback emulator (s3rver, test/emulators/gcs). Nothing in a
 * workflow should set them.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Storage } from '@google-cloud/storage';

export const S3_ENDPOINT_ENV = 'ROLLOUT_ACTIONS_TEST_S3_ENDPOINT';
export const GCS_ENDPOINT_ENV = 'ROLLOUT_ACTIONS_TEST_GCS_ENDPOINT';

export interface ClientIdentity {
  /** e.g. "db-backup" */
  action: string;
  version: string;
}

export function userAgent(identity: ClientIdentity, env: NodeJS.ProcessEnv = process.env): string {
  const run = env.GITHUB_RUN_ID ? ` run/${env.GITHUB_RUN_ID}` : '';
  return `rollout-actions/${identity.action}/${identity.version}${run}`;
}

/** Retries the SDKs do themselves, per request: standard mode, three tries. */
export const SDK_MAX_ATTEMPTS = 3;

export async function buildS3Client(
  identity: ClientIdentity,
  env: NodeJS.ProcessEnv = process.env,
): Promise<S3Client> {
  const { S3Client: Client } = await import('@aws-sdk/client-s3');
  const endpoint = env[S3_ENDPOINT_ENV];
  return new Client({
    customUserAgent: userAgent(identity, env),
    retryMode: 'standard',
    maxAttempts: SDK_MAX_ATTEMPTS,
    ...(env.AWS_REGION || env.AWS_DEFAULT_REGION ? {} : { region: 'us-east-1' }),
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
  });
}

export async function buildGcsClient(
  identity: ClientIdentity,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Storage> {
  const { Storage: Client, IdempotencyStrategy } = await import('@google-cloud/storage');
  const endpoint = env[GCS_ENDPOINT_ENV];
  return new Client({
    userAgent: userAgent(identity, env),
    retryOptions: {
      autoRetry: true,
      maxRetries: SDK_MAX_ATTEMPTS - 1,
      retryDelayMultiplier: 2,
      maxRetryDelay: 16,
      totalTimeout: 300,
      // Uploads carry ifGenerationMatch=0, which makes them safe to retry.
      idempotencyStrategy: IdempotencyStrategy.RetryConditional,
    },
    ...(endpoint ? { apiEndpoint: endpoint, projectId: 'test-project' } : {}),
  });
}
