// The journey-book page as HTML: every value people typed is escaped, nothing loads from elsewhere, the plan's header is there.
import { describe, expect, it } from 'vitest';
import type { JourneyBook } from '../../functions/src/app/book';
import { bookBody } from '../../functions/src/http/book-page';
import { escapeHtml, externalLink } from '../../functions/src/http/html';
import { pageDocument } from '../../functions/src/http/page-shell';
import { makeConfig } from './domain/fixtures';
import { must } from '../helpers';
import { emptyResult } from '../../functions/src/domain/results';

const HOSTILE = `<script>alert("x")</script><img src=x onerror='y'>&copy;`;
const config = makeConfig();

function book(patch: Partial<JourneyBook> = {}): JourneyBook {
  return {
    year: 2019,
    phase: '2018-2022',
    today: '2019-06-15',
    linkExpiresAt: new Date('2019-09-13T00:00:00Z'),
    member: {
      memberId: 'm-0123456789abcdef',
      fullName: `Nguyễn Thị Ánh ${HOSTILE}`,
      email: 'anh@example.vn',
      dateOfBirth: '1994-03-02',
      phone: HOSTILE,
      registeredAt: '2019-01-10T02:00:00.000Z',
      amendedAt: null,
    },
    unitName: HOSTILE,
    group: { name: `Tổ 1 ${HOSTILE}`, leader: 'to@example.vn', supervisor: 'gs@example.vn' },
    calendar: config.calendar,
    rules: config.rules,
    groups: [
      {
        group: 'RL',
        tasks: [
          {
            code: 'RL2',
            title: 'Tham gia tổ chức hoạt động tình nguyện, an sinh xã hội',
            description: '',
            confirmedBy: ['BCH_CO_SO'],
            distinctDates: false,
            progress: { status: 'in_progress', approved: 1, pending: 1, required: 2 },
            entries: [
              {
                evidenceId: '2019-e-0000000000000001',
                activityDate: '2019-04-20',
                submittedAt: '2019-04-21T03:00:00.000Z',
                description: `Hiến máu ${HOSTILE}`,
                links: ['javascript:alert(1)', 'https://drive.google.com/file/d/abc?x="><u>'],
                words: null,
                initiative: HOSTILE,
                rating: null,
                meetingKind: null,
                status: 'approved',
                decisions: [
                  {
                    decision: 'approved',
                    queue: 'BCH_CO_SO:SNV',
                    comment: `Tốt lắm ${HOSTILE}`,
                    editedAt: '2019-05-01T02:00:00.000Z',
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
    result: emptyResult(),
    progress: {
      asOf: '2019-06-15',
      months: [
        { month: '2019-02', done: { BB: 0, RL: 0, TT: 0 } },
        { month: '2019-03', done: { BB: 1, RL: 1, TT: 0 } },
        { month: '2019-04', done: { BB: 2, RL: 3, TT: 0 } },
        { month: '2019-05', done: { BB: 2, RL: 4, TT: 0 } },
        { month: '2019-06', done: null },
      ],
      needed: { BB: 3, RL: 3, TT: 1 },
    },
    standing: { rank: 3, tiedWith: 1, total: 40 },
    outlook: [],
    camp: { kind: 'grade_too_low' },
    party: { introducedAt: null, admittedAt: null, reference: HOSTILE },
    earlier: [],
    requests: [],
    ...patch,
  };
}

const page = (b: JourneyBook): string => pageDocument('Sổ', bookBody(b));

describe('the journey-book page', () => {
  it('escapes every value people typed: names, units, descriptions, comments, links, decision numbers', () => {
    const out = page(book());
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<u>');
    expect(out).toContain(escapeHtml(HOSTILE));
    expect(out.split(escapeHtml(HOSTILE)).length - 1).toBeGreaterThanOrEqual(8);
    expect(out).not.toMatch(/href="javascript:/i);
  });

  it('loads nothing from other sites and runs no script', () => {
    const out = page(book());
    expect(out).not.toMatch(/<(script|link|iframe|img|object|embed)\b/i);
    expect(out).not.toMatch(/@import|url\(|@font-face/i);
    // Inside tags only: escaped text may mention "src=" harmlessly.
    expect(out).not.toMatch(/<[^>]*\s(src|srcset|background)=/i);
  });

  it('carries the plan’s header, the year, the rank with its tie, and the two signature lines', () => {
    const out = page(book());
    expect(out).toContain('<html lang="vi">');
    expect(out).toContain('THÀNH ĐOÀN TP. HỒ CHÍ MINH');
    expect(out).toContain('BCH ĐOÀN KHỐI DÂN - CHÍNH - ĐẢNG TP');
    expect(out).toContain('ĐOÀN TNCS HỒ CHÍ MINH');
    expect(out).toContain('TP. Hồ Chí Minh, ngày 15 tháng 06 năm 2019');
    expect(out).toContain('Hành trình “Người Cộng sản trẻ” năm 2019');
    expect(out).toContain('3/40');
    expect(out).toContain('đồng hạng với 1 đoàn viên');
    expect(out).toContain('GIÁM SÁT VIÊN');
    expect(out).toContain('ĐOÀN VIÊN');
    expect(out).toContain('@page { size: A4;');
  });

  it('draws the year’s progress per group as bars a month, scaled to what must be reached, with their numbers', () => {
    const out = page(book());
    expect(out).toContain(
      'Đến ngày 15/06/2019: đã hoàn thành 5/7 nhiệm vụ cần hoàn thành (bắt buộc 2/3 · rèn luyện 3/3 · thử thách 0/1).',
    );
    const figure = (group: string): string =>
      must(new RegExp(`<figure[^>]*data-group="${group}"[\\s\\S]*?</figure>`).exec(out))[0];
    const heights = (group: string): number[] =>
      [...figure(group).matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    // BB: 3 to finish, on a plot 76 units high: 0, 1, 2, 2 done.
    expect(heights('BB')).toEqual([0, 25.3, 50.7, 50.7]);
    // RL: 4 done in May is above the 3 required: the scale is 4, the dashed line at 3 (y = 92 − 57).
    expect(heights('RL')).toEqual([0, 19, 57, 76]);
    expect(figure('RL')).toContain('y1="35"');
    expect(figure('RL')).toContain('cần 3');
    // A bar is near black once its group is reached, mid grey before.
    expect([...figure('RL').matchAll(/fill="(#[0-9a-f]+)"/g)].map((m) => m[1])).toEqual([
      '#a6a6a6',
      '#a6a6a6',
      '#222222',
      '#222222',
    ]);
    // June has not ended: its month is written (greyed), with no bar.
    expect(figure('TT')).toMatch(/class="m ahead">T6</);
    expect(figure('TT').match(/<rect /g)).toHaveLength(4);
  });

  it('shows earlier years only when there are some', () => {
    expect(page(book())).not.toContain('Các năm trước');
    const withEarlier = page(
      book({
        earlier: [
          {
            year: 2018,
            unitName: 'Đoàn Sở Nội vụ',
            result: {
              tasks: {},
              done: { BB: 3, RL: 3, TT: 1 },
              completed: true,
              completedAt: '2018-09-01T02:00:00.000Z',
              grade: 'dat',
              points: 56,
            },
            standing: { rank: 7, tiedWith: 0, total: 31 },
          },
        ],
      }),
    );
    expect(withEarlier).toContain('Các năm trước');
    expect(withEarlier).toContain('7/31');
  });
});

describe('externalLink', () => {
  it.each([
    [
      'an https address becomes a link that sends no referrer',
      'https://drive.google.com/a',
      '<a class="link" href="https://drive.google.com/a" rel="noopener noreferrer nofollow" target="_blank">',
    ],
    ['a javascript: address stays text', 'javascript:alert(1)', '<span class="link">javascript:alert(1)</span>'],
    ['text that is not an address stays text', 'xem trong thư', '<span class="link">xem trong thư</span>'],
  ])('%s', (_rule, address, expected) => {
    expect(externalLink(address).value).toContain(expected);
  });
});
