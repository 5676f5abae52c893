/**
 * Cloud Run's limits on the names canary-shift makes up, checked as input errors before any call:
 * the API would refuse them only after the rollout has started.
 *
 * - A revision name is a DNS label (RFC 1035): lower case letters, digits and hyphens, starting
 *   with a letter, at most 63 characters, and it starts with `<service>-`
 *   (revision_template.proto `revision`; https://cloud.google.com/run/docs/deploying#revision-suffix).
 * - A traffic tag is part of the tag URL's host label `<tag>---<service>-<hash>…`: tag and service
 *   name together at most 46 characters, and at least 3 characters of tag (gcloud: "Combined
 *   traffic tag and service name cannot exceed 46 characters";
 *   https://cloud.google.com/run/docs/rollouts-rollbacks-traffic-migration#tags).
 */
import { createHash } from 'node:crypto';
import { InputError } from '../../errors';

export const REVISION_NAME_MAX = 63;
export const TAG_AND_SERVICE_MAX = 46;
export const TAG_MIN = 3;
const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const HASH_MIN = 4;
const HASH_MAX = 8;

/** Why `name` can't be a revision of `service`, or undefined when it can. */
export function revisionNameProblem(service: string, name: string): string | undefined {
  if (name.length > REVISION_NAME_MAX) return `is ${name.length} characters; at most ${REVISION_NAME_MAX}`;
  if (!DNS_LABEL.test(name)) return 'is not a DNS label (lower case letters, digits and hyphens)';
  if (!name.startsWith(`${service}-`)) return `does not start with "${service}-"`;
  return undefined;
}

/** Why `tag` can't be a traffic tag of `service`, or undefined when it can. */
export function tagProblem(service: string, tag: string): string | undefined {
  if (tag.length < TAG_MIN) return `is shorter than ${TAG_MIN} characters`;
  if (!DNS_LABEL.test(tag)) return 'is not a DNS label (lower case letters, digits and hyphens)';
  if (tag.length + service.length > TAG_AND_SERVICE_MAX) {
    return `and the service name "${service}" together are ${tag.length + service.length} characters; Cloud Run allows ${TAG_AND_SERVICE_MAX}`;
  }
  return undefined;
}

/**
 * The default revision suffix for an image: its tag (cleaned) and a digest of the whole reference,
 * so a re-run with the same image names the same revision and a different image never collides.
 * Shortened (tag first, then the digest down to 4 hex digits) so `<service>-<suffix>` fits 63
 * characters; undefined when even that does not fit.
 */
export function defaultRevisionSuffix(image: string, service: string): string | undefined {
  const budget = REVISION_NAME_MAX - service.length - 1;
  const hash = createHash('sha256').update(image).digest('hex');
  if (budget < HASH_MIN) return undefined;
  const hashed = hash.slice(0, Math.min(HASH_MAX, budget));
  const tail = image.split('/').pop() ?? '';
  const tag = (tail.includes('@') ? '' : (tail.split(':')[1] ?? ''))
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, Math.max(0, Math.min(20, budget - hashed.length - 1)))
    .replace(/-+$/, '');
  return tag === '' ? hashed : `${tag}-${hashed}`;
}

/** The Cloud Run names a canary step would create, checked against the limits above. */
export function checkCandidateNames(
  service: string,
  request: { image?: string; revisionSuffix?: string; tag?: string },
  inputs: { tag: string; revisionSuffix: string; image: string },
): void {
  if (request.tag !== undefined) {
    const problem = tagProblem(service, request.tag);
    if (problem !== undefined) throw new InputError(inputs.tag, `"${request.tag}" ${problem}`, 'canary');
  }
  if (request.image === undefined) return;
  if (request.revisionSuffix !== undefined) {
    const name = `${service}-${request.revisionSuffix}`;
    const problem = revisionNameProblem(service, name);
    if (problem !== undefined)
      throw new InputError(
        inputs.revisionSuffix,
        `makes the revision name "${name}", which ${problem}`,
        'v42',
      );
  } else if (defaultRevisionSuffix(request.image, service) === undefined) {
    throw new InputError(
      inputs.image,
      `service name "${service}" leaves no room in 63 characters for a revision suffix derived from the image`,
      'a shorter service name',
    );
  }
}
