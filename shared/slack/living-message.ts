/**
 * One Slack message that follows a whole run: posted once (or taken over from an earlier step by
 * its ts), updated in place at every change, with the details of each change in its thread. A
 * failure to reach Slack is a warning and never fails the run (notify-slack's rule); the next
 * update tries again.
 */
import type { Clock } from '../clock';
import type { Core } from '../core';
import { errorMessage } from '../errors';
import { redact } from '../mask';
import { botTransport, type SlackTransport } from './client';
import { type DeliveryStep, deliverMessage, type MessageRef } from './deliver';
import type { Fields } from './fields';
import { buildRolloutMessage, buildThreadReply, runLinks, type Status } from './message';

export interface LivingMessageSettings {
  token: string;
  channel: string;
  /** The message to keep updating; undefined posts one at the first update. */
  ts?: string;
  title?: string;
  apiUrl?: string;
}

export interface LivingMessageContext {
  core: Core;
  clock: Clock;
  signal: AbortSignal;
  secrets: readonly string[];
  /** The action, for warnings and the user agent. */
  action: string;
  /** Longest one update may take, retries included. */
  timeoutMs?: number;
}

export interface LivingMessage {
  /** Updates (or first posts) the message; replies in its thread with `details`. Never throws. */
  update(status: Status, fields: Fields, details?: string): Promise<void>;
  /** Where the message is (ts, channel), for the summary and a later step. */
  ref(): MessageRef;
  /** Every delivery made, in order. */
  readonly deliveries: DeliveryStep[];
}

export function livingMessage(settings: LivingMessageSettings, ctx: LivingMessageContext): LivingMessage {
  let ref: MessageRef = {
    channel: settings.channel,
    ...(settings.ts ? { ts: settings.ts, threadTs: settings.ts } : {}),
  };
  let transport: SlackTransport | undefined;
  const deliveries: DeliveryStep[] = [];
  const timeoutMs = ctx.timeoutMs ?? 60_000;
  return {
    deliveries,
    ref: () => ref,
    async update(status, fields, details) {
      if (ctx.signal.aborted) return;
      const delivery = { ...ctx, deadline: ctx.clock.now() + timeoutMs };
      try {
        // The Web API client is imported at the first update only.
        transport ??= await botTransport(
          {
            kind: 'bot',
            token: settings.token,
            channel: settings.channel,
            ...(settings.apiUrl ? { apiUrl: settings.apiUrl } : {}),
          },
          delivery,
        );
        const at = new Date(ctx.clock.now());
        const message = buildRolloutMessage({
          status,
          ...(settings.title === undefined ? {} : { title: settings.title }),
          fields,
          links: runLinks(process.env),
          at,
        });
        ref = await deliverMessage(
          transport,
          {
            message,
            ...(ref.ts ? { ts: ref.ts } : {}),
            ...(ref.threadTs ? { threadTs: ref.threadTs } : {}),
            channel: ref.channel ?? settings.channel,
            status,
          },
          ctx,
          deliveries,
        );
        if (details !== undefined && ref.threadTs) {
          const reply = buildThreadReply({ status, fields, details, at });
          const posted = await transport.post(reply, {
            threadTs: ref.threadTs,
            broadcast: status === 'failed' || status === 'rolled-back',
          });
          deliveries.push({ what: 'replied in the thread', ...(posted.ts ? { ts: posted.ts } : {}) });
        }
      } catch (err) {
        ctx.core.warning(
          `${ctx.action}: Slack was not updated (${status}): ${redact(errorMessage(err), ctx.secrets)}; the rollout goes on`,
        );
      }
    },
  };
}
