// The Sheets adapter: the only module that talks to Google Sheets (or the local stand-in) through the SDK.
export {
  createSheetsClient,
  isIdempotentBatch,
  type CellInput,
  type CellOutput,
  type SheetsAuth,
  type SheetsClient,
  type SheetsClientConfig,
  type SpreadsheetInfo,
  type TabInfo,
  type ValueInputOption,
  type ValueRangeWrite,
  type ValueRenderOption,
} from './client';
export { SheetsError, parseRetryAfter, type SheetsErrorCode } from './errors';
export { DEFAULT_RETRY, backoffDelay, type RetryInfo, type RetryPolicy } from './retry';
export {
  createWritePace,
  DEFAULT_PACE,
  pacedSheetsClient,
  packBySize,
  writePaceOf,
  type PaceOptions,
  type WritePace,
} from './paced';
