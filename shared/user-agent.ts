import packageJson from '../package.json';

/** The suite's version, as every client reports it. */
export const SUITE_VERSION: string = packageJson.version;

/**
 * The user agent every client sends, naming the action, its version and the run, so that a
 * platform's audit log points back at the workflow run that made a call:
 * "rollout-actions/canary-shift/1.0.0 (acme/shop run 4242/1)".
 */
export function userAgent(action: string, env: NodeJS.ProcessEnv = process.env): string {
  const run =
    env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? ` (${env.GITHUB_REPOSITORY} run ${env.GITHUB_RUN_ID}/${env.GITHUB_RUN_ATTEMPT ?? '1'})`
      : '';
  return `rollout-actions/${action}/${SUITE_VERSION}${run}`;
}

/** What Google clients add to their x-goog-api-client header. */
export const GOOGLE_CLIENT_LIBRARY = { libName: 'rollout-actions', libVersion: SUITE_VERSION } as const;
