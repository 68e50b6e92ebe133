// ScriptApp fake (trigger builders, each account's project triggers, enums, the script's OAuth and identity tokens) and Session.
import { identityToken } from './identity';
import { charge } from './runtime';
import { FAKE_OAUTH_TOKEN } from './sheets-api';

export const EventType = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
} as const;
type FakeEventType = (typeof EventType)[keyof typeof EventType];
export const TriggerSource = {
  CLOCK: 'CLOCK',
  SPREADSHEETS: 'SPREADSHEETS',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
} as const;
export const WeekDay = {
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
  SUNDAY: 'SUNDAY',
} as const;

export interface ClockSchedule {
  /** A one-off trigger: fires once at this time (ms), then stays listed (disabled) until deleted, as in Apps Script. */
  atMs?: number;
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  atHour?: number;
  weekDay?: string;
  monthDay?: number;
  timeZone?: string;
}

export class FakeTrigger {
  constructor(
    /** The account that created it: the trigger runs as this account, and only it sees or deletes it. */
    readonly owner: string,
    readonly uniqueId: string,
    readonly handler: string,
    readonly eventType: FakeEventType,
    readonly source: string,
    readonly sourceId: string | null,
    readonly schedule: ClockSchedule | null,
  ) {}

  getUniqueId(): string {
    return this.uniqueId;
  }

  getHandlerFunction(): string {
    return this.handler;
  }

  getEventType(): FakeEventType {
    return this.eventType;
  }

  getTriggerSource(): string {
    return this.source;
  }

  getTriggerSourceId(): string | null {
    return this.sourceId;
  }
}

function idOf(target: string | { getId(): string }): string {
  return typeof target === 'string' ? target : target.getId();
}

export class FakeScriptApp {
  /** Every account's triggers of the project (Apps Script shows each account only its own). */
  readonly triggers: FakeTrigger[] = [];
  readonly calls = { create: 0, delete: 0, getProjectTriggers: 0, getIdentityToken: 0 };
  private counter = 0;

  /** The fake clock's now (for one-off triggers made with after()). */
  now: () => number = () => Date.now();
  /** The account running the execution (FakeRuntime.user). */
  user: () => string = () => 'bantochuc@doankhoi.example.vn';
  /** The scopes the account granted (default: the manifest's, set by createFakes). */
  scopes: readonly string[] = [];
  /** Test view: the identity tokens handed out, in order. */
  readonly identityTokens: Array<{ user: string; token: string }> = [];

  /** Test view: the triggers of one account. */
  ownedBy(user: string): FakeTrigger[] {
    return this.triggers.filter((t) => t.owner === user.toLowerCase());
  }

  /** Test only: one-off time triggers due at `nowMs` and not fired yet, oldest first; each is marked fired. */
  takeDueOneOff(nowMs: number): FakeTrigger[] {
    const due = this.triggers.filter(
      (t) => t.schedule?.atMs !== undefined && t.schedule.atMs <= nowMs && !this.fired.has(t.uniqueId),
    );
    due.sort((a, b) => (a.schedule?.atMs ?? 0) - (b.schedule?.atMs ?? 0));
    for (const t of due) this.fired.add(t.uniqueId);
    return due;
  }

  private readonly fired = new Set<string>();

  private add(
    handler: string,
    eventType: FakeEventType,
    source: string,
    sourceId: string | null,
    schedule: ClockSchedule | null,
  ): FakeTrigger {
    charge('triggerChange');
    // 20 triggers per user per script: another account's triggers do not count against this one's.
    const owner = this.user().toLowerCase();
    if (this.ownedBy(owner).length >= 20)
      throw new Error(
        'Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    this.counter++;
    this.calls.create++;
    const trigger = new FakeTrigger(
      owner,
      `trigger-${String(this.counter)}`,
      handler,
      eventType,
      source,
      sourceId,
      schedule,
    );
    this.triggers.push(trigger);
    return trigger;
  }

  /** Test only: triggers of a handler. */
  byHandler(handler: string): FakeTrigger[] {
    return this.triggers.filter((t) => t.handler === handler);
  }

  private newTrigger(handler: string): unknown {
    return {
      timeBased: () => {
        const schedule: ClockSchedule = {};
        const builder = {
          everyMinutes: (n: number) => {
            if (![1, 5, 10, 15, 30].includes(n)) throw new Error('Exception: everyMinutes accepts 1, 5, 10, 15 or 30');
            schedule.everyMinutes = n;
            return builder;
          },
          everyHours: (n: number) => {
            schedule.everyHours = n;
            return builder;
          },
          everyDays: (n: number) => {
            schedule.everyDays = n;
            return builder;
          },
          atHour: (h: number) => {
            schedule.atHour = h;
            return builder;
          },
          nearMinute: () => builder,
          after: (ms: number) => {
            if (!Number.isInteger(ms) || ms < 0) throw new Error('Exception: after() needs a duration in ms');
            schedule.atMs = this.now() + ms;
            return builder;
          },
          at: (date: Date) => {
            schedule.atMs = date.getTime();
            return builder;
          },
          onWeekDay: (day: string) => {
            schedule.weekDay = day;
            return builder;
          },
          onMonthDay: (day: number) => {
            schedule.monthDay = day;
            return builder;
          },
          inTimezone: (tz: string) => {
            schedule.timeZone = tz;
            return builder;
          },
          create: () => {
            if (Object.keys(schedule).filter((k) => k !== 'timeZone').length === 0)
              throw new Error('Exception: the time trigger has no schedule');
            return this.add(handler, 'CLOCK', 'CLOCK', null, { ...schedule });
          },
        };
        return builder;
      },
      forForm: (form: string | { getId(): string }) => ({
        onFormSubmit: () => ({ create: () => this.add(handler, 'ON_FORM_SUBMIT', 'FORMS', idOf(form), null) }),
        onOpen: () => ({ create: () => this.add(handler, 'ON_OPEN', 'FORMS', idOf(form), null) }),
      }),
      forSpreadsheet: (spreadsheet: string | { getId(): string }) => {
        const kind = (eventType: FakeEventType) => ({
          create: () => this.add(handler, eventType, 'SPREADSHEETS', idOf(spreadsheet), null),
        });
        return {
          onEdit: () => kind('ON_EDIT'),
          onOpen: () => kind('ON_OPEN'),
          onChange: () => kind('ON_CHANGE'),
          onFormSubmit: () => kind('ON_FORM_SUBMIT'),
        };
      },
    };
  }

  global(): unknown {
    return {
      EventType,
      TriggerSource,
      WeekDay,
      AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL' },
      newTrigger: (handler: string) => this.newTrigger(handler),
      // "All installable triggers associated with the current project and current user."
      getProjectTriggers: () => {
        charge('getProjectTriggers');
        this.calls.getProjectTriggers++;
        return this.ownedBy(this.user());
      },
      getOAuthToken: () => FAKE_OAUTH_TOKEN,
      getIdentityToken: () => {
        this.calls.getIdentityToken++;
        const user = this.user();
        const token = identityToken(user, this.now(), this.scopes);
        if (token !== null) this.identityTokens.push({ user, token });
        return token;
      },
      deleteTrigger: (trigger: FakeTrigger) => {
        charge('triggerChange');
        const index = this.triggers.findIndex(
          (t) => t.uniqueId === trigger.uniqueId && t.owner === this.user().toLowerCase(),
        );
        if (index < 0) throw new Error('Exception: trigger not found');
        this.triggers.splice(index, 1);
        this.calls.delete++;
      },
    };
  }
}

export class FakeSession {
  constructor(
    public activeUser: string,
    /** The account the execution runs as (FakeRuntime.user). */
    readonly effectiveUser: () => string,
  ) {}

  global(): unknown {
    return {
      getActiveUser: () => ({ getEmail: () => this.activeUser }),
      getEffectiveUser: () => ({ getEmail: () => this.effectiveUser() }),
      getScriptTimeZone: () => 'Asia/Ho_Chi_Minh',
    };
  }
}
