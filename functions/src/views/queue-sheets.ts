// One evaluator queue's spreadsheet: its evidence rows written one by one, and its full rebuild.
import { ROLE_LABELS } from '../domain/catalogue';
import type { YearConfig } from '../domain/config';
import { parseQueueId, queueEvaluators } from '../domain/queues';
import type { EvidenceDoc } from '../model';
import { QUEUE_COLUMNS, QUEUE_HEADERS, QUEUE_PROTECTED_COLUMNS, QUEUE_STATUS, TABS } from '../contract/queue-sheet';
import { namers, queueRow } from './layout';
import type { ViewDeps } from './master';
import { rebuildRows, writeRows, type RowTab } from './row-tab';
import { loadRegistry, queueRef, type Registry, type SpreadsheetRef } from './state';
import { ensureTabs, pendingStatusCondition, protect } from './tabs';
import { sortEvidence, type Pending } from './work';
import { NOMINATING_ROLE, NOMINATION_TAB } from '../contract/nomination-sheet';
import { loadNominations, nominationTab } from './nominations';

/** A queue id as people read it: "Ban Chấp hành Đoàn cơ sở — Đoàn Sở Nội vụ". */
function queueTitle(config: YearConfig, queue: string): string {
  const ref = parseQueueId(queue);
  if (!ref) return queue;
  const scope =
    ref.scope === null
      ? ''
      : (config.units.find((u) => u.id === ref.scope)?.name ??
        config.groups.find((g) => g.id === ref.scope)?.name ??
        ref.scope);
  return scope ? `${ROLE_LABELS[ref.role]} — ${scope}` : ROLE_LABELS[ref.role];
}

const STATUS_COLUMN = QUEUE_COLUMNS.indexOf(QUEUE_HEADERS.status);
/** Pending rows are highlighted; a sync removes this rule of its own and adds it again, keeping people's rules. */
const PENDING_CONDITION = pendingStatusCondition(QUEUE_STATUS.pending);

function queueTab(config: YearConfig, queue: string, title: string): RowTab<EvidenceDoc> {
  const { unitName, groupName } = namers(config);
  const ref = parseQueueId(queue);
  const evaluators = (ref ? queueEvaluators(config, ref) : undefined) ?? [];
  return {
    title,
    positions: `queue-${queue}`,
    header: QUEUE_COLUMNS,
    keyOf: (e) => e.evidenceId,
    order: sortEvidence,
    row: (e) => queueRow(config, e, groupName, unitName, evaluators),
    extras: { ownConditions: [PENDING_CONDITION] },
  };
}

export async function flushQueue(deps: ViewDeps, config: YearConfig, queue: string, work: Pending): Promise<void> {
  const { store } = deps;
  const registry = await loadRegistry(store, config.year);
  const ref = queueRef(registry, queue);
  const title = ref?.sheetName ?? TABS.queue;
  const sheetId = ref?.tabs[title];
  if (work.full || !ref || sheetId === undefined) {
    await syncQueue(deps, config, queue, registry);
    return;
  }
  const evidence = (await Promise.all([...work.evidence].map((id) => store.getEvidence(config.year, id)))).filter(
    (e): e is EvidenceDoc => e !== undefined && e.queues.includes(queue),
  );
  const requests = await writeRows(store, config.year, sheetId, queueTab(config, queue, title), evidence);
  if (requests.length === 0) return;
  await deps.sheets.batchUpdate(ref.spreadsheetId, requests);
}

/** Creates a queue's spreadsheet with its one tab. */
export function createQueue(deps: ViewDeps, config: YearConfig, queue: string): Promise<SpreadsheetRef | undefined> {
  return deps.ensureSpreadsheet({ kind: 'queue', year: config.year, queue }, async () => {
    const created = await deps.sheets.create(
      `Hành trình ${config.year} — Hàng chờ đánh giá: ${queueTitle(config, queue)}`,
      [TABS.queue],
    );
    return { spreadsheetId: created.spreadsheetId, url: created.url, sheetName: TABS.queue, tabs: {} };
  });
}

export async function syncQueue(deps: ViewDeps, config: YearConfig, queue: string, registry: Registry): Promise<void> {
  const { store, sheets } = deps;
  const ref = queueRef(registry, queue) ?? (await createQueue(deps, config, queue));
  if (!ref) return;
  const title = ref.sheetName ?? TABS.queue;
  const info = await sheets.get(ref.spreadsheetId);
  // A base union's spreadsheet also carries its "Đề cử" tab, where its executive lists the year's nominees.
  const parsed = parseQueueId(queue);
  const nominating = parsed?.role === NOMINATING_ROLE ? parsed.scope : null;
  const { requests, tabs } = ensureTabs(info, nominating === null ? [title] : [title, NOMINATION_TAB]);
  const sheetId = tabs.get(title) ?? 0;
  const evidence = await store.listEvidenceInQueue(config.year, queue);
  const rebuilt = await rebuildRows(
    store,
    config.year,
    sheetId,
    info.tabs.find((t) => t.title === title),
    queueTab(config, queue, title),
    evidence,
  );
  requests.push(...rebuilt.requests);
  requests.push(
    protect(
      { sheetId, startColumnIndex: 0, endColumnIndex: QUEUE_PROTECTED_COLUMNS },
      'Thông tin minh chứng do hệ thống ghi. Người đánh giá chỉ chọn cột "Đánh giá", ghi "Nhận xét" và chọn email của mình ở cột "Người xác nhận".',
    ),
    // The header row too: Apps Script finds the decision and comment columns by their header text.
    protect(
      { sheetId, startRowIndex: 0, endRowIndex: 1 },
      'Dòng tiêu đề do hệ thống ghi: xin đừng sửa, hệ thống dựa vào đây để nhận kết quả đánh giá.',
    ),
  );
  requests.push({
    addConditionalFormatRule: {
      index: 0,
      rule: {
        ranges: [{ sheetId, startRowIndex: 1, startColumnIndex: STATUS_COLUMN, endColumnIndex: STATUS_COLUMN + 1 }],
        booleanRule: { condition: PENDING_CONDITION, format: { backgroundColor: { red: 1, green: 0.95, blue: 0.7 } } },
      },
    },
  });
  const values = [rebuilt.values];
  if (nominating !== null) {
    const tab = nominationTab(
      config,
      nominating,
      await loadNominations(store, config.year, nominating),
      tabs.get(NOMINATION_TAB) ?? 0,
      info.tabs.find((t) => t.title === NOMINATION_TAB),
    );
    requests.push(...tab.requests);
    values.push(tab.values);
  }
  await sheets.batchUpdate(ref.spreadsheetId, requests);
  await sheets.valuesBatchUpdate(ref.spreadsheetId, values, 'RAW');
  const saved = { ...ref, tabs: Object.fromEntries(tabs) };
  await deps.updateRegistry(config.year, (latest) => ({ ...latest, queues: { ...latest.queues, [queue]: saved } }));
}
