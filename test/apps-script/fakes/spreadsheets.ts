// SpreadsheetApp fake: spreadsheets, sheets and ranges (values, by row/column or A1), editors, toasts, and a Ui with menus and alerts.
// An edit event tells who edited as Google does: `e.user` is the editor only for the trigger's owner, or when both are in
// the same Google Workspace domain; for anyone else (any other editor on a consumer account) it is blank.
import { columnIndex, columnLetter } from '../../../functions/src/contract/a1';
import { charge, type AccountKind } from './runtime';

export type Cell = string | number | boolean | Date;

export interface FakeUser {
  getEmail(): string;
}

export function user(email: string): FakeUser {
  return { getEmail: () => email };
}

/** 1-based column of letters, as Apps Script numbers columns. */
const columnNumber = (letters: string): number => (columnIndex(letters) ?? -1) + 1;
const columnLetters = (column: number): string => columnLetter(column - 1);

export class FakeRange {
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {
    if (row < 1 || column < 1 || numRows < 1 || numColumns < 1) {
      throw new Error(
        `Exception: The coordinates of the range are outside the dimensions of the sheet (${String(row)}, ${String(column)}, ${String(numRows)}, ${String(numColumns)}).`,
      );
    }
  }

  getSheet(): FakeSheet {
    return this.sheet;
  }

  getRow(): number {
    return this.row;
  }

  getColumn(): number {
    return this.column;
  }

  getNumRows(): number {
    return this.numRows;
  }

  getNumColumns(): number {
    return this.numColumns;
  }

  getLastRow(): number {
    return this.row + this.numRows - 1;
  }

  getLastColumn(): number {
    return this.column + this.numColumns - 1;
  }

  getA1Notation(): string {
    const start = `${columnLetters(this.column)}${String(this.row)}`;
    if (this.numRows === 1 && this.numColumns === 1) return start;
    return `${start}:${columnLetters(this.getLastColumn())}${String(this.getLastRow())}`;
  }

  getValue(): Cell {
    charge('spreadsheetCall');
    return this.sheet.cell(this.row, this.column);
  }

  getValues(): Cell[][] {
    charge('spreadsheetCall');
    const values: Cell[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const row: Cell[] = [];
      for (let c = 0; c < this.numColumns; c++) row.push(this.sheet.cell(this.row + r, this.column + c));
      values.push(row);
    }
    return values;
  }

  setValue(value: Cell): this {
    charge('spreadsheetCall');
    this.sheet.setCell(this.row, this.column, value);
    return this;
  }

  setValues(values: readonly (readonly Cell[])[]): this {
    charge('spreadsheetCall');
    if (values.length !== this.numRows || values.some((r) => r.length !== this.numColumns)) {
      throw new Error(
        `Exception: The number of rows or columns in the data does not match the range (${this.getA1Notation()}).`,
      );
    }
    values.forEach((row, r) => {
      row.forEach((value, c) => {
        this.sheet.setCell(this.row + r, this.column + c, value);
      });
    });
    return this;
  }
}

export class FakeSheet {
  private readonly cells = new Map<string, Cell>();

  constructor(
    readonly spreadsheet: FakeSpreadsheet,
    public name: string,
    readonly sheetId: number,
  ) {}

  cell(row: number, column: number): Cell {
    return this.cells.get(`${String(row)}:${String(column)}`) ?? '';
  }

  setCell(row: number, column: number, value: Cell): void {
    const key = `${String(row)}:${String(column)}`;
    if (value === '') this.cells.delete(key);
    else this.cells.set(key, value);
    this.spreadsheet.touch();
  }

  getName(): string {
    return this.name;
  }

  setName(name: string): this {
    if (this.spreadsheet.sheets.some((s) => s !== this && s.name === name))
      throw new Error(`Exception: A sheet with the name "${name}" already exists.`);
    this.name = name;
    return this;
  }

  getSheetId(): number {
    return this.sheetId;
  }

  getParent(): FakeSpreadsheet {
    return this.spreadsheet;
  }

  getLastRow(): number {
    let last = 0;
    for (const key of this.cells.keys()) last = Math.max(last, Number(key.split(':')[0]));
    return last;
  }

  getLastColumn(): number {
    let last = 0;
    for (const key of this.cells.keys()) last = Math.max(last, Number(key.split(':')[1]));
    return last;
  }

  getRange(rowOrA1: number | string, column?: number, numRows = 1, numColumns = 1): FakeRange {
    if (typeof rowOrA1 === 'string') {
      const match = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(rowOrA1);
      if (!match?.[1] || !match[2]) throw new Error(`Exception: Range not found (${rowOrA1})`);
      const c1 = columnNumber(match[1]);
      const r1 = Number(match[2]);
      const c2 = match[3] ? columnNumber(match[3]) : c1;
      const r2 = match[4] ? Number(match[4]) : r1;
      return new FakeRange(this, Math.min(r1, r2), Math.min(c1, c2), Math.abs(r2 - r1) + 1, Math.abs(c2 - c1) + 1);
    }
    if (column === undefined) throw new Error('Exception: getRange(row) needs a column');
    return new FakeRange(this, rowOrA1, column, numRows, numColumns);
  }

  getDataRange(): FakeRange {
    return new FakeRange(this, 1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }

  appendRow(values: readonly Cell[]): this {
    const row = this.getLastRow() + 1;
    values.forEach((v, i) => {
      this.setCell(row, i + 1, v);
    });
    return this;
  }

  /** Test only: the rows as plain arrays. */
  rows(): Cell[][] {
    return this.getDataRange().getValues();
  }
}

export class FakeSpreadsheet {
  readonly sheets: FakeSheet[] = [];
  readonly editors: string[] = [];
  readonly toasts: Array<{ message: string; title: string; seconds: number }> = [];
  /** When Drive last saw the file change (ms; the fake clock): every write, by the script, a person or the function. */
  modifiedMs: number;

  constructor(
    readonly app: FakeSpreadsheetApp,
    readonly id: string,
    public name: string,
    readonly owner: string,
  ) {
    this.modifiedMs = app.now();
    this.sheets.push(new FakeSheet(this, 'Trang tính1', 0));
  }

  /** Marks the file changed now (any write does; a test may call it for a write by someone else, e.g. the function). */
  touch(): void {
    this.modifiedMs = this.app.now();
  }

  getId(): string {
    return this.id;
  }

  getName(): string {
    return this.name;
  }

  rename(name: string): void {
    this.name = name;
  }

  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  getSheets(): FakeSheet[] {
    return [...this.sheets];
  }

  getSheetByName(name: string): FakeSheet | null {
    charge('spreadsheetCall');
    return this.sheets.find((s) => s.name === name) ?? null;
  }

  insertSheet(name: string): FakeSheet {
    charge('spreadsheetCall');
    if (this.getSheetByName(name)) throw new Error(`Exception: A sheet with the name "${name}" already exists.`);
    const sheet = new FakeSheet(this, name, this.sheets.length + 1);
    this.sheets.push(sheet);
    this.touch();
    return sheet;
  }

  getOwner(): FakeUser {
    return user(this.owner);
  }

  getEditors(): FakeUser[] {
    charge('getEditors');
    return [this.owner, ...this.editors].map(user);
  }

  addEditor(emailOrUser: string | FakeUser): this {
    charge('addEditor');
    const email = typeof emailOrUser === 'string' ? emailOrUser : emailOrUser.getEmail();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new Error(`Exception: Invalid email: ${email}`);
    if (email !== this.owner && !this.editors.includes(email)) this.editors.push(email);
    this.app.calls.addEditor++;
    return this;
  }

  addEditors(emails: readonly string[]): this {
    for (const email of emails) this.addEditor(email);
    return this;
  }

  toast(message: string, title = '', seconds = 5): void {
    charge('ui');
    this.toasts.push({ message, title, seconds });
  }
}

export class FakeMenu {
  readonly items: Array<{ caption: string; functionName: string } | 'separator'> = [];

  constructor(
    readonly ui: FakeUi,
    readonly name: string,
  ) {}

  addItem(caption: string, functionName: string): this {
    this.items.push({ caption, functionName });
    return this;
  }

  addSeparator(): this {
    this.items.push('separator');
    return this;
  }

  addToUi(): void {
    this.ui.menus.push(this);
  }
}

export const ButtonSet = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const;
export const Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as const;

export class FakeUi {
  readonly menus: FakeMenu[] = [];
  readonly alerts: Array<{ title: string; message: string }> = [];
  /** Test only: the buttons the person clicks on the next alerts, in turn (OK once they run out). */
  readonly clicks: string[] = [];
  /** Test only: what the person types in the next prompts, in turn (null: they click Cancel; Cancel once they run out). */
  readonly replies: Array<string | null> = [];
  readonly prompts: Array<{ title: string; message: string }> = [];
  readonly ButtonSet = ButtonSet;
  readonly Button = Button;

  /** The three-argument form (title, prompt, buttons) the script uses. */
  prompt(title: string, message: string, buttons: string): { getSelectedButton(): string; getResponseText(): string } {
    charge('ui');
    if (!(buttons in ButtonSet)) throw new Error(`Exception: Invalid argument: buttons (${buttons})`);
    this.prompts.push({ title, message });
    const reply = this.replies.length > 0 ? this.replies.shift() : null;
    return {
      getSelectedButton: () => (reply === null || reply === undefined ? Button.CANCEL : Button.OK),
      getResponseText: () => reply ?? '',
    };
  }

  createMenu(name: string): FakeMenu {
    return new FakeMenu(this, name);
  }

  alert(titleOrPrompt: string, prompt?: string): string {
    charge('ui');
    this.alerts.push(
      prompt === undefined ? { title: '', message: titleOrPrompt } : { title: titleOrPrompt, message: prompt },
    );
    return this.clicks.shift() ?? Button.OK;
  }
}

export interface EditEvent {
  range: FakeRange;
  source: FakeSpreadsheet;
  value: Cell | undefined;
  oldValue: Cell | undefined;
  user: FakeUser;
  authMode: string;
  triggerUid: string;
}

export class FakeSpreadsheetApp {
  readonly spreadsheets: FakeSpreadsheet[] = [];
  readonly calls = { create: 0, addEditor: 0, openById: 0 };
  /** The spreadsheet the project is bound to (null: a standalone script). */
  active: FakeSpreadsheet | null = null;
  /** The UI of the person at the spreadsheet (null: a trigger or the script editor, where getUi() throws). */
  ui: FakeUi | null = null;
  /** The account the script (and so its installable triggers) runs as. */
  account: { kind: AccountKind; domain: string | null } = { kind: 'consumer', domain: null };
  private counter = 0;

  constructor(
    readonly owner: string,
    /** The fake clock's now (ms), for Drive's modified times; the real clock when none is given. */
    readonly now: () => number = () => Date.now(),
  ) {}

  create(name: string): FakeSpreadsheet {
    charge('createSpreadsheet');
    this.counter++;
    this.calls.create++;
    const spreadsheet = new FakeSpreadsheet(
      this,
      `sheet-${String(this.counter)}-${name.length.toString(36)}`,
      name,
      this.owner,
    );
    this.spreadsheets.push(spreadsheet);
    return spreadsheet;
  }

  /** Test only: a spreadsheet that exists elsewhere with a known id (e.g. one the local function created in its Sheets stand-in). */
  createWithId(id: string, name: string): FakeSpreadsheet {
    const spreadsheet = new FakeSpreadsheet(this, id, name, this.owner);
    this.spreadsheets.push(spreadsheet);
    return spreadsheet;
  }

  openById(id: string): FakeSpreadsheet {
    charge('openSpreadsheet');
    this.calls.openById++;
    const spreadsheet = this.spreadsheets.find((s) => s.id === id);
    if (!spreadsheet)
      throw new Error(
        `Exception: Unexpected error while getting the method or property openById on object SpreadsheetApp. (${id})`,
      );
    return spreadsheet;
  }

  /**
   * Who an installable trigger's event names as the editor: the editor when it is the trigger's owner (the script's
   * account) or when both are in the same Google Workspace domain; blank for anyone else.
   */
  visibleUser(editor: string): string {
    if (editor === '' || editor.toLowerCase() === this.owner.toLowerCase()) return editor;
    const domain = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
    const { kind, domain: accountDomain } = this.account;
    return kind === 'workspace' &&
      accountDomain !== null &&
      domain(editor) === accountDomain.toLowerCase() &&
      domain(this.owner) === accountDomain.toLowerCase()
      ? editor
      : '';
  }

  /** Test only: a person edits a range; returns the installable onEdit event Apps Script would give. */
  edit(spreadsheet: FakeSpreadsheet, sheetName: string, a1: string, value: Cell, editor: string): EditEvent {
    const sheet = spreadsheet.getSheetByName(sheetName);
    if (!sheet) throw new Error(`no sheet "${sheetName}"`);
    const range = sheet.getRange(a1);
    const oldValue = range.getValue();
    range.setValue(value);
    return {
      range,
      source: spreadsheet,
      value,
      oldValue,
      user: user(this.visibleUser(editor)),
      authMode: 'FULL',
      triggerUid: 'trigger-edit',
    };
  }

  global(): unknown {
    return {
      create: (name: string) => this.create(name),
      openById: (id: string) => this.openById(id),
      getActiveSpreadsheet: () => this.active,
      getActive: () => this.active,
      getUi: () => {
        if (!this.ui) throw new Error('Exception: Cannot call SpreadsheetApp.getUi() from this context.');
        return this.ui;
      },
    };
  }
}
