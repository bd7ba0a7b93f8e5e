import { mkdir } from 'node:fs/promises';
import { readConfig } from './config.js';
import { startServer } from './server.js';

const config = readConfig(process.env);
await mkdir(config.dataDir, { recursive: true });
const server = await startServer(config);
console.log(`Trellis is running at ${server.url}`);

let closing = false;
async function shutDown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  console.log(`${signal} received: closing`);
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutDown('SIGINT'));
process.on('SIGTERM', () => void shutDown('SIGTERM'));
