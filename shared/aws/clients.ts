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
import { ActionError } from '../errors';

/**
 * Test-only: points every AWS client at this URL (the local emulator). It must be a loopback
 * address; production runs never set it.
 */
export const AWS_ENDPOINT_ENV = 'ROLLOUT_ACTIONS_AWS_ENDPOINT';

export const PRODUCT = 'rollout-actions';
export const PRODUCT_VERSION = '1.0.0';

export interface AwsClientSettings {
  /** The action building the client, e.g. `canary-shift`: goes into the user agent. */
  action: string;
  region: string;
  /** Tries per request, the first included, for the SDK's own retries (default 4). */
  maxAttempts?: number;
}

/** The configuration every AWS client shares; each SDK's config type accepts it. */
export interface AwsClientConfig {
  region: string;
  maxAttempts: number;
  retryMode: 'standard';
  customUserAgent: [string, string][];
  endpoint?: string;
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
  const endpoint = endpointOverride(env);
  const run = env.GITHUB_RUN_ID ? `${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? '1'}` : 'local';
  return {
    region: settings.region,
    maxAttempts: settings.maxAttempts ?? 4,
    retryMode: 'standard',
    customUserAgent: [
      [PRODUCT, PRODUCT_VERSION],
      [`${PRODUCT}-${settings.action}`, PRODUCT_VERSION],
      ['github-run', run],
    ],
    ...(endpoint ? { endpoint } : {}),
  };
}

/** Counts the operations a client sends (once per call, not per SDK retry), for reports and benchmarks. */
export interface CallCounter {
  count: number;
}

interface MiddlewareClient {
  middlewareStack: {
    add(
      middleware: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

/**
 * Builds an SDK client: `createAwsClient(ECSClient, { action: 'canary-shift', region })`.
 * With `counter`, every operation sent through it is counted.
 */
export function createAwsClient<Client extends MiddlewareClient>(
  ClientClass: new (config: AwsClientConfig) => Client,
  settings: AwsClientSettings,
  counter?: CallCounter,
  env: NodeJS.ProcessEnv = process.env,
): Client {
  const client = new ClientClass(awsClientConfig(settings, env));
  if (counter) {
    client.middlewareStack.add(
      (next) => (args) => {
        counter.count++;
        return next(args);
      },
      { step: 'initialize', name: 'rolloutActionsCallCounter' },
    );
  }
  return client;
}

/** The region from the input, else the environment the AWS credentials action leaves. */
export function regionFrom(
  input: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  return input ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
}
