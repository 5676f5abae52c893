/**
 * The emulator's own reading of Slack's documented message limits (chat.postMessage, Block Kit
 * reference). Deliberately written apart from the action's limits.ts: it is the oracle the
 * action is tested against, so it must not share the action's code.
 */

export interface LimitViolation {
  /** Slack's error code for the whole request. */
  error: 'msg_too_long' | 'invalid_blocks' | 'too_many_attachments' | 'no_text' | 'invalid_blocks_format';
  /** Slack's response_metadata message, with a JSON pointer to the offending element. */
  message: string;
}

const TEXT_MAX = 40_000;
const BLOCKS_MAX = 50;
const ATTACHMENTS_MAX = 100;

function tooLong(pointer: string, max: number): LimitViolation {
  return {
    error: 'invalid_blocks',
    message: `[ERROR] must be less than ${max + 1} characters [json-pointer:${pointer}]`,
  };
}

function textOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const text = (value as { text?: unknown }).text;
  return typeof text === 'string' ? text : undefined;
}

function checkBlocks(blocks: unknown, base: string): LimitViolation | undefined {
  if (!Array.isArray(blocks))
    return { error: 'invalid_blocks_format', message: `[ERROR] not an array [json-pointer:${base}]` };
  if (blocks.length > BLOCKS_MAX) {
    return {
      error: 'invalid_blocks',
      message: `[ERROR] no more than ${BLOCKS_MAX} items allowed [json-pointer:${base}]`,
    };
  }
  for (const [i, block] of blocks.entries()) {
    const at = `${base}/${i}`;
    if (typeof block !== 'object' || block === null) {
      return { error: 'invalid_blocks', message: `[ERROR] expected an object [json-pointer:${at}]` };
    }
    const b = block as Record<string, unknown>;
    if (typeof b.block_id === 'string' && b.block_id.length > 255) return tooLong(`${at}/block_id`, 255);
    switch (b.type) {
      case 'header': {
        const text = textOf(b.text);
        if (text === undefined || (b.text as { type?: unknown }).type !== 'plain_text') {
          return {
            error: 'invalid_blocks',
            message: `[ERROR] header text must be plain_text [json-pointer:${at}/text]`,
          };
        }
        if (text.length > 150) return tooLong(`${at}/text/text`, 150);
        break;
      }
      case 'section': {
        const text = textOf(b.text);
        if (text === undefined && !Array.isArray(b.fields)) {
          return {
            error: 'invalid_blocks',
            message: `[ERROR] section needs text or fields [json-pointer:${at}]`,
          };
        }
        if (text !== undefined && text.length > 3000) return tooLong(`${at}/text/text`, 3000);
        if (Array.isArray(b.fields)) {
          if (b.fields.length > 10) {
            return {
              error: 'invalid_blocks',
              message: `[ERROR] no more than 10 items allowed [json-pointer:${at}/fields]`,
            };
          }
          for (const [j, field] of b.fields.entries()) {
            if ((textOf(field) ?? '').length > 2000) return tooLong(`${at}/fields/${j}/text`, 2000);
          }
        }
        break;
      }
      case 'context': {
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10) {
          return {
            error: 'invalid_blocks',
            message: `[ERROR] 1 to 10 elements required [json-pointer:${at}/elements]`,
          };
        }
        for (const [j, element] of b.elements.entries()) {
          if ((textOf(element) ?? '').length > 3000) return tooLong(`${at}/elements/${j}/text`, 3000);
        }
        break;
      }
      case 'divider':
      case 'actions':
      case 'image':
      case 'rich_text':
      case 'markdown':
        break;
      default:
        return { error: 'invalid_blocks', message: `[ERROR] unknown block type [json-pointer:${at}/type]` };
    }
  }
  return undefined;
}

/** Checks a message body (chat.postMessage, chat.update or a webhook) against the documented limits. */
export function checkMessage(body: Record<string, unknown>): LimitViolation | undefined {
  const text = typeof body.text === 'string' ? body.text : undefined;
  const hasBlocks = Array.isArray(body.blocks) && body.blocks.length > 0;
  const hasAttachments = Array.isArray(body.attachments) && body.attachments.length > 0;
  if ((text === undefined || text === '') && !hasBlocks && !hasAttachments) {
    return { error: 'no_text', message: '[ERROR] no text, blocks or attachments' };
  }
  if (text !== undefined && text.length > TEXT_MAX) {
    return {
      error: 'msg_too_long',
      message: `[ERROR] text is ${text.length} characters; the limit is ${TEXT_MAX}`,
    };
  }
  if (body.blocks !== undefined) {
    const violation = checkBlocks(body.blocks, '/blocks');
    if (violation) return violation;
  }
  if (body.attachments !== undefined) {
    if (!Array.isArray(body.attachments))
      return { error: 'invalid_blocks_format', message: '[ERROR] attachments must be an array' };
    if (body.attachments.length > ATTACHMENTS_MAX) {
      return {
        error: 'too_many_attachments',
        message: `[ERROR] no more than ${ATTACHMENTS_MAX} attachments`,
      };
    }
    for (const [i, attachment] of body.attachments.entries()) {
      const blocks = (attachment as { blocks?: unknown }).blocks;
      if (blocks !== undefined) {
        const violation = checkBlocks(blocks, `/attachments/${i}/blocks`);
        if (violation) return violation;
      }
    }
  }
  return undefined;
}
