// The committee's journey-book links on the master spreadsheet's Kết quả tab: one per member, rewritten when revoked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpreadsheetModel } from '../../functions/dev/sheets';
import { CONFIG, YEAR, evaluation, evidence, registration } from './fixtures';
import { startViewsStack, tabValues, type ViewsStack } from './views-harness';

const PUBLIC = 'https://hanh-trinh.example.vn';
let stack: ViewsStack;
const ids: Record<string, string> = {};

beforeAll(async () => {
  stack = await startViewsStack({ publicUrl: PUBLIC });
  await stack.send('PUT', `/v1/years/${YEAR}/config`, CONFIG);
  ids.an = (await stack.send<{ id: string }>('POST', '/v1/registrations', registration())).body.id;
  ids.binh = (
    await stack.send<{ id: string }>(
      'POST',
      '/v1/registrations',
      registration({ email: 'binh.snv@example.vn', fullName: 'Trần Thị Bình' }),
    )
  ).body.id;
  const entry = (await stack.send<{ id: string }>('POST', '/v1/evidence', evidence())).body.id;
  await stack.send('POST', '/v1/evaluations', evaluation(entry));
  await stack.views.idle();
}, 60_000);
afterAll(async () => {
  await stack.stop();
});

function master(): SpreadsheetModel {
  const found = stack.sheets.standIn.listSpreadsheets().find((s) => s.properties.title.endsWith('Bảng tổng hợp'));
  if (!found) throw new Error('no master spreadsheet');
  return found;
}

/** Each member's link in Kết quả, by member id. */
function links(): Map<string, string> {
  const rows = tabValues(master(), 'Kết quả');
  const column = (rows[0] ?? []).indexOf('Sổ hành trình');
  return new Map(rows.slice(1).map((r) => [String(r[0]), String(r[column])]));
}

async function open(link: string): Promise<{ status: number; text: string }> {
  const response = await fetch(stack.url + link.slice(PUBLIC.length));
  return { status: response.status, text: await response.text() };
}

describe('Kết quả links', () => {
  it('adds "Sổ hành trình" as the last column, with a link per member that opens their book', async () => {
    expect(tabValues(master(), 'Kết quả')[0]?.at(-1)).toBe('Sổ hành trình');
    const an = links().get(ids.an ?? '') ?? '';
    expect(an).toMatch(new RegExp(`^${PUBLIC}/book/${YEAR}/${ids.an ?? ''}\\?t=`));
    const page = await open(an);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Nguyễn Văn An');
  });

  it('writes the same links incrementally as a full sync the same day', async () => {
    const before = links();
    await stack.views.sync(YEAR);
    expect(links()).toEqual(before);
  });

  it('rewrites a member’s link when their links are revoked; the old one stops working, the others stay', async () => {
    const before = links();
    const revoked = await stack.send('POST', `/v1/years/${YEAR}/members/${ids.an ?? ''}/book-link/revoke`);
    expect(revoked.status).toBe(200);
    await stack.views.idle();
    const after = links();
    expect(after.get(ids.an ?? '')).not.toBe(before.get(ids.an ?? ''));
    expect(after.get(ids.binh ?? '')).toBe(before.get(ids.binh ?? ''));
    expect((await open(before.get(ids.an ?? '') ?? '')).status).toBe(403);
    expect((await open(after.get(ids.an ?? '') ?? '')).status).toBe(200);
  });
});
