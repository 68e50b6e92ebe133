// A letter as plain text: the alternative part every client can show, and what a screen reader or a filter reads.
import type { Block, Cell, Letter } from '../../domain/letter';

function cellText(value: Cell): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if ('progress' in value) return value.label;
  return value.text;
}

function textBar(share: number): string {
  const filled = Math.max(0, Math.min(10, Math.round(share * 10)));
  return `[${'#'.repeat(filled)}${'-'.repeat(10 - filled)}]`;
}

export function blockText(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `\n${block.text.toLocaleUpperCase('vi')}\n${'-'.repeat(Math.min(60, block.text.length))}`;
    case 'paragraph':
      return block.text;
    case 'list':
      return block.items.map((i) => `  - ${i}`).join('\n');
    case 'facts':
      return block.items.map((f) => `  ${f.label}: ${f.value}`).join('\n');
    case 'progress': {
      const share = block.total === 0 ? 0 : block.done / block.total;
      return `${block.label}: ${textBar(share)} ${String(block.done)}/${String(block.total)} (${String(Math.round(share * 100))} %)`;
    }
    case 'table': {
      if (block.rows.length === 0) return block.empty ?? 'Không có dòng nào.';
      // One line per row, each value named by its column: readable on any screen width.
      return block.rows
        .map(
          (row) =>
            `  * ${row.map((v, i) => (i === 0 ? cellText(v) : `${block.columns[i]?.title ?? ''}: ${cellText(v)}`)).join('; ')}`,
        )
        .join('\n');
    }
    case 'button':
      return `${block.text}: ${block.url}`;
  }
}

export function renderLetterText(letter: Letter, footer: string): string {
  const parts = [
    letter.greeting,
    '',
    ...letter.blocks.map(blockText).flatMap((t) => [t, '']),
    ...letter.closing,
    ...(letter.attachments.length > 0
      ? ['', `Tệp đính kèm: ${letter.attachments.map((a) => a.filename).join(', ')}`]
      : []),
    '',
    '--',
    footer,
  ];
  return `${parts
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
