/**
 * Which verified backups to remove. A backup is kept when any rule that is set keeps it
 * (the newest `count`, or those younger than `days`); the newest verified backup is always kept,
 * and so are the `protectedKeys` (the backup this run just made: another sidecar may be dated
 * later, by a clock that runs ahead or a backup running at the same time).
 * Only verified backups (those with a sidecar) are ever passed in, so failed or unverified ones
 * neither count towards the limits nor get removed.
 */
import type { BackupMetadata } from './metadata';

export interface RetentionPolicy {
  count?: number;
  days?: number;
}

export function selectForRemoval(
  backups: readonly BackupMetadata[],
  policy: RetentionPolicy,
  now: Date,
  protectedKeys: readonly string[] = [],
): BackupMetadata[] {
  if (policy.count === undefined && policy.days === undefined) return [];
  const newestFirst = [...backups].sort(
    (a, b) => Date.parse(b.created) - Date.parse(a.created) || b.key.localeCompare(a.key),
  );
  const cutoff = policy.days === undefined ? undefined : now.getTime() - policy.days * 86_400_000;
  return newestFirst.filter((backup, index) => {
    if (index === 0 || protectedKeys.includes(backup.key)) return false;
    const keptByCount = policy.count !== undefined && index < policy.count;
    const keptByAge = cutoff !== undefined && Date.parse(backup.created) >= cutoff;
    return !keptByCount && !keptByAge;
  });
}
