// Public face of the local Google Sheets v4 stand-in (SPEC §5): mount `handle` under /_local/sheets.
//
// In a node:http server:
//   const sheets = createSheetsStandIn({ dataDir, publicUrl: `http://localhost:${port}` });
//   if (path === '/_local/sheets' || path.startsWith('/_local/sheets/'))
//     return void sheets.handle(req, res, path.slice('/_local/sheets'.length));   // path still encoded
// and give the functions rootUrl = `http://localhost:${port}/_local/sheets/`. Call flush() on shutdown.
//
// Inside: rest/ (router, server, values and spreadsheets endpoints, field masks, Google's errors),
// requests/ (batchUpdate's request handlers and their schemas), formulas/ (computing formula cells),
// pages/ (the HTML pages and chart SVG), model/ (spreadsheets in memory, A1, persistence, faults, stats).
export { createSheetsStandIn, type SheetsStandIn, type SheetsStandInOptions } from './stand-in';
export { startSheetsStandIn, type RunningSheetsStandIn } from './rest/server';
export { BASE_PATH } from './rest/router';
export { DEFAULT_USER } from './rest/caller';
export { GOOGLE_LIMITS, NO_WRITE_QUOTA, type SheetsLimits } from './rest/limits';
export type { FaultOptions } from './model/faults';
export type { SheetsStats } from './model/stats';
export type { CellValue, Formula, SpreadsheetModel, TabModel, TabProperties } from './model/spreadsheet';
