/**
 * Rollouts of one service are serialised whatever free text the caller passes: the concurrency
 * group of each canary pipeline is the service's identity, never the `environment` label.
 */
import { describe, expect, it } from 'vitest';
import { loadWorkflow } from '../../harness/pipeline/runner';

const IDENTITY: Record<string, string[]> = {
  'canary-cloud-run.yml': ['inputs.project', 'inputs.region', 'inputs.service'],
  'canary-ecs.yml': ['inputs.aws-region', 'inputs.cluster', 'inputs.services'],
};

describe.each(Object.entries(IDENTITY))('%s', (file, identity) => {
  const group = loadWorkflow(`.github/workflows/${file}`).concurrency?.group ?? '';

  it('serialises per service identity, not per environment name', () => {
    for (const part of identity) expect(group).toContain(part);
    expect(group).not.toMatch(/environment/);
  });
});
