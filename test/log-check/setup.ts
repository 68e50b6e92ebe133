// For every test file of test/integration: each line its stacks log (captureLog) or print (standard output and error,
// where `npm start`'s parts and the terminal logger write) is kept, and the file fails when any of them holds an e-mail
// address or a member's full name. For every test file of test/apps-script, the same over what the script logged
// (console and Logger, which Apps Script keeps in its executions' log). Other folders are left alone (their tests print
// what they test).
import { afterAll, beforeAll, expect } from 'vitest';
import { captureLine, capturedLines } from './capture';
import { fixtureNames, personalDataIn } from './personal-data';

const INTEGRATION = /[\\/]test[\\/]integration[\\/]/;
const APPS_SCRIPT = /[\\/]test[\\/]apps-script[\\/]/;

let restore: (() => void) | undefined;
let folder: string | undefined;

function tee(stream: NodeJS.WriteStream): () => void {
  const write = stream.write.bind(stream);
  stream.write = (chunk: unknown, ...rest: unknown[]) => {
    for (const line of String(chunk).split('\n')) if (line.trim() !== '') captureLine(line);
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  };
  return () => {
    stream.write = write;
  };
}

beforeAll(() => {
  const path = expect.getState().testPath ?? '';
  if (APPS_SCRIPT.test(path)) folder = '../apps-script/';
  if (!INTEGRATION.test(path)) return;
  folder = '../integration/';
  const out = tee(process.stdout);
  const err = tee(process.stderr);
  restore = () => {
    out();
    err();
  };
});

afterAll(() => {
  restore?.();
  restore = undefined;
  if (folder === undefined) return;
  const leaks = personalDataIn(capturedLines(), fixtureNames(new URL(folder, import.meta.url).pathname));
  expect(
    leaks.slice(0, 20).map((leak) => `${leak.found}  ←  ${leak.line.slice(0, 400)}`),
    'log lines hold a name or an e-mail: log ids instead',
  ).toEqual([]);
});
