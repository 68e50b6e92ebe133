// A re-sync of a year with 100 queue spreadsheets and 10,000 members, the stand-in enforcing Google's per-minute write
// quota: no 429, every spreadsheet complete, its progress recorded, at most the pace's writes in any minute. In virtual
// time (the pace and the quota window share one clock), so some five minutes of pace take no five real minutes.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PACE } from '../../functions/src/adapters/sheets';
import { runResync, type ResyncFigures } from '../bench/resync';

let figures: ResyncFigures;
beforeAll(async () => {
  figures = await runResync({ members: 10_000, units: 33, entriesPerQueue: 10 });
}, 240_000);

describe('a re-sync of 101 spreadsheets and 10,000 members at Google’s quota', () => {
  it('answers having scheduled every spreadsheet', () => {
    expect(figures.answer).toMatchObject({ status: 'accepted', spreadsheets: 101, scheduled: 101 });
  });

  it('gets no 429 and never more than the pace in any minute', () => {
    expect(figures.quotaRefusals).toBe(0);
    expect(figures.peakWritesPerMinute).toBeLessThanOrEqual(DEFAULT_PACE.writesPerMinute);
    expect(figures.largestRequestBytes).toBeLessThanOrEqual(DEFAULT_PACE.maxRequestBytes);
  });

  it('leaves every spreadsheet complete: each member on Kết quả, each entry in its queue, the progress line at its end', () => {
    expect(figures.incomplete).toEqual([]);
    expect(figures.progressLine).toMatch(
      /^Đồng bộ lần cuối: bắt đầu \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}, xong \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}, 101\/101 bảng tính$/,
    );
  });

  it('records its progress to the end: every spreadsheet done, none failed, each write counted', () => {
    expect(figures.progress).toMatchObject({
      status: 'finished',
      spreadsheets: 101,
      done: 101,
      failed: 0,
      syncId: figures.answer.syncId,
    });
    expect(figures.progress.writes).toBe(figures.writeRequests - figures.progressLineWrites);
    // A rebuild is two writes (more for the master's 2 MB parts); the line is rewritten about once a minute.
    expect(figures.progress.writes).toBeGreaterThanOrEqual(2 * 101);
    expect(figures.progressLineWrites).toBeGreaterThanOrEqual(1);
    expect(figures.progressLineWrites).toBeLessThanOrEqual(Math.ceil(figures.virtualMinutes) + 1);
  });

  it('takes the pace’s time, in virtual minutes', () => {
    // From the run's start to its end lie every rebuild write, a full interval apart; the progress line's last write
    // comes after the end, so it is not counted here.
    expect(figures.virtualMinutes).toBeGreaterThanOrEqual(
      (Number(figures.progress.writes) - 1) / DEFAULT_PACE.writesPerMinute,
    );
  });
});
