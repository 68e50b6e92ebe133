// Entry of the stand-in Journey server process: listens on 127.0.0.1 (ephemeral port) and prints the port for the test.
import { createJourneyServer, type AdminIdentity } from './journey-server';

const secret = process.env.JOURNEY_TEST_SECRET ?? '';
if (secret === '') throw new Error('JOURNEY_TEST_SECRET is required');
const identity = process.env.JOURNEY_TEST_IDENTITY
  ? (JSON.parse(process.env.JOURNEY_TEST_IDENTITY) as AdminIdentity)
  : undefined;
const server = createJourneyServer(secret, identity);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  process.stdout.write(`PORT ${String(address.port)}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  process.exit(0);
});
