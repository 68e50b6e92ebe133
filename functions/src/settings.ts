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
  /** Where people open the function: journey-book links start with it. Defaults to JOURNEY_FUNCTION_URL. */
  JOURNEY_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'JOURNEY_PUBLIC_URL must be the http(s) address people open the function at, e.g. https://journey-abc.a.run.app' })
    .refine((value) => !/[?#]/.test(value), { message: 'JOURNEY_PUBLIC_URL must have no query string or fragment' })
    .optional(),
});

export interface Settings {
  secret: string;
  projectId: string;
  emulatorHost: string | undefined;
  sheetsRootUrl: string | undefined;
  tasks: { queue: string; functionUrl: string } | undefined;
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
  if ((s.JOURNEY_TASKS_QUEUE === undefined) !== (s.JOURNEY_FUNCTION_URL === undefined)) {
    throw new Error('Invalid configuration: JOURNEY_TASKS_QUEUE and JOURNEY_FUNCTION_URL are set together or not at all');
  }
  return {
    secret: s.JOURNEY_SHARED_SECRET,
    projectId: s.GCLOUD_PROJECT,
    emulatorHost: s.FIRESTORE_EMULATOR_HOST,
    sheetsRootUrl: s.JOURNEY_SHEETS_ROOT_URL,
    tasks: s.JOURNEY_TASKS_QUEUE && s.JOURNEY_FUNCTION_URL ? { queue: s.JOURNEY_TASKS_QUEUE, functionUrl: s.JOURNEY_FUNCTION_URL } : undefined,
    publicUrl: s.JOURNEY_PUBLIC_URL ?? s.JOURNEY_FUNCTION_URL,
  };
}
