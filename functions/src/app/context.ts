// What every use case runs with: the store, the clock, the views to notify, and who is calling.
import type { Violation } from '../domain/violations';
import type { Role } from '../model';
import type { ChangeListener, Clock, Store } from '../ports';
import type { MailServices } from './mail/context';

export interface AppContext {
  store: Store;
  clock: Clock;
  views: ChangeListener;
  /** The outbox and the sending; absent where no mail is wanted (some tests): nothing is queued then. */
  mail?: MailServices;
}

/** Who sent a request, for the inbox and the audit log. */
export interface Caller {
  /** e.g. `apps-script`, `cli`, or the signing key's name. */
  name: string;
  /** Network origin as the platform reports it. */
  address: string;
  /** The role the route was opened with (API.md "Roles"); null on the public routes, which change nothing. */
  role: Role | null;
  /** Who holds the credential: an administrator's e-mail, `Apps Script triggers`, `Cloud Tasks`, `local secret`. */
  identity: string;
}

export type SubmissionStatus = 'accepted' | 'duplicate' | 'refused';

export interface Outcome {
  status: SubmissionStatus;
  id: string | null;
  errors: Violation[];
}

export const accepted = (id: string): Outcome => ({ status: 'accepted', id, errors: [] });
export const duplicate = (id: string): Outcome => ({ status: 'duplicate', id, errors: [] });
export const refused = (errors: Violation[], id: string | null = null): Outcome => ({ status: 'refused', id, errors });
