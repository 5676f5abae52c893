/**
 * The one place AWS SDK clients are built. Every client gets a user agent naming the action and
 * its version, the SDK's retry settings made explicit (standard mode, a fixed number of attempts),
 * the region, and, for tests only, an endpoint on loopback. Credentials are left to the SDK's
 * default chain (environment, web identity from aws-actions/configure-aws-credentials, …): no
 * action takes a key as an input.
 *
 * The SDK packages are not imported here: callers pass the client class they imported lazily,
 * so a bundle pays for an SDK only on the path that uses it.
 */
import { type AwsClientWithCredentials, requireAwsCredentials } from '../credentials';
import { ActionError } from '../errors';

/**
 * Test-only: points every AWS client at this URL (the local emulator). It must be a loopback
 * address; production runs never set it.
 */
export const AWS_ENDPOINT_ENV = 'ROLLOUT_ACTIONS_AWS_ENDPOINT';

export interface AwsClientSettings {
  region: string;
  /** Names the action, its version and the run, e.g. `rollout-actions/canary-shift/1.0.0 (acme/shop run 42/1)`. */
  userAgent: string;
  /** Tries per request, the first included, for the SDK's own retries (default 4). */
  maxAttempts?: number;
  /** Limit on connecting and on each response, so a hung endpoint fails and is retried. */
  requestTimeoutMs?: number;
  /**
   * An endpoint the caller resolved itself: the SDK's own AWS_ENDPOINT_URL_<SERVICE> convention,
   * or an S3-compatible store. It wins over the test-only loopback override.
   */
  endpoint?: string;
  /** Path-style bucket addressing (S3-compatible stores). */
  forcePathStyle?: boolean;
}

/** The configuration every AWS client shares; each SDK's config type accepts it. */
export interface AwsClientConfig {
  region: string;
  maxAttempts: number;
  retryMode: 'standard';
  customUserAgent: string;
  endpoint?: string;
  requestHandler?: { requestTimeout: number; connectionTimeout: number };
  forcePathStyle?: boolean;
}

/** Reads and checks the test-only endpoint override; only loopback addresses are accepted. */
export function endpointOverride(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env[AWS_ENDPOINT_ENV]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ActionError(`${AWS_ENDPOINT_ENV} is not a URL: ${raw}`);
  }
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new ActionError(
      `${AWS_ENDPOINT_ENV} is for tests against a local emulator and must be a loopback URL`,
    );
  }
  return url.origin;
}

export function awsClientConfig(
  settings: AwsClientSettings,
  env: NodeJS.ProcessEnv = process.env,
): AwsClientConfig {
  const endpoint = settings.endpoint ?? endpointOverride(env);
  const timeout = settings.requestTimeoutMs;
  return {
    region: settings.region,
    maxAttempts: settings.maxAttempts ?? 4,
    retryMode: 'standard',
    customUserAgent: settings.userAgent,
    ...(endpoint ? { endpoint } : {}),
    ...(timeout ? { requestHandler: { requestTimeout: timeout, connectionTimeout: timeout } } : {}),
    ...(settings.forcePathStyle ? { forcePathStyle: true } : {}),
  };
}

/**
 * Builds an SDK client and checks, before any request, that the default chain yields credentials
 * (shared/credentials): `await createCheckedAwsClient(ECSClient, { region, userAgent })`.
 */
export async function createCheckedAwsClient<Client extends AwsClientWithCredentials>(
  ClientClass: new (config: AwsClientConfig) => Client,
  settings: AwsClientSettings,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Client> {
  const client = createAwsClient(ClientClass, settings, env);
  await requireAwsCredentials(client);
  return client;
}

/** Builds an SDK client: `createAwsClient(ECSClient, { region, userAgent })`. */
export function createAwsClient<Client>(
  ClientClass: new (config: AwsClientConfig) => Client,
  settings: AwsClientSettings,
  env: NodeJS.ProcessEnv = process.env,
): Client {
  return new ClientClass(awsClientConfig(settings, env));
}

/** The region from the input, else the environment the AWS credentials action leaves. */
export function regionFrom(
  input: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  return input ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
}
