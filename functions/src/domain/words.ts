// Word count as the plan means it: Vietnamese "chữ" are whitespace-separated syllables.

/**
 * Counts syllables: runs of non-space characters that contain at least one letter or digit,
 * so dashes, bullets and stray punctuation between spaces are not counted.
 * @example countWords('Tôi mong muốn được đứng vào hàng ngũ Đảng.') // 9
 */
export function countWords(text: string): number {
  let count = 0;
  for (const token of text.normalize('NFC').split(/\s+/u)) {
    if (/[\p{L}\p{N}]/u.test(token)) count += 1;
  }
  return count;
}
