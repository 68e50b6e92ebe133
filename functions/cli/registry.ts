// The command table: every CLI command, registered once, in the order the help lists them.
import type { CliCommand } from './command';
import { accessLog, type AccessLogCommand } from './commands/access-log';
import { bookLink, type BookLinkCommand } from './commands/book-link';
import { bookRevoke, type BookRevokeCommand } from './commands/book-revoke';
import { configPush, type ConfigPushCommand } from './commands/config-push';
import { dataRequestAnswer, type DataRequestAnswerCommand } from './commands/data-request';
import { configShow, type ConfigShowCommand } from './commands/config-show';
import { erase, type EraseCommand } from './commands/erase';
import { createHelp, type HelpCommand } from './commands/help';
import { inbox, type InboxCommand } from './commands/inbox';
import { member, type MemberCommand } from './commands/member';
import { party, type PartyCommand } from './commands/party';
import { results, type ResultsCommand } from './commands/results';
import { send, type SendCommand } from './commands/send';
import { sync, syncStatus, type SyncCommand, type SyncStatusCommand } from './commands/sync';
import { yearNext, type YearNextCommand } from './commands/year-next';
import { mail, type MailCommand } from './commands/mail';
import { report, type ReportCommand } from './commands/report';

/** A command line once read: which command, with its arguments. */
export type Command =
  | HelpCommand
  | ConfigPushCommand
  | ConfigShowCommand
  | ResultsCommand
  | MemberCommand
  | AccessLogCommand
  | BookLinkCommand
  | BookRevokeCommand
  | PartyCommand
  | InboxCommand
  | SyncCommand
  | SyncStatusCommand
  | SendCommand
  | YearNextCommand
  | ReportCommand
  | MailCommand
  | DataRequestAnswerCommand
  | EraseCommand;

/** The commands a person names on the command line; a name of two words ("config push") is a sub-command. */
export const COMMANDS: readonly CliCommand<Command>[] = [
  configPush,
  configShow,
  yearNext,
  results,
  member,
  accessLog,
  bookLink,
  bookRevoke,
  party,
  inbox,
  sync,
  syncStatus,
  send,
  report,
  mail,
  dataRequestAnswer,
  erase,
];

/** Answers every request for help, whatever else the command line holds. */
export const HELP: CliCommand<Command> = createHelp(COMMANDS);
