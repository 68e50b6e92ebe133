// Word count for the BB3 essay (plan: "bài viết trên 1.000 chữ"): chữ are whitespace-separated syllables.
import { describe, expect, it } from 'vitest';
import { countWords } from '../../../functions/src/domain/words';

describe('countWords: whitespace-separated syllables that contain a letter or digit', () => {
  it.each([
    ['an empty text', '', 0],
    ['only spaces and line breaks', '  \n\t  \r\n ', 0],
    ['a Vietnamese sentence (one syllable per chữ)', 'Tôi mong muốn được đứng vào hàng ngũ Đảng.', 9],
    ['punctuation-only tokens between spaces are not words', 'Đảng – Nhà nước - nhân dân … • * " ,', 5],
    ['punctuation attached to a syllable keeps it a word', '“Đảng”, (nhân dân).', 3],
    ['numbers are words', 'Năm 2019 có 4 quý', 5],
    ['a hyphenated token is one word (split on whitespace only)', 'an-sinh xã-hội', 2],
    ['line breaks, tabs and non-breaking spaces separate words', 'Thanh\nniên\ttiên\u00a0phong', 4],
    ['several spaces count once', 'Hành    trình   trẻ', 3],
  ])('%s: "%s" → %i', (_what, text, words) => {
    expect(countWords(text)).toBe(words);
  });

  it('decomposed (NFD) and composed (NFC) text count the same', () => {
    const text = 'Nguyện vọng được đứng vào hàng ngũ Đảng Cộng sản Việt Nam';
    expect(countWords(text.normalize('NFD'))).toBe(countWords(text));
    expect(countWords(text)).toBe(12);
  });

  it('a long essay is counted exactly', () => {
    expect(countWords(Array.from({ length: 1001 }, () => 'chữ').join(' '))).toBe(1001);
  });
});
