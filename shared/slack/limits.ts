/**
 * Slack's documented size limits and the two text operations every user-controlled value goes
 * through before it reaches Slack: escaping (so no `<!channel>` or `<@U…>` can be injected) and
 * clipping (so a long value is cut with a marker instead of failing the message).
 */

/** Documented limits (Block Kit reference and chat.postMessage), in characters or items. */
export const SLACK_LIMITS = {
  /** chat.postMessage `text`: Slack truncates beyond it and may answer msg_too_long. */
  messageText: 40_000,
  blocksPerMessage: 50,
  attachmentsPerMessage: 100,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  /** Text of a context element (a text object: 3000). */
  contextText: 3000,
  blockId: 255,
} as const;

export const TRUNCATION_MARKER = '… (truncated)';

/**
 * Escapes the three characters Slack treats as control sequences in message text. After this no
 * `<…>` sequence (mention, channel link, special command) can come from the value.
 */
export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Cuts text to at most max UTF-16 units, ending with the marker when anything was cut. Never
 * leaves half an escape entity (`&am`) or half a surrogate pair at the cut.
 */
export function clip(text: string, max: number, marker = TRUNCATION_MARKER): string {
  if (text.length <= max) return text;
  if (max <= marker.length) return marker.slice(0, Math.max(0, max));
  let kept = text.slice(0, max - marker.length);
  kept = kept.replace(/&[a-z]{0,3}$/, '');
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept}${marker}`;
}

/** Escapes then clips: the usual treatment of a value that came from a workflow. */
export function safeText(value: string, max: number): string {
  return clip(escapeText(value), max);
}

/** A Block Kit text object. */
export interface TextObject {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  emoji?: boolean;
  verbatim?: boolean;
}

/** The blocks this action builds, and a loose shape for blocks that arrive in a custom payload. */
export type Block =
  | { type: 'header'; text: TextObject; block_id?: string }
  | { type: 'section'; text?: TextObject; fields?: TextObject[]; block_id?: string }
  | { type: 'context'; elements: TextObject[]; block_id?: string }
  | { type: 'divider'; block_id?: string };

type LooseBlock = Record<string, unknown>;

function fitTextObject(value: unknown, max: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const text = (value as { text?: unknown }).text;
  return typeof text === 'string' ? { ...value, text: clip(text, max) } : value;
}

/**
 * Brings a list of blocks within the documented limits: texts clipped with a marker, fields and
 * context elements capped, and at most `maxBlocks` blocks (the last one saying how many were cut).
 * Works on blocks from a custom payload too, touching only the fields it knows.
 */
export function fitBlocks(
  blocks: readonly LooseBlock[],
  maxBlocks: number = SLACK_LIMITS.blocksPerMessage,
): LooseBlock[] {
  const fitted = blocks.map((block): LooseBlock => {
    switch (block.type) {
      case 'header':
        return { ...block, text: fitTextObject(block.text, SLACK_LIMITS.headerText) };
      case 'section': {
        const out: LooseBlock = { ...block };
        if (block.text !== undefined) out.text = fitTextObject(block.text, SLACK_LIMITS.sectionText);
        if (Array.isArray(block.fields)) {
          out.fields = block.fields
            .slice(0, SLACK_LIMITS.sectionFields)
            .map((field) => fitTextObject(field, SLACK_LIMITS.sectionFieldText));
        }
        return out;
      }
      case 'context':
        return Array.isArray(block.elements)
          ? {
              ...block,
              elements: block.elements
                .slice(0, SLACK_LIMITS.contextElements)
                .map((element) => fitTextObject(element, SLACK_LIMITS.contextText)),
            }
          : block;
      default:
        return block;
    }
  });
  if (fitted.length <= maxBlocks) return fitted;
  const cut = fitted.length - (maxBlocks - 1);
  return [
    ...fitted.slice(0, maxBlocks - 1),
    { type: 'context', elements: [{ type: 'mrkdwn', text: `… ${cut} more block(s) not shown (truncated)` }] },
  ];
}

/** Splits long text into pieces of at most max characters, preferring line breaks, for several sections. */
export function splitText(text: string, max: number, maxPieces: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > 0 && pieces.length < maxPieces) {
    if (rest.length <= max) {
      pieces.push(rest);
      rest = '';
      break;
    }
    const window = rest.slice(0, max);
    const newline = window.lastIndexOf('\n');
    let cut = newline > max / 2 ? newline + 1 : max;
    // Never split an entity or a surrogate pair.
    const entity = window.slice(0, cut).match(/&[a-z]{0,3}$/);
    if (entity) cut -= entity[0].length;
    if (/[\uD800-\uDBFF]/.test(rest.charAt(cut - 1))) cut -= 1;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0 && pieces.length > 0) {
    const last = pieces.length - 1;
    pieces[last] = clip(`${pieces[last]}${rest}`, max);
  }
  return pieces;
}
