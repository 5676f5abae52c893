/**
 * The one up-front check that cloud credentials exist, for every Google and AWS client builder.
 * Without it a missing credential surfaces only at the first API call, deep inside an SDK, after
 * a metadata-server probe, or as minutes of "retryable" errors (error-rate-gate ran 259–300 s and
 * then died with a stack trace). With it, every action says the same thing within a second, before
 * any API call: which credentials are missing and which step provides them.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';
import { ActionError, errorMessage } from './errors';

export const GOOGLE_AUTH_STEP = 'run google-github-actions/auth before this step';
export const AWS_AUTH_STEP = 'run aws-actions/configure-aws-credentials before this step';

/** How long the AWS default chain may take to answer before we call it empty. */
export const AWS_CREDENTIALS_TIMEOUT_MS = 1000;

export function missingGoogleCredentials(why: string): ActionError {
  return new ActionError(`no Google credentials found (${why}): ${GOOGLE_AUTH_STEP}`);
}

export function missingAwsCredentials(why: string): ActionError {
  return new ActionError(`no AWS credentials found (${why}): ${AWS_AUTH_STEP}`);
}

const isReadableFile = (path: string): boolean => {
  try {
    accessSync(path, constants.R_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** gcloud's application default credentials file, where google-auth-library looks for it. */
function wellKnownFile(env: NodeJS.ProcessEnv): string | undefined {
  const configDir =
    env.CLOUDSDK_CONFIG ||
    (process.platform === 'win32'
      ? env.APPDATA && join(env.APPDATA, 'gcloud')
      : env.HOME && join(env.HOME, '.config', 'gcloud'));
  return configDir ? join(configDir, 'application_default_credentials.json') : undefined;
}

/**
 * Application Default Credentials, in google-auth-library's order: GOOGLE_APPLICATION_CREDENTIALS
 * (what google-github-actions/auth sets), gcloud's well-known file, then the metadata server of a
 * Google Cloud machine. The last is decided without the network: the library's own BIOS-based
 * residency check (METADATA_SERVER_DETECTION=bios-only), because a probe of a metadata server that
 * isn't there takes 140 ms at best and until a 3 s timeout where the network drops the packets.
 * Settings that tell the library where a metadata server is (GCE_METADATA_HOST,
 * METADATA_SERVER_DETECTION) are left to it.
 */
export async function requireGoogleCredentials(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const file = env.GOOGLE_APPLICATION_CREDENTIALS?.trim();
  if (file) {
    if (isReadableFile(file)) return;
    throw missingGoogleCredentials(
      `GOOGLE_APPLICATION_CREDENTIALS names ${file}, which is not a readable file`,
    );
  }
  const wellKnown = wellKnownFile(env);
  if (wellKnown !== undefined && isReadableFile(wellKnown)) return;
  const detection = env.METADATA_SERVER_DETECTION?.trim().toLowerCase();
  if (detection === 'none') {
    throw missingGoogleCredentials(
      'GOOGLE_APPLICATION_CREDENTIALS is not set, and METADATA_SERVER_DETECTION=none rules out a metadata server',
    );
  }
  if (detection || env.GCE_METADATA_HOST || env.GCE_METADATA_IP) return;
  const { gcpMetadata } = await import('google-auth-library');
  if (gcpMetadata.getGCPResidency()) return;
  throw missingGoogleCredentials(
    'GOOGLE_APPLICATION_CREDENTIALS is not set, there is no gcloud application-default login, and this machine is not on Google Cloud',
  );
}

/** What requireAwsCredentials needs of an AWS SDK client: its resolved credential provider. */
export interface AwsClientWithCredentials {
  config: { credentials?: unknown };
}

/**
 * Resolves the client's credentials through the SDK's own default chain (environment, web
 * identity as aws-actions/configure-aws-credentials leaves it, shared files, container and
 * instance metadata), bounded in time: an instance metadata endpoint that drops packets would
 * otherwise hold the step for seconds per try. The SDK memoizes the result, so the client's first
 * call does not resolve them again.
 */
export async function requireAwsCredentials(
  client: AwsClientWithCredentials,
  timeoutMs = AWS_CREDENTIALS_TIMEOUT_MS,
): Promise<void> {
  const provider = client.config.credentials;
  if (typeof provider !== 'function') return; // given explicitly
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(missingAwsCredentials(`the default credential chain gave none within ${timeoutMs} ms`)),
      timeoutMs,
    );
    timer.unref();
  });
  try {
    await Promise.race([
      (provider as () => Promise<unknown>)().catch((err: unknown) => {
        throw missingAwsCredentials(errorMessage(err));
      }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
