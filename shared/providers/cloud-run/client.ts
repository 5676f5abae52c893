/**
 * The one place the Cloud Run clients are built: REST transport, the user agent naming the action
 * and run, the SDK's own retries turned off (shared/retry.ts retries instead, with our deadline,
 * clock and log), and an endpoint override for tests only.
 */
import type { RevisionsClient } from '@google-cloud/run/build/src/v2/revisions_client';
import type { ServicesClient } from '@google-cloud/run/build/src/v2/services_client';
import { missingGoogleCredentials, requireGoogleCredentials } from '../../credentials';
import { errorMessage, InputError } from '../../errors';
import { parseRetryAfter, retryAfterOf } from '../../retry';
import type { ProviderDeps } from '../../traffic/types';
import { GOOGLE_CLIENT_LIBRARY } from '../../user-agent';

/**
 * TEST ONLY: points the clients at a local emulator (http://127.0.0.1:PORT) with a no-op auth
 * client. Never set this in a workflow: requests would carry no credentials.
 */
export const ENDPOINT_OVERRIDE_ENV = 'ROLLOUT_ACTIONS_CLOUD_RUN_ENDPOINT';

/** Per-request deadline; the retry layer above bounds the whole call. */
const CALL_TIMEOUT_MS = 30_000;

/** What the google-gax REST transport needs from an auth client. */
interface FetchingAuthClient {
  getRequestHeaders(url?: string): Promise<Headers>;
  fetch(url: string | URL, init?: RequestInit): Promise<Response>;
  universeDomain?: string;
}

export interface CloudRunClients {
  services: ServicesClient;
  /**
   * Built on first use: each client parses the API's protos, which costs more than anything else
   * at start-up, and rollback from a token never needs this one.
   */
  revisions(): RevisionsClient;
  /** HTTP requests sent so far (every try, polls included). */
  requests(): number;
  /**
   * The Retry-After of the last answer, in ms, when it was an error that carried one: google-gax
   * errors don't keep the response headers, so the transport notes it here for the retry layer.
   */
  retryAfterMs(): number | undefined;
  close(): Promise<void>;
}

/** The SDK's retry settings, made explicit: none, with a fixed per-call timeout. */
function noSdkRetries(serviceName: string, methods: readonly string[]) {
  return {
    interfaces: {
      [serviceName]: {
        retry_codes: { none: [] },
        retry_params: {
          none: {
            initial_retry_delay_millis: 100,
            retry_delay_multiplier: 1,
            max_retry_delay_millis: 100,
            initial_rpc_timeout_millis: CALL_TIMEOUT_MS,
            rpc_timeout_multiplier: 1,
            max_rpc_timeout_millis: CALL_TIMEOUT_MS,
            total_timeout_millis: CALL_TIMEOUT_MS,
          },
        },
        methods: Object.fromEntries(
          methods.map((m) => [
            m,
            { timeout_millis: CALL_TIMEOUT_MS, retry_codes_name: 'none', retry_params_name: 'none' },
          ]),
        ),
      },
    },
  };
}

async function productionAuth(): Promise<FetchingAuthClient> {
  // Application Default Credentials, as google-github-actions/auth leaves them.
  await requireGoogleCredentials();
  const { GoogleAuth } = await import('google-auth-library');
  const auth = new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
  try {
    return (await auth.getClient()) as unknown as FetchingAuthClient;
  } catch (err) {
    throw missingGoogleCredentials(errorMessage(err));
  }
}

function emulatorAuth(): FetchingAuthClient {
  return {
    getRequestHeaders: async () => new Headers(),
    fetch: (url, init) => fetch(url, init),
  };
}

export async function createCloudRunClients(deps: ProviderDeps): Promise<CloudRunClients> {
  const override = deps.env[ENDPOINT_OVERRIDE_ENV];
  let endpoint: URL | undefined;
  if (override) {
    endpoint = new URL(override);
    if (endpoint.hostname !== '127.0.0.1' && endpoint.hostname !== 'localhost') {
      throw new InputError(ENDPOINT_OVERRIDE_ENV, 'is for local emulators only', 'http://127.0.0.1:8085');
    }
  }
  // The client modules themselves, not the package index: that would also load every other client.
  const [{ ServicesClient: Services }, { RevisionsClient: Revisions }, inner] = await Promise.all([
    import('@google-cloud/run/build/src/v2/services_client.js'),
    import('@google-cloud/run/build/src/v2/revisions_client.js'),
    // Credentials are resolved once, here, and shared by both clients.
    endpoint ? Promise.resolve(emulatorAuth()) : productionAuth(),
  ]);
  let requests = 0;
  let retryAfterMs: number | undefined;
  const authClient: FetchingAuthClient = {
    getRequestHeaders: (url) => inner.getRequestHeaders(url),
    async fetch(url, init) {
      requests++;
      retryAfterMs = undefined;
      const headers = new Headers(init?.headers);
      headers.set('user-agent', deps.userAgent);
      try {
        const response = await inner.fetch(url, { ...init, headers });
        if (!response.ok) retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        return response;
      } catch (err) {
        // google-auth-library's fetch (gaxios) throws on an error status, with the response attached.
        retryAfterMs = retryAfterOf(err);
        throw err;
      }
    },
    ...(inner.universeDomain ? { universeDomain: inner.universeDomain } : {}),
  };
  // The REST transport calls only fetch() and getRequestHeaders() on the auth client; the SDK's
  // type asks for a full google-auth-library client, hence the casts below.
  const options = {
    fallback: true,
    authClient,
    ...GOOGLE_CLIENT_LIBRARY,
    ...(endpoint
      ? {
          protocol: endpoint.protocol.slice(0, -1),
          apiEndpoint: endpoint.hostname,
          port: Number(endpoint.port),
        }
      : {}),
  };
  const services = new Services({
    ...options,
    clientConfig: noSdkRetries('google.cloud.run.v2.Services', ['GetService', 'UpdateService']),
  } as unknown as ConstructorParameters<typeof Services>[0]);
  let revisions: RevisionsClient | undefined;
  return {
    services,
    revisions() {
      revisions ??= new Revisions({
        ...options,
        clientConfig: noSdkRetries('google.cloud.run.v2.Revisions', ['GetRevision', 'ListRevisions']),
      } as unknown as ConstructorParameters<typeof Revisions>[0]);
      return revisions;
    },
    requests: () => requests,
    retryAfterMs: () => retryAfterMs,
    async close() {
      await Promise.all([services.close(), revisions?.close()]);
    },
  };
}
