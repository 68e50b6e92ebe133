// batchUpdate requests on the objects of a tab: protected ranges, conditional format rules, charts.
import type { sheets_v4 } from '@googleapis/sheets';
import { badRequest, protectedCell } from '../rest/errors';
import { chartSources } from '../model/charts';
import { newObjectId, resolveGridRange, takenIds, type SpreadsheetModel, type TabModel } from '../model/spreadsheet';
import { type Handler, int, tabById } from './kit';

export const addProtectedRange: Handler<'addProtectedRange'> = (ss, request, ctx) => {
  const given = request.protectedRange;
  if (!given?.range) throw badRequest('protectedRange.range is required.');
  const { tab } = resolveGridRange(ss, given.range);
  const taken = takenIds(ss);
  const id = given.protectedRangeId ?? newObjectId(taken);
  if (taken.has(id)) throw badRequest(`Protected range with id ${id} already exists.`);
  const protectedRange: sheets_v4.Schema$ProtectedRange = {
    ...structuredClone(given),
    protectedRangeId: id,
    range: { ...structuredClone(given.range), sheetId: tab.properties.sheetId },
    requestingUserCanEdit: true,
  };
  // Google makes whoever adds a protection one of its editors (warning-only ones have no editors).
  if (given.warningOnly !== true) {
    const users = given.editors?.users ?? [];
    const withCaller = users.some((u) => u.toLowerCase() === ctx.user.toLowerCase()) ? users : [...users, ctx.user];
    protectedRange.editors = { ...structuredClone(given.editors ?? {}), users: withCaller };
  }
  tab.protectedRanges.push(protectedRange);
  return { addProtectedRange: { protectedRange: structuredClone(protectedRange) } };
};

export const deleteProtectedRange: Handler<'deleteProtectedRange'> = (ss, request, ctx) => {
  const id = int(request.protectedRangeId, 'protectedRangeId');
  const tab = ss.tabs.find((t) => t.protectedRanges.some((pr) => pr.protectedRangeId === id));
  const found = tab?.protectedRanges.find((pr) => pr.protectedRangeId === id);
  if (!tab || !found) throw badRequest(`No protected range with id: ${id}`);
  // Only its editors may lift a protection.
  if (!ctx.rights.canChange(found)) throw protectedCell();
  tab.protectedRanges = tab.protectedRanges.filter((pr) => pr.protectedRangeId !== id);
  return {};
};

export const addConditionalFormatRule: Handler<'addConditionalFormatRule'> = (ss, request) => {
  const rule = request.rule;
  const ranges = rule?.ranges ?? [];
  if (!rule || ranges.length === 0) throw badRequest('rule.ranges must name at least one range.');
  if (!rule.booleanRule && !rule.gradientRule) throw badRequest('rule must have a booleanRule or a gradientRule.');
  const tabs = new Set(ranges.map((range) => resolveGridRange(ss, range).tab));
  const [tab] = tabs;
  if (!tab || tabs.size > 1) throw badRequest('All ranges of a conditional format rule must be on the same sheet.');
  const index = Math.min(int(request.index, 'index', 0), tab.conditionalFormats.length);
  const stored = structuredClone(rule);
  stored.ranges = ranges.map((range) => ({ ...structuredClone(range), sheetId: tab.properties.sheetId }));
  tab.conditionalFormats.splice(index, 0, stored);
  return {};
};

export const deleteConditionalFormatRule: Handler<'deleteConditionalFormatRule'> = (ss, request) => {
  const tab = tabById(ss, request.sheetId);
  const index = int(request.index, 'index', 0);
  const [rule] = tab.conditionalFormats.splice(index, 1);
  if (!rule) throw badRequest(`No conditional format on sheet ${tab.properties.sheetId} at index ${index}.`);
  return { deleteConditionalFormatRule: { rule } };
};

/** The tab a chart is drawn on: its anchor cell's, its position's, or (new sheet) its first source's. */
function chartTab(ss: SpreadsheetModel, chart: sheets_v4.Schema$EmbeddedChart): TabModel {
  const position = chart.position;
  const anchorSheet = position?.overlayPosition?.anchorCell?.sheetId;
  if (anchorSheet !== undefined || typeof position?.sheetId === 'number')
    return tabById(ss, anchorSheet ?? position?.sheetId);
  const { domain, series } = chartSources(chart.spec);
  const source = domain ?? series[0];
  if (source) return tabById(ss, source.sheetId);
  const first = ss.tabs[0];
  if (!first) throw badRequest('The spreadsheet has no sheet.');
  return first;
}

export const addChart: Handler<'addChart'> = (ss, request) => {
  const given = request.chart;
  if (!given?.spec) throw badRequest('chart.spec is required.');
  const tab = chartTab(ss, given);
  const taken = takenIds(ss);
  const chartId = given.chartId ?? newObjectId(taken);
  if (taken.has(chartId)) throw badRequest(`An object with id ${chartId} already exists.`);
  const chart: sheets_v4.Schema$EmbeddedChart = {
    chartId,
    spec: structuredClone(given.spec),
    position: structuredClone(
      given.position ?? { overlayPosition: { anchorCell: { sheetId: tab.properties.sheetId } } },
    ),
  };
  if (given.border) chart.border = structuredClone(given.border);
  tab.charts.push(chart);
  return { addChart: { chart: structuredClone(chart) } };
};

export const deleteEmbeddedObject: Handler<'deleteEmbeddedObject'> = (ss, request) => {
  const id = int(request.objectId, 'objectId');
  const tab = ss.tabs.find((t) => t.charts.some((chart) => chart.chartId === id));
  if (!tab) throw badRequest(`No embedded object with id: ${id}`);
  tab.charts = tab.charts.filter((chart) => chart.chartId !== id);
  return {};
};
