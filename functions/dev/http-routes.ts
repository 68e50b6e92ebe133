// Writes docs/http-routes.md from the route table (`npm run docs:routes`).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { routeList } from '../src/http/route-list';

const target = fileURLToPath(new URL('../../docs/http-routes.md', import.meta.url));
writeFileSync(target, routeList());
process.stdout.write(`written: ${target}\n`);
