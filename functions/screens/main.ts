// `npm run docs:screens`: every picture of the guides (docs/huong-dan/hinh/) taken again from a fresh `npm start` demo.
// It starts `npm start` in a temporary data folder on a port of its own, waits for the demo to finish, then photographs
// the local stack in Debian's chromium (playwright-core) and stops it. Several minutes: the demo seeds three years.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FormSpec } from '../../apps-script/src/forms/spec';
import { runCli } from '../cli/run';
import { createJourneyClient, LOCAL_SECRET, type JourneySend } from '../client/journey-client';
import { formPage, menuPage, terminalPage } from './google-pages';
import { PICTURES, PICTURES_FOLDER, type PictureFile } from './pictures';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, PICTURES_FOLDER);
const CHROMIUM = '/usr/bin/chromium';
/** The demo's last line (functions/dev/demo/reports.ts), or its failure (functions/dev/start.ts). */
const DEMO_DONE = /^Đã xếp \d+ thư báo cáo mẫu/;
const DEMO_FAILED = /^Không tạo được dữ liệu mẫu|^Không khởi động được/;
const DEMO_TIMEOUT_MS = 30 * 60_000;
const WIDTH = 1280;
const HEIGHT = 720;

const log = (line: string): void => {
  process.stdout.write(`[docs:screens] ${line}\n`);
};

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

function freePort(): Promise<number> {
  return new Promise((done, failed) => {
    const server = createServer();
    server.once('error', failed);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        done(typeof address === 'object' && address ? address.port : 0);
      });
    });
  });
}

interface Demo {
  child: ChildProcess;
  url: string;
  dataDir: string;
  /** What `npm start` printed, its banner included. */
  lines: string[];
  finished: Promise<void>;
}

/** `npm start` in its own process group (so that it can be stopped with every process under it). */
function startDemo(dataDir: string, port: number): Demo {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, JOURNEY_DATA_DIR: dataDir, PORT: String(port), JOURNEY_DEMO: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  const finished = new Promise<void>((done, failed) => {
    const timer = setTimeout(() => {
      failed(new Error(`the demo did not finish within ${String(DEMO_TIMEOUT_MS / 60_000)} minutes`));
    }, DEMO_TIMEOUT_MS);
    const read = (stream: NodeJS.ReadableStream | null): void => {
      if (!stream) return;
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        log(`npm start: ${line}`);
        if (DEMO_DONE.test(line)) {
          clearTimeout(timer);
          done();
        } else if (DEMO_FAILED.test(line)) {
          clearTimeout(timer);
          failed(new Error(line));
        }
      });
    };
    read(child.stdout);
    read(child.stderr);
    child.once('exit', (code) => {
      clearTimeout(timer);
      failed(new Error(`npm start stopped (exit ${String(code)}) before the demo finished`));
    });
  });
  return { child, url: `http://localhost:${String(port)}`, dataDir, lines, finished };
}

/** Whether any process of the group is still running (npm exits on the signal before the server under it has saved). */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops `npm start` and every process under it, and waits until they are all gone (so nothing writes to the folder after). */
async function stopDemo(demo: Demo): Promise<void> {
  const { pid } = demo.child;
  if (pid === undefined || !groupAlive(pid)) return;
  process.kill(-pid, 'SIGTERM');
  for (let waited = 0; groupAlive(pid); waited += 200) {
    if (waited === 30_000) process.kill(-pid, 'SIGKILL');
    await sleep(200);
  }
}

/** After the demo's last line: the 2019 re-sync written out, and the outbox no longer growing. */
async function settle(send: JourneySend, outbox: string): Promise<void> {
  for (let i = 0; i < 120; i += 1) {
    const sync = await send<{ status: string }>('GET', '/v1/years/2019/sync');
    if (sync.body.status === 'finished') break;
    await sleep(5_000);
  }
  let last = -1;
  for (let i = 0; i < 60; i += 1) {
    const count = readdirSync(outbox).filter((f) => f.endsWith('.eml')).length;
    if (count === last && count > 0) return;
    last = count;
    await sleep(10_000);
  }
}

interface Sheets {
  master: { spreadsheetId: string };
  queues: Record<string, { spreadsheetId: string }>;
}

/** The Apps Script sources the pictures of Google-only screens are drawn from, bundled by esbuild as `gas:build` does. */
async function appsScript(): Promise<{
  parseYearPlan: (json: unknown, year: number) => unknown;
  registrationFormSpec: (plan: unknown) => FormSpec;
  evidenceFormSpec: (plan: unknown) => FormSpec;
  MENU_ITEMS: ReadonlyArray<readonly [string, string] | null>;
  MENU_TITLE: string;
}> {
  const bundle = await build({
    stdin: {
      contents: [
        "export { parseYearPlan } from './plan';",
        "export { registrationFormSpec } from './forms/registration-form';",
        "export { evidenceFormSpec } from './forms/evidence-form';",
        "export { MENU_ITEMS, MENU_TITLE } from './menu';",
      ].join('\n'),
      resolveDir: join(ROOT, 'apps-script/src'),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  const code = bundle.outputFiles[0]?.text ?? '';
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Awaited<
    ReturnType<typeof appsScript>
  >;
}

class Camera {
  private readonly made = new Set<PictureFile>();
  constructor(private readonly browser: Browser) {}

  async page(width = WIDTH, height = HEIGHT): Promise<Page> {
    return this.browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  }

  path(file: PictureFile): string {
    this.made.add(file);
    return join(OUT, file);
  }

  /** The whole page, cut at `maxHeight`. */
  async full(page: Page, file: PictureFile, maxHeight = 2_400): Promise<void> {
    const size = await page.evaluate<{ width: number; height: number }>(
      '({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight })',
    );
    await page.screenshot({
      path: this.path(file),
      fullPage: true,
      clip: { x: 0, y: 0, width: Math.min(size.width, 1_600), height: Math.min(size.height, maxHeight) },
    });
  }

  /** One tab of a stand-in spreadsheet page: its heading and grid (and chart), from its left edge or its right. */
  async tab(
    page: Page,
    title: string,
    file: PictureFile,
    options: { side?: 'left' | 'right'; width?: number; maxHeight?: number } = {},
  ): Promise<void> {
    // Run in the page (a string: this program is type-checked without the DOM's types).
    const box = await page.evaluate<{ top: number; height: number; right: number } | null>(`(() => {
      const section = [...document.querySelectorAll('section')].find((s) => s.querySelector('h2')?.textContent === ${JSON.stringify(`Trang tính: ${title}`)});
      if (!section) return null;
      const rect = section.getBoundingClientRect();
      const table = section.querySelector('table.grid');
      const right = Math.max(rect.right, table ? table.getBoundingClientRect().right : 0);
      return { top: rect.top + window.scrollY, height: rect.height, right: right + window.scrollX };
    })()`);
    if (!box) throw new Error(`no tab "${title}" on ${page.url()}`);
    const width = options.width ?? WIDTH;
    const x = options.side === 'right' ? Math.max(0, box.right - width + 8) : 0;
    await page.screenshot({
      path: this.path(file),
      fullPage: true,
      clip: { x, y: Math.max(0, box.top - 8), width, height: Math.min(box.height + 8, options.maxHeight ?? 640) },
    });
  }

  async html(html: string, file: PictureFile, width: number, maxHeight = 2_400): Promise<void> {
    const page = await this.page(width, 600);
    await page.setContent(html, { waitUntil: 'load' });
    await this.full(page, file, maxHeight);
    await page.close();
  }

  /** Page 1 of a PDF as a PNG, drawn by poppler's pdftoppm. */
  pdfPage(pdf: Uint8Array, file: PictureFile, dpi: number): void {
    const folder = mkdtempSync(join(tmpdir(), 'journey-screens-pdf-'));
    try {
      writeFileSync(join(folder, 'in.pdf'), pdf);
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        String(dpi),
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        join(folder, 'in.pdf'),
        join(folder, 'page'),
      ]);
      writeFileSync(this.path(file), readFileSync(join(folder, 'page.png')));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }

  missing(): PictureFile[] {
    return (Object.keys(PICTURES) as PictureFile[]).filter((f) => !this.made.has(f));
  }
}

async function cli(url: string, argv: string[]): Promise<string> {
  const out: string[] = [];
  const code = await runCli(
    argv,
    { JOURNEY_URL: url, JOURNEY_SHARED_SECRET: LOCAL_SECRET },
    { out: (t) => out.push(t), err: (t) => out.push(t) },
  );
  if (code !== 0) throw new Error(`npm run journey -- ${argv.join(' ')}: exit ${String(code)}\n${out.join('\n')}`);
  return out.join('\n');
}

interface DemoMember {
  email: string;
  grade: string;
  entries: { status: string }[];
}

async function photograph(camera: Camera, demo: Demo, send: JourneySend): Promise<void> {
  const base = demo.url;
  // What only Google shows, drawn from the sources setup() and onOpen() use.
  const gas = await appsScript();
  const config = await send<{ config?: unknown }>('GET', '/v1/years/2019/config');
  const plan = gas.parseYearPlan(config.body.config ?? config.body, 2019);
  // The registration form in two pictures: its questions, then the processing notice with the consent item (the
  // notice's full text would make one picture too large to commit).
  const registration = gas.registrationFormSpec(plan);
  const consentFirst = (key: string): boolean => key === 'header.privacy' || key === 'consent';
  const questions = { ...registration, items: registration.items.filter((item) => !consentFirst(item.key)) };
  const consent = { ...registration, items: registration.items.filter((item) => consentFirst(item.key)) };
  await camera.html(formPage(questions), 'bieu-mau-dang-ky.png', 760, 3_200);
  await camera.html(formPage(consent), 'bieu-mau-dang-ky-dong-y.png', 760, 3_200);
  await camera.html(formPage(gas.evidenceFormSpec(plan)), 'bieu-mau-minh-chung.png', 760, 3_200);
  await camera.html(
    menuPage('Hành trình "Người Cộng sản trẻ" 2019 — Bảng tổng hợp', gas.MENU_TITLE, gas.MENU_ITEMS),
    'menu-hanh-trinh.png',
    1_100,
    480,
  );
  // From the banner to the demo's last line, as on a newcomer's machine: the default port and data folder.
  const banner = demo.lines.slice(
    demo.lines.findIndex((l) => l.startsWith('Hành trình "Người Cộng sản trẻ" đang chạy')),
    demo.lines.findIndex((l) => DEMO_DONE.test(l)) + 1,
  );
  const shown = banner
    .join('\n')
    .replace(/localhost:\d+/g, 'localhost:8080')
    .replaceAll(demo.dataDir, resolve(ROOT, '.data'));
  await camera.html(terminalPage('npm start', shown), 'npm-start.png', 1_000, 600);

  // The spreadsheets.
  const page = await camera.page();
  await page.goto(`${base}/_local/sheets/`);
  await camera.full(page, 'bang-tinh-danh-sach.png', HEIGHT);
  const sheets2019 = (await send<Sheets>('GET', '/v1/years/2019/sheets')).body;
  await page.goto(`${base}/_local/sheets/${sheets2019.master.spreadsheetId}`);
  await camera.tab(page, 'Kết quả', 'tong-hop-ket-qua.png');
  await camera.tab(page, 'Tổng hợp', 'tong-hop-tong-hop.png', { maxHeight: 720 });
  await camera.tab(page, 'Lỗi', 'tong-hop-loi.png', { maxHeight: 400 });
  await camera.tab(page, 'Đề cử hội trại', 'tong-hop-de-cu-hoi-trai.png', { maxHeight: 480 });
  await camera.tab(page, 'Kết nạp Đảng', 'tong-hop-ket-nap-dang.png', { maxHeight: 400 });
  await camera.tab(page, 'Đề cử tham gia', 'tong-hop-de-cu-tham-gia.png', { maxHeight: 400 });
  await camera.tab(page, 'Thư', 'tong-hop-thu.png', { maxHeight: 400 });
  const sheets2020 = (await send<Sheets>('GET', '/v1/years/2020/sheets')).body;
  await page.goto(`${base}/_local/sheets/${sheets2020.master.spreadsheetId}`);
  await camera.tab(page, 'Giai đoạn', 'tong-hop-giai-doan.png', { maxHeight: 480 });
  const queue = (id: string): string => {
    const ref = sheets2019.queues[id];
    if (!ref) throw new Error(`no spreadsheet for queue ${id}`);
    return `${base}/_local/sheets/${ref.spreadsheetId}`;
  };
  await page.goto(queue('BCH_CO_SO:STP'));
  await camera.tab(page, 'Hàng chờ', 'hang-cho-bch-trai.png', { maxHeight: 400 });
  await camera.tab(page, 'Hàng chờ', 'hang-cho-bch-phai.png', { side: 'right', maxHeight: 400 });
  await camera.tab(page, 'Đề cử', 'hang-cho-de-cu.png', { maxHeight: 360, width: 900 });
  await page.goto(queue('TO:TO1'));
  await camera.tab(page, 'Hàng chờ', 'hang-cho-to.png', { side: 'right', maxHeight: 400 });
  await page.close();

  // A member's journey book: graded Tốt, with decisions of more than one kind.
  const results = (await send<{ members: DemoMember[] }>('GET', '/v1/years/2019/results')).body.members;
  const member =
    results.find((m) => m.grade === 'tot' && new Set(m.entries.map((e) => e.status)).size >= 2) ?? results[0];
  if (!member) throw new Error('the demo year has no members');
  const link = (
    await send<{ url: string }>('GET', `/v1/years/2019/members/${encodeURIComponent(member.email)}/book-link`)
  ).body.url;
  const phone = await camera.page(390, 844);
  await phone.goto(link);
  await camera.full(phone, 'so-hanh-trinh-dien-thoai.png', 2_600);
  await phone.close();
  const printed = await camera.page(1_000, 800);
  await printed.goto(link);
  await printed.emulateMedia({ media: 'print' });
  camera.pdfPage(await printed.pdf({ format: 'A4', printBackground: true }), 'so-hanh-trinh-ban-in.png', 70);
  await printed.close();

  // The outbox: the list, a notice of a decision, a quarterly report and its PDF.
  const mail = await camera.page(1_100, 640);
  await mail.goto(`${base}/_local/outbox/`);
  await camera.full(mail, 'hop-thu-di.png', 640);
  await mail.goto(`${base}/_local/outbox/?kind=notice`);
  const decided = mail.locator('tbody a', { hasText: 'Cần bổ sung' });
  const notice =
    (await decided.count()) > 0 ? decided.first() : mail.locator('tbody a', { hasText: 'Kết quả đánh giá' }).first();
  await notice.click();
  await mail.waitForLoadState('load');
  await camera.full(mail, 'thu-thong-bao.png', 1_500);
  await mail.goto(`${base}/_local/outbox/?kind=quarterly`);
  const report = mail.locator('tbody a').first();
  const reportHref = await report.getAttribute('href');
  await report.click();
  await mail.waitForLoadState('load');
  await camera.full(mail, 'thu-bao-cao-quy.png', 1_500);
  await mail.close();
  const pdf = await fetch(`${base}${reportHref ?? ''}/attachments/0`);
  if (pdf.headers.get('content-type') !== 'application/pdf') throw new Error('the quarterly report has no PDF');
  camera.pdfPage(new Uint8Array(await pdf.arrayBuffer()), 'bao-cao-quy-pdf.png', 60);

  // The CLI, as a terminal shows it.
  await camera.html(
    terminalPage('npm run journey -- results 2019', await cli(base, ['results', '2019'])),
    'dong-lenh-ket-qua.png',
    1_200,
    1_400,
  );
  await camera.html(
    terminalPage(`npm run journey -- member 2019 ${member.email}`, await cli(base, ['member', '2019', member.email])),
    'dong-lenh-doan-vien.png',
    1_200,
    1_400,
  );
}

/**
 * What the pictures need from Debian, installed when missing as .ci/run installs what the tests need: chromium,
 * poppler's pdftoppm, and a monospaced font with Vietnamese letters for the terminal pictures (the machine's DejaVu Sans
 * Mono and Liberation Mono lack them, so "ố" would be drawn as "ô" and a loose accent).
 */
function ensureDebianTools(): void {
  const has = (command: string): boolean => {
    try {
      execFileSync('sh', ['-c', command], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (has(`test -x ${CHROMIUM}`) && has('command -v pdftoppm') && has("fc-list ':family=JetBrains Mono' | grep -q ."))
    return;
  log('installing chromium, poppler-utils and fonts-jetbrains-mono with apt-get');
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  execFileSync(
    'sh',
    [
      '-c',
      `${sudo}apt-get update && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium poppler-utils fonts-jetbrains-mono`,
    ],
    { stdio: 'inherit' },
  );
}

async function main(): Promise<void> {
  ensureDebianTools();
  mkdirSync(OUT, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'journey-screens-'));
  const port = await freePort();
  log(`npm start on port ${String(port)}, data in ${dataDir}; the demo takes several minutes`);
  const demo = startDemo(dataDir, port);
  let browser: Browser | undefined;
  try {
    await demo.finished;
    const send = createJourneyClient(demo.url, LOCAL_SECRET, 'docs-screens');
    await settle(send, join(dataDir, 'outbox'));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    const camera = new Camera(browser);
    await photograph(camera, demo, send);
    const missing = camera.missing();
    if (missing.length > 0) throw new Error(`pictures not made: ${missing.join(', ')}`);
    log(`${String(Object.keys(PICTURES).length)} pictures written to ${PICTURES_FOLDER}/`);
  } finally {
    await browser?.close();
    await stopDemo(demo);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[docs:screens] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
