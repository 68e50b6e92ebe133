// The built Apps Script bundle in a vm sandbox with fakes of every Google service, whose UrlFetchApp makes real HTTP
// calls to the local stack; helpers to answer forms by question, fire triggers and look at the retry queue.
import { loadBundle, type Bundle } from '../apps-script/bundle';
import { createFakes, type Fakes } from '../apps-script/fakes';
import type { Answer, FakeForm, FakeFormResponse, FakeItem } from '../apps-script/fakes/forms';
import { realHttp } from '../apps-script/fakes/url-fetch';

export const REGISTRATION_FORM = 'Đăng ký Sổ hành trình';
export const EVIDENCE_FORM = 'Báo cáo minh chứng';

export interface QueuedItem {
  key: string;
  path: string;
  label: string;
  attempts: number;
  queuedAt: number;
  nextAttemptAt: number;
  lastError: string;
}

export interface GasDriver {
  fakes: Fakes;
  bundle: Bundle;
  /** Sets the sandbox clock to real time: requests are signed with it and the function refuses stale timestamps. */
  syncClock(): void;
  form(title: typeof REGISTRATION_FORM | typeof EVIDENCE_FORM): FakeForm;
  /** A respondent submits `form`; answers by the (start of the) question title, read back by item id by the bundle. */
  respond(form: FakeForm, email: string, answers: ReadonlyArray<readonly [string, Answer]>, at: Date): FakeFormResponse;
  /** The installable form-submit event Apps Script passes to the trigger. */
  submitEvent(form: FakeForm, response: FakeFormResponse): unknown;
  /** Items of the durable retry queue (or the dead letters) as Script Properties hold them. */
  queued(list?: 'retry' | 'dead'): QueuedItem[];
}

/** The question whose title is `title`, or the only one whose title starts with it (page breaks and headers left out). */
export function question(form: FakeForm, title: string): FakeItem {
  const items = form.items.filter((i) => i.type !== 'PAGE_BREAK' && i.type !== 'SECTION_HEADER');
  const exact = items.filter((i) => i.title === title);
  const found = exact.length > 0 ? exact : items.filter((i) => i.title.startsWith(title));
  if (found.length !== 1 || !found[0])
    throw new Error(`${String(found.length)} questions "${title}…" in "${form.title}"`);
  return found[0];
}

/** The offered choice of a question that starts with `prefix` (task codes: "RL2" → "RL2 — Tham gia …"). */
export function choice(form: FakeForm, title: string, prefix: string): string {
  const offered = question(form, title).choices.map((c) => c.value);
  const matches = offered.filter((value) => value === prefix || value.startsWith(`${prefix} `));
  if (matches.length !== 1 || matches[0] === undefined)
    throw new Error(`no single choice "${prefix}…" in "${title}": ${offered.join(' | ')}`);
  return matches[0];
}

export function gasDriver(properties: Record<string, string>): GasDriver {
  const fakes = createFakes({ fetch: realHttp(), nowMs: Date.now(), echo: process.env.GAS_ECHO === '1' });
  // The signing secret where the script keeps it: the installing account's User Properties (apps-script/src/credentials.ts).
  const { JOURNEY_SECRET: secret, ...script } = properties;
  fakes.props.setProperties(script);
  if (secret !== undefined) fakes.userProps.of(fakes.owner).setProperty('JOURNEY_SECRET', secret);
  const bundle = loadBundle(fakes.globals);
  return {
    fakes,
    bundle,
    syncClock: () => {
      fakes.clock.nowMs = Date.now();
    },
    form: (title) => fakes.forms.formByTitle(title),
    respond: (form, email, answers, at) =>
      form.submit(
        email,
        answers.map(([title, value]) => [question(form, title).id, value] as const),
        at,
      ),
    submitEvent: (form, response) => ({ response, source: form, authMode: 'FULL', triggerUid: 'trigger-form' }),
    queued: (list = 'retry') =>
      fakes.props
        .getKeys()
        .filter((k) => k.startsWith(`journey.${list}.item.`))
        .map((k) => fakes.props.json(k) as QueuedItem),
  };
}
