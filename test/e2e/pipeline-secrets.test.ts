/**
 * A credential the suite was given travels no further than its request, even when a server
 * echoes the bare token (not the whole `Authorization` value) into an error: not into the gate's
 * reason, log or summary, and from there not into the Slack message that quotes the reason.
 * Two bundles, chained as a workflow chains them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../harness/emulators/slack/index';
import { startServer, type TestServer } from '../../harness/helpers/http-server';
import { everythingVisible, runBundle } from '../../harness/helpers/runner';

const BARE = 'prom-s3cr3t-token-8f2a91';
const FORMS = [BARE, Buffer.from(BARE).toString('base64'), encodeURIComponent(`Bearer ${BARE}`)];

let prometheus: TestServer;
let slack: SlackEmulator;

beforeAll(async () => {
  // A Prometheus that refuses every query and quotes the credential it was sent, in each form.
  prometheus = await startServer((req, res) => {
    const sent = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    res.statusCode = 400;
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        status: 'error',
        errorType: 'bad_data',
        error: `token ${sent} (base64 ${Buffer.from(sent).toString('base64')}) is not allowed to query`,
      }),
    );
  });
  slack = await SlackEmulator.start();
});
afterAll(async () => {
  await prometheus.close();
  await slack.close();
});

describe('a bare token echoed by a server', () => {
  it('reaches neither the gate’s reason, log and summary, nor the Slack message quoting it', async () => {
    const gate = await runBundle(
      'error-rate-gate',
      {
        source: 'prometheus',
        'prometheus-url': prometheus.url,
        'prometheus-headers': `Authorization: Bearer ${BARE}`,
        candidate: 'shop-v2',
        baseline: 'shop-v1',
        interval: '1s',
        duration: '20s',
        'metrics-delay': '0s',
        'start-time': new Date().toISOString(),
      },
      { timeoutMs: 90_000 },
    );
    expect(prometheus.requests.some((r) => r.headers.authorization === `Bearer ${BARE}`)).toBe(true);
    const reason = gate.outputs.reason ?? '';
    expect(reason).toContain('not allowed to query'); // the server's message got through…
    for (const form of FORMS) expect(everythingVisible(gate)).not.toContain(form); // …without the token

    const notified = await runBundle(
      'notify-slack',
      {
        'bot-token': SlackEmulator.TOKEN,
        channel: '#deploys',
        status: 'failed',
        fields: `service: shop\nverdict: ${gate.outputs.verdict ?? ''}\nreason: ${reason}`,
        details: reason,
      },
      { env: { ROLLOUT_ACTIONS_SLACK_API_URL: slack.apiUrl } },
    );
    expect(notified.exitCode).toBe(0);
    const posted = JSON.stringify(slack.messages);
    expect(posted).toContain('not allowed to query');
    for (const form of FORMS) expect(posted + everythingVisible(notified)).not.toContain(form);
  }, 120_000);
});
