/** A create-only write found the name taken: nothing was overwritten. */
export class ObjectExistsError extends Error {
  override readonly name = 'ObjectExistsError';
  constructor(readonly uri: string) {
    super(`${uri} already exists; backups are never overwritten`);
  }
}
