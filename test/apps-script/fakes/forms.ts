// FormApp fake: forms with typed items (stable ids, choices, navigation, validations), and responses a test submits by item id.
import type { FakeClock } from './clock';

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

export const PageNavigationType = { CONTINUE: 'CONTINUE', GO_TO_PAGE: 'GO_TO_PAGE', RESTART: 'RESTART', SUBMIT: 'SUBMIT' } as const;
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
    this.title = title;
    return this;
  }

  getHelpText(): string {
    return this.helpText;
  }

  setHelpText(text: string): this {
    this.helpText = text;
    return this;
  }

  isRequired(): boolean {
    return this.required;
  }

  setRequired(required: boolean): this {
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
    this.assertIs(CHOICE_TYPES, 'setChoices');
    if (choices.length === 0) throw new Error('Exception: Array is empty: choices');
    for (const choice of choices) {
      if (choice.gotoPage && choice.gotoPage.form !== this.form) throw new Error('Exception: page break of another form');
      if (choice.gotoPage && !this.form.items.includes(choice.gotoPage)) throw new Error('Exception: page break was deleted');
    }
    this.choices = [...choices];
    return this;
  }

  setChoiceValues(values: readonly string[]): this {
    return this.setChoices(values.map((v) => this.createChoice(v)));
  }

  getChoices(): FakeChoice[] {
    this.assertIs(CHOICE_TYPES, 'getChoices');
    return [...this.choices];
  }

  showOtherOption(enabled: boolean): this {
    this.assertIs(['CHECKBOX', 'MULTIPLE_CHOICE'], 'showOtherOption');
    this.otherOption = enabled;
    return this;
  }

  hasOtherOption(): boolean {
    return this.otherOption;
  }

  setValidation(validation: FakeValidation): this {
    if (validation.kind === 'checkbox') this.assertIs(['CHECKBOX'], 'setValidation(CheckboxValidation)');
    else this.assertIs(['TEXT', 'PARAGRAPH_TEXT'], 'setValidation(TextValidation)');
    this.validation = validation;
    return this;
  }

  clearValidation(): this {
    this.validation = null;
    return this;
  }

  setIncludesYear(enabled: boolean): this {
    this.assertIs(['DATE'], 'setIncludesYear');
    this.includesYear = enabled;
    return this;
  }

  setGoToPage(target: FakeItem | Navigation): this {
    this.assertIs(['PAGE_BREAK'], 'setGoToPage');
    if (target instanceof FakeItem && target.type !== 'PAGE_BREAK') throw new Error('Exception: target must be a PageBreakItem');
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
  collectEmail = false;
  allowResponseEdits = true;
  accepting = true;
  published = false;
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
    this.title = title;
    return this;
  }

  getDescription(): string {
    return this.description;
  }

  setDescription(description: string): this {
    this.description = description;
    return this;
  }

  setConfirmationMessage(message: string): this {
    this.confirmation = message;
    return this;
  }

  setCollectEmail(collect: boolean): this {
    this.collectEmail = collect;
    return this;
  }

  collectsEmail(): boolean {
    return this.collectEmail;
  }

  setAllowResponseEdits(enabled: boolean): this {
    this.allowResponseEdits = enabled;
    return this;
  }

  setAcceptingResponses(enabled: boolean): this {
    this.accepting = enabled;
    return this;
  }

  /** What a person sees on the form once it stopped taking answers. */
  closedMessage = '';

  setCustomClosedFormMessage(message: string): this {
    this.closedMessage = message;
    return this;
  }

  isAcceptingResponses(): boolean {
    return this.accepting;
  }

  setShowLinkToRespondAgain(enabled: boolean): this {
    this.showLinkToRespondAgain = enabled;
    return this;
  }

  setPublished(published: boolean): void {
    this.published = published;
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
    const index = typeof itemOrIndex === 'number' ? itemOrIndex : this.items.indexOf(itemOrIndex);
    if (index < 0 || index >= this.items.length) throw new Error('Exception: item index out of range');
    const [removed] = this.items.splice(index, 1);
    for (const item of this.items) {
      item.choices = item.choices.map((c) => (c.gotoPage === removed ? new FakeChoice(c.value, null, 'CONTINUE') : c));
      if (item.goTo === removed) item.goTo = 'CONTINUE';
    }
  }

  moveItem(itemOrFrom: FakeItem | number, toIndex: number): FakeItem {
    const from = typeof itemOrFrom === 'number' ? itemOrFrom : this.items.indexOf(itemOrFrom);
    const [item] = this.items.splice(from, 1);
    if (!item) throw new Error('Exception: item index out of range');
    this.items.splice(toIndex, 0, item);
    this.app.calls.moveItem++;
    return item;
  }

  /** All responses, or those submitted at or after `timestamp` (as FormApp), in submission order. */
  getResponses(timestamp?: Date): FakeFormResponse[] {
    this.app.calls.getResponses++;
    if (timestamp === undefined) return [...this.responses];
    const from = timestamp.getTime();
    return this.responses.filter((r) => r.timestamp.getTime() >= from);
  }

  getResponse(responseId: string): FakeFormResponse {
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

  /** Test only: a respondent submits; answers by item id, unknown ids are an error, choice answers must be offered choices. */
  submit(email: string, answers: ReadonlyArray<readonly [number, Answer]>, timestamp: Date): FakeFormResponse {
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
    const response = new FakeFormResponse(`2_ABaOnud${this.app.nextResponseId()}`, timestamp, this.collectEmail ? email : '', itemResponses);
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
      : ['requireTextMatchesPattern', 'requireTextContainsPattern', 'requireTextIsEmail', 'requireTextIsUrl', 'requireNumber'];
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
      create: (title: string) => this.create(title),
      openById: (id: string) => {
        this.calls.openById++;
        const form = this.forms.find((f) => f.id === id);
        if (!form) throw new Error(`Exception: No item with the given ID could be found, or you do not have permission to access it. (${id})`);
        return form;
      },
      getActiveForm: () => null,
      createCheckboxValidation: () => validationBuilder('checkbox'),
      createTextValidation: () => validationBuilder('text'),
    };
  }
}
