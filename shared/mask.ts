import type { Core } from './core';

/**
 * Every form in which a secret may be written out by code that handles it: the runner masks only
 * the exact strings it is given, so an encoded copy would leak.
 */
export function derivedForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  forms.add(encodeURIComponent(secret));
  forms.add(encodeURI(secret));
  forms.add(Buffer.from(secret, 'utf8').toString('base64'));
  forms.add(Buffer.from(secret, 'utf8').toString('base64url'));
  forms.add(JSON.stringify(secret).slice(1, -1));
  // A URL's credentials and query string are secrets on their own.
  try {
    const url = new URL(secret);
    if (url.password) forms.add(url.password).add(decodeURIComponent(url.password));
    if (url.username && url.password) forms.add(`${url.username}:${url.password}`);
    if (url.pathname.length > 1 && /hooks\.|webhook/i.test(url.href)) forms.add(url.pathname);
    if (url.search) forms.add(url.search.slice(1));
  } catch {
    // not a URL
  }
  // Short fragments would mask harmless text everywhere; they are not worth hiding alone.
  return [...forms].filter((form) => form.length >= 4);
}

/** Registers a secret and its derived forms with the runner so no log line can show them. */
export function maskSecret(core: Pick<Core, 'setSecret'>, secret: string | undefined): void {
  if (!secret) return;
  for (const form of derivedForms(secret)) core.setSecret(form);
}

/** Replaces every derived form of each secret in a text, for messages built before masking applies. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of derivedForms(secret).sort((a, b) => b.length - a.length)) {
      out = out.split(form).join('***');
    }
  }
  return out;
}
