// What an e-mail says, as data: blocks a renderer turns into HTML, plain text or a printable Youth Union document (PDF).
import { z } from 'zod';

export const TONES = ['normal', 'muted', 'good', 'warn', 'bad'] as const;
export type Tone = (typeof TONES)[number];

const TextCell = z.object({ text: z.string(), tone: z.enum(TONES).optional(), strong: z.boolean().optional() });
const ProgressCell = z.object({ progress: z.number().min(0).max(1), label: z.string() });
export const CellSchema = z.union([z.string(), z.number(), TextCell, ProgressCell]);
export type Cell = z.infer<typeof CellSchema>;

export const ColumnSchema = z.object({
  title: z.string(),
  align: z.enum(['left', 'right', 'center']).optional(),
  /** Relative width in the PDF ('*' share by default). */
  width: z.number().positive().optional(),
});
export type Column = z.infer<typeof ColumnSchema>;

export const BlockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('heading'), text: z.string() }),
  z.object({ kind: z.literal('paragraph'), text: z.string(), tone: z.enum(TONES).optional() }),
  z.object({ kind: z.literal('list'), items: z.array(z.string()) }),
  z.object({ kind: z.literal('facts'), items: z.array(z.object({ label: z.string(), value: z.string() })) }),
  z.object({ kind: z.literal('progress'), label: z.string(), done: z.number().min(0), total: z.number().min(0) }),
  z.object({
    kind: z.literal('table'),
    columns: z.array(ColumnSchema),
    rows: z.array(z.array(CellSchema)),
    empty: z.string().optional(),
  }),
  z.object({ kind: z.literal('button'), text: z.string(), url: z.string() }),
]);
export type Block = z.infer<typeof BlockSchema>;

/**
 * A bar chart as data, drawn by the renderer: panels of horizontal bars, each labelled directly (no colour legend, so it
 * reads the same printed in black and white). A bar is `value` long on the panel's `scale`; `of`, when given, is drawn
 * as an outlined track behind it (e.g. members registered for a task, of whom `value` have done it).
 */
export const ChartSchema = z.object({
  title: z.string(),
  /** One line saying what the chart shows: `3/5 đoàn viên đã hoàn thành hành trình năm`. */
  reading: z.string(),
  panels: z.array(
    z.object({
      title: z.string(),
      scale: z.number().min(0),
      bars: z.array(
        z.object({
          label: z.string(),
          value: z.number().min(0),
          of: z.number().min(0).optional(),
          /** Printed after the bar: `3/5`, `12 (60 %)`. */
          text: z.string(),
          /** 0 (darkest) to 3 (lightest): stages or grades told apart in greys as well as by their labels. */
          shade: z.number().int().min(0).max(3).optional(),
        }),
      ),
    }),
  ),
});
export type Chart = z.infer<typeof ChartSchema>;

/** A report laid out as a Youth Union document, ready to print and sign (the plan's own header as model). */
export const OfficialDocumentSchema = z.object({
  /** Left of the header: the superior body, the issuing body, and a line of stars. */
  issuer: z.array(z.string()),
  /** Right of the header. */
  organisation: z.string(),
  /** `Số: 12-BC/ĐTN` */
  number: z.string(),
  /** `TP. Hồ Chí Minh, ngày 25 tháng 06 năm 2019` */
  dateLine: z.string(),
  title: z.string(),
  subtitle: z.string(),
  /** Drawn under the title, before the sections: what people look at before they read the tables. */
  charts: z.array(ChartSchema).optional(),
  sections: z.array(z.object({ heading: z.string(), blocks: z.array(BlockSchema) })),
  /** Nơi nhận */
  recipients: z.array(z.string()),
  signer: z.object({ capacity: z.string(), role: z.string(), name: z.string() }),
  /** Landscape for wide tables (every task as a column). */
  landscape: z.boolean().optional(),
});
export type OfficialDocument = z.infer<typeof OfficialDocumentSchema>;

export const LetterSchema = z.object({
  subject: z.string(),
  /** The line a mail client shows after the subject. */
  preheader: z.string(),
  greeting: z.string(),
  blocks: z.array(BlockSchema),
  closing: z.array(z.string()),
  attachments: z.array(z.object({ filename: z.string(), document: OfficialDocumentSchema })),
});
export type Letter = z.infer<typeof LetterSchema>;

/**
 * Every string in NFC: text typed on some keyboards arrives decomposed (a + combining marks), which fonts without
 * those marks draw as boxes and which compares unequal to the same word composed.
 * @example nfc({ a: 'Tho\u0302\u0301ng' }) // { a: 'Thống' }
 */
export function nfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((v: unknown) => nfc(v)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfc(v)])) as T;
  }
  return value;
}

/** A share as people read it: `67 %` (rounded), or `—` when there is nothing to divide. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${Math.round((part / whole) * 100)} %`;
}
