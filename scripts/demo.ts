/**
 * `npm run demo`: the Cloud Run canary pipeline (.github/workflows/canary-cloud-run.yml) end to end
 * on this machine. A local Cloud Run with Cloud Monitoring, a local Slack and steady load on the
 * service; the pipeline runner reads the workflow and runs every job's steps, each action as its
 * committed bundle in dist/. A healthy candidate is promoted through seven steps, a faulty one is
 * caught by the gate and rolled back, and a step too small to decide is held for a person twice:
 * approved (promoted to 100 %), then rejected (rolled back). Prints the timeline and writes every
 * job summary to demo-output/ with an index.html to open in a browser.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { stripVTControlCharacters } from 'node:util';
import { startLocalCloud } from '../harness/emulators/local-cloud';
import { REPO_ROOT } from '../harness/helpers/runner';
import {
  FAULTY_IMAGE,
  HEALTHY_IMAGE,
  holdFor,
  REGISTRY,
  runCloudRunScenario,
  STABLE_IMAGE,
} from '../harness/pipeline/cloud-run-scenario';
import {
  copyMermaid,
  type DemoRunPage,
  describeStep,
  indexPage,
  jobPage,
} from '../harness/pipeline/demo-pages';
import type { PipelineEvent, ReviewDecision, StepRecord } from '../harness/pipeline/runner';

const OUTPUT = join(REPO_ROOT, 'demo-output');
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
const dim = paint('2');
const bold = paint('1');
const green = paint('32');
const red = paint('31');
const yellow = paint('33');
const cyan = paint('36');

/**
 * Every version fails 2 % of requests, the faulty one five times as many. The gate passes a step
 * only on data that would have caught a 4× regression, which takes a few dozen errors: at 800
 * requests a second and 2 %, each of the seven steps gets them in seconds (at a realistic 0.5 %,
 * the 70 % step alone would need a minute of this load).
 */
const BASE_ERROR_RATE = 0.02;
const FAULTY_ERROR_RATE = 0.1;
/** Healthy candidates under new tags, for the two held runs (each deploys over what serves then). */
const HELD_APPROVED_IMAGE = `${REGISTRY}/shop:v5`;
const HELD_REJECTED_IMAGE = `${REGISTRY}/shop:v6`;
const DEMO_IMAGES = {
  [STABLE_IMAGE]: { errorRate: BASE_ERROR_RATE },
  [HEALTHY_IMAGE]: { errorRate: BASE_ERROR_RATE },
  [FAULTY_IMAGE]: { errorRate: FAULTY_ERROR_RATE },
  [HELD_APPROVED_IMAGE]: { errorRate: BASE_ERROR_RATE },
  [HELD_REJECTED_IMAGE]: { errorRate: BASE_ERROR_RATE },
};
const DEMO_LOAD_PER_SECOND = 800;
/**
 * The metrics timeline runs 240 times faster than real time (the tests use 120): a step takes its
 * bake plus Cloud Monitoring's 180 s reporting delay, extended until the data has the power to
 * pass (11 to 25 virtual minutes here), so the seven steps take some 35 s instead of 60.
 */
const DEMO_TIME_SCALE = 240;
/** The gate with its own defaults (no tolerated increase, 5 % ceiling). */
const DEMO_OVERRIDES = { 'max-increase': '', 'max-error-rate': '' };

/** More steps than the five slots the pipelines once had. */
const SEVEN_STEPS = '20,30,40,50,60,70,100';
/**
 * A first step of 1 % over a 2m bake (8m at most: 4 s here) sees fewer of the candidate's
 * requests than min-requests: inconclusive, and held for a person to decide.
 */
const HOLD = { steps: '1,100', 'bake-time': '2m', ...holdFor('production-canary') };
/** How long the demo's reviewer looks at the held step before deciding. */
const REVIEW_MS = 1_500;

interface Scenario {
  slug: string;
  title: string;
  image: string;
  overrides: Record<string, string>;
  review?: ReviewDecision;
  expected: 'success' | 'failure';
}

const SCENARIOS: Scenario[] = [
  {
    slug: '1-healthy',
    title: `A healthy candidate (shop:v2, failing ${BASE_ERROR_RATE * 100} % of requests like the stable shop:v1) is promoted through seven steps`,
    image: HEALTHY_IMAGE,
    // A 4m planned bake per step (2 s here): the gate extends it while the data is short of power.
    overrides: { steps: SEVEN_STEPS, 'bake-time': '4m' },
    expected: 'success',
  },
  {
    slug: '2-faulty',
    title: `A faulty candidate (shop:v3, failing ${FAULTY_ERROR_RATE * 100} % of requests) is rolled back`,
    image: FAULTY_IMAGE,
    overrides: {},
    expected: 'failure',
  },
  {
    slug: '3-held-approved',
    title: 'A step too small to decide (shop:v5 at 1 %) is held; a reviewer approves: promoted to 100 %',
    image: HELD_APPROVED_IMAGE,
    overrides: HOLD,
    review: 'approve',
    expected: 'success',
  },
  {
    slug: '4-held-rejected',
    title: 'The same held step for shop:v6; a reviewer rejects: rolled back to shop:v5',
    image: HELD_REJECTED_IMAGE,
    overrides: HOLD,
    review: 'reject',
    expected: 'failure',
  },
];

const ICON: Record<string, string> = { success: '✓', failure: '✗', cancelled: '⊘', skipped: '·' };
const paintResult = (result: string) =>
  result === 'success' ? green : result === 'failure' ? red : result === 'cancelled' ? yellow : dim;

/** What a step did, in one line, for the timeline. */
function stepDetail(step: StepRecord, slackText: () => string): string | undefined {
  if (step.uses === 'notify-slack') return `Slack: ${slackText()}`;
  return describeStep(step, (verdict) =>
    verdict === 'PASS' ? green(verdict) : verdict === 'INCONCLUSIVE' ? yellow(verdict) : red(verdict),
  );
}

/**
 * The rollout's steps, one line each, from the table its job summary opens with (| Step | Share |
 * Verdict | Why | Bake | Power |): one action walks them all, so the timeline shows them here.
 */
function rolloutRows(step: StepRecord): string[] {
  if (step.uses !== 'rollout' || !step.outputs.verdict) return [];
  return step.summary.split('\n').flatMap((line) => {
    const cells = line.split('|').map((cell) => cell.trim());
    const [, number, share, verdict, , bake, power] = cells;
    if (!number || !/^\d+$/.test(number)) return [];
    const baked = bake ? `, bake ${bake}` : '';
    const powered = power ? `, power ${power}` : '';
    return [`step ${number}: ${share} ${verdict}${baked}${powered}`];
  });
}

function timelinePrinter(
  started: number,
  lines: string[],
  slackText: () => string,
  servingNow: () => string,
) {
  const at = () => dim(`+${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s`);
  const emit = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  return (event: PipelineEvent) => {
    if (event.type === 'job-start') emit(`${at()} ${bold(`┌ ${event.job}`)} ${dim(event.name)}`);
    if (event.type === 'review-requested') {
      emit(
        `${at()} ${yellow(`⏸ ${event.job} waits for a required reviewer of the environment ${event.environment}`)}`,
      );
      emit(`${' '.repeat(8)}│     traffic stays where the held step left it: ${servingNow()}`);
    }
    if (event.type === 'reviewed') {
      const decided = event.decision === 'approve' ? green('approved') : red(`${event.decision}ed`);
      emit(`${at()} ${bold('▶')} ${event.environment}: a reviewer ${decided} the held step`);
    }
    if (event.type === 'step-end') {
      const s = event.record;
      if (s.outcome === 'skipped') return;
      if (s.kind === 'external') {
        emit(
          `${at()} │ ${dim(`· ${s.name}: ${s.uses?.split('@')[0]} (runs on GitHub; recorded here, not run)`)}`,
        );
        return;
      }
      const label = s.kind === 'action' ? cyan(s.uses ?? '') : 'run';
      emit(
        `${at()} │ ${paintResult(s.outcome)(ICON[s.outcome] ?? '?')} ${label} ${s.name} ${dim(`${(s.durationMs / 1000).toFixed(1)}s`)}`,
      );
      const detail = stepDetail(s, slackText);
      if (detail) emit(`${' '.repeat(8)}│     ${detail}`);
      for (const row of rolloutRows(s)) emit(`${' '.repeat(8)}│       ${row}`);
      // The gate's verdict line already says why it failed.
      if (s.uses !== 'error-rate-gate' && s.uses !== 'rollout') {
        for (const error of s.errors) emit(`${' '.repeat(8)}│     ${red(error.split('\n')[0] ?? '')}`);
      }
    }
    if (event.type === 'job-end') {
      const j = event.record;
      const painted = paintResult(j.result)(j.result);
      if (j.steps.length === 0) emit(`${at()} ${dim(`· ${j.id} ${j.result}`)}`);
      else emit(`${at()} ${bold('└')} ${j.id}: ${painted} ${dim(`${(j.durationMs / 1000).toFixed(1)}s`)}`);
    }
  };
}

async function main(): Promise<void> {
  const wall = Date.now();
  rmSync(OUTPUT, { recursive: true, force: true });
  mkdirSync(OUTPUT, { recursive: true });
  console.log(
    bold('rollout-actions demo: canary-cloud-run.yml on a local Cloud Run, Cloud Monitoring and Slack'),
  );
  const cloud = await startLocalCloud({
    stableImage: STABLE_IMAGE,
    images: DEMO_IMAGES,
    requestsPerSecond: DEMO_LOAD_PER_SECOND,
    timeScale: DEMO_TIME_SCALE,
  });
  console.log(
    dim(
      `Cloud Run API ${cloud.cloudRun.endpoint} · service ${cloud.serviceUrl} under steady load · Slack ${cloud.slack.apiUrl}\n`,
    ),
  );
  const pages: DemoRunPage[] = [];
  let ok = true;
  try {
    for (const scenario of SCENARIOS) {
      console.log(bold(`\n▶ ${scenario.title}`));
      const lines: string[] = [];
      const started = Date.now();
      // The rollout's own message (not the thread replies, one of which is also sent to the channel).
      const slackText = () => {
        const message = cloud.slack.messages
          .filter((m) => m.channel === cloud.slackChannel && m.threadTs === undefined)
          .at(-1);
        return (message?.text ?? '').split('\n')[0] ?? '';
      };
      const serving = () =>
        Object.entries(cloud.cloudRun.observed(cloud.service))
          .map(([revision, share]) => `${revision} ${share} %`)
          .join(' · ');
      const decision = scenario.review;
      const { run } = await runCloudRunScenario(cloud, scenario.image, {
        overrides: { ...DEMO_OVERRIDES, ...scenario.overrides },
        onEvent: timelinePrinter(started, lines, slackText, serving),
        ...(decision ? { review: () => delay(REVIEW_MS).then(() => decision) } : {}),
      });
      const outcome = run.result === scenario.expected;
      ok &&= outcome;
      const verdict = run.result === 'success' ? 'promoted to 100 %' : 'rolled back';
      const servingNow = serving();
      console.log(
        `${outcome ? green('✓') : red('✗')} ${bold(verdict)} in ${((Date.now() - started) / 1000).toFixed(1)} s; serving now: ${servingNow}`,
      );

      const folder = join(OUTPUT, scenario.slug);
      mkdirSync(folder, { recursive: true });
      for (const job of run.jobs) {
        if (job.steps.length === 0) continue;
        writeFileSync(join(folder, `${job.id}.md`), job.summary);
        writeFileSync(join(folder, `${job.id}.html`), jobPage(run, job, scenario.title));
      }
      const timeline = lines.map((line) => stripVTControlCharacters(line)).join('\n');
      writeFileSync(join(folder, 'timeline.txt'), `${timeline}\n`);
      const slackConversation = cloud.slack.renderConversation(cloud.slackChannel);
      writeFileSync(join(folder, 'slack.txt'), `${slackConversation}\n`);
      pages.push({
        title: scenario.title,
        folder: scenario.slug,
        run,
        servingNow,
        timeline,
        slackConversation,
      });
      cloud.slack.reset();
    }
  } finally {
    await cloud.stop();
  }
  copyMermaid(OUTPUT);
  writeFileSync(
    join(OUTPUT, 'index.html'),
    indexPage(
      pages,
      `The Cloud Run canary pipeline, <code>.github/workflows/canary-cloud-run.yml</code>, run by the test pipeline runner
against local emulators of Cloud Run, Cloud Monitoring and Slack. One rollout step walks every traffic step; a held
inconclusive step waits on the approval job, whose environment's reviewer the demo plays. Each job links to the summary its steps wrote.`,
      `Load on the service: ${cloud.load.sent} requests (${Object.entries(cloud.load.byStatus)
        .map(([status, count]) => `${count} × ${status}`)
        .join(', ')}).`,
    ),
  );
  console.log(
    `\n${ok ? green('Demo finished') : red('Demo finished with an unexpected outcome')} in ${((Date.now() - wall) / 1000).toFixed(1)} s. Job summaries: ${relative(process.cwd(), join(OUTPUT, 'index.html'))}`,
  );
  if (!ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
