// The days a member's data request must be completed in (Decree 356/2025/ND-CP), counted from its day in Vietnam.
import { describe, expect, it } from 'vitest';
import { daysLeft, isOpen, requestDeadline } from '../../../functions/src/domain/data-requests';
import { answerEditId, dataRequestAnswer } from '../../../functions/cli/commands/data-request';

describe('requestDeadline: the arrival day in Asia/Ho_Chi_Minh plus 10 (correction) or 15 (withdrawal) days', () => {
  it.each([
    ['correction', '2026-12-06T03:00:00Z', '2026-12-16'],
    ['withdrawal', '2026-12-06T03:00:00Z', '2026-12-21'],
    // 23:30 on the 5th in UTC is already the 6th in Vietnam: counted from the 6th.
    ['correction', '2026-12-05T18:00:00Z', '2026-12-16'],
    // 16:59 UTC is 23:59 in Vietnam, still the 5th.
    ['correction', '2026-12-05T16:59:00Z', '2026-12-15'],
    // Across a month and a year.
    ['withdrawal', '2026-12-25T01:00:00Z', '2027-01-09'],
    ['correction', '2028-02-25T01:00:00Z', '2028-03-06'],
  ] as const)('%s received %s → %s', (kind, at, deadline) => {
    expect(requestDeadline(kind, new Date(at))).toBe(deadline);
  });
});

describe('daysLeft and isOpen', () => {
  it.each([
    ['2026-12-16', '2026-12-06', 10],
    ['2026-12-16', '2026-12-16', 0],
    ['2026-12-16', '2026-12-18', -2],
    ['2027-01-09', '2026-12-25', 15],
  ] as const)('deadline %s, today %s → %i', (deadline, today, left) => {
    expect(daysLeft(deadline, today)).toBe(left);
  });

  it('counts received and in_progress as open, done and declined as closed', () => {
    expect(['received', 'in_progress', 'done', 'declined'].map((s) => isOpen(s as never))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('CLI data-request answer', () => {
  it('reads the year, request, status and answer, and refuses what is missing in Vietnamese', () => {
    expect(dataRequestAnswer.parse(['2019', 'correction-abc', 'Đã sửa.'], { status: 'done' })).toEqual({
      kind: 'data-request-answer',
      year: 2019,
      requestId: 'correction-abc',
      status: 'done',
      answer: 'Đã sửa.',
      json: false,
    });
    expect(dataRequestAnswer.parse(['2019', 'correction-abc', 'Đã sửa.'], { status: 'maybe' })).toMatch(/--status/);
    expect(dataRequestAnswer.parse(['2019', 'correction-abc'], { status: 'done' })).toMatch(/Thiếu nội dung trả lời/);
    expect(dataRequestAnswer.parse(['19', 'x', 'y'], { status: 'done' })).toMatch(/4 chữ số/);
  });

  it('gives the same answer typed twice the same edit id, and another answer another', () => {
    expect(answerEditId('r-1', 'done', 'Đã sửa.')).toBe(answerEditId('r-1', 'done', 'Đã sửa.'));
    expect(answerEditId('r-1', 'done', 'Đã sửa.')).not.toBe(answerEditId('r-1', 'declined', 'Đã sửa.'));
  });
});
