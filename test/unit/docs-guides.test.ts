// The guides of docs/huong-dan/: every picture they show exists, every picture `npm run docs:screens` makes is shown,
// every guide opens with who it is for, and the menu items they name are the menu's own.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PICTURES, PICTURES_FOLDER } from '../../functions/screens/pictures';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const GUIDES = join(ROOT, 'docs/huong-dan');
const guides = readdirSync(GUIDES)
  .filter((f) => f.endsWith('.md'))
  .map((file) => ({ file, text: readFileSync(join(GUIDES, file), 'utf8') }));
/** Markdown images and links: `![alt](target)`, `[text](target)`. */
const targets = (text: string, image: boolean): string[] =>
  [...text.matchAll(image ? /!\[[^\]]*\]\(([^)\s]+)\)/g : /(?<!!)\[[^\]]*\]\(([^)\s#]+)(?:#[^)]*)?\)/g)].map(
    (m) => m[1] ?? '',
  );

describe('docs/huong-dan', () => {
  it('has an index and one guide per role', () => {
    expect(guides.map((g) => g.file).sort()).toEqual([
      'README.md',
      'ban-thuong-vu.md',
      'co-so-doan-va-cap-uy.md',
      'doan-vien.md',
      'quan-tri-ky-thuat.md',
      'to-truong-giam-sat.md',
    ]);
  });

  it('shows only pictures that exist, each with words for those who cannot see it', () => {
    for (const { file, text } of guides) {
      for (const target of targets(text, true)) {
        expect(existsSync(join(GUIDES, target)), `${file}: ${target}`).toBe(true);
      }
      expect(text, file).not.toMatch(/!\[\]\(/);
    }
  });

  it('shows every picture the screenshot script makes, and the folder holds no other', () => {
    const shown = new Set(guides.flatMap(({ text }) => targets(text, true)).map((t) => t.replace(/^hinh\//, '')));
    expect(Object.keys(PICTURES).filter((p) => !shown.has(p))).toEqual([]);
    expect(PICTURES_FOLDER).toBe('docs/huong-dan/hinh');
    const folder = join(ROOT, PICTURES_FOLDER);
    const files = existsSync(folder) ? readdirSync(folder) : [];
    expect(files.filter((f) => !(f in PICTURES))).toEqual([]);
  });

  // 500 kB: the registration form's processing notice is a page of dense legal text, ≈ 430 kB as a picture; every other
  // picture stays far below.
  it('keeps each picture small enough to commit (a PNG under 500 kB)', () => {
    for (const picture of Object.keys(PICTURES)) {
      const path = join(ROOT, PICTURES_FOLDER, picture);
      if (!existsSync(path)) continue;
      expect(readFileSync(path).subarray(1, 4).toString(), picture).toBe('PNG');
      expect(statSync(path).size, picture).toBeLessThan(500_000);
    }
  });

  it('links only to guides that exist', () => {
    for (const { file, text } of guides) {
      for (const target of targets(text, false).filter((t) => t.endsWith('.md') && !t.includes('://'))) {
        expect(existsSync(join(GUIDES, target)), `${file}: ${target}`).toBe(true);
      }
    }
  });

  it('opens each role’s guide with who it is for and what they need', () => {
    for (const { file, text } of guides.filter((g) => g.file !== 'README.md')) {
      const opening = text.split('\n').slice(0, 6).join('\n');
      expect(opening, file).toMatch(/^# .+\n\n\*\*Dành cho:\*\* /);
      expect(opening, file).toMatch(/\*\*(Đồng chí|Bạn) cần:\*\* /);
    }
  });

  it('names the "Hành trình" menu’s items as the menu spells them', () => {
    const source = readFileSync(join(ROOT, 'apps-script/src/menu.ts'), 'utf8');
    const captions = new Set([...source.matchAll(/\['([^']+)', '[A-Za-z]+'\]/g)].map((m) => m[1]));
    expect(captions.size).toBeGreaterThan(5);
    const named = guides.flatMap(({ text }) =>
      [...text.matchAll(/\*\*Hành trình → ([^*]+)\*\*/g)].map((m) => m[1] ?? ''),
    );
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter((n) => !captions.has(n))).toEqual([]);
  });
});
