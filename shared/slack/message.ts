/**
 * The Block Kit layout of a rollout message and of its thread replies. Pure functions: every
 * value that came from a workflow is escaped and clipped here, and the result always fits
 * Slack's documented limits.
 */
import { type Fields, fieldLabel, formatRate, formatTraffic, formatVerdict, KNOWN_FIELDS } from './fields';
import { type Block, clip, escapeText, fitBlocks, SLACK_LIMITS, safeText, splitText } from './limits';

export const STATUSES = ['started', 'progress', 'succeeded', 'failed', 'rolled-back'] as const;
export type Status = (typeof STATUSES)[number];

/** How each status looks: the colour bar of the attachment, an icon and words. */
export const STATUS_STYLE: Record<Status, { color: string; icon: string; label: string }> = {
  started: { color: '#439FE0', icon: '🚀', label: 'Rollout started' },
  progress: { color: '#DAA038', icon: '🔄', label: 'Rollout in progress' },
  succeeded: { color: '#2EB886', icon: '✅', label: 'Rollout succeeded' },
  failed: { color: '#A30200', icon: '❌', label: 'Rollout failed' },
  'rolled-back': { color: '#E8912D', icon: '⏪', label: 'Rolled back' },
};

/** A chat.postMessage / chat.update / webhook body, without channel, ts or thread_ts. */
export interface SlackMessage {
  /** The notification and fallback text; a custom payload may go without it. */
  text?: string;
  blocks?: Record<string, unknown>[];
  attachments?: { color: string; fallback?: string; blocks: Record<string, unknown>[] }[];
  [key: string]: unknown;
}

/** Where the message links to: the workflow run and the commit, from the runner's environment. */
export interface RunLinks {
  runUrl?: string;
  runLabel?: string;
  commitUrl?: string;
  commitLabel?: string;
}

export function runLinks(env: NodeJS.ProcessEnv): RunLinks {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const repository = env.GITHUB_REPOSITORY;
  const links: RunLinks = {};
  if (repository && env.GITHUB_RUN_ID) {
    const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? '1');
    links.runUrl = `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}${attempt > 1 ? `/attempts/${attempt}` : ''}`;
    links.runLabel = `${env.GITHUB_WORKFLOW ?? 'Workflow'} run #${env.GITHUB_RUN_ID}`;
  }
  if (repository && env.GITHUB_SHA) {
    links.commitUrl = `${server}/${repository}/commit/${env.GITHUB_SHA}`;
    links.commitLabel = `${repository}@${env.GITHUB_SHA.slice(0, 7)}`;
  }
  return links;
}

/** A Slack link whose URL and label are escaped, so neither can close the link or open a new one. */
function link(url: string, label: string): string {
  return `<${escapeText(url).replace(/\|/g, '%7C')}|${escapeText(label).replace(/\|/g, '¦')}>`;
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

/** The default title: "checkout → production", or the repository and commit. */
export function defaultTitle(fields: Fields, links: RunLinks): string {
  const service = fields.get('service');
  const environment = fields.get('environment');
  if (service && environment) return `${service} → ${environment}`;
  return service ?? environment ?? links.commitLabel ?? 'deployment';
}

/** The facts of the message as [label, escaped mrkdwn value], in the layout's order. */
export function describeFields(fields: Fields): [string, string][] {
  const out: [string, string][] = [];
  const add = (label: string, value: string | undefined, format: (v: string) => string = (v) => v) => {
    if (value !== undefined && value !== '') out.push([label, escapeText(format(value))]);
  };
  add('Service', fields.get('service'));
  add('Environment', fields.get('environment'));
  const revision = fields.get('revision');
  if (revision) out.push(['Revision', `\`${escapeText(revision.replace(/`/g, "'"))}\``]);
  add('Traffic', fields.get('traffic'), formatTraffic);
  add('Gate verdict', fields.get('verdict'), formatVerdict);
  const candidate = fields.get('candidate-error-rate');
  const baseline = fields.get('baseline-error-rate');
  if (candidate || baseline) {
    const rates = [
      candidate ? `candidate ${formatRate(candidate)}` : undefined,
      baseline ? `baseline ${formatRate(baseline)}` : undefined,
    ].filter((part) => part !== undefined);
    out.push(['Error rate', escapeText(rates.join(' · '))]);
  }
  const known = new Set<string>(KNOWN_FIELDS);
  for (const [key, value] of fields) {
    if (!known.has(key) && value !== '') out.push([escapeText(fieldLabel(key)), escapeText(value)]);
  }
  return out;
}

function fieldSections(fields: Fields): Block[] {
  const described = describeFields(fields).map(([label, value]) =>
    mrkdwn(clip(`*${label}*\n${value}`, SLACK_LIMITS.sectionFieldText)),
  );
  const sections: Block[] = [];
  for (let i = 0; i < described.length; i += SLACK_LIMITS.sectionFields) {
    sections.push({ type: 'section', fields: described.slice(i, i + SLACK_LIMITS.sectionFields) });
  }
  return sections;
}

function contextLine(links: RunLinks, at: Date): Block {
  const parts: string[] = [];
  if (links.runUrl) parts.push(link(links.runUrl, links.runLabel ?? 'Workflow run'));
  if (links.commitUrl) parts.push(link(links.commitUrl, links.commitLabel ?? 'commit'));
  const epoch = Math.floor(at.getTime() / 1000);
  // Slack shows the time in each reader's own time zone; the text after | is the fallback.
  parts.push(`updated <!date^${epoch}^{date_short_pretty} {time_secs}|${at.toISOString()}>`);
  return { type: 'context', elements: [mrkdwn(parts.join(' · '))] };
}

/** A one-line summary of the facts that change during a rollout: traffic, verdict, error rates. */
function progressLine(fields: Fields): string {
  const parts: string[] = [];
  const traffic = fields.get('traffic');
  if (traffic) parts.push(`traffic ${formatTraffic(traffic)}`);
  const verdict = fields.get('verdict');
  if (verdict) parts.push(`verdict ${formatVerdict(verdict)}`);
  const candidate = fields.get('candidate-error-rate');
  const baseline = fields.get('baseline-error-rate');
  if (candidate && baseline) parts.push(`errors ${formatRate(candidate)} vs ${formatRate(baseline)}`);
  return parts.join(' · ');
}

export interface LayoutInput {
  status: Status;
  title?: string;
  fields: Fields;
  links: RunLinks;
  at: Date;
  /** Shown in the message itself when there is no thread to put it in (webhooks). */
  details?: string;
}

/** The living message of a rollout: a coloured attachment with a header, the facts and links. */
export function buildRolloutMessage(input: LayoutInput): SlackMessage {
  const style = STATUS_STYLE[input.status];
  const title = input.title ?? defaultTitle(input.fields, input.links);
  const headline = `${style.icon} ${style.label}: ${title}`;
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: safeText(headline, SLACK_LIMITS.headerText) } },
    ...fieldSections(input.fields),
  ];
  if (input.details) blocks.push(...detailSections(input.details, 5));
  blocks.push(contextLine(input.links, input.at));
  const progress = progressLine(input.fields);
  const fallback = safeText(progress ? `${headline} (${progress})` : headline, SLACK_LIMITS.messageText);
  return {
    text: fallback,
    attachments: [{ color: style.color, fallback, blocks: fitBlocks(blocks) }],
  };
}

function detailSections(details: string, maxSections: number): Block[] {
  return splitText(escapeText(details), SLACK_LIMITS.sectionText, maxSections).map((piece) => ({
    type: 'section',
    text: mrkdwn(piece),
  }));
}

/** A thread reply for one step: what changed, then the details (split over several sections if long). */
export function buildThreadReply(input: {
  status: Status;
  fields: Fields;
  details?: string;
  at: Date;
}): SlackMessage {
  const style = STATUS_STYLE[input.status];
  const progress = progressLine(input.fields);
  const headline = `${style.icon} *${style.label}*${progress ? ` · ${escapeText(progress)}` : ''}`;
  const blocks: Block[] = [{ type: 'section', text: mrkdwn(clip(headline, SLACK_LIMITS.sectionText)) }];
  if (input.details) blocks.push(...detailSections(input.details, SLACK_LIMITS.blocksPerMessage - 1));
  const fallbackSource = `${style.icon} ${style.label}${progress ? ` · ${progress}` : ''}`;
  return { text: safeText(fallbackSource, SLACK_LIMITS.messageText), blocks: fitBlocks(blocks) };
}

/** A message of the workflow author's own text, escaped like every other value. */
export function buildTextMessage(text: string): SlackMessage {
  return { text: safeText(text, SLACK_LIMITS.messageText) };
}

/**
 * A full payload of the author's own, sent as given (its mrkdwn is theirs to escape) but brought
 * within the size limits so that length alone never makes Slack refuse it.
 */
export function fitPayload(payload: Record<string, unknown>): SlackMessage {
  const out: SlackMessage = { ...payload };
  if (typeof payload.text === 'string') out.text = clip(payload.text, SLACK_LIMITS.messageText);
  if (Array.isArray(payload.blocks)) out.blocks = fitBlocks(payload.blocks as Record<string, unknown>[]);
  if (Array.isArray(payload.attachments)) {
    out.attachments = (payload.attachments as Record<string, unknown>[])
      .slice(0, SLACK_LIMITS.attachmentsPerMessage)
      .map((attachment) =>
        Array.isArray(attachment.blocks)
          ? { ...attachment, blocks: fitBlocks(attachment.blocks as Record<string, unknown>[]) }
          : attachment,
      ) as SlackMessage['attachments'];
  }
  return out;
}
