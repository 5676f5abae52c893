import type { Core } from '../../../shared/core';
import { InputError } from '../../../shared/errors';
import { inputReader } from '../../../shared/inputs';
import { maskSecret } from '../../../shared/mask';
import { type Check, parseChecks, parseHeaders } from './checks';

/** Input and output names, mirroring action.yml (a test checks they agree). */
export const INPUTS = {
  url: 'url',
  checks: 'checks',
  expectVersion: 'expect-version',
  retries: 'retries',
  retryDelay: 'retry-delay',
  timeout: 'timeout',
  deadline: 'deadline',
  concurrency: 'concurrency',
  headers: 'headers',
  reportPath: 'report-path',
} as const;

export const OUTPUTS = {
  passed: 'passed',
  failed: 'failed',
  p95LatencyMs: 'p95-latency-ms',
  report: 'report',
} as const;

export interface SmokeTestSettings {
  baseUrl: URL;
  checks: Check[];
  expectVersion?: string;
  retries: number;
  retryDelayMs: number;
  timeoutMs: number;
  deadlineMs: number;
  concurrency: number;
  headers: Record<string, string>;
  /** Every secret value, for redacting text the runner's masking does not reach (summary, report). */
  secrets: string[];
  reportPath: string;
}

export function readSettings(core: Core, env: NodeJS.ProcessEnv = process.env): SmokeTestSettings {
  const read = inputReader(core);
  const rawHeaders = read.secret(INPUTS.headers);
  const headers = parseHeaders(rawHeaders, INPUTS.headers);
  const secrets = Object.values(headers).filter((v) => v.length > 0);
  for (const value of secrets) maskSecret(core, value);

  const baseUrl = read.url(INPUTS.url, { example: 'https://canary---my-service-abc123-uc.a.run.app' });
  if (baseUrl === undefined)
    throw new InputError(INPUTS.url, 'is required', 'https://my-service.example.com');
  if (baseUrl.username || baseUrl.password) {
    maskSecret(core, baseUrl.href);
    throw new InputError(
      INPUTS.url,
      'must not carry credentials; pass them in "headers"',
      'https://my-service.example.com',
    );
  }
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const expectVersion = read.optional(INPUTS.expectVersion);
  return {
    baseUrl,
    checks: parseChecks(read.optional(INPUTS.checks), workspace),
    ...(expectVersion === undefined ? {} : { expectVersion }),
    retries: read.integer(INPUTS.retries, { default: 2, min: 0, max: 20, example: '2' }),
    retryDelayMs: read.durationMs(INPUTS.retryDelay, '2s'),
    timeoutMs: read.durationMs(INPUTS.timeout, '10s'),
    deadlineMs: read.durationMs(INPUTS.deadline, '5m'),
    concurrency: read.integer(INPUTS.concurrency, { default: 5, min: 1, max: 100, example: '5' }),
    headers,
    secrets,
    reportPath:
      read.optional(INPUTS.reportPath) ??
      `${env.RUNNER_TEMP ?? '/tmp'}/smoke-test-report-${process.pid}-${Date.now()}.json`,
  };
}
