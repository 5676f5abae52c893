/**
 * The one YAML reader for action inputs (smoke-test checks and headers, notify-slack fields and
 * payload). YAML 1.2 core schema, with one change: a plain scalar becomes a number only when that
 * number prints back exactly as it was written. Everything else keeps its text, so revision
 * `00042` stays "00042", a header value `12345678901234567890123` is sent as written (not
 * 1.2345678901234568e+22), and `0x1F`, `1e3`, `1.0` or `.inf` are not silently rewritten; `200`
 * or `0.5` still read as numbers where a number is meant (statuses, latencies, JSON bodies).
 */
import { parse, Scalar, type ScalarTag, type Tags } from 'yaml';

const NUMBER_TAGS = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);

const numberOf = (resolved: unknown): unknown => (resolved instanceof Scalar ? resolved.value : resolved);

/** A number tag that gives back the written text whenever the number would print differently. */
function keepingWrittenText(tag: ScalarTag): ScalarTag {
  const { resolve } = tag;
  return {
    ...tag,
    resolve(text, onError, options) {
      const resolved = resolve(text, onError, options);
      const value = numberOf(resolved);
      return typeof value === 'number' && String(value) === text ? resolved : text;
    },
  };
}

const customTags = (tags: Tags): Tags =>
  tags.map((tag) =>
    typeof tag === 'object' && NUMBER_TAGS.has(tag.tag) && 'resolve' in tag && !('collection' in tag)
      ? keepingWrittenText(tag as ScalarTag)
      : tag,
  );

/** Parses YAML (or JSON) text; throws yaml's own error on malformed text. */
export function parseYaml(text: string): unknown {
  return parse(text, { schema: 'core', customTags });
}
