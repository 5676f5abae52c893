/**
 * `npm run emulator:cloud-run`: a local Cloud Run to try a pipeline against. Prints the endpoint
 * and the URLs, then serves until interrupted. Options: --port, --project, --region, --service
 * (repeatable), --image, --reconcile-ms; images named in --bad-image fail 20 % of requests.
 */
import { parseArgs } from 'node:util';
import { startCloudRunEmulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    project: { type: 'string', default: 'demo-project' },
    region: { type: 'string', default: 'europe-west1' },
    service: { type: 'string', multiple: true, default: ['shop'] },
    image: { type: 'string', default: 'europe-docker.pkg.dev/demo-project/apps/shop:v1' },
    'bad-image': { type: 'string', multiple: true, default: [] },
    'reconcile-ms': { type: 'string', default: '500' },
  },
});

async function main(): Promise<void> {
  const emulator = await startCloudRunEmulator({
    project: values.project,
    region: values.region,
    port: Number(values.port),
    reconcileMs: Number(values['reconcile-ms']),
    services: values.service.map((name) => ({ name, image: values.image })),
    images: Object.fromEntries(values['bad-image'].map((image) => [image, { errorRate: 0.2 }])),
  });

  console.log(`Cloud Run emulator (Admin API v2) at ${emulator.endpoint}`);
  console.log(`  export ROLLOUT_ACTIONS_CLOUD_RUN_ENDPOINT=${emulator.endpoint}`);
  for (const name of values.service) {
    console.log(`  service ${name} (${values.project}/${values.region}): ${emulator.serviceUrl(name)}`);
  }
  const stop = async () => {
    await emulator.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
