// The `journey` HTTP function as functions-framework sees it: an express-style handler over the router.
import type { HttpFunction } from '@google-cloud/functions-framework';
import type { HttpAnswer } from './http/answers';
import { terminalLog } from './adapters/logging/cloud-logging';
import { createRouter, type HttpRequest, type RouterOptions } from './http/router';
import type { Log } from './ports/log';
import type { AppContext } from './app/context';
import { tolerateMalformedJson } from './json-body';

tolerateMalformedJson();

/** `log`: the composed logger; readable lines on the terminal when absent (tests and benches that build the handler alone). */
export function createJourneyFunction(
  ctx: AppContext,
  options: Omit<RouterOptions, 'log'> & { log?: Log },
): HttpFunction {
  const handle = createRouter(ctx, { ...options, log: options.log ?? terminalLog });
  return async (req, res) => {
    const request: HttpRequest = {
      method: req.method,
      url: req.originalUrl || req.url,
      headers: req.headers,
      rawBody: req.rawBody,
      address: req.ip ?? '',
    };
    send(res, await handle(request));
  };
}

function send(res: Parameters<HttpFunction>[1], answer: HttpAnswer): void {
  res.status(answer.status);
  if (answer.headers) res.set(answer.headers);
  if (answer.contentType && typeof answer.body === 'string') {
    res.set('Content-Type', answer.contentType).send(answer.body);
  } else {
    res.set('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify(answer.body));
  }
}
