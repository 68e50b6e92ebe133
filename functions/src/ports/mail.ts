// Sending e-mail: the message composer, the mailer, and who schedules the sending.
import type { Letter } from '../domain/letter';

/** Builds the bytes of one message (MIME): HTML with a plain-text alternative, PDFs attached. */
export interface MessageComposer {
  compose(message: {
    from: { name: string; address: string };
    to: string;
    letter: Letter;
    messageId: string;
    date: Date;
    headers: Record<string, string>;
  }): Promise<Buffer>;
}

/** Sends one built message to one recipient. */
export interface Mailer {
  send(message: { raw: Buffer; to: string; id: string }): Promise<{ providerId: string | null }>;
  /**
   * Replaces the kept copy of a sent message (`providerId` as `send` answered) by `raw`, or deletes it when null
   * (erasure). Absent where the copies cannot be changed from here (Gmail's Sent folder: the committee deletes them).
   */
  replaceSent?(providerId: string, raw: Buffer | null): Promise<void>;
}

/** Decides when the outbox is drained: a Cloud Task in production, a timer in this process locally. */
export interface MailScheduler {
  /** Asks for a drain at `at` (now when absent); resolves once the request is durable (the task exists). */
  request(at?: Date): Promise<void>;
  /** Resolves when no drain asked for up to now is still running or waiting (tests, the demo). */
  idle(): Promise<void>;
  /** Stops draining in this process: the running drain ends after its current message, nothing new starts. */
  stop?(): Promise<void>;
}
