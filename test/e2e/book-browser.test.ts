// The journey book in a real browser (Debian's chromium driven by playwright-core): a demo member's page on a phone and
// a desktop, nothing fetched from elsewhere, and printed to an A4 PDF whose text keeps the Vietnamese diacritics.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyClient, type JourneySend } from '../../functions/client/journey-client';
import { seedDemoYear } from '../../functions/dev/demo/seed';
import { SECRET, startJourneyStack, type JourneyStack } from '../integration/harness';
import { must } from '../helpers';

/** Installed by Debian's `chromium` package (.ci/run installs it on a fresh machine). */
const CHROMIUM = '/usr/bin/chromium';
const PUBLIC = 'https://hanh-trinh.example.vn';
/** Screenshots and the PDF are kept here for people to look at. */
export const ARTIFACTS = join(tmpdir(), 'journey-book');

interface DemoMember {
  memberId: string;
  fullName: string;
  email: string;
  grade: string;
  entries: { status: string }[];
}

let stack: JourneyStack;
let send: JourneySend;
let browser: Browser;
let member: DemoMember;
let link: string;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  stack = await startJourneyStack({ publicUrl: PUBLIC });
  send = createJourneyClient(stack.url, SECRET, 'test');
  await seedDemoYear(send);
  const results = await send<{ members: DemoMember[] }>('GET', '/v1/years/2019/results');
  // A member graded Tốt with decisions of more than one kind: the page has statuses, decisions and comments to show.
  const chosen =
    results.body.members.find((m) => m.grade === 'tot' && new Set(m.entries.map((e) => e.status)).size >= 2) ??
    results.body.members[0];
  if (!chosen) throw new Error('the demo year has no members');
  member = chosen;
  const answer = await send<{ url: string }>(
    'GET',
    `/v1/years/2019/members/${encodeURIComponent(member.email)}/book-link`,
  );
  link = stack.url + answer.body.url.slice(PUBLIC.length);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}, 300_000);

afterAll(async () => {
  await browser.close();
  await stack.stop();
});

/** Opens the link at a viewport width, recording every address the page asks for. */
async function openAt(width: number, address = link): Promise<{ page: Page; requested: string[]; status: number }> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  const response = await page.goto(address, { waitUntil: 'load' });
  return { page, requested, status: response?.status() ?? 0 };
}

const nfc = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ');

describe('a demo member’s journey book in chromium', () => {
  it('on a phone (390 px): their name, tasks with statuses, decisions; nothing wider than the screen; nothing fetched elsewhere', async () => {
    const { page, requested, status } = await openAt(390);
    expect(status).toBe(200);
    const text = nfc(await page.innerText('body'));
    expect(text).toContain(member.fullName);
    expect(text).toContain('Học tập, quán triệt nghị quyết, nghe thời sự quý');
    expect(text).toMatch(/Hoàn thành|Đang thực hiện/);
    expect(text).toContain('Ban Thường vụ Đoàn Khối');
    expect(text).toMatch(/Đạt — /);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    // The progress chart: three small charts stacked, each the column's width, its month labels big enough to read.
    expect(text).toMatch(/Đến ngày \d\d\/\d\d\/\d{4}: đã hoàn thành \d+\/\d+ nhiệm vụ cần hoàn thành/);
    const charts = await page
      .locator('.month-chart svg')
      .evaluateAll((svgs) => svgs.map((svg) => svg.getBoundingClientRect().toJSON() as DOMRect));
    expect(charts).toHaveLength(3);
    for (const box of charts) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(390);
      expect(box.width).toBeGreaterThan(300);
    }
    expect(must(charts[1]).top).toBeGreaterThan(must(charts[0]).bottom);
    const monthLabel = await page.locator('.month-chart text.m').first().boundingBox();
    expect(monthLabel?.height).toBeGreaterThanOrEqual(11);
    expect(requested.every((url) => url.startsWith(stack.url))).toBe(true);
    const shot = await page.screenshot({ fullPage: true, path: join(ARTIFACTS, 'book-390.png') });
    expect(shot.readUInt32BE(16)).toBe(390);
    await page.close();
  });

  it('on a desktop (1280 px): the page keeps to a readable column', async () => {
    const { page } = await openAt(1280);
    const sheet = await page.locator('main.sheet').boundingBox();
    expect(sheet?.width).toBeLessThanOrEqual(880);
    const shot = await page.screenshot({ fullPage: true, path: join(ARTIFACTS, 'book-1280.png') });
    expect(shot.readUInt32BE(16)).toBe(1280);
    await page.close();
  });

  it('prints to an A4 PDF whose text holds the member’s name and tasks with their diacritics, without the screen-only parts', async () => {
    const { page } = await openAt(1280);
    // As printed on A4 (176 mm between the margins ≈ 665 px): nothing wider than the paper, the three charts in a row.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 665, height: 940 });
    const overflowing = await page.evaluate<number>(
      "[...document.querySelectorAll('.sheet *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).length",
    );
    expect(overflowing).toBe(0);
    const printedCharts = await page
      .locator('.month-chart svg')
      .evaluateAll((svgs) => svgs.map((svg) => svg.getBoundingClientRect().toJSON() as DOMRect));
    expect(new Set(printedCharts.map((box) => Math.round(box.top))).size).toBe(1);
    expect(printedCharts.every((box) => box.width > 180 && box.width < 665 / 3)).toBe(true);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const file = join(ARTIFACTS, 'book.pdf');
    writeFileSync(file, pdf);
    await page.close();
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/);
    const text = nfc(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
    for (const expected of [
      member.fullName,
      'SỔ HÀNH TRÌNH',
      'ĐOÀN TNCS HỒ CHÍ MINH',
      'BCH ĐOÀN KHỐI DÂN - CHÍNH - ĐẢNG TP',
      'Học tập, quán triệt nghị quyết, nghe thời sự quý',
      'Bài viết cảm nhận, nguyện vọng trở thành đảng viên',
      'Nhiệm vụ rèn luyện',
      'GIÁM SÁT VIÊN',
      '(Ký và ghi rõ họ tên)',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Để in hoặc lưu PDF');
    // The chart stays whole on one page, its reading and its note with it; the book fits in six A4 pages.
    const pages = Number(must(/Pages:\s+(\d+)/.exec(info))[1]);
    expect(pages).toBeLessThanOrEqual(6);
    const pageTexts = Array.from({ length: pages }, (_, i) =>
      nfc(execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' })),
    );
    const chartPage = must(pageTexts.find((t) => t.includes('Tiến độ qua các tháng')));
    expect(chartPage).toMatch(/đã hoàn thành \d+\/\d+ nhiệm vụ cần hoàn thành/);
    expect(chartPage).toContain('cần 3');
    expect(chartPage).toContain('Mỗi cột là số nhiệm vụ đã hoàn thành tính đến cuối tháng');
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('shows the Vietnamese 403 page, without member data, for an altered link', async () => {
    const { page, status } = await openAt(390, link.slice(0, -4));
    expect(status).toBe(403);
    const text = nfc(await page.innerText('body'));
    expect(text).toContain('Liên kết không còn hiệu lực');
    expect(text).not.toContain(member.fullName);
    await page.screenshot({ fullPage: true, path: join(ARTIFACTS, 'refused-390.png') });
    await page.close();
  });
});
