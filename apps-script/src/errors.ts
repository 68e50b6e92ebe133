// Errors meant for people: a stable code for logs and tests, and a polite Vietnamese message to show.

export class JourneyError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'JourneyError';
  }
}

/** The message of anything thrown, for logs and alerts. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
