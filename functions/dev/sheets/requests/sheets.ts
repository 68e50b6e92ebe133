// batchUpdate requests on tabs and the spreadsheet: add, delete and update their properties.
import type { sheets_v4 } from '@googleapis/sheets';
import { badRequest } from '../rest/errors';
import { applyFieldMask } from '../rest/field-mask';
import {
  DEFAULT_COLUMNS,
  DEFAULT_ROWS,
  emptyTab,
  findTabById,
  findTabByTitle,
  newObjectId,
  reindexTabs,
  takenIds,
  truncateToGrid,
  type SpreadsheetModel,
  type TabModel,
  type TabProperties,
} from '../model/spreadsheet';
import { type Handler, type Json, int, mask, positive, tabById } from './kit';

function nextSheetTitle(ss: SpreadsheetModel): string {
  for (let n = ss.tabs.length + 1; ; n += 1) {
    const title = `Sheet${n}`;
    if (!findTabByTitle(ss, title)) return title;
  }
}

function assertTitleFree(ss: SpreadsheetModel, title: string, except?: TabModel): void {
  if (title.trim() === '') throw badRequest('The sheet name cannot be empty.');
  const other = ss.tabs.find((tab) => tab !== except && tab.properties.title.toLowerCase() === title.toLowerCase());
  if (other) throw badRequest(`A sheet with the name "${title}" already exists. Please enter another name.`);
}

/** New tab properties with Google's defaults (1000 × 26) for what the request leaves out. */
export function newTabProperties(
  ss: SpreadsheetModel,
  given: sheets_v4.Schema$SheetProperties | undefined,
  defaultId?: number,
): TabProperties {
  const taken = takenIds(ss);
  const sheetId = int(given?.sheetId ?? defaultId ?? newObjectId(taken), 'sheetId');
  if (taken.has(sheetId)) throw badRequest(`A sheet with id ${sheetId} already exists.`);
  const title: unknown = given?.title ?? nextSheetTitle(ss);
  if (typeof title !== 'string') throw badRequest(`Invalid title: ${JSON.stringify(title)}`);
  assertTitleFree(ss, title);
  const grid = given?.gridProperties;
  const properties: TabProperties = {
    sheetId,
    title,
    index: ss.tabs.length,
    sheetType: 'GRID',
    gridProperties: {
      rowCount: positive(grid?.rowCount, 'rowCount', DEFAULT_ROWS),
      columnCount: positive(grid?.columnCount, 'columnCount', DEFAULT_COLUMNS),
    },
  };
  if (grid?.frozenRowCount) properties.gridProperties.frozenRowCount = int(grid.frozenRowCount, 'frozenRowCount');
  if (grid?.frozenColumnCount)
    properties.gridProperties.frozenColumnCount = int(grid.frozenColumnCount, 'frozenColumnCount');
  if (given?.hidden) properties.hidden = true;
  if (given?.rightToLeft) properties.rightToLeft = true;
  if (given?.tabColor) properties.tabColor = given.tabColor;
  if (given?.tabColorStyle) properties.tabColorStyle = given.tabColorStyle;
  return properties;
}

export const addSheet: Handler<'addSheet'> = (ss, request) => {
  const properties = newTabProperties(ss, request.properties);
  const tab = emptyTab(properties);
  const index = Math.min(int(request.properties?.index, 'index', ss.tabs.length), ss.tabs.length);
  ss.tabs.splice(index, 0, tab);
  reindexTabs(ss);
  return { addSheet: { properties: structuredClone(tab.properties) } };
};

export const deleteSheet: Handler<'deleteSheet'> = (ss, request) => {
  const id = int(request.sheetId, 'sheetId', 0);
  const tab = findTabById(ss, id);
  if (!tab) throw badRequest(`No sheet with id: ${id}`);
  if (ss.tabs.length === 1) throw badRequest("You can't remove all the sheets in a document.");
  ss.tabs = ss.tabs.filter((t) => t !== tab);
  reindexTabs(ss);
  return {};
};

export const updateSheetProperties: Handler<'updateSheetProperties'> = (ss, request) => {
  const paths = mask(request.fields);
  const tab = tabById(ss, request.properties?.sheetId);
  const draft = structuredClone(tab.properties) as unknown as Json;
  applyFieldMask(draft, (request.properties ?? {}) as Json, paths, ['sheetId', 'sheetType']);
  const next = draft as unknown as TabProperties;
  next.sheetId = tab.properties.sheetId;
  next.sheetType = 'GRID';
  if (typeof next.title !== 'string') throw badRequest('The sheet name cannot be empty.');
  assertTitleFree(ss, next.title, tab);
  const grid = (next.gridProperties as Partial<TabProperties['gridProperties']> | undefined) ?? {};
  next.gridProperties = {
    ...grid,
    rowCount: positive(grid.rowCount, 'rowCount', tab.properties.gridProperties.rowCount),
    columnCount: positive(grid.columnCount, 'columnCount', tab.properties.gridProperties.columnCount),
  };
  if ((next.gridProperties.frozenRowCount ?? 0) >= next.gridProperties.rowCount) {
    throw badRequest("You can't freeze all visible rows on the sheet.");
  }
  const oldIndex = ss.tabs.indexOf(tab);
  const newIndex = typeof next.index === 'number' ? Math.min(Math.max(next.index, 0), ss.tabs.length - 1) : oldIndex;
  tab.properties = next;
  truncateToGrid(tab);
  if (newIndex !== oldIndex) {
    ss.tabs.splice(oldIndex, 1);
    ss.tabs.splice(newIndex, 0, tab);
  }
  reindexTabs(ss);
  return {};
};

export const updateSpreadsheetProperties: Handler<'updateSpreadsheetProperties'> = (ss, request) => {
  const paths = mask(request.fields);
  const draft = structuredClone(ss.properties) as unknown as Json;
  applyFieldMask(draft, (request.properties ?? {}) as Json, paths);
  const title = draft['title'];
  if (typeof title !== 'string' || title === '') throw badRequest('The spreadsheet title cannot be empty.');
  ss.properties = { ...ss.properties, ...(draft as Partial<SpreadsheetModel['properties']>), title };
  return {};
};
