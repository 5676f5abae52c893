/**
 * `npm run emulator:aws`: the AWS emulator on its own, for trying the ECS path by hand.
 * Prints the endpoint, the listener URL and the seeded resources, then serves until Ctrl-C.
 * Ports: AWS_EMULATOR_PORT (API, default 4566) and AWS_EMULATOR_LISTENER_PORT (default 8080).
 */
import { startAwsEmulator } from './server';

async function main(): Promise<void> {
  const emulator = await startAwsEmulator({
    port: Number(process.env.AWS_EMULATOR_PORT ?? 4566),
    listenerPort: Number(process.env.AWS_EMULATOR_LISTENER_PORT ?? 8080),
  });
  console.log(
    JSON.stringify(
      {
        endpoint: emulator.endpoint,
        listenerUrl: emulator.listenerUrl,
        world: emulator.world,
        usage: `ROLLOUT_ACTIONS_AWS_ENDPOINT=${emulator.endpoint} AWS_REGION=${emulator.world.region} (test-only override)`,
      },
      null,
      2,
    ),
  );
  const stop = () => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
