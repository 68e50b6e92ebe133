// Matching what people type against the plan: task codes inside form labels, names without case or spacing noise, Vietnamese order.
import { describe, expect, it } from 'vitest';
import { findByIdOrName, normalizeName, taskCodeOf, vietnameseCollator } from '../../../functions/src/domain/text';

describe('taskCodeOf: a form option label starts with the code', () => {
  it.each([
    ['RL2', 'RL2'],
    ['RL2 — Tham gia tổ chức hoạt động tình nguyện, an sinh xã hội', 'RL2'],
    ['  rl1 - Phụ trách sinh hoạt chi đoàn', 'RL1'],
    ['TT1: Câu lạc bộ lý luận trẻ', 'TT1'],
    ['BB3.Bài viết', 'BB3'],
    ['RL23', 'RL23'],
    ['RL2a', 'RL2a'],
    ['Nhiệm vụ RL2', 'Nhiệm vụ RL2'],
    ['  Hiến máu  ', 'Hiến máu'],
  ])('"%s" → "%s"', (answer, code) => {
    expect(taskCodeOf(answer)).toBe(code);
  });
});

describe('normalizeName: case-insensitive, single spaces, Unicode NFC', () => {
  it.each([
    ['  Đoàn  Sở Nội vụ  ', 'đoàn sở nội vụ'],
    ['ĐOÀN SỞ NỘI VỤ', 'đoàn sở nội vụ'],
    ['Đoàn Sở Nội vụ'.normalize('NFD'), 'đoàn sở nội vụ'],
    ['An.Nguyen@SNV.gov.vn', 'an.nguyen@snv.gov.vn'],
  ])('"%s" → "%s"', (value, normalized) => {
    expect(normalizeName(value)).toBe(normalized);
  });
});

describe('findByIdOrName', () => {
  const items = [
    { id: 'SNV', name: 'Đoàn Sở Nội vụ' },
    { id: 'SYT', name: 'Đoàn Sở Y tế' },
    { id: 'x', name: 'syt' },
  ];
  it.each([
    ['its id', 'SNV', 'SNV'],
    ['its id in lower case', 'snv', 'SNV'],
    ['its name', 'Đoàn Sở Nội vụ', 'SNV'],
    ['its name without case and with extra spaces', ' đoàn sở  y tế ', 'SYT'],
    ['an id before a name that looks the same', 'Syt', 'SYT'],
  ])('finds an item by %s', (_how, value, id) => {
    expect(findByIdOrName(items, value)?.id).toBe(id);
  });

  it('finds nothing for an unknown value', () => {
    expect(findByIdOrName(items, 'Đoàn Sở Tư pháp')).toBeUndefined();
  });
});

describe('vietnameseCollator: the Vietnamese alphabet (a ă â b c d đ e ê …), tones after the plain letter', () => {
  it('sorts names as a Vietnamese reader expects', () => {
    const names = ['Giang', 'Yến', 'Đỗ', 'Ánh', 'Dương', 'Ân', 'Anh', 'Ăn', 'Bảo', 'Ơn', 'Ôn', 'On', 'Ưng', 'Ung'];
    expect([...names].sort((a, b) => vietnameseCollator.compare(a, b))).toEqual([
      'Anh',
      'Ánh',
      'Ăn',
      'Ân',
      'Bảo',
      'Dương',
      'Đỗ',
      'Giang',
      'On',
      'Ôn',
      'Ơn',
      'Ung',
      'Ưng',
      'Yến',
    ]);
  });

  it('does not treat names differing only by tone as equal', () => {
    expect(vietnameseCollator.compare('Anh', 'Ánh')).toBeLessThan(0);
    expect(vietnameseCollator.compare('Lê Văn Ánh', 'Lê Văn Anh')).toBeGreaterThan(0);
  });

  it('compares digits numerically', () => {
    expect(vietnameseCollator.compare('Tổ 2', 'Tổ 10')).toBeLessThan(0);
  });
});
