// A report as a printable Youth Union document (PDF, A4) with pdfmake and its bundled Roboto, which covers Vietnamese.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { chartContent } from './pdf-chart';
import { nfc, type Block, type Cell, type OfficialDocument, type Tone } from '../../domain/letter';

type PdfMake = typeof import('pdfmake');

const COLORS: Record<Tone, string> = {
  normal: '#000000',
  muted: '#555555',
  good: '#146c2e',
  warn: '#8a5300',
  bad: '#a11212',
};

let loaded: Promise<PdfMake> | undefined;

/** Loaded on the first PDF only: most requests never build one, and pdfmake is large for a cold start. */
function pdfmake(): Promise<PdfMake> {
  loaded ??= (async () => {
    const module = (await import('pdfmake')) as PdfMake & { default?: PdfMake };
    const pdf = module.default ?? module;
    const fontDir = join(dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto');
    pdf.setFonts({
      Roboto: {
        normal: join(fontDir, 'Roboto-Regular.ttf'),
        bold: join(fontDir, 'Roboto-Medium.ttf'),
        italics: join(fontDir, 'Roboto-Italic.ttf'),
        bolditalics: join(fontDir, 'Roboto-MediumItalic.ttf'),
      },
    });
    // A document only ever reads its fonts: no other file, no URL (text in it is what people typed).
    pdf.setLocalAccessPolicy((path) => path.startsWith(fontDir));
    pdf.setUrlAccessPolicy(() => false);
    return pdf;
  })();
  return loaded;
}

function cellContent(value: Cell, small: boolean): TableCell {
  const fontSize = small ? 7.5 : 9.5;
  if (typeof value === 'string' || typeof value === 'number') return { text: String(value), fontSize };
  if ('progress' in value) return { text: value.label, fontSize };
  return { text: value.text, fontSize, bold: value.strong ?? false, color: COLORS[value.tone ?? 'normal'] };
}

function blockContent(block: Block): Content {
  switch (block.kind) {
    case 'heading':
      return { text: block.text, bold: true, margin: [0, 8, 0, 4] };
    case 'paragraph':
      return {
        text: block.text,
        alignment: 'justify',
        color: COLORS[block.tone ?? 'normal'],
        margin: [0, 2, 0, 4],
        leadingIndent: 20,
      };
    case 'list':
      return { ul: block.items, margin: [10, 2, 0, 4] };
    case 'facts':
      return {
        table: {
          widths: ['auto', '*'],
          body: block.items.map((f) => [{ text: `${f.label}:`, color: COLORS.muted }, f.value]),
        },
        layout: 'noBorders',
        margin: [0, 2, 0, 6],
      };
    case 'progress': {
      const share = block.total === 0 ? 0 : block.done / block.total;
      return {
        text: `${block.label}: ${String(block.done)}/${String(block.total)} (${String(Math.round(share * 100))} %)`,
        margin: [0, 2, 0, 4],
      };
    }
    case 'table': {
      if (block.rows.length === 0)
        return { text: block.empty ?? 'Không có dòng nào.', italics: true, margin: [0, 2, 0, 6] };
      const small = block.columns.length > 8;
      const header = block.columns.map((c): TableCell => ({
        text: c.title,
        bold: true,
        fontSize: small ? 7.5 : 9.5,
        alignment: 'center',
        fillColor: '#eeeeee',
      }));
      return {
        table: {
          headerRows: 1,
          // Long tables (500 members) break across pages with the header repeated; a row never splits.
          dontBreakRows: true,
          widths: block.columns.map((c) => (c.width === undefined ? '*' : c.width)),
          body: [
            header,
            ...block.rows.map((row) =>
              row.map(
                (v, i) =>
                  ({
                    ...(cellContent(v, small) as object),
                    alignment: block.columns[i]?.align ?? (typeof v === 'number' ? 'right' : 'left'),
                  }) as TableCell,
              ),
            ),
          ],
        },
        layout: {
          hLineWidth: () => 0.5,
          vLineWidth: () => 0.5,
          hLineColor: () => '#999999',
          vLineColor: () => '#999999',
          paddingTop: () => 2,
          paddingBottom: () => 2,
        },
        margin: [0, 4, 0, 8],
      };
    }
    case 'button':
      return { text: `${block.text}: ${block.url}`, margin: [0, 2, 0, 4] };
  }
}

/**
 * The plan's own layout (44-KH/ĐTN): the issuing bodies and the number on the left, the organisation and the date
 * line on the right; the title; the sections; "Nơi nhận" and the signature block side by side at the end.
 */
export function documentDefinition(input: OfficialDocument): TDocumentDefinitions {
  const doc = nfc(input);
  const header: Content = {
    columns: [
      {
        width: '45%',
        stack: [
          ...doc.issuer.map((line, i): Content => ({ text: line, alignment: 'center', bold: i > 0, fontSize: 11 })),
          { text: doc.number, alignment: 'center', fontSize: 11, margin: [0, 4, 0, 0] },
        ],
      },
      {
        width: '*',
        stack: [
          { text: doc.organisation, alignment: 'center', bold: true, decoration: 'underline', fontSize: 12 },
          { text: doc.dateLine, alignment: 'center', italics: true, fontSize: 11, margin: [0, 18, 0, 0] },
        ],
      },
    ],
  };
  const closing: Content = {
    columns: [
      {
        width: '50%',
        stack: [
          { text: 'Nơi nhận:', bold: true, italics: true, fontSize: 10 },
          ...doc.recipients.map((r): Content => ({ text: `- ${r};`, fontSize: 9 })),
          { text: '- Lưu VP.', fontSize: 9 },
        ],
      },
      {
        width: '*',
        stack: [
          { text: doc.signer.capacity, alignment: 'center', bold: true, fontSize: 11 },
          { text: doc.signer.role, alignment: 'center', bold: true, fontSize: 11 },
          { text: ' ', margin: [0, 48, 0, 0] },
          { text: doc.signer.name, alignment: 'center', bold: true, fontSize: 11 },
        ],
      },
    ],
    margin: [0, 18, 0, 0],
    unbreakable: true,
  };
  const margins: [number, number, number, number] = [64, 48, 40, 52];
  // A4 in points: the width the content has between the margins, for the charts' bars.
  const contentWidth = (doc.landscape ? 841.89 : 595.28) - margins[0] - margins[2];
  return {
    pageSize: 'A4',
    pageOrientation: doc.landscape ? 'landscape' : 'portrait',
    // Vietnamese administrative layout: a wider left margin for binding.
    pageMargins: margins,
    info: {
      title: `${doc.title} — ${doc.subtitle}`,
      author: doc.issuer.at(1) ?? doc.organisation,
      subject: doc.subtitle,
    },
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.2 },
    footer: (page, pages) => ({
      text: `${String(page)}/${String(pages)}`,
      alignment: 'center',
      fontSize: 8,
      color: '#666666',
      margin: [0, 16, 0, 0],
    }),
    content: [
      header,
      { text: doc.title, alignment: 'center', bold: true, fontSize: 14, margin: [0, 22, 0, 2] },
      { text: doc.subtitle, alignment: 'center', bold: true, fontSize: 12 },
      { text: '-----------', alignment: 'center', margin: [0, 0, 0, 10] },
      ...(doc.charts ?? []).map((c) => chartContent(c, contentWidth)),
      ...doc.sections.flatMap((s): Content[] => [
        { text: s.heading, bold: true, fontSize: 11.5, margin: [0, 8, 0, 4] },
        ...s.blocks.map(blockContent),
      ]),
      closing,
    ],
  };
}

export async function renderDocumentPdf(doc: OfficialDocument): Promise<Buffer> {
  const pdf = await pdfmake();
  const out = await pdf.createPdf(documentDefinition(doc)).getBuffer();
  return Buffer.from(out);
}
