// The year's plan as data: a zod schema for YearConfig with the plan's defaults, and partial configs merged onto them.
import { z } from 'zod';
import { issueDetail, issuePlace } from './issues';
import { DEFAULT_TASKS, ROLES, TASK_GROUPS, type TaskDefinition } from './catalogue';
import { CalendarSchema, isoDate, type Calendar } from './calendar';
import { defaultCalendar, isInPhase, taskDefaultsOfYear } from './phase';
import { MAX_NOTICE_CHARS, MAX_RETENTION_YEARS, privacyNoticeOf } from './privacy';

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Địa chỉ email không hợp lệ' }));
const id = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.-]+$/, { message: 'Mã chỉ gồm chữ không dấu, số, _ . -' });

export const RulesSchema = z.object({
  minTraining: z.number().int().min(0),
  minChallenge: z.number().int().min(0),
  weights: z.object({ BB: z.number().min(0), RL: z.number().min(0), TT: z.number().min(0) }),
  extraPerEntry: z.number().min(0),
  extraCap: z.number().min(0),
  campQuota: z.number().int().min(0),
  campPerUnitMax: z.number().int().min(1).nullable(),
  /** BB3: an essay must have more than this many words (syllables). */
  minEssayWords: z.number().int().min(0),
  /** RL1: months in which a themed branch meeting may be held. */
  themedMonths: z.array(z.number().int().min(1).max(12)),
  /** BB1: ratings that count as "lao động tiên tiến trở lên". */
  acceptedRatings: z.array(z.string().min(1)).min(1),
});
export type Rules = z.infer<typeof RulesSchema>;

const RequirementsSchema = z.object({
  initiativeAndRating: z.boolean().optional(),
  essay: z.boolean().optional(),
  meetingKind: z.boolean().optional(),
  attachment: z.boolean().optional(),
});

export const TaskSchema = z.object({
  code: z.string().regex(/^[A-Z]{2}\d+$/, { message: 'Mã nhiệm vụ có dạng BB1, RL2, TT3' }),
  group: z.enum(TASK_GROUPS),
  title: z.string().min(1),
  description: z.string(),
  minEntries: z.number().int().min(1),
  distinctDates: z.boolean(),
  confirmedBy: z.array(z.enum(ROLES)).min(1),
  requires: RequirementsSchema,
});

export const UnitSchema = z.object({
  id,
  name: z.string().trim().min(1),
  cluster: z.string().trim().optional(),
  evaluators: z
    .object({ BCH_CO_SO: z.array(email).default([]), CAP_UY: z.array(email).default([]) })
    .default({ BCH_CO_SO: [], CAP_UY: [] }),
  reportTo: z.array(email).default([]),
  nominees: z.array(email).optional(),
});
export type Unit = z.infer<typeof UnitSchema>;

export const GroupSchema = z.object({
  id,
  name: z.string().trim().min(1),
  cluster: z.string().trim().optional(),
  leader: email,
  supervisor: email,
});
export type Group = z.infer<typeof GroupSchema>;

/** A late registration window the committee opened for one member or a whole unit. */
export const LateWindowSchema = z
  .object({ unitId: id.optional(), email: email.optional(), until: isoDate })
  .refine((w) => w.unitId !== undefined || w.email !== undefined, { message: 'Cần ghi đơn vị hoặc email' });
export type LateWindow = z.infer<typeof LateWindowSchema>;

/** Who may answer the year's forms (YearConfig.forms.responders). */
export const FORM_RESPONDERS = ['anyone_with_link', 'domain'] as const;

/** The processing notice in force (domain/privacy.ts): its version is the hash of its text. */
export const PrivacySchema = z.object({
  version: z.string().min(1),
  text: z.string().min(1).max(MAX_NOTICE_CHARS),
  retentionYears: z.number().int().min(1).max(MAX_RETENTION_YEARS),
});

/** What a plan may say about it; `text` (and `version`, ignored) so a plan read back with GET and sent again keeps its notice. */
const PrivacyInputSchema = z.object({
  notice: z.string().max(MAX_NOTICE_CHARS).optional(),
  text: z.string().max(MAX_NOTICE_CHARS).optional(),
  version: z.string().optional(),
  retentionYears: z
    .number()
    .int()
    .min(1, { message: `Thời gian lưu giữ là số năm nguyên, từ 1 đến ${String(MAX_RETENTION_YEARS)}` })
    .max(MAX_RETENTION_YEARS, {
      message: `Thời gian lưu giữ là số năm nguyên, từ 1 đến ${String(MAX_RETENTION_YEARS)}`,
    })
    .optional(),
});

const PhaseSchema = z.string().regex(/^\d{4}-\d{4}$/, { message: 'Giai đoạn có dạng 2018-2022' });

export const YearConfigSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  phase: PhaseSchema,
  calendar: CalendarSchema,
  rules: RulesSchema,
  tasks: z.array(TaskSchema).min(1),
  units: z.array(UnitSchema).min(1),
  groups: z.array(GroupSchema).default([]),
  committee: z.object({ BTV_DOAN_KHOI: z.array(email).default([]), digestTo: z.array(email).default([]) }),
  lateRegistrations: z.array(LateWindowSchema).default([]),
  /**
   * The year's Google Forms: who may answer them — anyone who has the link (`anyone_with_link`), or only people signed
   * in to the Google Workspace domain of the account that runs Apps Script (`domain`).
   */
  forms: z
    .object({
      responders: z
        .enum(FORM_RESPONDERS, {
          message: 'chỉ nhận anyone_with_link (ai có đường liên kết) hoặc domain (chỉ người trong tên miền của đơn vị)',
        })
        .default('anyone_with_link'),
    })
    .default({ responders: 'anyone_with_link' }),
  /** The processing notice members consent to (a plan stored before it existed reads back with the default one). */
  privacy: PrivacySchema.default(() => privacyNoticeOf({})),
});
/** The year's plan and roster with every default filled in. */
export type YearConfig = z.infer<typeof YearConfigSchema>;

/** What a caller may send: everything but year, phase, units and committee is optional and partial. */
export const YearConfigInputSchema = YearConfigSchema.extend({
  calendar: CalendarSchema.partial().optional(),
  rules: RulesSchema.extend({ weights: RulesSchema.shape.weights.partial() }).partial().optional(),
  tasks: z.array(TaskSchema.partial().extend({ code: TaskSchema.shape.code })).optional(),
  privacy: PrivacyInputSchema.optional(),
});
export type YearConfigInput = z.input<typeof YearConfigInputSchema>;

export { defaultCalendar } from './phase';

export const DEFAULT_RULES: Rules = {
  minTraining: 3,
  minChallenge: 1,
  weights: { BB: 10, RL: 6, TT: 8 },
  extraPerEntry: 1,
  extraCap: 5,
  campQuota: 30,
  campPerUnitMax: null,
  minEssayWords: 1000,
  themedMonths: [3, 4, 9, 10],
  acceptedRatings: [
    'Lao động tiên tiến',
    'Chiến sĩ thi đua cơ sở',
    'Chiến sĩ thi đua cấp Bộ, ngành, tỉnh, thành phố',
    'Chiến sĩ thi đua toàn quốc',
  ],
};

export interface ConfigIssue {
  path: string;
  message: string;
}

export type ConfigResult = { ok: true; config: YearConfig } | { ok: false; issues: ConfigIssue[] };

/**
 * Validates a (partial) year config and fills in the plan's defaults.
 * Task overrides are merged by code onto the default catalogue; new codes must be complete.
 * @example resolveYearConfig({ year: 2019, phase: '2018-2022', units: [...], committee: {...} })
 */
export function resolveYearConfig(input: unknown): ConfigResult {
  const parsed = YearConfigInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: toIssues(parsed.error) };
  const raw = parsed.data;
  const merged = {
    ...raw,
    calendar: { ...defaultCalendar(raw.year, raw.phase), ...raw.calendar },
    rules: {
      ...DEFAULT_RULES,
      ...raw.rules,
      weights: { ...DEFAULT_RULES.weights, ...raw.rules?.weights },
    },
    tasks: mergeTasks(mergeTasks(DEFAULT_TASKS, taskDefaultsOfYear(raw.year, raw.phase)), raw.tasks ?? []),
    privacy: privacyNoticeOf({
      notice: raw.privacy?.notice ?? raw.privacy?.text,
      retentionYears: raw.privacy?.retentionYears,
    }),
  };
  const full = YearConfigSchema.safeParse(merged);
  if (!full.success) return { ok: false, issues: toIssues(full.error) };
  const issues = consistencyIssues(full.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, config: full.data };
}

function mergeTasks(
  defaults: readonly Partial<TaskDefinition>[],
  overrides: readonly Partial<TaskDefinition>[],
): Partial<TaskDefinition>[] {
  const byCode = new Map<string, Partial<TaskDefinition>>(defaults.map((t) => [t.code ?? '', { ...t }]));
  for (const o of overrides) {
    const code = o.code ?? '';
    byCode.set(code, { ...byCode.get(code), ...o });
  }
  return [...byCode.values()];
}

const CALENDAR_LABELS: Record<keyof Calendar, string> = {
  registrationOpens: 'Ngày mở đăng ký',
  registrationCloses: 'Ngày hết hạn đăng ký',
  amendmentCloses: 'Ngày hết hạn đăng ký bổ sung',
  activityStarts: 'Ngày bắt đầu rèn luyện',
  activityEnds: 'Ngày kết thúc rèn luyện',
  evaluationCloses: 'Ngày hết hạn đánh giá',
};

function consistencyIssues(config: YearConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!isInPhase(config.year, config.phase))
    issues.push({ path: 'year', message: `Năm ${config.year} không thuộc giai đoạn ${config.phase}` });
  const c = config.calendar;
  const order: [keyof Calendar, keyof Calendar][] = [
    ['registrationOpens', 'registrationCloses'],
    ['registrationCloses', 'amendmentCloses'],
    ['activityStarts', 'activityEnds'],
    ['activityEnds', 'evaluationCloses'],
  ];
  for (const [from, to] of order) {
    if (c[from] > c[to]) {
      issues.push({
        path: `calendar.${to}`,
        message: `${CALENDAR_LABELS[to]} không được trước ${CALENDAR_LABELS[from].toLocaleLowerCase('vi')}`,
      });
    }
  }
  for (const [key, list] of [
    ['units', config.units.map((u) => u.id)],
    ['groups', config.groups.map((g) => g.id)],
    ['tasks', config.tasks.map((t) => t.code)],
  ] as const) {
    const seen = new Set<string>();
    for (const value of list) {
      if (seen.has(value)) issues.push({ path: key, message: `Mã "${value}" bị trùng` });
      seen.add(value);
    }
  }
  const training = config.tasks.filter((t) => t.group === 'RL').length;
  if (training < config.rules.minTraining) {
    issues.push({
      path: 'rules.minTraining',
      message: 'Số nhiệm vụ rèn luyện tối thiểu lớn hơn số nhiệm vụ có trong danh mục',
    });
  }
  if (config.tasks.filter((t) => t.group === 'TT').length < config.rules.minChallenge) {
    issues.push({
      path: 'rules.minChallenge',
      message: 'Số nhiệm vụ thử thách tối thiểu lớn hơn số nhiệm vụ có trong danh mục',
    });
  }
  return issues;
}

function toIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((i) => {
    const place = issuePlace(i.path);
    return { path: i.path.join('.'), message: place ? `(${place}) ${issueDetail(i)}` : issueDetail(i) };
  });
}

/** Lookups used by every rule check. */
export function findTask(config: YearConfig, code: string): TaskDefinition | undefined {
  return config.tasks.find((t) => t.code === code);
}
