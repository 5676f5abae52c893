import type { Core } from './core';

/**
 * Authorization schemes whose credential part is a secret on its own: a server that echoes
 * `Authorization: Bearer <token>` usually echoes the bare token. The IANA HTTP Authentication
 * Scheme Registry, plus the vendor schemes people put in headers (GitHub `token`, Slack and
 * Discord `Bot`, `ApiKey`, GoDaddy `sso-key`, Splunk, Opsgenie `GenieKey`, AWS SigV4).
 */
const AUTH_SCHEME =
  /^(basic|bearer|token|bot|digest|dpop|gnap|hoba|mutual|negotiate|ntlm|oauth|privatetoken|scram-sha-1|scram-sha-256|vapid|concealed|apikey|api-key|key|sso-key|splunk|geniekey|aws4-hmac-sha256)\s+(\S[\s\S]*)$/i;
/** `name=value` or `name="value"` pairs of a parameterised scheme (Digest, SigV4, VAPID). */
const AUTH_PARAM = /([\w-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]+)/g;
/** Parameter values shorter than this (`MD5`, `auth`, a region) are not worth hiding alone. */
const MIN_PARAM_SECRET = 8;
/** Fragments shorter than this would mask harmless text everywhere. */
const MIN_FORM = 4;

/** The secret parts of an Authorization-style value: the credentials, decoded where they are encoded. */
function credentialParts(value: string): string[] {
  const match = value.trim().match(AUTH_SCHEME);
  if (!match) return [];
  const scheme = (match[1] ?? '').toLowerCase();
  const credentials = (match[2] ?? '').trim();
  const parts = [credentials];
  if (scheme === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    // Only a real base64 user:password, not bytes that happened to decode.
    if (
      colon >= 0 &&
      Buffer.from(decoded, 'utf8').toString('base64').replace(/=+$/, '') === credentials.replace(/=+$/, '')
    ) {
      parts.push(decoded, decoded.slice(colon + 1));
    }
  }
  for (const [, , raw = ''] of credentials.matchAll(AUTH_PARAM)) {
    const param = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    if (param.length >= MIN_PARAM_SECRET) parts.push(param);
  }
  return parts;
}

/** The encodings code may apply to a value before writing it out. */
function encodings(value: string): string[] {
  const base64 = Buffer.from(value, 'utf8').toString('base64');
  return [
    value,
    encodeURIComponent(value),
    encodeURI(value),
    base64,
    base64.replace(/=+$/, ''),
    Buffer.from(value, 'utf8').toString('base64url'),
    JSON.stringify(value).slice(1, -1),
  ];
}

/**
 * Every form in which a secret may be written out by code that handles it: the runner masks only
 * the exact strings it is given, so an encoded copy, or the bare credential of an auth header,
 * would leak.
 */
export function derivedForms(secret: string): string[] {
  const forms = new Set<string>(encodings(secret));
  for (const part of credentialParts(secret)) for (const form of encodings(part)) forms.add(form);
  // A URL's credentials and query string are secrets on their own.
  try {
    const url = new URL(secret);
    // A lone user name is often a token (https://<token>@host). Beside a password it is an identity
    // (postgres://postgres:…@db), and masking it would blank every "postgres" in the logs.
    if (url.username && !url.password) forms.add(url.username).add(decodeURIComponent(url.username));
    if (url.password) forms.add(url.password).add(decodeURIComponent(url.password));
    if (url.username && url.password) forms.add(`${url.username}:${url.password}`);
    if (url.pathname.length > 1 && /hooks\.|webhook/i.test(url.href)) forms.add(url.pathname);
    if (url.search) forms.add(url.search.slice(1));
  } catch {
    // not a URL
  }
  return [...forms].filter((form) => form.length >= MIN_FORM);
}

/**
 * A value that may be a URL, fit to quote in a message: whatever could be credentials (everything
 * up to the last `@` of its authority) is replaced, even when the value does not parse as a URL.
 */
export function withoutUserinfo(value: string): string {
  return value.replace(
    /^([a-z][a-z0-9+.-]*:\/\/)?[^#]*@/i,
    (_, scheme: string | undefined) => `${scheme ?? ''}***@`,
  );
}

/** Registers a secret and its derived forms with the runner so no log line can show them. */
export function maskSecret(core: Pick<Core, 'setSecret'>, secret: string | undefined): void {
  if (!secret) return;
  for (const form of derivedForms(secret)) core.setSecret(form);
}

/** Replaces every derived form of each secret in a text, for messages built before masking applies. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  const forms = secrets.flatMap((secret) => (secret ? derivedForms(secret) : []));
  let out = text;
  // Longest first, so a whole header value is replaced before the credential inside it.
  for (const form of forms.sort((a, b) => b.length - a.length)) out = out.split(form).join('***');
  return out;
}
