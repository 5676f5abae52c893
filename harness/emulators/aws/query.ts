/**
 * The AWS Query protocol's encodings: a form-encoded request (`Action=…&Version=…&A.member.1.B=…`)
 * and an XML response (`<OpResponse><OpResult>…</OpResult><ResponseMetadata>…`), lists as
 * `<member>` elements, errors as `<ErrorResponse><Error><Type/><Code/><Message/></Error>`.
 */

export type QueryValue = string | QueryValue[] | { [key: string]: QueryValue };

/**
 * Turns flat form keys into a tree: `A.member.2.B=x` → `{A: [undefined, {B: 'x'}]}`
 * (holes removed), so handlers read the request as the API reference's shapes.
 */
export function parseQuery(body: string): Record<string, QueryValue> {
  const root: Record<string, QueryValue> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split('.');
    let node: Record<string, QueryValue> | QueryValue[] = root;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i] as string;
      const last = i === path.length - 1;
      if (segment === 'member' && Array.isArray(node)) continue;
      const next = path[i + 1];
      const slot: string | number = Array.isArray(node) ? Number(segment) - 1 : segment;
      const container = node as Record<string | number, QueryValue>;
      if (last) {
        container[slot] = value;
      } else {
        if (container[slot] === undefined) container[slot] = next === 'member' ? [] : {};
        node = container[slot] as Record<string, QueryValue> | QueryValue[];
      }
    }
  }
  return compact(root) as Record<string, QueryValue>;
}

function compact(value: QueryValue): QueryValue {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compact);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
  }
  return value;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Serialises a response shape: arrays as `<member>` lists, objects as nested elements. */
export function toXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join('');
  }
  return escapeXml(String(value));
}

export const ELBV2_NAMESPACE = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

export function queryResponse(operation: string, result: unknown, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${ELBV2_NAMESPACE}">` +
    `<${operation}Result>${toXml(result)}</${operation}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`
  );
}

export function queryError(type: string, code: string, message: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${ELBV2_NAMESPACE}">` +
    `<Error><Type>${type}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
