// The function's configuration, parsed once from an environment object, with errors naming the variable.
import { z } from 'zod';

const SettingsSchema = z.object({
  JOURNEY_SHARED_SECRET: z
    .string({ error: 'JOURNEY_SHARED_SECRET must be set (at least 16 characters)' })
    .min(16, { message: 'JOURNEY_SHARED_SECRET must be set (at least 16 characters)' }),
  GCLOUD_PROJECT: z.string().min(1).default('demo-journey'),
  FIRESTORE_EMULATOR_HOST: z.string().optional(),
  /** Sheets API root; unset means Google's. Locally `http://localhost:PORT/_local/sheets/`. */
  JOURNEY_SHEETS_ROOT_URL: z.url().optional(),
  /** `projects/…/locations/…/queues/…`: with JOURNEY_FUNCTION_URL, sheet writes are paced by Cloud Tasks. */
  JOURNEY_TASKS_QUEUE: z
    .string()
    .regex(/^projects\/[^/]+\/locations\/[^/]+\/queues\/[^/]+$/, { message: 'JOURNEY_TASKS_QUEUE must look like projects/P/locations/L/queues/Q' })
    .optional(),
  JOURNEY_FUNCTION_URL: z.url().optional(),
  /** Sheets write requests a minute across all spreadsheets; Google allows 60 per user (the service account). */
  JOURNEY_SHEETS_WRITES_PER_MINUTE: z.coerce
    .number({ error: 'JOURNEY_SHEETS_WRITES_PER_MINUTE must be a whole number from 1 to 60' })
    .int({ error: 'JOURNEY_SHEETS_WRITES_PER_MINUTE must be a whole number from 1 to 60' })
    .min(1, { error: 'JOURNEY_SHEETS_WRITES_PER_MINUTE must be a whole number from 1 to 60' })
    .max(60, { error: 'JOURNEY_SHEETS_WRITES_PER_MINUTE must be a whole number from 1 to 60' })
    .default(50),
  /** The service account whose OIDC tokens Cloud Tasks and Cloud Scheduler send; their audience is JOURNEY_FUNCTION_URL. */
  JOURNEY_INVOKER_SA: z.email({ message: 'JOURNEY_INVOKER_SA must be a service account e-mail' }).optional(),
  /** Where people open the function: journey-book links start with it. Defaults to JOURNEY_FUNCTION_URL. */
  JOURNEY_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'JOURNEY_PUBLIC_URL must be the http(s) address people open the function at, e.g. https://journey-abc.a.run.app' })
    .refine((value) => !/[?#]/.test(value), { message: 'JOURNEY_PUBLIC_URL must have no query string or fragment' })
    .optional(),
});

/** Cloud Tasks needs all three: where to queue, where to call back, and who the callbacks are. */
const TASKS_VARIABLES = ['JOURNEY_TASKS_QUEUE', 'JOURNEY_FUNCTION_URL', 'JOURNEY_INVOKER_SA'] as const;

export interface Settings {
  secret: string;
  projectId: string;
  emulatorHost: string | undefined;
  sheetsRootUrl: string | undefined;
  sheetsWritesPerMinute: number;
  /** The function's URL is also the audience of the invoker's tokens. */
  tasks: { queue: string; functionUrl: string; invokerServiceAccount: string } | undefined;
  /** Base of journey-book links; undefined when neither JOURNEY_PUBLIC_URL nor JOURNEY_FUNCTION_URL is set (no links given). */
  publicUrl: string | undefined;
}

export function parseSettings(env: Record<string, string | undefined>): Settings {
  const parsed = SettingsSchema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${detail}`);
  }
  const s = parsed.data;
  const missing = TASKS_VARIABLES.filter((name) => s[name] === undefined);
  if (missing.length > 0 && missing.length < TASKS_VARIABLES.length) {
    throw new Error(`Invalid configuration: ${TASKS_VARIABLES.join(', ')} are set together or not at all (missing: ${missing.join(', ')})`);
  }
  return {
    secret: s.JOURNEY_SHARED_SECRET,
    projectId: s.GCLOUD_PROJECT,
    emulatorHost: s.FIRESTORE_EMULATOR_HOST,
    sheetsRootUrl: s.JOURNEY_SHEETS_ROOT_URL,
    sheetsWritesPerMinute: s.JOURNEY_SHEETS_WRITES_PER_MINUTE,
    tasks:
      s.JOURNEY_TASKS_QUEUE && s.JOURNEY_FUNCTION_URL && s.JOURNEY_INVOKER_SA
        ? { queue: s.JOURNEY_TASKS_QUEUE, functionUrl: s.JOURNEY_FUNCTION_URL, invokerServiceAccount: s.JOURNEY_INVOKER_SA }
        : undefined,
    publicUrl: s.JOURNEY_PUBLIC_URL ?? s.JOURNEY_FUNCTION_URL,
  };
}
