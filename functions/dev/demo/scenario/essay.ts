// BB3 essays: plausible text from a few sentences, varied and repeated past the length asked for.
import { ESSAY } from '../data/essay';
import { YEAR } from '../data/roster';
import type { DemoMember } from './plan';
import { pick, type Rng } from './random';

function countWords(text: string): number {
  return text.split(/\s+/u).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

function fill(sentence: string, member: Pick<DemoMember, 'fullName' | 'unit'>): string {
  return sentence
    .replaceAll('{name}', member.fullName)
    .replaceAll('{unit}', member.unit.name.replace(/^Đoàn /u, ''))
    .replaceAll('{year}', String(YEAR));
}

function lowerFirst(sentence: string): string {
  const first = sentence[0] ?? '';
  // Keep capitals of proper nouns that open a sentence.
  return /^(Đảng|Bác|Hành trình)/u.test(sentence) ? sentence : first.toLocaleLowerCase('vi') + sentence.slice(1);
}

/** An essay of at least `targetWords` words: the opening, paragraphs of four sentences drawn at random, the closing. */
export function essay(rng: Rng, member: Pick<DemoMember, 'fullName' | 'unit'>, targetWords: number): string {
  const paragraphs: string[] = [ESSAY.opening.map((s) => fill(s, member)).join(' ')];
  let words = countWords(paragraphs[0] ?? '') + countWords(ESSAY.closing.join(' '));
  while (words < targetWords) {
    const sentences: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      let sentence = fill(pick(rng, ESSAY.body), member);
      if (i > 0 && rng() < 0.45) sentence = `${fill(pick(rng, ESSAY.connectors), member)} ${lowerFirst(sentence)}`;
      sentences.push(sentence);
    }
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    words += countWords(paragraph);
  }
  paragraphs.push(ESSAY.closing.map((s) => fill(s, member)).join(' '));
  return paragraphs.join('\n\n');
}
