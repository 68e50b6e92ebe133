// What the mail use cases run with: the outbox, the composer and mailer, who schedules the sending, the sender, the budget.
import type { Mailer, MailScheduler, MailStore, MessageComposer, SheetsListing } from '../../ports';
import type { Log } from '../../ports/log';
import type { BookLinkSettings } from '../book-token';

export interface MailServices {
  store: MailStore;
  composer: MessageComposer;
  /** Null when no sending account is configured: mail is queued and waits, never dropped. */
  mailer: Mailer | null;
  scheduler: MailScheduler;
  sender: { name: string; address: string };
  /** Messages a day (Asia/Ho_Chi_Minh), below the account's quota. */
  dailyBudget: number;
  /** For the fresh journey-book links members' summaries carry. */
  links: BookLinkSettings;
  /** The queue spreadsheets' addresses, for evaluators' reminders; none when the views cannot tell. */
  sheets?: (year: number) => Promise<SheetsListing>;
  /** Tells the views the year's outbox moved (the master spreadsheet's "Thư" tab); never throws. */
  outboxChanged?: (year: number) => Promise<void>;
  log: Log;
}

/** The sender people see when none is configured: the standing committee. */
export const DEFAULT_SENDER_NAME = 'Ban Thường vụ Đoàn Khối Dân – Chính – Đảng TP.HCM';
