import { writeFileSync } from 'node:fs';
import type { Clock } from '../../../shared/clock';
import type { Core } from '../../../shared/core';
import { ActionError, CancelledError, errorMessage } from '../../../shared/errors';
import { redact } from '../../../shared/mask';
import { mapWithConcurrency, percentile } from '../../../shared/pool';
import { retry } from '../../../shared/retry';
import { type ActionContext, runAction } from '../../../shared/run';
import { capSummary, code, heading, table, truncate } from '../../../shared/summary';
import { toolkit } from '../../../shared/toolkit';
import type { Check } from './checks';
import { OUTPUTS, readSettings, type SmokeTestSettings } from './inputs';
import { evaluate, type Mismatch, type ProbeResponse } from './match';
import { closeProbeConnections, probe } from './probe';

export const ACTION_NAME = 'smoke-test';
const LOG_BODY_CHARS = 300;

export interface CheckResult {
  name: string;
  method: string;
  path: string;
  passed: boolean;
  tries: number;
  status?: number;
  latencyMs?: number;
  mismatches: Mismatch[];
  /** A transport failure (refused connection, timeout, refused redirect) of the last try. */
  error?: string;
  bodyExcerpt?: string;
}

class CheckFailed extends Error {
  constructor(readonly result: CheckResult) {
    super(`check "${result.name}" failed`);
  }
}

export async function run(core: Core = toolkit, clock?: Clock): Promise<void> {
  try {
    await runAction(ACTION_NAME, (ctx) => smokeTest(ctx), { core, ...(clock ? { clock } : {}) });
  } finally {
    closeProbeConnections();
  }
}

async function smokeTest(ctx: ActionContext): Promise<void> {
  const { core } = ctx;
  const settings = readSettings(core);
  const started = ctx.clock.now();
  core.info(
    `Probing ${settings.baseUrl.origin} with ${settings.checks.length} check(s), ${settings.concurrency} at a time`,
  );

  const results = await mapWithConcurrency(settings.checks, settings.concurrency, (check) =>
    runCheck(ctx, settings, check, started),
  );

  const passed = results.filter((r) => r.passed).length;
  const failed = results.length - passed;
  const latencies = results.flatMap((r) => (r.latencyMs === undefined ? [] : [r.latencyMs]));
  const p95 = latencies.length === 0 ? 0 : Math.round(percentile(latencies, 95));
  writeFileSync(
    settings.reportPath,
    redact(
      JSON.stringify(
        { baseUrl: settings.baseUrl.origin, passed, failed, p95LatencyMs: p95, checks: results },
        null,
        2,
      ),
      settings.secrets,
    ),
    { mode: 0o600 },
  );
  core.setOutput(OUTPUTS.passed, passed);
  core.setOutput(OUTPUTS.failed, failed);
  core.setOutput(OUTPUTS.p95LatencyMs, p95);
  core.setOutput(OUTPUTS.report, settings.reportPath);
  const summary = redact(renderSummary(settings, results, p95), settings.secrets);
  const fullReport = `Every check is in the JSON report ${code(settings.reportPath)} (the \`report\` output; upload it with actions/upload-artifact to keep it).`;
  await core.summary.addRaw(capSummary(summary, fullReport), true).write();

  if (failed > 0) {
    const first = results
      .filter((r) => !r.passed)
      .slice(0, 3)
      .map(describeFailure);
    throw new ActionError(
      `${failed} of ${results.length} checks failed: ${first.join('; ')}${failed > 3 ? '; …' : ''}`,
    );
  }
  core.info(`All ${passed} checks passed (p95 ${p95} ms)`);
}

async function runCheck(
  ctx: ActionContext,
  settings: SmokeTestSettings,
  check: Check,
  started: number,
): Promise<CheckResult> {
  const url = new URL(check.path, settings.baseUrl);
  // Keep the base URL's path prefix (e.g. https://host/api + /healthz → /api/healthz).
  url.pathname = `${settings.baseUrl.pathname.replace(/\/$/, '')}${check.path.split('?')[0]}`;
  const base: CheckResult = {
    name: check.name,
    method: check.method,
    path: check.path,
    passed: false,
    tries: 0,
    mismatches: [],
  };
  let last = base;
  try {
    return await retry(
      async (attempt) => {
        last = { ...base, tries: attempt };
        let response: ProbeResponse;
        try {
          response = await probe({
            url,
            method: check.method,
            headers: { 'user-agent': 'rollout-actions/smoke-test', ...settings.headers, ...check.headers },
            ...(check.body === undefined ? {} : { body: check.body }),
            timeoutMs: settings.timeoutMs,
            signal: ctx.signal,
          });
        } catch (err) {
          if (ctx.signal.aborted) throw new CancelledError();
          last = { ...last, error: redact(errorMessage(err), settings.secrets) };
          throw new CheckFailed(last);
        }
        const mismatches = evaluate(check, response, settings.expectVersion);
        last = {
          ...last,
          passed: mismatches.length === 0,
          status: response.status,
          latencyMs: Math.round(response.latencyMs),
          mismatches,
          bodyExcerpt: redact(truncate(response.body, LOG_BODY_CHARS), settings.secrets),
        };
        if (!last.passed) throw new CheckFailed(last);
        return last;
      },
      {
        maxAttempts: settings.retries + 1,
        baseDelayMs: settings.retryDelayMs,
        maxDelayMs: Math.max(settings.retryDelayMs * 8, settings.retryDelayMs),
        deadlineMs: Math.max(0, settings.deadlineMs - (ctx.clock.now() - started)),
        isRetryable: (err) => err instanceof CheckFailed,
        clock: ctx.clock,
        signal: ctx.signal,
        onRetry: ({ attempt, delayMs }) =>
          ctx.core.info(
            `  ${check.name}: try ${attempt} failed (${describeFailure(last)}); retrying in ${delayMs} ms`,
          ),
      },
    ).then((result) => {
      ctx.core.info(
        `✓ ${check.name}: ${result.status} in ${result.latencyMs} ms${result.tries > 1 ? ` after ${result.tries} tries` : ''}`,
      );
      return result;
    });
  } catch (err) {
    if (!(err instanceof CheckFailed)) throw err;
    ctx.core.error(`✗ ${check.name}: ${describeFailure(err.result)}`);
    if (err.result.bodyExcerpt)
      ctx.core.info(`  response body (cut to ${LOG_BODY_CHARS} chars): ${err.result.bodyExcerpt}`);
    return err.result;
  }
}

function describeFailure(result: CheckResult): string {
  if (result.error) return `${result.name}: ${result.error}`;
  return `${result.name}: ${result.mismatches.map((m) => `${m.what} expected ${m.expected}, got ${m.got}`).join(', ')}`;
}

function renderSummary(settings: SmokeTestSettings, results: CheckResult[], p95: number): string {
  const passed = results.filter((r) => r.passed).length;
  const icon = passed === results.length ? '✅' : '❌';
  const rows = results.map((r) => {
    const expected =
      r.mismatches.length > 0 ? r.mismatches.map((m) => `${m.what}: ${m.expected}`).join('\n') : '';
    const got = r.error ?? r.mismatches.map((m) => `${m.what}: ${m.got}`).join('\n');
    return [
      r.passed ? '✅' : '❌',
      r.name,
      `${r.method} ${r.path}`,
      r.status ?? '—',
      r.latencyMs === undefined ? '—' : `${r.latencyMs} ms`,
      r.tries,
      expected,
      got,
    ];
  });
  return [
    heading(
      `${icon} Smoke test: ${passed}/${results.length} checks passed against ${settings.baseUrl.origin}`,
    ),
    '',
    `p95 latency ${p95} ms${settings.expectVersion ? ` · expected version ${code(settings.expectVersion)}` : ''}`,
    '',
    table(['', 'Check', 'Request', 'Status', 'Latency', 'Tries', 'Expected', 'Got'], rows),
    '',
  ].join('\n');
}
