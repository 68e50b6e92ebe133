// Entry of the stand-in Journey server process: listens on 127.0.0.1 (ephemeral port) and prints the port for the test.
import { createJourneyServer } from './journey-server';

const secret = process.env.JOURNEY_TEST_SECRET ?? '';
if (secret === '') throw new Error('JOURNEY_TEST_SECRET is required');
const server = createJourneyServer(secret);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  process.stdout.write(`PORT ${String(address.port)}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  process.exit(0);
});
