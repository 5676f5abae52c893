/**
 * GitHub's OIDC token endpoint, as a job with `permissions: id-token: write` sees it: the runner
 * sets ACTIONS_ID_TOKEN_REQUEST_URL (with its query string already begun) and
 * ACTIONS_ID_TOKEN_REQUEST_TOKEN, and a GET of `${URL}&audience=<aud>` with
 * `Authorization: bearer <TOKEN>` answers `{"value": "<JWT>"}` (@actions/core
 * lib/oidc-utils.js, OidcClient.getIDToken). The claims follow GitHub's "OpenID Connect
 * reference" (job_workflow_ref: `owner/repo/.github/workflows/file.yml@ref` of the called
 * workflow; job_workflow_sha: its commit). Stricter than GitHub: a wrong bearer token, a missing
 * audience or any other path is refused. The signature is not a real one: nothing here verifies it.
 */
import { randomBytes } from 'node:crypto';
import { startServer, type TestServer } from '../helpers/http-server';

export interface OidcClaims {
  /** The caller's repository, ref and commit (the `github` context). */
  repository: string;
  ref: string;
  sha: string;
  /** `owner/repo/.github/workflows/file.yml@ref` of the workflow the job belongs to. */
  job_workflow_ref: string;
  /** The commit that workflow file was read at. */
  job_workflow_sha: string;
}

export interface OidcEndpoint {
  /** The variables the runner gives each step of a job granted id-token: write. */
  env: { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string };
  /** Tokens issued, with their audience. */
  issued: { audience: string }[];
  close(): Promise<void>;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export async function startOidcEndpoint(claims: OidcClaims): Promise<OidcEndpoint> {
  const requestToken = randomBytes(16).toString('hex');
  const issued: OidcEndpoint['issued'] = [];
  const server: TestServer = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const audience = url.searchParams.get('audience');
    const reply = (status: number, body: unknown) => {
      res.statusCode = status;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET' || url.pathname !== '/oidc/token') return reply(404, { message: 'Not Found' });
    if (req.headers.authorization?.replace(/^bearer /i, '') !== requestToken) {
      return reply(401, { message: 'Bad credentials' });
    }
    if (!audience) return reply(400, { message: 'audience is required' });
    issued.push({ audience });
    const now = Math.floor(Date.now() / 1000);
    const [owner] = claims.repository.split('/');
    const payload = {
      iss: 'https://token.actions.githubusercontent.com',
      aud: audience,
      sub: `repo:${claims.repository}:ref:${claims.ref}`,
      repository_owner: owner,
      ...claims,
      iat: now,
      nbf: now,
      exp: now + 300,
    };
    return reply(200, {
      value: `${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url(payload)}.not-signed`,
    });
  });
  return {
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${server.url}/oidc/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
    },
    issued,
    close: () => server.close(),
  };
}
