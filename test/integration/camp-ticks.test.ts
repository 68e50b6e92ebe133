// Đề cử hội trại is rewritten at each full sync; the committee's "Xác nhận" ticks survive it (they are read back by
// e-mail first), and a member who is no longer nominated takes no tick along.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSheetsClient } from '../../functions/src/adapters/sheets';
import { quoteTab } from '../../functions/src/contract/a1';
import { CONFIG, YEAR, registration } from './fixtures';
import { startViewsStack, tabValues, type ViewsStack } from './views-harness';
import type { SpreadsheetModel } from '../../functions/dev/sheets';

let stack: ViewsStack;
const TAB = 'Đề cử hội trại';

function master(): SpreadsheetModel {
  const found = stack.sheets.standIn.listSpreadsheets().find((s) => s.properties.title.endsWith('Bảng tổng hợp'));
  if (!found) throw new Error('no master spreadsheet');
  return found;
}

/** Makes a registered member's journey graded Tốt with `points`, as scoring would have stored it. */
async function grade(email: string, points: number): Promise<void> {
  const journeys = await stack.store.listJourneys(YEAR);
  const journey = journeys.find((j) => j.email === email) ?? expect.fail(`no journey for ${email}`);
  await stack.store.transaction(journey.memberId, async (tx) => {
    await tx.getJourney(YEAR, journey.memberId);
    tx.putJourney({ ...journey, result: { ...journey.result, grade: 'tot', points } });
  });
}

beforeAll(async () => {
  stack = await startViewsStack();
  await stack.send('PUT', `/v1/years/${String(YEAR)}/config`, CONFIG);
  await stack.send('POST', '/v1/registrations', registration());
  await stack.send(
    'POST',
    '/v1/registrations',
    registration({ email: 'binh.snv@example.vn', fullName: 'Trần Thị Bình' }),
  );
  await grade('an.snv@example.vn', 50);
  await grade('binh.snv@example.vn', 40);
  await stack.send('POST', `/v1/years/${String(YEAR)}/sync`);
}, 120_000);

afterAll(async () => {
  await stack.stop();
});

describe('the camp tab’s ticks', () => {
  it('keeps the committee’s "Xác nhận" ticks across a full sync, by e-mail, and drops none onto another member', async () => {
    const before = tabValues(master(), TAB);
    const email = before[0]?.indexOf('Email') ?? -1;
    const tick = before[0]?.indexOf('Xác nhận') ?? -1;
    expect(before.slice(1).map((row) => [row[email], row[tick]])).toEqual([
      ['an.snv@example.vn', false],
      ['binh.snv@example.vn', false],
    ]);
    // The committee ticks Bình, as Sheets stores a ticked checkbox (TRUE).
    const client = createSheetsClient({ rootUrl: stack.sheets.url });
    await client.valuesBatchUpdate(master().spreadsheetId, [{ range: `${quoteTab(TAB)}!H3`, values: [[true]] }], 'RAW');
    // Bình overtakes An: the rows change places, the tick follows Bình.
    await grade('binh.snv@example.vn', 60);
    const readsBefore = stack.reads.length;
    await stack.send('POST', `/v1/years/${String(YEAR)}/sync`);
    // Reading the ticks back costs the master's full sync one Sheets read, whatever the number of members.
    const masterReads = stack.reads.slice(readsBefore).filter((r) => r.spreadsheetId === master().spreadsheetId);
    expect(masterReads.map((r) => [r.kind, r.range])).toEqual([
      ['get', undefined],
      ['valuesGet', `${quoteTab(TAB)}!C2:H`],
    ]);
    const after = tabValues(master(), TAB);
    expect(after.slice(1).map((row) => [row[email], row[tick]])).toEqual([
      ['binh.snv@example.vn', true],
      ['an.snv@example.vn', false],
    ]);
  });
});
