// What the script writes to its executions' log, which Apps Script keeps for the project's editors to read: ids and
// counts, never an e-mail address (Law 91/2025/QH15; the brief: log ids). Messages for a person (alerts, toasts) may
// name their own account; when one of them also reaches the log, the address is replaced here. Nothing else in the
// script writes to the console (lint rule).

/** An e-mail address as people write them, in any script. */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/** `text` with each e-mail address replaced by `[email]`. */
export function withoutEmails(text: string): string {
  return text.replace(EMAIL, '[email]');
}

/** The arguments as one line, as the console would print them, without e-mail addresses. */
function scrubbed(args: readonly unknown[]): string {
  return withoutEmails(args.map((arg) => (arg instanceof Error ? (arg.stack ?? arg.message) : String(arg))).join(' '));
}

export const log = {
  info: (...args: unknown[]): void => {
    console.log(scrubbed(args));
  },
  warn: (...args: unknown[]): void => {
    console.warn(scrubbed(args));
  },
  error: (...args: unknown[]): void => {
    console.error(scrubbed(args));
  },
};
