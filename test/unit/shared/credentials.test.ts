import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gcpMetadata } from 'google-auth-library';
import { describe, expect, it } from 'vitest';
import { requireAwsCredentials, requireGoogleCredentials } from '../../../shared/credentials';
import { ActionError } from '../../../shared/errors';

const GOOGLE_HINT = ': run google-github-actions/auth before this step';
const AWS_HINT = ': run aws-actions/configure-aws-credentials before this step';

describe('requireGoogleCredentials', () => {
  const home = mkdtempSync(join(tmpdir(), 'creds-home-'));
  const keyFile = join(home, 'key.json');
  writeFileSync(keyFile, '{}');

  it('accepts the file google-github-actions/auth leaves, and refuses one that is not there', async () => {
    await expect(
      requireGoogleCredentials({ HOME: home, GOOGLE_APPLICATION_CREDENTIALS: keyFile }),
    ).resolves.toBeUndefined();
    const missing = join(home, 'gone.json');
    await expect(
      requireGoogleCredentials({ HOME: home, GOOGLE_APPLICATION_CREDENTIALS: missing }),
    ).rejects.toThrow(
      new ActionError(
        `no Google credentials found (GOOGLE_APPLICATION_CREDENTIALS names ${missing}, which is not a readable file)${GOOGLE_HINT}`,
      ),
    );
    // A directory is not a key file either.
    await expect(
      requireGoogleCredentials({ HOME: home, GOOGLE_APPLICATION_CREDENTIALS: home }),
    ).rejects.toThrow(ActionError);
  });

  it("accepts gcloud's application-default login where google-auth-library looks for it", async () => {
    const withLogin = mkdtempSync(join(tmpdir(), 'creds-gcloud-'));
    mkdirSync(join(withLogin, '.config', 'gcloud'), { recursive: true });
    writeFileSync(join(withLogin, '.config', 'gcloud', 'application_default_credentials.json'), '{}');
    await expect(requireGoogleCredentials({ HOME: withLogin })).resolves.toBeUndefined();
    await expect(
      requireGoogleCredentials({ HOME: home, CLOUDSDK_CONFIG: join(withLogin, '.config', 'gcloud') }),
    ).resolves.toBeUndefined();
  });

  it('leaves an explicitly configured metadata server to the library, and honours METADATA_SERVER_DETECTION=none', async () => {
    await expect(
      requireGoogleCredentials({ HOME: home, GCE_METADATA_HOST: '127.0.0.1:8080' }),
    ).resolves.toBeUndefined();
    await expect(requireGoogleCredentials({ HOME: home, METADATA_SERVER_DETECTION: 'none' })).rejects.toThrow(
      /METADATA_SERVER_DETECTION=none rules out a metadata server/,
    );
  });

  it.skipIf(gcpMetadata.getGCPResidency())('refuses at once off Google Cloud with nothing set', async () => {
    await expect(requireGoogleCredentials({ HOME: home })).rejects.toThrow(
      `no Google credentials found (GOOGLE_APPLICATION_CREDENTIALS is not set, there is no gcloud application-default login, and this machine is not on Google Cloud)${GOOGLE_HINT}`,
    );
  });
});

describe('requireAwsCredentials', () => {
  it("passes the SDK chain's credentials, and an explicit credentials object", async () => {
    await expect(
      requireAwsCredentials({
        config: { credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }) },
      }),
    ).resolves.toBeUndefined();
    await expect(
      requireAwsCredentials({ config: { credentials: { accessKeyId: 'a' } } }),
    ).resolves.toBeUndefined();
  });

  it("turns the chain's failure into the one message", async () => {
    const chain = async () => {
      throw new Error('Could not load credentials from any providers');
    };
    await expect(requireAwsCredentials({ config: { credentials: chain } })).rejects.toThrow(
      new ActionError(`no AWS credentials found (Could not load credentials from any providers)${AWS_HINT}`),
    );
  });

  it('gives up on a chain that never answers (an instance metadata endpoint dropping packets)', async () => {
    const never = () => new Promise<never>(() => {});
    await expect(requireAwsCredentials({ config: { credentials: never } }, 20)).rejects.toThrow(
      `no AWS credentials found (the default credential chain gave none within 20 ms)${AWS_HINT}`,
    );
  });
});
