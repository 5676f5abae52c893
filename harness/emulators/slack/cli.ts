/**
 * `npm run emulator:slack`: a local Slack on loopback for trying the action by hand. Prints the
 * endpoint, a bot token and a webhook URL; on Ctrl-C prints the conversation it received.
 */
import { SlackEmulator } from './index';

async function main(): Promise<void> {
  const emulator = await SlackEmulator.start();
  const webhook = emulator.createWebhook();
  console.log(`Slack emulator listening on ${emulator.apiUrl}`);
  console.log(`  ROLLOUT_ACTIONS_SLACK_API_URL=${emulator.apiUrl}`);
  console.log(`  bot token:   ${SlackEmulator.TOKEN}`);
  console.log('  channel:     #deploys (C0DEPLOYS)');
  console.log(`  webhook URL: ${webhook}`);
  console.log('Ctrl-C prints the conversation and stops.');
  const stop = async () => {
    console.log(`\n${emulator.renderConversation()}`);
    await emulator.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
