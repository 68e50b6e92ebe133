// Talking to the person at the spreadsheet: alerts and toasts when a UI exists, the log otherwise (editor runs, triggers).

import { log } from './log';

const TITLE = 'Hành trình';

function ui(): GoogleAppsScript.Base.Ui | null {
  try {
    return SpreadsheetApp.getUi();
  } catch {
    return null;
  }
}

export function hasUi(): boolean {
  return ui() !== null;
}

export function alert(title: string, message: string): void {
  const u = ui();
  if (u) u.alert(title, message, u.ButtonSet.OK);
  else log.info(`${title}\n${message}`);
}

export function toast(message: string, seconds = 5): void {
  try {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet() as GoogleAppsScript.Spreadsheet.Spreadsheet | null;
    if (spreadsheet) {
      spreadsheet.toast(message, TITLE, seconds);
      return;
    }
  } catch {
    // No spreadsheet to show it in: log instead.
  }
  log.info(message);
}

/** Asks the person for a text (OK / Cancel); null when they cancel or no one is at the spreadsheet. */
export function prompt(title: string, message: string): string | null {
  const u = ui();
  if (!u) return null;
  const response = u.prompt(title, message, u.ButtonSet.OK_CANCEL);
  return response.getSelectedButton() === u.Button.OK ? response.getResponseText() : null;
}
