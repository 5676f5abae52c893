/**
 * Where the storage SDK clients are built: S3 through shared/aws/clients like every AWS client,
 * Cloud Storage with its own retry options; each with a user agent naming the action and an
 * endpoint override for tests.
 *
 * ROLLOUT_ACTIONS_TEST_S3_ENDPOINT and ROLLOUT_ACTIONS_TEST_GCS_ENDPOINT are for tests only: they
 * point the official clients at a loopback emulator (s3rver, harness/emulators/gcs). Nothing in a
 * workflow should set them.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Storage } from '@google-cloud/storage';
import { createCheckedAwsClient, regionFrom } from '../aws/clients';
import { requireGoogleCredentials } from '../credentials';
import { userAgent } from '../user-agent';

export const S3_ENDPOINT_ENV = 'ROLLOUT_ACTIONS_TEST_S3_ENDPOINT';
export const GCS_ENDPOINT_ENV = 'ROLLOUT_ACTIONS_TEST_GCS_ENDPOINT';

export interface ClientIdentity {
  /** e.g. "db-backup" */
  action: string;
  version: string;
}

/** Retries the SDKs do themselves, per request: standard mode, three tries. */
export const SDK_MAX_ATTEMPTS = 3;

export async function buildS3Client(
  identity: ClientIdentity,
  env: NodeJS.ProcessEnv = process.env,
): Promise<S3Client> {
  const { S3Client: Client } = await import('@aws-sdk/client-s3');
  const endpoint = env[S3_ENDPOINT_ENV];
  return createCheckedAwsClient(
    Client,
    {
      // S3 finds a bucket in any region from this one; the SDK would refuse to start without any.
      region: regionFrom(undefined, env) ?? 'us-east-1',
      userAgent: userAgent(identity.action, env),
      maxAttempts: SDK_MAX_ATTEMPTS,
      ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    },
    env,
  );
}

export async function buildGcsClient(
  identity: ClientIdentity,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Storage> {
  const { Storage: Client, IdempotencyStrategy } = await import('@google-cloud/storage');
  const endpoint = env[GCS_ENDPOINT_ENV];
  if (!endpoint) await requireGoogleCredentials(env);
  return new Client({
    userAgent: userAgent(identity.action, env),
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
