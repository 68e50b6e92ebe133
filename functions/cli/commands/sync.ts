// `sync <năm> [--no-wait] [--json]`: every spreadsheet of the year rebuilt from the data, followed to its end; and
// `sync-status <năm> [--json]`: how far the last sync has got.
import type { SyncStatus } from '../../src/app/sheets';
import { parseYear } from '../args';
import type { CliCommand } from '../command';
import type { CliIo } from '../io';
import { formatBody, formatTime } from '../format';

export interface SyncCommand {
  kind: 'sync';
  year: number;
  wait: boolean;
  json: boolean;
}

export interface SyncStatusCommand {
  kind: 'sync-status';
  year: number;
  json: boolean;
}

/** `POST /v1/years/{year}/sync`'s answer (API.md, extended with the run). */
interface SyncStarted {
  spreadsheets: number;
  scheduled?: number;
  syncId?: string;
}

/** Between two looks at the run. */
export const POLL_MS = 3_000;
/** A run whose counts have not moved for this long is left to run; the command says so and ends (exit 1). */
export const STALL_MS = 10 * 60_000;

const syncPath = (year: number): string => `/v1/years/${year}/sync`;

const defaultPause = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

function duration(from: string | null | undefined, to: string | null | undefined): string {
  const ms = Date.parse(to ?? '') - Date.parse(from ?? '');
  if (!Number.isFinite(ms) || ms < 0) return '';
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} giây` : `${Math.floor(seconds / 60)} phút ${seconds % 60} giây`;
}

/** The run in one line of Vietnamese. */
export function formatSyncStatus(status: SyncStatus): string {
  if (status.status === 'none') return `Năm ${status.year} chưa đồng bộ bảng tính lần nào.`;
  const counts = `${status.done ?? 0}/${status.spreadsheets ?? 0} bảng tính`;
  const writes = `${status.writes ?? 0} lần ghi vào Google Sheets`;
  if (status.status === 'finished') {
    return `Đồng bộ xong ${counts} lúc ${formatTime(status.finishedAt)} (bắt đầu ${formatTime(status.startedAt)}, mất ${duration(status.startedAt, status.finishedAt)}), ${writes}.`;
  }
  const failed = (status.failed ?? 0) > 0 ? `, ${status.failed ?? 0} bảng tính đang lỗi (hệ thống tự thử lại)` : '';
  return `Đang đồng bộ (bắt đầu ${formatTime(status.startedAt)}): ${counts} xong${failed}, ${writes}.`;
}

/** Looks at the run until it ends, printing each change; 0 once finished, 1 when it stalls or another run replaces it. */
async function follow(
  year: number,
  syncId: string | undefined,
  ctx: { io: CliIo; ok: <T>(method: string, path: string) => Promise<T> },
  json: boolean,
): Promise<number> {
  const pause = ctx.io.pause ?? defaultPause;
  let last = '';
  let still = 0;
  for (;;) {
    await pause(POLL_MS);
    const status = await ctx.ok<SyncStatus>('GET', syncPath(year));
    if (syncId !== undefined && status.syncId !== syncId) {
      ctx.io.err('Một lần đồng bộ khác đã bắt đầu sau lần này và thay thế nó; xem tiến độ bằng lệnh sync-status.');
      return 1;
    }
    const line = formatSyncStatus(status);
    if (status.status !== 'running') {
      ctx.io.out(json ? formatBody(status) : line);
      return status.status === 'finished' ? 0 : 1;
    }
    if (line !== last) {
      if (!json) ctx.io.out(line);
      last = line;
      still = 0;
    } else {
      still += POLL_MS;
      if (still >= STALL_MS) {
        ctx.io.err(
          `Đồng bộ chưa tiến triển trong ${STALL_MS / 60_000} phút (${line}) Hệ thống vẫn tiếp tục thử lại; xem lại sau bằng lệnh sync-status.`,
        );
        return 1;
      }
    }
  }
}

export const sync: CliCommand<SyncCommand> = {
  kind: 'sync',
  name: 'sync',
  usage: '<năm> [--no-wait] [--json]',
  summary:
    'Dựng lại mọi bảng tính của năm từ dữ liệu gốc (theo nhịp ghi của Google Sheets) và theo dõi đến khi xong; --no-wait: chỉ lên lịch.',
  options: ['no-wait', 'json'],
  maxArgs: 1,
  parse([word], values) {
    const year = parseYear(word);
    return typeof year === 'string'
      ? year
      : { kind: 'sync', year, wait: values['no-wait'] !== true, json: values.json ?? false };
  },
  async run(command, { io, ok }) {
    const started = await ok<SyncStarted>('POST', syncPath(command.year));
    if (command.json && !command.wait) {
      io.out(formatBody(started));
      return 0;
    }
    if (!command.json) {
      io.out(
        `Đã lên lịch dựng lại ${started.spreadsheets} bảng tính của năm ${command.year} từ dữ liệu gốc${started.syncId ? ` (mã lần đồng bộ ${started.syncId})` : ''}.`,
      );
      const missed = started.spreadsheets - (started.scheduled ?? started.spreadsheets);
      if (missed > 0)
        io.err(
          `${missed} bảng tính chưa lên lịch được (Cloud Tasks không nhận); chúng được tính là lỗi. Vui lòng chạy lại lệnh sau ít phút.`,
        );
      if (!command.wait) {
        io.out(
          `Không chờ kết quả. Xem tiến độ: npm run journey -- sync-status ${command.year} (hoặc dòng "Đồng bộ lần cuối" trên trang Tổng hợp của bảng tổng hợp).`,
        );
        return 0;
      }
    }
    return follow(command.year, started.syncId, { io, ok }, command.json);
  },
};

export const syncStatus: CliCommand<SyncStatusCommand> = {
  kind: 'sync-status',
  name: 'sync-status',
  usage: '<năm> [--json]',
  summary: 'Tiến độ của lần đồng bộ bảng tính gần nhất: bao nhiêu bảng tính đã xong, đang lỗi, số lần ghi.',
  options: ['json'],
  maxArgs: 1,
  parse([word], values) {
    const year = parseYear(word);
    return typeof year === 'string' ? year : { kind: 'sync-status', year, json: values.json ?? false };
  },
  async run(command, { io, ok }) {
    const status = await ok<SyncStatus>('GET', syncPath(command.year));
    io.out(command.json ? formatBody(status) : formatSyncStatus(status));
    return 0;
  },
};
