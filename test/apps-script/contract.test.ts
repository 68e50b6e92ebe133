// The queue-sheet contract: what the function writes is what the Apps Script bundle reads, from one module bundled into both.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DECISION_LABELS,
  decisionOf,
  findQueueColumns,
  QUEUE_COLUMNS,
  QUEUE_HEADERS,
  QUEUE_STATUS,
  queueStatusText,
  statusDecision,
  type Decision,
} from '../../functions/src/contract/queue-sheet';
import { buildBundle, BUNDLE_PATH } from './bundle';

const SOURCES = fileURLToPath(new URL('../../apps-script/src/', import.meta.url));
/** Source text without comments, which may well name a column. */
const withoutComments = (source: string): string =>
  source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
const DECISIONS: Decision[] = ['approved', 'rejected', 'needs_info'];

describe('queue-sheet contract', () => {
  it.each(DECISIONS)('a status the function writes for %s reads back as that decision', (decision) => {
    expect(statusDecision(queueStatusText(decision))).toBe(decision);
    expect(decisionOf(DECISION_LABELS[decision])).toBe(decision);
    expect(decisionOf(`  ${DECISION_LABELS[decision].toUpperCase()} `)).toBe(decision);
  });

  it('a pending row carries no recorded decision', () => {
    expect(statusDecision(queueStatusText(null))).toBeNull();
    expect(queueStatusText(null)).toBe(QUEUE_STATUS.pending);
  });

  it('the script finds every column the function writes, by its header, wherever it stands', () => {
    const columns = findQueueColumns(QUEUE_COLUMNS);
    expect(columns).toEqual({
      evidenceId: QUEUE_COLUMNS.indexOf(QUEUE_HEADERS.evidenceId) + 1,
      decision: QUEUE_COLUMNS.indexOf(QUEUE_HEADERS.decision) + 1,
      comment: QUEUE_COLUMNS.indexOf(QUEUE_HEADERS.comment) + 1,
      status: QUEUE_COLUMNS.indexOf(QUEUE_HEADERS.status) + 1,
      reviewer: QUEUE_COLUMNS.indexOf(QUEUE_HEADERS.reviewer) + 1,
      confirmer: QUEUE_COLUMNS.indexOf(QUEUE_HEADERS.confirmer) + 1,
    });
    const moved = ['Ghi chú riêng', ...[...QUEUE_COLUMNS].reverse()];
    expect(findQueueColumns(moved)?.decision).toBe(moved.indexOf(QUEUE_HEADERS.decision) + 1);
    expect(findQueueColumns(QUEUE_COLUMNS.filter((h) => h !== QUEUE_HEADERS.decision))).toBeUndefined();
  });
});

/** Texts that exist only because of the queue sheet (form questions share words such as "Họ và tên"). */
const QUEUE_ONLY = [
  QUEUE_HEADERS.evidenceId,
  QUEUE_HEADERS.status,
  QUEUE_HEADERS.decision,
  QUEUE_HEADERS.comment,
  QUEUE_HEADERS.reviewer,
  QUEUE_HEADERS.confirmer,
  ...Object.values(DECISION_LABELS),
  QUEUE_STATUS.pending,
  QUEUE_STATUS.needsInfo,
];

describe('the Apps Script bundle', () => {
  let code = '';
  beforeAll(() => {
    buildBundle();
    code = readFileSync(BUNDLE_PATH, 'utf8');
  });

  it.each(QUEUE_ONLY)('holds "%s" once, bundled from the shared contract module', (text) => {
    expect(code.split(JSON.stringify(text)).length - 1).toBe(1);
  });

  it('whose sources type none of the queue texts again', () => {
    const sources = readdirSync(SOURCES, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => withoutComments(readFileSync(join(SOURCES, f), 'utf8')));
    const typed = QUEUE_ONLY.filter((text) =>
      sources.some((source) => source.includes(`'${text}'`) || source.includes(`"${text}"`)),
    );
    expect(typed).toEqual([]);
  });
});
