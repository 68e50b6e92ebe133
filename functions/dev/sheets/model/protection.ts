// Protected ranges as Google enforces them: only the spreadsheet's owner and the range's editors may write inside.
import type { sheets_v4 } from '@googleapis/sheets';
import { protectedCell } from '../rest/errors';
import type { Rect, SpreadsheetModel, TabModel } from './spreadsheet';

/** What one caller may do to a spreadsheet's protected cells. */
export interface EditRights {
  /** Throws Google's 403 when the caller may not write into `rect` of `tab`. */
  assertCanWrite(tab: TabModel, rect: Rect): void;
  /** Whether the caller may change or remove this protection. */
  canChange(pr: sheets_v4.Schema$ProtectedRange): boolean;
}

/** Everything allowed: the checks are off, or the write is the stand-in's own. */
export const ALL_RIGHTS: EditRights = { assertCanWrite: () => undefined, canChange: () => true };

/**
 * Whether `user` may edit inside a protection: a warning-only one stops nobody (the API writes
 * through warnings), and the owner of the spreadsheet edits everything.
 */
export function canEditProtection(ss: SpreadsheetModel, pr: sheets_v4.Schema$ProtectedRange, user: string): boolean {
  if (pr.warningOnly === true) return true;
  if (ss.owner !== undefined && sameUser(ss.owner, user)) return true;
  return (pr.editors?.users ?? []).some((editor) => sameUser(editor, user));
}

/** The rights of `user` on `ss`, as Google checks them. */
export function editRights(ss: SpreadsheetModel, user: string): EditRights {
  return {
    assertCanWrite(tab, rect) {
      for (const pr of tab.protectedRanges) {
        if (!canEditProtection(ss, pr, user) && touchesProtected(tab, pr, rect)) throw protectedCell();
      }
    },
    canChange: (pr) => canEditProtection(ss, pr, user),
  };
}

const sameUser = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function gridRect(tab: TabModel, range: sheets_v4.Schema$GridRange | undefined): Rect {
  const { rowCount, columnCount } = tab.properties.gridProperties;
  return {
    startRow: range?.startRowIndex ?? 0,
    endRow: range?.endRowIndex ?? rowCount,
    startCol: range?.startColumnIndex ?? 0,
    endCol: range?.endColumnIndex ?? columnCount,
  };
}

function intersection(a: Rect, b: Rect): Rect | undefined {
  const rect = {
    startRow: Math.max(a.startRow, b.startRow),
    endRow: Math.min(a.endRow, b.endRow),
    startCol: Math.max(a.startCol, b.startCol),
    endCol: Math.min(a.endCol, b.endCol),
  };
  return rect.startRow < rect.endRow && rect.startCol < rect.endCol ? rect : undefined;
}

const contains = (outer: Rect, inner: Rect): boolean =>
  outer.startRow <= inner.startRow &&
  outer.endRow >= inner.endRow &&
  outer.startCol <= inner.startCol &&
  outer.endCol >= inner.endCol;

/** Whether `rect` reaches a cell of the protection that none of its unprotected ranges frees. */
function touchesProtected(tab: TabModel, pr: sheets_v4.Schema$ProtectedRange, rect: Rect): boolean {
  const overlap = intersection(gridRect(tab, pr.range), rect);
  if (!overlap) return false;
  // Good enough for the ranges this project writes: a write wholly inside one unprotected range is free.
  return !(pr.unprotectedRanges ?? []).some((free) => contains(gridRect(tab, free), overlap));
}
