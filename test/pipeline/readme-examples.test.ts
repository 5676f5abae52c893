/**
 * Every YAML example in the READMEs is read the way a user's workflow would be: each step that
 * uses one of our actions has its `with:` evaluated (expressions replaced by what the producing
 * action really outputs, multi-line values included, as GitHub substitutes them into the parsed
 * string) and read by that action's own readSettings; each call of a reusable workflow is checked
 * against its declared inputs and secrets. So the outputs of one action are proven readable as the
 * inputs of the next, and no README example can drift into one that fails or warns.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../harness/helpers/runner';
import { loadWorkflow } from '../../harness/pipeline/runner';
import { formatTraffic } from '../../shared/slack/fields';
import { encodeRollbackTarget } from '../../shared/traffic/token';
import { fakeCore } from '../helpers/fake-core';

const ACTION_USE = /^OWNER\/rollout-actions\/actions\/([a-z-]+)@v1$/;
const WORKFLOW_USE = /^OWNER\/rollout-actions\/(\.github\/workflows\/[a-z-]+\.yml)@v1$/;

const OBSERVED_TRAFFIC = JSON.stringify([
  { target: 'shop-00041-xyz', percent: 90 },
  { target: 'shop-00042-abc', percent: 10, tag: 'canary' },
]);
/** A gate reason as it reaches the next step: it may span lines (a metrics API's own message). */
const GATE_REASON =
  'the prometheus API failed 3 polls in a row (HTTP 503:\n  upstream connect error\n  or disconnect/reset before headers): no verdict without data';
/** One whose continuation line looks like a field of its own: only toJSON() keeps it whole. */
const GATE_REASON_WITH_COLON = 'no verdict without data.\nPrometheus: query timed out';

/** What each output named in the examples really looks like, by output name. */
function outputValue(name: string, step: Record<string, string>): string {
  switch (name) {
    case 'candidate':
      return 'shop-00042-abc';
    case 'candidate-url':
      return 'https://canary---shop-abc123-ew.a.run.app';
    case 'observed-traffic':
      return OBSERVED_TRAFFIC;
    case 'rollback-target':
      // canary-shift's token for the service the consuming step names.
      return encodeRollbackTarget({
        v: 1,
        provider: 'cloud-run',
        resource: { project: step.project ?? '', region: step.region ?? '', service: step.service ?? '' },
        traffic: [{ target: 'shop-00041-xyz', percent: 100 }],
        capturedAt: '2026-11-22T18:00:00.000Z',
      } as Parameters<typeof encodeRollbackTarget>[0]);
    case 'verdict':
      return 'fail';
    case 'reason':
      return GATE_REASON;
    case 'candidate-error-rate':
      return '0.081';
    case 'baseline-error-rate':
      return '0.0031';
    case 'uri':
      return 'gs://acme-backups/prod/shop-20261122T180000Z.dump.zst';
    case 'ts':
    case 'thread-ts':
      return '1795370813.000001';
    case 'channel':
      return 'C0DEPLOYS';
    // Outputs of the user's own jobs in the examples.
    case 'previous-sha':
      return '89abcdef0123456789abcdef0123456789abcdef';
    case 'task-definition-arn':
      return 'arn:aws:ecs:eu-west-1:123456789012:task-definition/checkout:43';
    default:
      throw new Error(`no example value for the output "${name}": add one`);
  }
}

const SECRETS: Record<string, string> = {
  SLACK_BOT_TOKEN: 'xoxb-1111111111-2222222222-exampletoken',
  DATABASE_URL: 'postgres://shop:example-password@db.internal:5432/shop',
  PROM_TOKEN: 'prom-example-token',
};

/** GitHub's substitution of `${{ … }}` in a parsed string value (reason: the gate's, if not GATE_REASON). */
function evaluate(
  value: unknown,
  step: Record<string, string>,
  siblings: Map<string, Record<string, string>>,
  reason = GATE_REASON,
): string {
  const expressionValue = (expression: string): string => {
    const json = expression.match(/^toJSON\((.+)\)$/);
    if (json) return JSON.stringify(expressionValue((json[1] as string).trim()));
    if (expression === 'github.sha') return '0123456789abcdef0123456789abcdef01234567';
    const secret = expression.match(/^secrets\.(\w+)$/);
    if (secret) return SECRETS[secret[1] as string] ?? `no example secret ${secret[1]}`;
    const output = expression.match(/^(?:steps|needs)\.([\w-]+)\.outputs\.([\w-]+)$/);
    if (output?.[2] === 'reason') return reason;
    // A rollback-target names the service of the step that produced it, when the example shows it.
    if (output) return outputValue(output[2] as string, siblings.get(output[1] as string) ?? step);
    throw new Error(`no example value for \${{ ${expression} }}`);
  };
  return String(value).replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) =>
    expressionValue(expression),
  );
}

interface Use {
  id?: string;
  uses: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, unknown>;
}

function usesIn(node: unknown, found: Use[] = []): Use[] {
  if (Array.isArray(node)) for (const item of node) usesIn(item, found);
  else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    if (typeof record.uses === 'string') found.push(record as unknown as Use);
    for (const value of Object.values(record)) usesIn(value, found);
  }
  return found;
}

function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((m) => m[1] as string);
}

const READMES = [
  'README.md',
  ...readdirSync(join(REPO_ROOT, 'actions')).map((name) => join('actions', name, 'README.md')),
].filter((path) => {
  try {
    return yamlBlocks(readFileSync(join(REPO_ROOT, path), 'utf8')).length > 0;
  } catch {
    return false;
  }
});

const examples = READMES.flatMap((path) =>
  yamlBlocks(readFileSync(join(REPO_ROOT, path), 'utf8')).flatMap((block, index) => {
    const uses = usesIn(parse(block));
    const siblings = new Map<string, Record<string, string>>();
    for (const use of uses) {
      if (use.id)
        siblings.set(
          use.id,
          Object.fromEntries(Object.entries(use.with ?? {}).map(([k, v]) => [k, String(v)])),
        );
    }
    return uses.map((use) => ({ path, index, use: { ...use, siblings } }));
  }),
);

describe('README examples', () => {
  it('exist for every action and reusable workflow', () => {
    const named = new Set(
      examples.map((e) => (e.use.uses.match(ACTION_USE) ?? e.use.uses.match(WORKFLOW_USE))?.[1]),
    );
    for (const name of [
      'canary-shift',
      'error-rate-gate',
      'rollback',
      'notify-slack',
      'smoke-test',
      'db-backup',
      'rollout',
    ]) {
      expect(named).toContain(name);
    }
    expect(named).toContain('.github/workflows/canary-cloud-run.yml');
  });

  it.each(
    examples
      .filter((e) => ACTION_USE.test(e.use.uses))
      .map((e) => [`${e.path} #${e.index + 1}: ${e.use.uses.match(ACTION_USE)?.[1]}`, e.use] as const),
  )('%s reads its inputs without an error or a warning', async (_, use) => {
    const action = use.uses.match(ACTION_USE)?.[1] as string;
    const raw = Object.fromEntries(Object.entries(use.with ?? {}).map(([k, v]) => [k, String(v)]));
    const inputs = Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [k, evaluate(v, raw, use.siblings)]),
    );
    const declared = Object.keys(
      (parse(readFileSync(join(REPO_ROOT, 'actions', action, 'action.yml'), 'utf8')) as { inputs: object })
        .inputs,
    );
    for (const name of Object.keys(inputs)) expect(declared).toContain(name);
    const { readSettings } = (await import(`../../actions/${action}/src/inputs.ts`)) as {
      readSettings: (core: unknown, env?: NodeJS.ProcessEnv) => unknown;
    };
    const core = fakeCore(inputs);
    const settings = (await readSettings(core, { GITHUB_WORKSPACE: REPO_ROOT, RUNNER_TEMP: '/tmp' })) as {
      problems?: string[];
      fields?: Map<string, string>;
    };
    expect(settings.problems ?? []).toEqual([]);
    expect(core.logs.filter((l) => l.level === 'warning' || l.level === 'error')).toEqual([]);
    if (action === 'notify-slack' && settings.fields?.has('traffic')) {
      // canary-shift's observed-traffic shows as the split, not as raw JSON.
      expect(formatTraffic(settings.fields.get('traffic') ?? '')).toBe(
        'shop-00041-xyz 90 % · shop-00042-abc 10 %',
      );
    }
  });

  it.each(
    examples
      .filter((e) => WORKFLOW_USE.test(e.use.uses))
      .map((e) => [`${e.path} #${e.index + 1}: ${e.use.uses.match(WORKFLOW_USE)?.[1]}`, e.use] as const),
  )('%s passes only inputs and secrets the workflow declares, and every required one', (_, use) => {
    const spec = loadWorkflow(use.uses.match(WORKFLOW_USE)?.[1] as string);
    const call = spec.on.workflow_call;
    const given = Object.keys(use.with ?? {});
    for (const name of given) expect(Object.keys(call?.inputs ?? {})).toContain(name);
    for (const [name, input] of Object.entries(call?.inputs ?? {})) {
      if (input.required) expect(given).toContain(name);
    }
    for (const name of Object.keys(use.secrets ?? {}))
      expect(Object.keys(call?.secrets ?? {})).toContain(name);
  });
});

describe('notify-slack reads what the other actions output', () => {
  it.each([
    ['interpolated as it is', '${{ steps.gate.outputs.reason }}', GATE_REASON],
    ['through toJSON()', '${{ toJSON(steps.gate.outputs.reason) }}', GATE_REASON_WITH_COLON],
  ])(
    'shows a multi-line gate reason %s whole, and the observed traffic as a split',
    async (_, expression, reason) => {
      const { readSettings } = await import('../../actions/notify-slack/src/inputs');
      const template = `service: checkout\ntraffic: \${{ steps.shift.outputs.observed-traffic }}\nreason: ${expression}\nverdict: fail\n`;
      const fields = evaluate(template, {}, new Map(), reason);
      const settings = await readSettings(
        fakeCore({
          'bot-token': SECRETS.SLACK_BOT_TOKEN as string,
          channel: 'C0DEPLOYS',
          status: 'progress',
          fields,
        }),
        {},
      );
      expect(settings.problems).toEqual([]);
      expect(settings.fields.get('reason')).toBe(reason);
      expect(settings.fields.get('verdict')).toBe('fail');
      expect(formatTraffic(settings.fields.get('traffic') ?? '')).toBe(
        'shop-00041-xyz 90 % · shop-00042-abc 10 %',
      );
    },
  );
});
