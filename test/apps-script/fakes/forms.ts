// FormApp fake: forms with typed items (stable ids, choices, navigation, validations), and responses a test submits by item id.
// Forms behave as Google's do since the publishing change ("API changes to Google Forms"): a form a script creates starts
// unpublished and takes no responses; accepting responses cannot be switched on before it is published; publishing
// switches it on. E-mails are collected as verified (the respondent's Google account) or typed; limiting responders to
// the domain exists only on a Google Workspace account.
import type { FakeClock } from './clock';
import { charge, type AccountKind } from './runtime';

export const ItemType = {
  CHECKBOX: 'CHECKBOX',
  DATE: 'DATE',
  FILE_UPLOAD: 'FILE_UPLOAD',
  LIST: 'LIST',
  MULTIPLE_CHOICE: 'MULTIPLE_CHOICE',
  PAGE_BREAK: 'PAGE_BREAK',
  PARAGRAPH_TEXT: 'PARAGRAPH_TEXT',
  SECTION_HEADER: 'SECTION_HEADER',
  TEXT: 'TEXT',
} as const;
export type FakeItemType = (typeof ItemType)[keyof typeof ItemType];

export const EmailCollectionType = {
  DO_NOT_COLLECT: 'DO_NOT_COLLECT',
  VERIFIED: 'VERIFIED',
  RESPONDER_INPUT: 'RESPONDER_INPUT',
} as const;
type EmailCollection = (typeof EmailCollectionType)[keyof typeof EmailCollectionType];

export const PageNavigationType = {
  CONTINUE: 'CONTINUE',
  GO_TO_PAGE: 'GO_TO_PAGE',
  RESTART: 'RESTART',
  SUBMIT: 'SUBMIT',
} as const;
type Navigation = (typeof PageNavigationType)[keyof typeof PageNavigationType];

export interface FakeValidation {
  kind: 'checkbox' | 'text';
  rule: string;
  value: number | string | null;
  helpText: string;
}

export class FakeChoice {
  constructor(
    readonly value: string,
    readonly gotoPage: FakeItem | null,
    readonly navigation: Navigation | null,
  ) {}

  getValue(): string {
    return this.value;
  }

  getGotoPage(): FakeItem | null {
    return this.gotoPage;
  }

  getPageNavigationType(): Navigation {
    return this.gotoPage ? 'GO_TO_PAGE' : (this.navigation ?? 'CONTINUE');
  }

  isCorrectAnswer(): boolean {
    return false;
  }
}

const CHOICE_TYPES: readonly FakeItemType[] = ['CHECKBOX', 'LIST', 'MULTIPLE_CHOICE'];

/** One class plays every item type; `asXItem()` checks the type like FormApp does. */
export class FakeItem {
  title = '';
  helpText = '';
  required = false;
  choices: FakeChoice[] = [];
  validation: FakeValidation | null = null;
  goTo: FakeItem | Navigation = 'CONTINUE';
  includesYear = true;
  otherOption = false;

  constructor(
    readonly form: FakeForm,
    readonly id: number,
    readonly type: FakeItemType,
  ) {}

  getId(): number {
    return this.id;
  }

  getType(): FakeItemType {
    return this.type;
  }

  getIndex(): number {
    return this.form.items.indexOf(this);
  }

  getTitle(): string {
    return this.title;
  }

  setTitle(title: string): this {
    charge('formCall');
    this.title = title;
    return this;
  }

  getHelpText(): string {
    return this.helpText;
  }

  setHelpText(text: string): this {
    charge('formCall');
    this.helpText = text;
    return this;
  }

  isRequired(): boolean {
    return this.required;
  }

  setRequired(required: boolean): this {
    charge('formCall');
    this.assertNot(['PAGE_BREAK', 'SECTION_HEADER'], 'setRequired');
    this.required = required;
    return this;
  }

  createChoice(value: string, navigation?: FakeItem | Navigation | boolean): FakeChoice {
    this.assertIs(CHOICE_TYPES, 'createChoice');
    if (navigation instanceof FakeItem) {
      if (navigation.type !== 'PAGE_BREAK') throw new Error('Exception: navigation target must be a PageBreakItem');
      if (this.type === 'CHECKBOX') throw new Error('Exception: checkbox choices cannot navigate');
      return new FakeChoice(value, navigation, null);
    }
    return new FakeChoice(value, null, typeof navigation === 'string' ? navigation : null);
  }

  setChoices(choices: readonly FakeChoice[]): this {
    charge('formCall');
    this.assertIs(CHOICE_TYPES, 'setChoices');
    if (choices.length === 0) throw new Error('Exception: Array is empty: choices');
    for (const choice of choices) {
      if (choice.gotoPage && choice.gotoPage.form !== this.form)
        throw new Error('Exception: page break of another form');
      if (choice.gotoPage && !this.form.items.includes(choice.gotoPage))
        throw new Error('Exception: page break was deleted');
    }
    this.choices = [...choices];
    return this;
  }

  setChoiceValues(values: readonly string[]): this {
    charge('formCall');
    return this.setChoices(values.map((v) => this.createChoice(v)));
  }

  getChoices(): FakeChoice[] {
    this.assertIs(CHOICE_TYPES, 'getChoices');
    return [...this.choices];
  }

  showOtherOption(enabled: boolean): this {
    charge('formCall');
    this.assertIs(['CHECKBOX', 'MULTIPLE_CHOICE'], 'showOtherOption');
    this.otherOption = enabled;
    return this;
  }

  hasOtherOption(): boolean {
    return this.otherOption;
  }

  setValidation(validation: FakeValidation): this {
    charge('formCall');
    if (validation.kind === 'checkbox') this.assertIs(['CHECKBOX'], 'setValidation(CheckboxValidation)');
    else this.assertIs(['TEXT', 'PARAGRAPH_TEXT'], 'setValidation(TextValidation)');
    this.validation = validation;
    return this;
  }

  clearValidation(): this {
    charge('formCall');
    this.validation = null;
    return this;
  }

  setIncludesYear(enabled: boolean): this {
    charge('formCall');
    this.assertIs(['DATE'], 'setIncludesYear');
    this.includesYear = enabled;
    return this;
  }

  setGoToPage(target: FakeItem | Navigation): this {
    charge('formCall');
    this.assertIs(['PAGE_BREAK'], 'setGoToPage');
    if (target instanceof FakeItem && target.type !== 'PAGE_BREAK')
      throw new Error('Exception: target must be a PageBreakItem');
    this.goTo = target;
    return this;
  }

  getGoToPage(): FakeItem | null {
    return this.goTo instanceof FakeItem ? this.goTo : null;
  }

  getPageNavigationType(): Navigation {
    return this.goTo instanceof FakeItem ? 'GO_TO_PAGE' : this.goTo;
  }

  asCheckboxItem(): this {
    return this.as('CHECKBOX');
  }

  asDateItem(): this {
    return this.as('DATE');
  }

  asListItem(): this {
    return this.as('LIST');
  }

  asMultipleChoiceItem(): this {
    return this.as('MULTIPLE_CHOICE');
  }

  asPageBreakItem(): this {
    return this.as('PAGE_BREAK');
  }

  asParagraphTextItem(): this {
    return this.as('PARAGRAPH_TEXT');
  }

  asSectionHeaderItem(): this {
    return this.as('SECTION_HEADER');
  }

  asTextItem(): this {
    return this.as('TEXT');
  }

  asFileUploadItem(): this {
    return this.as('FILE_UPLOAD');
  }

  private as(type: FakeItemType): this {
    if (this.type !== type) throw new Error(`Exception: Item ${String(this.id)} is a ${this.type}, not a ${type}`);
    if (!this.form.items.includes(this)) throw new Error(`Exception: Item ${String(this.id)} was deleted`);
    return this;
  }

  private assertIs(types: readonly FakeItemType[], method: string): void {
    if (!types.includes(this.type)) throw new Error(`Exception: ${method} is not available on a ${this.type} item`);
  }

  private assertNot(types: readonly FakeItemType[], method: string): void {
    if (types.includes(this.type)) throw new Error(`Exception: ${method} is not available on a ${this.type} item`);
  }
}

export class FakeItemResponse {
  constructor(
    readonly item: FakeItem,
    readonly value: string | string[],
  ) {}

  getItem(): FakeItem {
    return this.item;
  }

  getResponse(): string | string[] {
    return Array.isArray(this.value) ? [...this.value] : this.value;
  }
}

export class FakeFormResponse {
  constructor(
    readonly id: string,
    readonly timestamp: Date,
    readonly email: string,
    readonly itemResponses: FakeItemResponse[],
  ) {}

  getId(): string {
    return this.id;
  }

  getTimestamp(): Date {
    return new Date(this.timestamp.getTime());
  }

  getRespondentEmail(): string {
    return this.email;
  }

  getItemResponses(): FakeItemResponse[] {
    return [...this.itemResponses];
  }

  getResponseForItem(item: FakeItem): FakeItemResponse | null {
    return this.itemResponses.find((r) => r.item.id === item.id) ?? null;
  }
}

export type Answer = string | string[];

export class FakeForm {
  readonly items: FakeItem[] = [];
  readonly responses: FakeFormResponse[] = [];
  description = '';
  confirmation = '';
  emailCollection: EmailCollection = 'DO_NOT_COLLECT';
  allowResponseEdits = true;
  /** A form made by a script starts unpublished and closed (Google, since 2026); a test may open one by hand. */
  accepting = false;
  published = false;
  /** Only people signed in to the owner's Workspace domain may respond. */
  requireLogin = false;
  showLinkToRespondAgain = false;

  constructor(
    readonly app: FakeFormApp,
    readonly id: string,
    public title: string,
  ) {}

  getId(): string {
    return this.id;
  }

  getTitle(): string {
    return this.title;
  }

  setTitle(title: string): this {
    charge('formCall');
    this.title = title;
    return this;
  }

  getDescription(): string {
    return this.description;
  }

  setDescription(description: string): this {
    charge('formCall');
    this.description = description;
    return this;
  }

  setConfirmationMessage(message: string): this {
    charge('formCall');
    this.confirmation = message;
    return this;
  }

  /** Older call: collects an e-mail the respondent types (or verified, if that was chosen) — which one is left open. */
  setCollectEmail(collect: boolean): this {
    charge('formCall');
    if (!collect) this.emailCollection = 'DO_NOT_COLLECT';
    else if (this.emailCollection === 'DO_NOT_COLLECT') this.emailCollection = 'RESPONDER_INPUT';
    return this;
  }

  collectsEmail(): boolean {
    return this.emailCollection !== 'DO_NOT_COLLECT';
  }

  /** Test view: whether e-mails are collected at all. */
  get collectEmail(): boolean {
    return this.collectsEmail();
  }

  setEmailCollectionType(type: EmailCollection): this {
    charge('formCall');
    if (!Object.values(EmailCollectionType).includes(type))
      throw new Error('Exception: Invalid argument: emailCollectionType');
    if (type === 'VERIFIED' && this.app.verifiedUnavailable) {
      throw new Error('Exception: Verified email collection is not available for this form.');
    }
    this.emailCollection = type;
    return this;
  }

  getEmailCollectionType(): EmailCollection {
    return this.emailCollection;
  }

  setRequireLogin(required: boolean): this {
    charge('formCall');
    if (required && this.app.account !== 'workspace') {
      throw new Error('Exception: Restricting responses to a domain is only available for Google Workspace accounts.');
    }
    this.requireLogin = required;
    return this;
  }

  requiresLogin(): boolean {
    return this.requireLogin;
  }

  setAllowResponseEdits(enabled: boolean): this {
    charge('formCall');
    this.allowResponseEdits = enabled;
    return this;
  }

  setAcceptingResponses(enabled: boolean): this {
    charge('formCall');
    // The Forms service refuses accepting responses on an unpublished form.
    if (enabled && !this.published)
      throw new Error('Exception: The form must be published before it can accept responses.');
    this.accepting = enabled;
    return this;
  }

  /** What a person sees on the form once it stopped taking answers. */
  closedMessage = '';

  setCustomClosedFormMessage(message: string): this {
    charge('formCall');
    this.closedMessage = message;
    return this;
  }

  isAcceptingResponses(): boolean {
    return this.accepting;
  }

  setShowLinkToRespondAgain(enabled: boolean): this {
    charge('formCall');
    this.showLinkToRespondAgain = enabled;
    return this;
  }

  /** Publishing opens the form to responses; unpublishing closes it. */
  setPublished(published: boolean): this {
    charge('formCall');
    this.published = published;
    this.accepting = published;
    return this;
  }

  isPublished(): boolean {
    return this.published;
  }

  getPublishedUrl(): string {
    return `https://docs.google.com/forms/d/e/${this.id}/viewform`;
  }

  getEditUrl(): string {
    return `https://docs.google.com/forms/d/${this.id}/edit`;
  }

  private add(type: FakeItemType): FakeItem {
    charge('formCall');
    const item = new FakeItem(this, this.app.nextItemId(), type);
    this.items.push(item);
    this.app.calls.addItem++;
    return item;
  }

  addCheckboxItem(): FakeItem {
    return this.add('CHECKBOX');
  }

  addDateItem(): FakeItem {
    return this.add('DATE');
  }

  addListItem(): FakeItem {
    return this.add('LIST');
  }

  addMultipleChoiceItem(): FakeItem {
    return this.add('MULTIPLE_CHOICE');
  }

  addPageBreakItem(): FakeItem {
    return this.add('PAGE_BREAK');
  }

  addParagraphTextItem(): FakeItem {
    return this.add('PARAGRAPH_TEXT');
  }

  addSectionHeaderItem(): FakeItem {
    return this.add('SECTION_HEADER');
  }

  addTextItem(): FakeItem {
    return this.add('TEXT');
  }

  /** Test only: FormApp cannot create file-upload questions; this is the committee adding one in the Forms editor. */
  addFileUploadItemByHand(title: string): FakeItem {
    return this.add('FILE_UPLOAD').setTitle(title);
  }

  getItems(type?: FakeItemType): FakeItem[] {
    return this.items.filter((i) => type === undefined || i.type === type);
  }

  getItemById(id: number): FakeItem | null {
    return this.items.find((i) => i.id === id) ?? null;
  }

  deleteItem(itemOrIndex: FakeItem | number): void {
    charge('formCall');
    const index = typeof itemOrIndex === 'number' ? itemOrIndex : this.items.indexOf(itemOrIndex);
    if (index < 0 || index >= this.items.length) throw new Error('Exception: item index out of range');
    const [removed] = this.items.splice(index, 1);
    for (const item of this.items) {
      item.choices = item.choices.map((c) => (c.gotoPage === removed ? new FakeChoice(c.value, null, 'CONTINUE') : c));
      if (item.goTo === removed) item.goTo = 'CONTINUE';
    }
  }

  moveItem(itemOrFrom: FakeItem | number, toIndex: number): FakeItem {
    charge('formCall');
    const from = typeof itemOrFrom === 'number' ? itemOrFrom : this.items.indexOf(itemOrFrom);
    const [item] = this.items.splice(from, 1);
    if (!item) throw new Error('Exception: item index out of range');
    this.items.splice(toIndex, 0, item);
    this.app.calls.moveItem++;
    return item;
  }

  /** All responses, or those submitted at or after `timestamp` (as FormApp), in submission order. */
  getResponses(timestamp?: Date): FakeFormResponse[] {
    charge('formResponses');
    this.app.calls.getResponses++;
    if (timestamp === undefined) return [...this.responses];
    const from = timestamp.getTime();
    return this.responses.filter((r) => r.timestamp.getTime() >= from);
  }

  getResponse(responseId: string): FakeFormResponse {
    charge('formResponses');
    this.app.calls.getResponse++;
    const found = this.responses.find((r) => r.id === responseId);
    if (!found) throw new Error(`Exception: No response with ID ${responseId} exists for this form.`);
    return found;
  }

  /** Test only: first item with this title. */
  itemByTitle(title: string): FakeItem {
    const item = this.items.find((i) => i.title === title);
    if (!item) throw new Error(`no item titled "${title}" in form "${this.title}"`);
    return item;
  }

  /** Test only: the committee opens a form by hand in the Forms editor (published, taking responses). */
  openByHand(): this {
    this.published = true;
    this.accepting = true;
    return this;
  }

  /**
   * Test only: a respondent submits; answers by item id, unknown ids are an error, choice answers must be offered
   * choices. An unpublished or closed form takes nothing (the respondent sees it cannot be answered).
   */
  submit(email: string, answers: ReadonlyArray<readonly [number, Answer]>, timestamp: Date): FakeFormResponse {
    if (!this.published) throw new Error(`submit: the form "${this.title}" is not published; nobody can respond`);
    if (!this.accepting) throw new Error(`submit: the form "${this.title}" is not accepting responses`);
    const itemResponses = answers.map(([id, value]) => {
      const item = this.getItemById(id);
      if (!item) throw new Error(`submit: no item ${String(id)}`);
      if (CHOICE_TYPES.includes(item.type)) {
        const offered = new Set(item.choices.map((c) => c.value));
        for (const v of Array.isArray(value) ? value : [value]) {
          if (!offered.has(v)) throw new Error(`submit: "${v}" is not a choice of "${item.title}"`);
        }
      }
      return new FakeItemResponse(item, value);
    });
    const response = new FakeFormResponse(
      `2_ABaOnud${this.app.nextResponseId()}`,
      timestamp,
      this.collectsEmail() ? email : '',
      itemResponses,
    );
    this.responses.push(response);
    return response;
  }
}

function validationBuilder(kind: FakeValidation['kind']): Record<string, unknown> {
  const state: FakeValidation = { kind, rule: '', value: null, helpText: '' };
  const builder: Record<string, unknown> = {
    setHelpText: (text: string) => {
      state.helpText = text;
      return builder;
    },
    build: () => ({ ...state }),
  };
  const rules =
    kind === 'checkbox'
      ? ['requireSelectAtLeast', 'requireSelectAtMost', 'requireSelectExactly']
      : [
          'requireTextMatchesPattern',
          'requireTextContainsPattern',
          'requireTextIsEmail',
          'requireTextIsUrl',
          'requireNumber',
        ];
  for (const rule of rules) {
    builder[rule] = (value?: number | string) => {
      if (rule.startsWith('requireSelect') && (typeof value !== 'number' || !Number.isInteger(value) || value < 1)) {
        throw new Error(`Exception: ${rule} needs a positive integer`);
      }
      state.rule = rule;
      state.value = value ?? null;
      return builder;
    };
  }
  return builder;
}

export class FakeFormApp {
  readonly forms: FakeForm[] = [];
  readonly calls = { create: 0, addItem: 0, moveItem: 0, openById: 0, getResponses: 0, getResponse: 0 };
  /** The account the script runs as: a domain restriction exists only on Google Workspace. */
  account: AccountKind = 'consumer';
  /** Test only: the account (or runtime) cannot collect verified e-mails; setEmailCollectionType(VERIFIED) throws. */
  verifiedUnavailable = false;
  private itemCounter = 1_000_000;
  private responseCounter = 0;
  private formCounter = 0;

  constructor(private readonly clock: FakeClock) {}

  nextItemId(): number {
    this.itemCounter += 7919;
    return this.itemCounter;
  }

  nextResponseId(): string {
    this.responseCounter++;
    return `${String(this.responseCounter).padStart(6, '0')}x${String(this.clock.nowMs)}`;
  }

  /** Test only: the form whose title starts with `prefix`. */
  formByTitle(prefix: string): FakeForm {
    const form = this.forms.find((f) => f.title.startsWith(prefix));
    if (!form) throw new Error(`no form titled "${prefix}…"`);
    return form;
  }

  create(title: string): FakeForm {
    charge('formCreate');
    this.formCounter++;
    this.calls.create++;
    const form = new FakeForm(this, `form-${String(this.formCounter)}`, title);
    this.forms.push(form);
    return form;
  }

  /** The FormApp global. */
  global(): unknown {
    return {
      ItemType,
      PageNavigationType,
      EmailCollectionType,
      create: (title: string) => this.create(title),
      openById: (id: string) => {
        charge('formOpen');
        this.calls.openById++;
        const form = this.forms.find((f) => f.id === id);
        if (!form)
          throw new Error(
            `Exception: No item with the given ID could be found, or you do not have permission to access it. (${id})`,
          );
        return form;
      },
      getActiveForm: () => null,
      createCheckboxValidation: () => validationBuilder('checkbox'),
      createTextValidation: () => validationBuilder('text'),
    };
  }
}
