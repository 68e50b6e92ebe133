// Helpers every kind of test shares, written once: a value the test needs, a task as the forms list it.
import { expect } from 'vitest';
import { consentChoice } from '../apps-script/src/forms/consent';

/** The value, or the test fails saying what was missing (keeps tests free of non-null assertions). */
export function must<T>(value: T | undefined | null, what = 'value'): T {
  return value ?? expect.fail(`missing ${what}`);
}

/** A task as the registration form lists it and the function reads it back: `RL2 — <title>`. */
export function taskLabel(config: { tasks: readonly { code: string; title: string }[] }, code: string): string {
  const task = must(
    config.tasks.find((t) => t.code === code),
    `task ${code} in the plan`,
  );
  return `${task.code} — ${task.title}`;
}

/** The registration form's consent item, as its title starts. */
export const CONSENT_TITLE = 'Đồng ý cho xử lý dữ liệu cá nhân';

/** The registration form's consent, ticked: its one choice, which names the plan's notice version. */
export function consentTicked(config: { privacy: { version: string } }): readonly [string, string[]] {
  return [CONSENT_TITLE, [consentChoice(config.privacy.version)]];
}
