import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/errors';
import {
  checkCandidateNames,
  defaultRevisionSuffix,
  revisionNameProblem,
  tagProblem,
} from '../../../shared/providers/cloud-run/names';

const INPUTS = { tag: 'candidate-tag', revisionSuffix: 'revision-suffix', image: 'image' };
const LONG_TAG_IMAGE = 'europe-docker.pkg.dev/p/apps/shop:release-2026-12-01-build-4711-hotfix';

describe('defaultRevisionSuffix', () => {
  it('is stable for an image, differs between images, and is a valid suffix', () => {
    const a = defaultRevisionSuffix('europe-docker.pkg.dev/p/apps/shop:1.2.3_RC', 'shop');
    expect(a).toBe(defaultRevisionSuffix('europe-docker.pkg.dev/p/apps/shop:1.2.3_RC', 'shop'));
    expect(a).not.toBe(defaultRevisionSuffix('europe-docker.pkg.dev/p/apps/shop:1.2.4_RC', 'shop'));
    expect(a).toMatch(/^1-2-3-rc-[0-9a-f]{8}$/);
    expect(defaultRevisionSuffix(`gcr.io/p/shop@sha256:${'a'.repeat(64)}`, 'shop')).toMatch(/^[0-9a-f]{8}$/);
  });

  it('shortens deterministically so <service>-<suffix> is a DNS label of at most 63 characters', () => {
    for (const service of ['s'.repeat(40), 'checkout-payments-gateway-europe-west-prod', 's'.repeat(58)]) {
      const suffix = defaultRevisionSuffix(LONG_TAG_IMAGE, service);
      expect(suffix).toBeDefined();
      const name = `${service}-${suffix}`;
      expect(name.length).toBeLessThanOrEqual(63);
      expect(revisionNameProblem(service, name)).toBeUndefined();
      expect(defaultRevisionSuffix(LONG_TAG_IMAGE, service)).toBe(suffix);
    }
    // The old default reached 40 + 1 + 20 + 1 + 8 = 70 characters here; the tag part gives way first.
    expect(defaultRevisionSuffix(LONG_TAG_IMAGE, 's'.repeat(40))).toMatch(/^release-2026-[0-9a-f]{8}$/);
  });

  it('gives up (undefined) when not even a 4-digit digest fits', () => {
    expect(defaultRevisionSuffix(LONG_TAG_IMAGE, 's'.repeat(59))).toBeUndefined();
  });
});

describe('name limits', () => {
  it('a tag: at least 3 characters, a DNS label, and with the service name at most 46', () => {
    expect(tagProblem('shop', 'canary')).toBeUndefined();
    expect(tagProblem('shop', 'c1')).toMatch(/shorter than 3/);
    expect(tagProblem('shop', 'Canary')).toMatch(/DNS label/);
    expect(tagProblem('s'.repeat(40), 'canary')).toBeUndefined(); // 46 exactly
    expect(tagProblem('s'.repeat(41), 'canary')).toMatch(/47 characters; Cloud Run allows 46/);
  });

  it('a revision name: at most 63 characters, a DNS label, starting with the service name', () => {
    expect(revisionNameProblem('shop', `shop-${'a'.repeat(58)}`)).toBeUndefined();
    expect(revisionNameProblem('shop', `shop-${'a'.repeat(59)}`)).toMatch(/64 characters; at most 63/);
    expect(revisionNameProblem('shop', 'shop-v1-')).toMatch(/DNS label/);
    expect(revisionNameProblem('shop', 'cart-v1')).toMatch(/start with "shop-"/);
  });

  it('checkCandidateNames refuses with an input error naming the input', () => {
    const check = (service: string, request: Parameters<typeof checkCandidateNames>[1]) => () =>
      checkCandidateNames(service, request, INPUTS);
    expect(check('s'.repeat(41), { tag: 'canary' })).toThrow(InputError);
    expect(check('s'.repeat(41), { tag: 'canary' })).toThrow(/candidate-tag/);
    expect(check('shop', { tag: 'ab' })).toThrow(/candidate-tag.*shorter than 3/);
    expect(check('shop', { tag: 'canary', image: 'x/shop:v1', revisionSuffix: 'a'.repeat(59) })).toThrow(
      /revision-suffix.*at most 63/,
    );
    expect(check('s'.repeat(59), { image: LONG_TAG_IMAGE })).toThrow(/image/);
    expect(check('shop', { tag: 'canary', image: LONG_TAG_IMAGE })).not.toThrow();
  });
});
