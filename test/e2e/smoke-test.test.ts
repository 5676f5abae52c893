import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../harness/helpers/http-server';
import { everythingVisible, runBundle } from '../../harness/helpers/runner';

const SHA = '0123456789abcdef';
const SECRET = 'Bearer sk_live_51HxSECRETvalue';

let app: TestServer;
let otherHost: TestServer;
const flakyCalls = new Map<string, number>();

beforeAll(async () => {
  otherHost = await startServer((_req, res) => res.end('elsewhere'));
  app = await startServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    res.setHeader('x-version', SHA);
    switch (url.pathname) {
      case '/healthz':
        res.setHeader('content-type', 'application/json');
        return void res.end(JSON.stringify({ status: 'ok', build: { sha: SHA } }));
      case '/old':
        res.removeHeader('x-version');
        return void res.end('version 0000000');
      case '/error':
        res.statusCode = 500;
        return void res.end(`internal error ${'x'.repeat(2000)}`);
      case '/flaky': {
        const key = url.searchParams.get('k') ?? '';
        const n = (flakyCalls.get(key) ?? 0) + 1;
        flakyCalls.set(key, n);
        res.statusCode = n < 3 ? 503 : 200;
        return void res.end(n < 3 ? 'warming up' : 'ready');
      }
      case '/slow':
        await new Promise((r) => setTimeout(r, 150));
        return void res.end('slow but fine');
      case '/echo-auth':
        return void res.end(`you sent ${req.headers.authorization}`);
      case '/echo-credential': {
        // What servers echo: the bare credential of the scheme, as such and in base64.
        const [scheme = '', credential = ''] = (req.headers.authorization ?? '').split(' ');
        const bare =
          scheme === 'Basic' ? Buffer.from(credential, 'base64').toString().split(':')[1] : credential;
        return void res.end(`rejected credential ${bare} (${Buffer.from(bare ?? '').toString('base64')})`);
      }
      case '/hostile':
        // Forty a's and a mismatch: /^(a+)+$/ backtracks through 2^40 ways of splitting them.
        return void res.end(`${'a'.repeat(40)}!`);
      case '/gzip':
      case '/br': {
        // Compressed whatever the request asked for: the probe must read what was sent.
        const text = `compressed page ${SHA}`;
        res.setHeader('content-encoding', url.pathname === '/br' ? 'br' : 'gzip');
        return void res.end(url.pathname === '/br' ? brotliCompressSync(text) : gzipSync(text));
      }
      case '/redirect-same':
        res.statusCode = 302;
        res.setHeader('location', '/healthz');
        return void res.end();
      case '/redirect-away':
        res.statusCode = 302;
        res.setHeader('location', `${otherHost.url}/steal`);
        return void res.end();
      default:
        res.statusCode = 404;
        return void res.end('not found');
    }
  });
});

afterAll(async () => {
  await app.close();
  await otherHost.close();
});

const fast = { 'retry-delay': '20ms', retries: 0 };

describe('smoke-test bundle', () => {
  it('passes when every check passes, with outputs, report and summary', async () => {
    const result = await runBundle('smoke-test', {
      url: app.url,
      'expect-version': SHA,
      checks: `
- name: health
  path: /healthz
  expect-status: 200
  expect-json: {/status: ok, /build/sha: ${SHA}}
  expect-header: {content-type: /json/}
- {name: follows same-host redirects, path: /redirect-same, expect-body: ok}
- {name: slow, path: /slow, max-latency-ms: 2000}
`,
      ...fast,
    });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ passed: '3', failed: '0' });
    expect(Number(result.outputs['p95-latency-ms'])).toBeGreaterThanOrEqual(150);
    const report = JSON.parse(readFileSync(result.outputs.report ?? '', 'utf8'));
    expect(report.checks.map((c: { name: string; passed: boolean }) => [c.name, c.passed])).toEqual([
      ['health', true],
      ['follows same-host redirects', true],
      ['slow', true],
    ]);
    expect(result.summary).toContain('Smoke test: 3/3 checks passed');
    expect(result.summary).toContain('| ✅ | health | GET /healthz | 200 |');
  });

  it('reads gzip and brotli bodies as text, and sends HEAD without reading one', async () => {
    const result = await runBundle('smoke-test', {
      url: app.url,
      checks: `
- {name: gzip, path: /gzip, expect-body: compressed page ${SHA}}
- {name: brotli, path: /br, expect-body: compressed page ${SHA}}
- {name: head, method: HEAD, path: /healthz, expect-status: 200}
`,
      ...fast,
    });
    expect(result.errors).toEqual([]);
    expect(result.outputs).toMatchObject({ passed: '3', failed: '0' });
  });

  it('fails with a table of expected and got for each failure kind', async () => {
    const result = await runBundle('smoke-test', {
      url: app.url,
      'expect-version': SHA,
      checks: `
- {name: wrong status, path: /error, expect-status: 2xx}
- {name: wrong body, path: /healthz, expect-body: /"status":"down"/}
- {name: wrong json, path: /healthz, expect-json: {/build/sha: fff}}
- {name: missing header, path: /healthz, expect-header: {x-cache: HIT}}
- {name: too slow, path: /slow, max-latency-ms: 50}
- {name: old version answered, path: /old}
`,
      ...fast,
    });
    expect(result.exitCode).toBe(1);
    expect(result.outputs).toMatchObject({ passed: '0', failed: '6' });
    expect(result.errors.at(-1)).toMatch(
      /^smoke-test: 6 of 6 checks failed: wrong status: status expected 2xx, got 500/,
    );
    for (const row of [
      '| ❌ | wrong status |',
      'status: 2xx',
      'status: 500',
      'json /build/sha: "fff"',
      'header x-cache: absent',
      'latency: ≤ 50 ms',
      'another version answered',
    ]) {
      expect(result.summary).toContain(row);
    }
    // Bodies are cut short in logs.
    expect(result.stdout).toContain('[1715 more characters]');
    expect(result.stdout).not.toContain('x'.repeat(400));
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('retries a flaky endpoint until it passes', async () => {
    const result = await runBundle('smoke-test', {
      url: app.url,
      checks: '- {path: "/flaky?k=a", expect-body: ready}',
      retries: 3,
      'retry-delay': '20ms',
    });
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(readFileSync(result.outputs.report ?? '', 'utf8'));
    expect(report.checks[0].tries).toBe(3);
    expect(result.stdout).toContain('try 1 failed');
  });

  it('gives up when retries run out', async () => {
    const result = await runBundle('smoke-test', {
      url: app.url,
      checks: '- {path: "/flaky?k=b"}',
      retries: 1,
      'retry-delay': '10ms',
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors.at(-1)).toContain('status expected 2xx, got 503');
  });

  it('refuses a redirect to another host and never reaches it', async () => {
    const before = otherHost.requests.length;
    const result = await runBundle('smoke-test', {
      url: app.url,
      checks: '- {path: /redirect-away}',
      ...fast,
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors.at(-1)).toContain(`redirect to another host refused: ${otherHost.url}`);
    expect(otherHost.requests.length).toBe(before);
  });

  it('times out a request that takes longer than timeout', async () => {
    const result = await runBundle('smoke-test', {
      url: app.url,
      checks: '- {path: /slow}',
      timeout: '50ms',
      ...fast,
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors.at(-1)).toMatch(/slow: .*(timeout|aborted)/i);
  });

  it('reads checks from a file in the workspace', async () => {
    const result = await runBundle(
      'smoke-test',
      { url: app.url, checks: 'checks.yml' },
      { cwd: await workspaceWith('checks.yml', '- {path: /healthz}\n') },
    );
    expect(result.exitCode).toBe(0);
    expect(result.outputs.passed).toBe('1');
  });

  it('never shows a secret header, even when the service echoes it back', async () => {
    const result = await runBundle('smoke-test', {
      url: app.url,
      headers: `Authorization: ${SECRET}`,
      checks: '- {path: /echo-auth, expect-body: nothing-like-this}',
      ...fast,
    });
    expect(result.exitCode).toBe(1);
    expect(app.requests.some((r) => r.headers.authorization === SECRET)).toBe(true);
    expect(result.masks).toContain(SECRET);
    const visible = everythingVisible(result) + readFileSync(result.outputs.report ?? '', 'utf8');
    expect(visible).toContain('you sent'); // the body was logged…
    expect(visible).not.toContain('sk_live_51HxSECRETvalue'); // …without the secret
  });

  it.each([
    ['Bearer', 'Authorization: Bearer ghs_16C7e42F292c6912E7710c838347Ae178B4a'],
    ['token', 'Authorization: token ghp_R2d2C3poLukeSkywalker1977xxxx'],
    ['Basic', `Authorization: Basic ${Buffer.from('deploy:hunter2-correct-horse').toString('base64')}`],
  ])(
    'never shows the bare credential of a %s header that the service echoes, nor its base64',
    async (_, header) => {
      const value = header.slice(header.indexOf(':') + 1).trim();
      const credential = value.split(' ')[1] as string;
      const bare = value.startsWith('Basic')
        ? (Buffer.from(credential, 'base64').toString().split(':')[1] as string)
        : credential;
      const result = await runBundle('smoke-test', {
        url: app.url,
        headers: header,
        checks: '- {path: /echo-credential, expect-body: nothing-like-this}',
        ...fast,
      });
      expect(result.exitCode).toBe(1);
      expect(result.masks).toContain(bare);
      const visible = everythingVisible(result) + readFileSync(result.outputs.report ?? '', 'utf8');
      expect(visible).toContain('rejected credential'); // the body was logged…
      expect(visible).not.toContain(bare); // …without the credential
      expect(visible).not.toContain(Buffer.from(bare).toString('base64'));
    },
  );

  it('never echoes the credentials of a url that does not parse', async () => {
    const result = await runBundle('smoke-test', { url: 'https://deploy:hunter2-s3cret@exa mple.com/' });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]).toContain('input "url": "https://***@exa mple.com/" is not an absolute URL');
    expect(everythingVisible(result)).not.toContain('hunter2-s3cret');
  });

  it('shows expect-version and server answers in the summary as text: no link, image, HTML or fence', async () => {
    const hostile =
      'v1](https://evil.example/x) ![i](https://evil.example/p.png) </details> ``` <img src=x> *b* | cell';
    const result = await runBundle('smoke-test', {
      url: app.url,
      'expect-version': hostile,
      checks: '- {path: /healthz}',
      ...fast,
    });
    expect(result.exitCode).toBe(1);
    const markup = outsideCodeSpans(result.summary);
    expect(markup).not.toMatch(/(^|[^\\])\[/); // no link or image can open
    expect(markup).not.toMatch(/<(?!br>)/); // no tag but our line breaks
    expect(markup).not.toMatch(/^ {0,3}```/m); // no fence
    // The version is shown whole, in one code span, and the table still has its eight columns.
    expect(result.summary).toContain(`\`\`\`\`${hostile.replace('| cell', '\\| cell')}\`\`\`\``);
    const row = result.summary.split('\n').find((line) => line.includes('GET /healthz')) ?? '';
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(8);
  });

  it('gives up on a catastrophic expect-body regex instead of blocking past every timeout', async () => {
    const result = await runBundle(
      'smoke-test',
      { url: app.url, checks: '- {path: /hostile, expect-body: "/^(a+)+$/"}', ...fast },
      { timeoutMs: 60_000 },
    );
    expect(result.exitCode).toBe(1);
    expect(result.errors.join('\n')).toMatch(/backtracks catastrophically/);
    expect(result.outputs.failed).toBe('1');
  });

  it('cuts a summary that would outgrow what GitHub shows, and points to the full report', async () => {
    // 600 failing checks with 2,000-character names: a 1.3 MB table.
    const checks = Array.from(
      { length: 600 },
      (_, i) => `- {name: check-${i}-${'n'.repeat(2000)}, path: /old, expect-status: 201}`,
    ).join('\n');
    const result = await runBundle(
      'smoke-test',
      { url: app.url, checks: 'checks.yml', concurrency: 50, ...fast },
      { cwd: await workspaceWith('checks.yml', checks) },
    );
    expect(result.exitCode).toBe(1);
    expect(result.outputs.failed).toBe('600');
    const size = Buffer.byteLength(result.summary);
    expect(size).toBeGreaterThan(900_000);
    expect(size).toBeLessThanOrEqual(1024 * 1024);
    expect(result.summary).toContain('Summary cut');
    expect(result.summary).toContain(result.outputs.report ?? '(no report)');
    const report = JSON.parse(readFileSync(result.outputs.report ?? '', 'utf8')) as { checks: unknown[] };
    expect(report.checks).toHaveLength(600);
  });

  it.each([
    [
      { url: 'my-service.example.com' },
      'input "url": "my-service.example.com" is not an absolute URL with a scheme',
    ],
    [
      { checks: '- {expect-status: 2xxx}' },
      'input "checks": check 1: expect-status "2xxx" is not a status code or class',
    ],
    [{ checks: '[oops' }, 'input "checks": is not valid YAML'],
    [{ retries: '-1' }, 'input "retries": -1 is below the minimum 0'],
    [{ timeout: 'soon' }, 'input "timeout": "soon" is not a duration'],
    [{ concurrency: '0' }, 'input "concurrency": 0 is below the minimum 1'],
  ])('rejects bad input %o before any request', async (inputs, message) => {
    const before = app.requests.length;
    const result = await runBundle('smoke-test', { url: app.url, ...inputs });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.startsWith(`smoke-test: ${message}`)).toBe(true);
    expect(result.errors[0]).toContain('for example');
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toMatch(/\n\s+at /);
    expect(app.requests.length).toBe(before);
  });
});

async function workspaceWith(name: string, content: string): Promise<string> {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'workspace-'));
  writeFileSync(join(dir, name), content);
  return dir;
}

/** The Markdown outside code spans (CommonMark 6.1: a run of n backticks up to the next run of exactly n). */
function outsideCodeSpans(markdown: string): string {
  return markdown.replace(/(`+)[\s\S]*?(?<!`)\1(?!`)/g, '');
}
