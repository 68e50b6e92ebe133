// Lets a body sent as application/json that is not valid JSON reach the function, so it is checked and kept like any other.
//
// functions-framework parses JSON bodies with body-parser before the function runs, and answers a malformed one
// with Express's HTML 400 before the signature is checked and without keeping it. The framework offers no hook, so
// its parser is wrapped, once, before the framework builds its server (it loads this module first): a parse failure
// leaves `req.body` unset and `req.rawBody` (saved before parsing) as received, and the router answers in API.md's terms.
import { createRequire } from 'node:module';

interface BodyParser {
  json: (options?: unknown) => (req: { body?: unknown }, res: unknown, next: (error?: unknown) => void) => void;
}

const PATCHED = Symbol.for('journey.tolerantJson');

export function tolerateMalformedJson(): void {
  // body-parser as the framework resolves it, not a copy of our own.
  const fromFramework = createRequire(createRequire(import.meta.url).resolve('@google-cloud/functions-framework'));
  const bodyParser = fromFramework('body-parser') as BodyParser & { [PATCHED]?: true };
  if (bodyParser[PATCHED]) return;
  const json = bodyParser.json;
  bodyParser.json = (options) => {
    const parse = json(options);
    return (req, res, next) => {
      parse(req, res, (error?: unknown) => {
        if ((error as { type?: unknown } | undefined)?.type === 'entity.parse.failed') {
          req.body = undefined;
          next();
          return;
        }
        next(error);
      });
    };
  };
  bodyParser[PATCHED] = true;
}
