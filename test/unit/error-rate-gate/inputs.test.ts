import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUTS, OUTPUTS, readSettings } from '../../../actions/error-rate-gate/src/inputs';
import { REPO_ROOT } from '../../../harness/helpers/runner';
import { InputError } from '../../../shared/errors';
import { baselineFrom, cloudRunResourceFrom } from '../../../shared/gate/arms';
import { GATE_DEFAULTS } from '../../../shared/gate/config';
import { parseInstant, parseRate } from '../../../shared/gate/inputs';
import { fakeCore } from '../../helpers/fake-core';
import { declaredNames } from '../../helpers/metadata';

const cloudRun = {
  provider: 'cloud-run',
  project: 'acme-shop-prod',
  service: 'shop',
  candidate: 'shop-00042-new',
  baseline: 'shop-00041-old',
};

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('error-rate-gate inputs', () => {
  it('declares in action.yml exactly the inputs and outputs the code reads and writes', () => {
    const declared = declaredNames('error-rate-gate');
    expect(declared.inputs).toEqual(Object.values(INPUTS).sort());
    expect(declared.outputs).toEqual(Object.values(OUTPUTS).sort());
  });

  it('defaults the source from the provider, and the rest from the spec', () => {
    const settings = readSettings(fakeCore(cloudRun), {});
    expect(settings).toMatchObject({
      metrics: {
        source: 'cloud-monitoring',
        project: 'acme-shop-prod',
        service: 'shop',
        candidate: 'shop-00042-new',
        baseline: 'shop-00041-old',
        latency: false,
      },
      durationMs: 600_000,
      intervalMs: 60_000,
      metricsDelayMs: 180_000,
      maxErrorRate: 0.05,
      maxIncrease: 0,
      minRequests: 100,
      falseAlarmRate: 0.005,
      maxDurationMs: 2_400_000,
      detectableRatio: 4,
      mode: 'enforce',
    });
    expect(settings.startTime).toBeUndefined();
    const ecs = readSettings(
      fakeCore({
        provider: 'ecs',
        'load-balancer': 'app/shop-alb/50dc6c495c0c9188',
        'candidate-target-group': 'targetgroup/green/6d0ecf831eec9f09',
        'baseline-target-group': 'targetgroup/blue/943f017f100becff',
      }),
      { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_CLOUDWATCH: 'http://127.0.0.1:4566' },
    );
    expect(ecs.metrics).toMatchObject({
      source: 'cloudwatch',
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:4566',
    });
    expect(ecs.metricsDelayMs).toBe(120_000);
  });

  it('keeps action.yml defaults and the gate defaults (the benchmark runs) the same', () => {
    const meta = parse(readFileSync(join(REPO_ROOT, 'actions/error-rate-gate/action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
    };
    const d = (name: string) => meta.inputs[name]?.default;
    expect(d(INPUTS.maxErrorRate)).toBe(`${GATE_DEFAULTS.maxErrorRate * 100}%`);
    expect(d(INPUTS.maxIncrease)).toBe(`${GATE_DEFAULTS.maxIncrease * 100}%`);
    expect(Number(d(INPUTS.minRequests))).toBe(GATE_DEFAULTS.minRequests);
    expect(Number(d(INPUTS.falseAlarmRate))).toBe(GATE_DEFAULTS.falseAlarmRate);
    expect(Number(d(INPUTS.detectableRatio))).toBe(GATE_DEFAULTS.detectableRatio);
  });

  it('extends a 5-minute bake to 30 minutes and a 10-minute one to 40 by default; max-duration as given', () => {
    expect(readSettings(fakeCore({ ...cloudRun, duration: '5m' }), {}).maxDurationMs).toBe(1_800_000);
    expect(readSettings(fakeCore({ ...cloudRun, 'max-duration': '10m' }), {}).maxDurationMs).toBe(600_000);
    expect(readSettings(fakeCore({ ...cloudRun, 'detectable-ratio': '2.5' }), {}).detectableRatio).toBe(2.5);
    expect(readSettings(fakeCore({ ...cloudRun, 'detectable-ratio': '3x' }), {}).detectableRatio).toBe(3);
  });

  it('refuses a detectable ratio of 1 or less, and a max-duration below duration, naming the input', () => {
    for (const ratio of ['1', '0.5', 'four', '-3']) {
      const err = errorOf(() => readSettings(fakeCore({ ...cloudRun, 'detectable-ratio': ratio }), {}));
      expect(err.input).toBe(INPUTS.detectableRatio);
    }
    const err = errorOf(() =>
      readSettings(fakeCore({ ...cloudRun, duration: '10m', 'max-duration': '5m' }), {}),
    );
    expect(err.input).toBe(INPUTS.maxDuration);
    expect(err.message).toMatch(/must be at least duration \(600s\)/);
  });

  it('takes the baseline and the service from canary-shift rollback-target token', () => {
    const token = JSON.stringify({
      v: 1,
      provider: 'cloud-run',
      resource: { name: 'projects/acme-shop-prod/locations/europe-west1/services/shop' },
      traffic: [
        { target: 'shop-00041-old', percent: 90 },
        { target: 'shop-00042-new', percent: 10, tag: 'canary' },
      ],
      capturedAt: '2026-11-22T18:00:00Z',
    });
    const settings = readSettings(
      fakeCore({ provider: 'cloud-run', candidate: 'shop-00042-new', 'rollback-target': token }),
      {},
    );
    expect(settings.metrics).toMatchObject({
      project: 'acme-shop-prod',
      region: 'europe-west1',
      service: 'shop',
      baseline: 'shop-00041-old',
    });
  });

  it('reads a Prometheus setup with masked headers and validated templates', () => {
    const core = fakeCore({
      'prometheus-url': 'https://prom.example.com',
      candidate: 'v2',
      baseline: 'v1',
      'prometheus-headers': 'Authorization: Bearer abc123secret',
      'max-p95-latency-ms': '800',
      'latency-query':
        'histogram_quantile(0.95, sum by (le) (rate(h_bucket{version="{{version}}"}[{{window}}]))) * 1000',
    });
    const settings = readSettings(core, {});
    expect(settings.metrics).toMatchObject({
      source: 'prometheus',
      headers: { Authorization: 'Bearer abc123secret' },
      latency: true,
    });
    expect(settings.secrets).toEqual(['Bearer abc123secret']);
    expect(core.secrets).toContain('Bearer abc123secret');
    expect(settings.maxP95LatencyMs).toBe(800);
  });

  it.each([
    [{ ...cloudRun, 'max-error-rate': '150%' }, 'input "max-error-rate": 150% is above the maximum 100%'],
    [{ ...cloudRun, 'min-requests': '0' }, 'input "min-requests": 0 is below the minimum 1'],
    [{ ...cloudRun, 'false-alarm-rate': '0.5' }, 'input "false-alarm-rate": 0.5 is above the maximum 0.2'],
    [{ ...cloudRun, mode: 'yolo' }, 'input "mode": "yolo" is not one of enforce, dry-run'],
    [{ ...cloudRun, 'start-time': 'yesterday' }, 'input "start-time": "yesterday" is not an ISO 8601 time'],
    [{ ...cloudRun, project: 'x' }, 'input "project": "x" is not a Google Cloud project id'],
    [{ ...cloudRun, baseline: '' }, 'input "baseline": is required (or "rollback-target" from canary-shift)'],
    [
      { ...cloudRun, baseline: '{"traffic":[{"target":"shop-00042-new","percent":100}]}' },
      'input "baseline": holds no traffic entry other than the candidate',
    ],
    [{ ...cloudRun, region: 'mars' }, 'input "region": "mars" is not a Cloud Run region'],
    [{ ...cloudRun, 'metrics-delay': 'later' }, 'input "metrics-delay": "later" is not a duration'],
    [
      { ...cloudRun, 'metrics-delay': '600h' },
      'input "metrics-delay": "600h" is longer than the longest duration a timer can wait',
    ],
  ])('rejects %o', (inputs, message) => {
    const err = errorOf(() => readSettings(fakeCore(inputs), {}));
    expect(err.message.startsWith(message)).toBe(true);
    expect(err.message).toContain('for example');
  });

  it('refuses a non-loopback emulator host', () => {
    expect(() =>
      readSettings(fakeCore(cloudRun), { CLOUD_MONITORING_EMULATOR_HOST: 'evil.example.com:80' }),
    ).toThrow(/loopback/);
  });
});

describe('parsers', () => {
  it('reads rates as percentages or fractions, refusing ambiguous bare numbers', () => {
    expect(parseRate('r', '5%', { max: 1, example: '5%' })).toBe(0.05);
    expect(parseRate('r', '0.05', { max: 1, example: '5%' })).toBe(0.05);
    expect(parseRate('r', '250%', { max: 100, example: '5%' })).toBe(2.5);
    expect(() => parseRate('r', '5', { max: 1, example: '5%' })).toThrow(/ambiguous/);
    expect(() => parseRate('r', 'lots', { max: 1, example: '5%' })).toThrow(/not a rate/);
  });

  it('reads instants as ISO 8601, epoch seconds or epoch ms', () => {
    expect(parseInstant('t', '2026-11-22T18:00:00Z')).toBe(Date.UTC(2026, 10, 22, 18));
    expect(parseInstant('t', '1795370400')).toBe(1_795_370_400_000);
    expect(parseInstant('t', '1795370400123')).toBe(1_795_370_400_123);
  });

  it('finds the baseline in the JSON canary-shift hands over', () => {
    expect(baselineFrom('shop-00041-old', 'baseline')).toBe('shop-00041-old');
    expect(baselineFrom('[{"target":"a","percent":30},{"target":"b","percent":70}]', 'baseline', 'b')).toBe(
      'a',
    );
    expect(baselineFrom('{"observed":[{"revisionName":"old","percent":100}]}', 'baseline')).toBe('old');
    expect(() => baselineFrom('{oops', 'baseline')).toThrow(/does not parse/);
    expect(
      cloudRunResourceFrom('{"resource":{"project":"p-123456","region":"us-east1","service":"s"}}'),
    ).toEqual({
      project: 'p-123456',
      region: 'us-east1',
      service: 's',
    });
    expect(cloudRunResourceFrom('not json')).toEqual({});
  });
});
