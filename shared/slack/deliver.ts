/**
 * The living message of a rollout: update it where it is (chat.update), or post it when there is
 * none yet or it was deleted. notify-slack and rollout deliver through this one function.
 */
import type { Core } from '../core';
import { throwIfCancelled } from '../run';
import { type SlackTransport, toDeliveryError } from './client';
import type { SlackMessage } from './message';

/** Where the rollout's message is: what the next step needs to update it and reply in its thread. */
export interface MessageRef {
  ts?: string;
  threadTs?: string;
  channel?: string;
}

/** What was done, for the log and the job summary. */
export interface DeliveryStep {
  what: string;
  ts?: string;
}

export interface DeliveryRequest {
  message: SlackMessage;
  /** The message to update; undefined posts a new one. */
  ts?: string;
  /** The thread to post in when there is no message to update. */
  threadTs?: string;
  /** The channel of a bot destination. */
  channel?: string;
  /** A word for the log ("progress", "failed"). */
  status: string;
}

export interface DeliverContext {
  core: Core;
  signal: AbortSignal;
  secrets: readonly string[];
  /** Names the action in warnings. */
  action: string;
}

/** Updates the message `request.ts` (posting anew if Slack no longer has it), or posts one. */
export async function deliverMessage(
  slack: SlackTransport,
  request: DeliveryRequest,
  ctx: DeliverContext,
  steps: DeliveryStep[],
): Promise<MessageRef> {
  throwIfCancelled(ctx.signal);
  const ref: MessageRef = {
    ...(request.ts ? { ts: request.ts } : {}),
    ...(request.threadTs || request.ts ? { threadTs: request.threadTs ?? request.ts } : {}),
    ...(request.channel ? { channel: request.channel } : {}),
  };
  if (request.ts && slack.kind === 'bot' && ref.channel) {
    try {
      const updated = await slack.update(ref.channel, request.ts, request.message);
      steps.push({ what: `updated the message (${request.status})`, ts: request.ts });
      return { ...ref, ts: updated.ts ?? request.ts, channel: updated.channel ?? ref.channel };
    } catch (err) {
      const failure = toDeliveryError(err, ctx.secrets);
      if (failure.code !== 'message_not_found') throw failure;
      ctx.core.warning(`${ctx.action}: the message ${request.ts} no longer exists; posting a new one`);
    }
  } else if (slack.kind === 'webhook' && (request.ts || request.threadTs)) {
    ctx.core.warning(
      `${ctx.action}: an incoming webhook cannot update message ${request.ts ?? request.threadTs} or reply in its thread; posting a new message`,
    );
  }
  const threadTs = request.ts || slack.kind === 'webhook' ? undefined : request.threadTs;
  const posted = await slack.post(request.message, threadTs ? { threadTs } : {});
  steps.push({
    what: threadTs ? 'posted in the thread' : 'posted the message',
    ...(posted.ts ? { ts: posted.ts } : {}),
  });
  if (slack.kind === 'webhook') return {};
  return {
    ...(posted.ts ? { ts: posted.ts } : {}),
    ...(threadTs || posted.ts ? { threadTs: threadTs ?? posted.ts } : {}),
    ...(posted.channel || ref.channel ? { channel: posted.channel ?? ref.channel } : {}),
  };
}
