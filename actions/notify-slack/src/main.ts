import type { Clock } from '../../../shared/clock';
import type { Core } from '../../../shared/core';
import { ActionError, CancelledError, errorMessage, InputError } from '../../../shared/errors';
import { redact } from '../../../shared/mask';
import { type ActionContext, runAction, throwIfCancelled } from '../../../shared/run';
import {
  botTransport,
  type DeliveryContext,
  type SlackDeliveryError,
  type SlackTransport,
  toDeliveryError,
  webhookTransport,
} from '../../../shared/slack/client';
import { type DeliveryStep, deliverMessage, type MessageRef } from '../../../shared/slack/deliver';
import {
  buildRolloutMessage,
  buildTextMessage,
  buildThreadReply,
  fitPayload,
  runLinks,
  type SlackMessage,
  STATUS_STYLE,
} from '../../../shared/slack/message';
import { heading, table } from '../../../shared/summary';
import { toolkit } from '../../../shared/toolkit';
import { INPUTS, type NotifySettings, OUTPUTS, readFailOnError, readSettings } from './inputs';

export const ACTION_NAME = 'notify-slack';

export async function run(core: Core = toolkit, clock?: Clock): Promise<void> {
  await runAction(ACTION_NAME, (ctx) => notify(ctx), { core, ...(clock ? { clock } : {}) });
}

async function notify(ctx: ActionContext): Promise<void> {
  const { core } = ctx;
  // 1. Parse every input. A bad one fails the step here, before any call to Slack, only when
  // fail-on-error asks for it: a notification never fails a deploy or a rollback otherwise.
  let settings: NotifySettings;
  try {
    settings = await readSettings(core);
  } catch (err) {
    if (!(err instanceof InputError) || readFailOnError(core)) throw err;
    core.warning(`${ACTION_NAME}: ${err.message}; nothing was sent${LENIENT}`);
    passInputsThrough(core);
    return;
  }
  for (const problem of settings.problems)
    core.warning(`${ACTION_NAME}: ${problem}; its default is used${LENIENT}`);
  const now = new Date(ctx.clock.now());

  // 2. Build the message and its thread reply.
  const message = composeMessage(settings, now);
  // A failure leaves the outputs as they came in, so a later step can still update the message.
  let ref: MessageRef = {
    ...(settings.ts ? { ts: settings.ts } : {}),
    ...(settings.threadTs || settings.ts ? { threadTs: settings.threadTs ?? settings.ts } : {}),
    ...(settings.destination.kind === 'bot' ? { channel: settings.destination.channel } : {}),
  };
  const steps: DeliveryStep[] = [];
  let failure: SlackDeliveryError | undefined;

  // 3. Deliver: post or update the living message, then reply in its thread.
  try {
    const delivery: DeliveryContext = {
      core,
      clock: ctx.clock,
      signal: ctx.signal,
      deadline: ctx.clock.now() + settings.timeoutMs,
      secrets: settings.secrets,
    };
    const slack =
      settings.destination.kind === 'bot'
        ? await botTransport(settings.destination, delivery)
        : await webhookTransport(settings.destination, delivery);
    ref = await deliverMessage(
      slack,
      {
        message,
        ...(settings.ts ? { ts: settings.ts } : {}),
        ...(settings.threadTs ? { threadTs: settings.threadTs } : {}),
        ...(ref.channel ? { channel: ref.channel } : {}),
        status: settings.status,
      },
      { core, signal: ctx.signal, secrets: settings.secrets, action: ACTION_NAME },
      steps,
    );
    const reply = composeReply(settings, now, slack.kind);
    if (reply && ref.threadTs) {
      throwIfCancelled(ctx.signal);
      const posted = await slack.post(reply, {
        threadTs: ref.threadTs,
        broadcast: settings.status === 'failed' || settings.status === 'rolled-back',
      });
      steps.push({ what: 'replied in the thread', ...(posted.ts ? { ts: posted.ts } : {}) });
    }
  } catch (err) {
    if (err instanceof CancelledError) throw err;
    failure = toDeliveryError(err, settings.secrets);
  }

  // 4. Report: outputs, log, summary; a failure is a warning unless fail-on-error.
  core.setOutput(OUTPUTS.ts, ref.ts ?? '');
  core.setOutput(OUTPUTS.threadTs, ref.threadTs ?? '');
  core.setOutput(OUTPUTS.channel, ref.channel ?? '');
  for (const step of steps) core.info(`Slack: ${step.what}${step.ts ? ` (ts ${step.ts})` : ''}`);
  try {
    await core.summary
      .addRaw(redact(renderSummary(settings, ref, steps, failure), settings.secrets), true)
      .write();
  } catch (err) {
    // A runner without job summaries must not turn a delivered notification into a failed step.
    core.warning(
      `${ACTION_NAME}: could not write the job summary: ${redact(errorMessage(err), settings.secrets)}`,
    );
  }
  if (failure) {
    const text = `the Slack notification was not ${steps.length > 0 ? 'completed' : 'sent'}: ${failure.message}`;
    if (settings.failOnError) throw new ActionError(text);
    core.warning(`${ACTION_NAME}: ${text}${LENIENT}`);
  }
}

const LENIENT = ' (fail-on-error is false, so the step succeeds)';

/** Nothing was sent: the outputs keep the values they came in with, so a later step can still update the message. */
function passInputsThrough(core: Core): void {
  const ts = core.getInput(INPUTS.ts);
  core.setOutput(OUTPUTS.ts, ts);
  core.setOutput(OUTPUTS.threadTs, core.getInput(INPUTS.threadTs) || ts);
  core.setOutput(OUTPUTS.channel, core.getInput(INPUTS.channel));
}

function composeMessage(settings: NotifySettings, at: Date): SlackMessage {
  switch (settings.content.kind) {
    case 'payload':
      return fitPayload(settings.content.payload);
    case 'text':
      return buildTextMessage(settings.content.text);
    case 'layout':
      return buildRolloutMessage({
        status: settings.status,
        ...(settings.content.title === undefined ? {} : { title: settings.content.title }),
        fields: settings.fields,
        links: runLinks(process.env),
        at,
        // A webhook has no thread: the details go in the message itself.
        ...(settings.destination.kind === 'webhook' && settings.details ? { details: settings.details } : {}),
      });
  }
}

/**
 * The thread reply of this step: the details when given, and for the layout, a line for each
 * update after the first post, so the thread reads as the rollout's timeline.
 */
function composeReply(
  settings: NotifySettings,
  at: Date,
  kind: SlackTransport['kind'],
): SlackMessage | undefined {
  if (kind === 'webhook') return undefined;
  const isUpdate = settings.ts !== undefined;
  if (settings.details === undefined && !(isUpdate && settings.content.kind === 'layout')) return undefined;
  return buildThreadReply({
    status: settings.status,
    fields: settings.fields,
    ...(settings.details === undefined ? {} : { details: settings.details }),
    at,
  });
}

function renderSummary(
  settings: NotifySettings,
  ref: MessageRef,
  steps: DeliveryStep[],
  failure: SlackDeliveryError | undefined,
): string {
  const style = STATUS_STYLE[settings.status];
  const outcome = failure ? `⚠️ not delivered: ${failure.message}` : steps.map((s) => s.what).join(', ');
  return [
    heading(`${style.icon} Slack notification: ${style.label}`),
    '',
    table(
      ['Destination', 'Channel', 'Message ts', 'Thread ts', 'Outcome'],
      [
        [
          settings.destination.kind === 'bot' ? 'bot token' : 'incoming webhook',
          ref.channel ?? '—',
          ref.ts ?? '—',
          ref.threadTs ?? '—',
          outcome,
        ],
      ],
    ),
    '',
  ].join('\n');
}
