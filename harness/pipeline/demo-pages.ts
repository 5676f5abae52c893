/**
 * The demo's pages in demo-output/: an index that first says, for each pipeline run, whether the
 * candidate was promoted or rolled back and why, and one page per job that opens with its outcome
 * and reason, then the steps and the summary they wrote. Mermaid is copied next to the pages from
 * node_modules, so the charts draw offline and nothing is fetched from elsewhere.
 */
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { JobRecord, PipelineRun, StepRecord } from './runner';
import { escapeHtml, htmlPage, markdownToHtml } from './summary-html';

/** Mermaid's single-file browser build: a classic script that sets window.mermaid, fine on file://. */
const MERMAID_BUILD = 'mermaid/dist/mermaid.min.js';
export const MERMAID_SCRIPT = 'mermaid.min.js';

/** Copies Mermaid's browser build and its licence into the output folder. */
export function copyMermaid(outputDir: string): void {
  const require = createRequire(import.meta.url);
  copyFileSync(require.resolve(MERMAID_BUILD), join(outputDir, MERMAID_SCRIPT));
  copyFileSync(require.resolve('mermaid/LICENSE'), join(outputDir, 'mermaid.LICENSE.txt'));
}

export function percent(value: string | undefined): string {
  const rate = Number(value);
  return value === undefined || value === '' || !Number.isFinite(rate) ? '–' : `${(rate * 100).toFixed(2)} %`;
}

/** A traffic split output (JSON list of targets and percents) as "target 80 % · target 20 %". */
export function splitText(json: string | undefined): string {
  try {
    const entries = JSON.parse(json ?? '[]') as { target: string; percent: number; tag?: string }[];
    return entries
      .filter((e) => e.percent > 0)
      .map((e) => `${e.target} ${e.percent} %`)
      .join(' · ');
  } catch {
    return json ?? '';
  }
}

/**
 * What an action step did, in one line, from its outputs (Slack steps excepted: their outputs
 * don't say what the message reads). `paintVerdict` lets the terminal colour the gate's verdict.
 */
export function describeStep(
  step: StepRecord,
  paintVerdict: (verdict: string) => string = (verdict) => verdict,
): string | undefined {
  const o = step.outputs;
  switch (step.uses) {
    case 'canary-shift':
      return `traffic now: ${splitText(o['observed-traffic'])}`;
    case 'rollout': {
      if (!o.verdict) return `plan: steps ${o.steps ?? '?'} and every other input checked, nothing written`;
      const where = o['stopped-at'] ? `stopped at ${o['stopped-at']} %` : 'reached 100 %';
      const held = o.held === 'true' ? ', held for a person to decide' : '';
      return `verdict ${paintVerdict((o.verdict ?? '?').toUpperCase())}, ${where}${held}${o.reason ? ` (${o.reason})` : ''}; traffic now: ${splitText(o['observed-traffic'])}`;
    }
    case 'error-rate-gate':
      return `verdict ${paintVerdict((o.verdict ?? '?').toUpperCase())}: candidate ${percent(o['candidate-error-rate'])} vs baseline ${percent(o['baseline-error-rate'])}, ${o.requests ?? '?'} requests, decided after ${o['decided-after-seconds'] ?? '?'} s${o.reason ? ` (${o.reason})` : ''}`;
    case 'smoke-test':
      return `${o.passed ?? 0} checks passed, ${o.failed ?? 0} failed, p95 ${o['p95-latency-ms'] ?? '?'} ms`;
    case 'rollback':
      return `rolled back: ${o['rolled-back'] ?? '?'}; traffic now: ${splitText(o['observed-traffic'])}`;
    default:
      return undefined;
  }
}

/** An outcome as the top of a page says it: a headline and the reason in one sentence. */
export interface Verdict {
  /** CSS class: success, failure, cancelled or skipped. */
  result: string;
  headline: string;
  reason: string;
}

const ran = (step: StepRecord) => step.outcome !== 'skipped' && step.kind !== 'external';

/**
 * The gate verdicts, each with the traffic it judged: a rollout step's (the step it stopped at, or
 * every step when it passed), or an error-rate-gate step's (the shift just before it).
 */
function gateDecisions(steps: readonly StepRecord[]) {
  return steps.flatMap((step, i) => {
    if (step.uses === 'rollout' && ran(step) && step.outputs.verdict) {
      const at = step.outputs['stopped-at'] ? `${step.outputs['stopped-at']} %` : `${step.outputs.steps} %`;
      return [{ step, verdict: step.outputs.verdict, at }];
    }
    if (step.uses !== 'error-rate-gate' || !ran(step) || !step.outputs.verdict) return [];
    const shift = steps.slice(0, i).findLast((s) => s.uses === 'canary-shift' && ran(s));
    const at = shift?.inputs.percent ? `${shift.inputs.percent} %` : step.name;
    return [{ step, verdict: step.outputs.verdict, at }];
  });
}

/** The gate's own sentence for its verdict, else its figures. */
const gateReason = (gate: StepRecord) => gate.outputs.reason || (describeStep(gate) ?? '');

/** Why a set of steps ended as it did: the deciding gate, else the first error, else what the last step did. */
function reasonOf(steps: readonly StepRecord[], result: string): Verdict {
  const gates = gateDecisions(steps);
  const stopped = gates.find((g) => g.verdict !== 'pass');
  if (stopped) {
    return {
      result,
      headline: `Gate ${stopped.verdict.toUpperCase()} at ${stopped.at}`,
      reason: gateReason(stopped.step),
    };
  }
  const failed = steps.find((s) => s.outcome === 'failure');
  if (failed) {
    return {
      result,
      headline: `${failed.name} failed`,
      reason:
        failed.errors[0]?.split('\n')[0] ??
        describeStep(failed) ??
        'the step failed without an error message',
    };
  }
  if (gates.length > 0) {
    return {
      result,
      headline: `Gate PASS at ${gates.map((g) => g.at).join(', ')}`,
      reason: gateReason((gates.at(-1) as (typeof gates)[number]).step),
    };
  }
  const rollback = steps.find((s) => s.uses === 'rollback' && ran(s));
  if (rollback?.outputs['rolled-back'] === 'true') {
    return {
      result,
      headline: 'Rolled back',
      reason: `traffic now: ${splitText(rollback.outputs['observed-traffic'])}`,
    };
  }
  const count = steps.filter(ran).length;
  return {
    result,
    headline: `${count} ${count === 1 ? 'step' : 'steps'} ${result === 'success' ? 'succeeded' : result}`,
    reason:
      steps
        .filter(ran)
        .flatMap((s) => describeStep(s) ?? [])
        .at(-1) ?? '',
  };
}

/** What an environment's reviewers did, as a phrase: "approved in production-canary". */
function reviewText(review: NonNullable<JobRecord['review']>): string {
  const done = { approve: 'approved', reject: 'rejected', timeout: 'not approved in time' }[review.decision];
  return `${done} in ${review.environment}`;
}

export function jobVerdict(job: JobRecord): Verdict {
  if (job.review && job.review.decision !== 'approve') {
    return {
      result: job.result,
      headline: `Held step ${reviewText(job.review)}`,
      reason: 'the job failed before any step, as GitHub fails a rejected job, so the rollback job ran',
    };
  }
  return reasonOf(job.steps, job.result);
}

/** The whole run in one line: promoted, rolled back or stopped, and why. */
export function runVerdict(run: PipelineRun): Verdict {
  const steps = run.steps();
  const reviewed = run.jobs.find((j) => j.review)?.review;
  const base = reasonOf(steps, run.result);
  const why = reviewed ? { ...base, headline: `${base.headline}, held · ${reviewText(reviewed)}` } : base;
  if (run.result === 'success') return { ...why, headline: `Promoted to 100 % · ${why.headline}` };
  const rolledBack = steps.some(
    (s) => s.uses === 'rollback' && ran(s) && s.outputs['rolled-back'] === 'true',
  );
  const ending = rolledBack ? 'Rolled back' : `Stopped (${run.result})`;
  return { ...why, headline: `${ending} · ${why.headline}` };
}

/** The verdict as a coloured banner; `about` (e.g. which run) goes on a line above it. */
export function verdictBanner(verdict: Verdict, about?: string): string {
  const icon = verdict.result === 'success' ? '✓' : verdict.result === 'failure' ? '✗' : '⊘';
  return `<div class="verdict ${escapeHtml(verdict.result)}">${about ? `<div class="about">${about}</div>` : ''}<strong>${icon} ${escapeHtml(verdict.headline)}</strong> ${escapeHtml(verdict.reason)}</div>`;
}

const badge = (result: string) => `<span class="badge ${escapeHtml(result)}">${escapeHtml(result)}</span>`;

/** One job's page, in a folder one level below the index. */
export function jobPage(run: PipelineRun, job: JobRecord, scenario: string): string {
  const steps = job.steps
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.name)}</td><td>${escapeHtml(s.uses ?? s.kind)}</td><td>${badge(s.outcome)}</td><td>${(s.durationMs / 1000).toFixed(1)} s</td></tr>`,
    )
    .join('');
  const summary = job.summary.trim() ? markdownToHtml(job.summary) : '<p><em>No summary written.</em></p>';
  return htmlPage(
    `${job.id} · ${scenario}`,
    `<nav><a href="../index.html">← all runs</a></nav>
<h1>${escapeHtml(job.name)} ${badge(job.result)}</h1>
${verdictBanner(jobVerdict(job))}
<p>${escapeHtml(scenario)} · workflow <code>${escapeHtml(run.workflow)}</code></p>
<h2>Job summary</h2>
<div class="job">${summary}</div>
<details><summary>Steps (${job.steps.length})</summary>
<table><thead><tr><th>Step</th><th>Action</th><th>Outcome</th><th>Time</th></tr></thead><tbody>${steps}</tbody></table></details>`,
    `../${MERMAID_SCRIPT}`,
  );
}

export interface DemoRunPage {
  title: string;
  /** The run's folder, relative to the index. */
  folder: string;
  run: PipelineRun;
  /** What the platform serves after the run, e.g. "shop-v2 100 %". */
  servingNow: string;
  timeline: string;
  slackConversation: string;
}

/**
 * The index: every run's verdict first (promoted or rolled back, and why), then each run's jobs,
 * timeline and Slack message. `introHtml` and `footerHtml` are trusted HTML.
 */
export function indexPage(runs: readonly DemoRunPage[], introHtml: string, footerHtml: string): string {
  const verdicts = runs.map((r, i) => {
    const verdict = runVerdict(r.run);
    return verdictBanner(
      { ...verdict, reason: `${verdict.reason}. Serving now: ${r.servingNow}.` },
      `<a href="#run-${i + 1}">${escapeHtml(r.title)}</a>`,
    );
  });
  const sections = runs.map((r, i) => {
    const jobs = r.run.jobs
      .map((job) => {
        const name =
          job.steps.length === 0
            ? escapeHtml(job.name)
            : `<a href="${escapeHtml(`${r.folder}/${job.id}.html`)}">${escapeHtml(job.name)}</a>`;
        return `<li>${name} ${badge(job.result)}</li>`;
      })
      .join('');
    return `<section class="job" id="run-${i + 1}"><h2>${escapeHtml(r.title)} ${badge(r.run.result)}</h2>
<ul>${jobs}</ul>
<details><summary>Timeline</summary><pre>${escapeHtml(r.timeline)}</pre></details>
<details><summary>The Slack message, with its edit history</summary><pre>${escapeHtml(r.slackConversation)}</pre></details></section>`;
  });
  return htmlPage(
    'rollout-actions demo',
    `<h1>rollout-actions demo</h1>
${verdicts.join('\n')}
<p>${introHtml}</p>
${sections.join('\n')}
<p>${footerHtml}</p>`,
    MERMAID_SCRIPT,
  );
}
