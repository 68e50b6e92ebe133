// spreadsheets.batchUpdate: dispatches each request to its handler, with Google's replies and error wording.
import type { sheets_v4 } from '@googleapis/sheets';
import { ApiError, badRequest, fieldPath } from '../rest/errors';
import type { Context, Handlers, Json, Reply } from './kit';
import { repeatCell, setDataValidation, updateCells } from './cells';
import {
  appendDimension,
  autoResizeDimensions,
  deleteDimensionRequest,
  insertDimensionRequest,
  updateDimensionProperties,
} from './dimensions';
import {
  addChart,
  addConditionalFormatRule,
  addProtectedRange,
  deleteConditionalFormatRule,
  deleteEmbeddedObject,
  deleteProtectedRange,
} from './objects';
import { addSheet, deleteSheet, updateSheetProperties, updateSpreadsheetProperties } from './sheets';
import type { EditRights } from '../model/protection';
import type { SpreadsheetModel } from '../model/spreadsheet';
import { REQUEST_SCHEMAS } from './schemas';

/** What a batch did besides its replies: how many cell values it wrote (for the stand-in's stats). */
export interface BatchOutcome {
  replies: Reply[];
  cellsWritten: number;
}

/**
 * Applies the requests in order, as `caller` (who may be refused writes into protected ranges) to `ss` (the caller passes a draft and keeps it only on success:
 * Google applies a batch all or nothing). An error names the request as Google does:
 * "Invalid requests[1].addSheet: …".
 */
export function applyBatchUpdate(
  ss: SpreadsheetModel,
  requests: readonly unknown[],
  caller: { user: string; rights: EditRights },
): BatchOutcome {
  const ctx: Context = { cellsWritten: 0, user: caller.user, rights: caller.rights };
  const replies = requests.map((request, i) => {
    if (typeof request !== 'object' || request === null) throw badRequest(`Invalid requests[${i}]: No request set.`);
    const kinds = Object.keys(request).filter(
      (key) => (request as Json)[key] !== undefined && (request as Json)[key] !== null,
    );
    const kind = kinds[0];
    if (kind === undefined) throw badRequest(`Invalid requests[${i}]: No request set.`);
    if (kinds.length > 1)
      throw badRequest(`Invalid requests[${i}]: Only one kind of request may be set, found ${kinds.join(', ')}.`);
    const handler = HANDLERS[kind as keyof sheets_v4.Schema$Request] as
      ((ss: SpreadsheetModel, request: unknown, ctx: Context) => Reply) | undefined;
    if (!handler)
      throw badRequest(`Invalid JSON payload received. Unknown name "${kind}" at 'requests[${i}]': Cannot find field.`);
    const parsed = REQUEST_SCHEMAS[kind]?.safeParse((request as Json)[kind]);
    if (!parsed?.success) {
      const issue = parsed?.error.issues[0];
      const where = fieldPath(['requests', i, kind, ...(issue?.path ?? [])]);
      throw badRequest(
        `Invalid JSON payload received. Invalid value at '${where}': ${issue?.message ?? 'unsupported'}`,
      );
    }
    const body = parsed.data;
    try {
      return handler(ss, body, ctx);
    } catch (error) {
      if (error instanceof ApiError && error.code === 400)
        throw badRequest(`Invalid requests[${i}].${kind}: ${error.message}`);
      throw error;
    }
  });
  return { replies, cellsWritten: ctx.cellsWritten };
}

const HANDLERS: Handlers = {
  addSheet,
  deleteSheet,
  updateSheetProperties,
  updateSpreadsheetProperties,
  updateCells,
  repeatCell,
  setDataValidation,
  addProtectedRange,
  deleteProtectedRange,
  addConditionalFormatRule,
  deleteConditionalFormatRule,
  addChart,
  deleteEmbeddedObject,
  updateDimensionProperties,
  appendDimension,
  insertDimension: insertDimensionRequest,
  deleteDimension: deleteDimensionRequest,
  autoResizeDimensions,
};
