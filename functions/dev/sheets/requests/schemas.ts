// Shapes of the batchUpdate request bodies the stand-in reads, checked before any handler runs.
import { z } from 'zod';

const index = z.number().int().nonnegative().optional().nullable();
const object = z.looseObject({});
const optionalObject = object.optional().nullable();
const fields = z.string().optional().nullable();

const gridRange = z.looseObject({
  sheetId: index,
  startRowIndex: index,
  endRowIndex: index,
  startColumnIndex: index,
  endColumnIndex: index,
});

const dimensionRange = z.looseObject({
  sheetId: index,
  dimension: z.string().optional().nullable(),
  startIndex: index,
  endIndex: index,
});

const rowData = z.looseObject({ values: z.array(object).optional().nullable() });

const condition = z.looseObject({
  type: z.string().optional().nullable(),
  values: z.array(object).optional().nullable(),
});

const chartData = z.looseObject({
  sourceRange: z
    .looseObject({ sources: z.array(gridRange).optional().nullable() })
    .optional()
    .nullable(),
});

const chartSpec = z.looseObject({
  title: z.string().optional().nullable(),
  basicChart: z
    .looseObject({
      domains: z
        .array(z.looseObject({ domain: chartData.optional().nullable() }))
        .optional()
        .nullable(),
      series: z
        .array(z.looseObject({ series: chartData.optional().nullable() }))
        .optional()
        .nullable(),
      headerCount: index,
    })
    .optional()
    .nullable(),
  pieChart: z
    .looseObject({ domain: chartData.optional().nullable(), series: chartData.optional().nullable() })
    .optional()
    .nullable(),
});

/** One schema per request kind the stand-in answers; kinds missing here are refused as unknown. */
export const REQUEST_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  addSheet: z.looseObject({
    properties: z
      .looseObject({ sheetId: index, title: z.string().optional().nullable(), index, gridProperties: optionalObject })
      .optional()
      .nullable(),
  }),
  deleteSheet: z.looseObject({ sheetId: index }),
  updateSheetProperties: z.looseObject({
    properties: z
      .looseObject({ sheetId: index, title: z.string().optional().nullable(), gridProperties: optionalObject })
      .optional()
      .nullable(),
    fields,
  }),
  updateSpreadsheetProperties: z.looseObject({ properties: optionalObject, fields }),
  updateCells: z.looseObject({
    rows: z.array(rowData).optional().nullable(),
    fields,
    start: z.looseObject({ sheetId: index, rowIndex: index, columnIndex: index }).optional().nullable(),
    range: gridRange.optional().nullable(),
  }),
  repeatCell: z.looseObject({ range: gridRange.optional().nullable(), cell: optionalObject, fields }),
  setDataValidation: z.looseObject({
    range: gridRange.optional().nullable(),
    rule: z.looseObject({ condition: condition.optional().nullable() }).optional().nullable(),
  }),
  addProtectedRange: z.looseObject({
    protectedRange: z
      .looseObject({
        protectedRangeId: index,
        range: gridRange.optional().nullable(),
        description: z.string().optional().nullable(),
      })
      .optional()
      .nullable(),
  }),
  deleteProtectedRange: z.looseObject({ protectedRangeId: index }),
  addConditionalFormatRule: z.looseObject({
    rule: z
      .looseObject({
        ranges: z.array(gridRange).optional().nullable(),
        booleanRule: z
          .looseObject({ condition: condition.optional().nullable(), format: optionalObject })
          .optional()
          .nullable(),
        gradientRule: optionalObject,
      })
      .optional()
      .nullable(),
    index,
  }),
  deleteConditionalFormatRule: z.looseObject({ sheetId: index, index }),
  addChart: z.looseObject({
    chart: z
      .looseObject({
        chartId: index,
        spec: chartSpec.optional().nullable(),
        position: z
          .looseObject({
            sheetId: index,
            newSheet: z.boolean().optional().nullable(),
            overlayPosition: z
              .looseObject({
                anchorCell: z
                  .looseObject({ sheetId: index, rowIndex: index, columnIndex: index })
                  .optional()
                  .nullable(),
              })
              .optional()
              .nullable(),
          })
          .optional()
          .nullable(),
      })
      .optional()
      .nullable(),
  }),
  deleteEmbeddedObject: z.looseObject({ objectId: index }),
  updateDimensionProperties: z.looseObject({
    range: dimensionRange.optional().nullable(),
    properties: optionalObject,
    fields,
  }),
  appendDimension: z.looseObject({ sheetId: index, dimension: z.string().optional().nullable(), length: index }),
  insertDimension: z.looseObject({
    range: dimensionRange.optional().nullable(),
    inheritFromBefore: z.boolean().optional().nullable(),
  }),
  deleteDimension: z.looseObject({ range: dimensionRange.optional().nullable() }),
  autoResizeDimensions: z.looseObject({ dimensions: dimensionRange.optional().nullable() }),
};
