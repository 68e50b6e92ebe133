// The deploy script's configuration: one Google Cloud project, read from deploy/config.json and validated, with errors naming the field.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** SPEC §6: the function and Firestore live in Singapore, next to the users. */
export const REGION = 'asia-southeast1';

/**
 * The function's settings of least privilege (API.md "Roles"), by the names the deploy gives them and the function reads:
 * the signing secret of `forms` and `queues` and, while a rotation is under way, the previous one (both from Secret
 * Manager); the administrators whose Google ID token opens `admin` routes (e-mails), the audiences such a
 * token may name (the function's URL, gcloud's client for a person's CLI, the Apps Script project's
 * OAuth client for the menu), both lists separated by semicolons; the issuer and its keys (Google's by default; a test stands in its own).
 */
export const FUNCTION_SETTINGS = {
  sharedSecret: 'JOURNEY_SHARED_SECRET',
  previousSecret: 'JOURNEY_SHARED_SECRET_PREVIOUS',
  admins: 'JOURNEY_ADMINS',
  adminAudiences: 'JOURNEY_ADMIN_AUDIENCES',
  idTokenIssuer: 'JOURNEY_ID_TOKEN_ISSUER',
  idTokenJwksUrl: 'JOURNEY_ID_TOKEN_JWKS_URL',
} as const;

const projectId = z
  .string({ error: 'thiếu mã dự án Google Cloud (ví dụ "hanh-trinh-ncst")' })
  .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, { error: 'mã dự án gồm 6–30 ký tự a-z, 0-9 và "-", bắt đầu bằng chữ cái' });

const accountId = (role: string, example: string) =>
  z
    .string({ error: `thiếu tên tài khoản dịch vụ ${role} (ví dụ "${example}")` })
    .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, {
      error: 'tên tài khoản dịch vụ gồm 6–30 ký tự a-z, 0-9 và "-", bắt đầu bằng chữ cái',
    });

export const DeployConfigSchema = z
  .strictObject({
    project: projectId,
    region: z.literal(REGION, { error: `phải là "${REGION}": hàm và Firestore đặt cùng vùng Singapore (SPEC §6)` }),
    /** The Secret Manager secret holding JOURNEY_SHARED_SECRET; created by a person, never by the script. */
    secret: z
      .string({ error: 'thiếu tên bí mật trong Secret Manager (ví dụ "JOURNEY_SHARED_SECRET")' })
      .regex(/^[A-Za-z0-9_-]{1,255}$/, { error: 'tên bí mật chỉ gồm chữ, số, "_" và "-"' }),
    /** Runs the function: Firestore, Cloud Tasks, the spreadsheets shared with it. */
    runtimeServiceAccount: accountId('chạy hàm', 'journey-runtime'),
    /** The identity in the OIDC token of Cloud Tasks and Cloud Scheduler callbacks. */
    invokerServiceAccount: accountId('gọi hàm (Cloud Tasks, Cloud Scheduler)', 'journey-invoker'),
    tasksQueue: z.strictObject(
      {
        name: z
          .string({ error: 'thiếu tên hàng đợi Cloud Tasks (ví dụ "journey-sheets")' })
          .regex(/^[A-Za-z0-9-]{1,100}$/, { error: 'tên hàng đợi chỉ gồm chữ, số và "-"' }),
        /** One dispatch a second at most keeps sheet writes under Google Sheets' 60 write requests a minute. */
        maxDispatchesPerSecond: z
          .number({ error: 'thiếu tốc độ hàng đợi (số lần gọi mỗi giây, ví dụ 1)' })
          .positive({ error: 'tốc độ hàng đợi phải lớn hơn 0' })
          .max(1, { error: 'tối đa 1 lần mỗi giây: Google Sheets chỉ cho 60 lần ghi mỗi phút' }),
      },
      { error: 'thiếu hàng đợi Cloud Tasks: { "name": …, "maxDispatchesPerSecond": 1 }' },
    ),
    /**
     * Optional, so a first deployment needs nothing of mail: without it the function queues every e-mail until a later
     * `npm run deploy` adds a sender (docs/deploy.md, "Sending in production").
     */
    mail: z
      .strictObject(
        {
          sender: z.email({ error: 'địa chỉ hộp thư gửi thư (ví dụ "hanhtrinh@doankhoi.org.vn")' }),
          accountType: z.enum(['workspace', 'consumer'], {
            error:
              'loại tài khoản gửi thư: "workspace" (Google Workspace, ủy quyền toàn miền, không cần khóa) hoặc "consumer" (Gmail cá nhân, mã làm mới)',
          }),
          /** Consumer only: the Secret Manager secret holding the refresh token (created by a person). */
          secret: z
            .string()
            .regex(/^[A-Za-z0-9_-]{1,255}$/, { error: 'tên bí mật chỉ gồm chữ, số, "_" và "-"' })
            .optional(),
          /** Messages a day; default 80 % of the account type's quota (1,600 Workspace, 400 consumer). */
          dailyBudget: z
            .number()
            .int()
            .min(1)
            .max(2000, { error: 'tối đa 2000 thư mỗi ngày (hạn mức của Gmail)' })
            .optional(),
        },
        {
          error:
            'cấu hình gửi thư: { "sender": …, "accountType": "workspace" } hoặc { "sender": …, "accountType": "consumer", "secret": "JOURNEY_MAIL_CREDENTIALS" }',
        },
      )
      .superRefine((mail, context) => {
        if (mail.accountType === 'consumer' && mail.secret === undefined) {
          context.addIssue({
            code: 'custom',
            path: ['secret'],
            message:
              'tài khoản Gmail cá nhân cần tên bí mật chứa mã làm mới (ví dụ "JOURNEY_MAIL_CREDENTIALS"), docs/deploy.md, "Sending in production"',
          });
        }
        if (mail.accountType === 'workspace' && mail.secret !== undefined) {
          context.addIssue({
            code: 'custom',
            path: ['secret'],
            message:
              'hộp thư Workspace gửi không cần khóa nào (tài khoản chạy hàm ký qua IAM Credentials): bỏ trường này',
          });
        }
      })
      .optional(),
    /** Builds the function (Cloud Build): made by the script with the builder role, so no default account's rights matter. */
    buildServiceAccount: accountId('dựng hàm (Cloud Build)', 'journey-build').default('journey-build'),
    /**
     * The administrators whose Google identity opens the `admin` routes (API.md "Roles"): the plan, the spreadsheets,
     * rollover, sync, reports, listings, book links. Without it no one can administer the deployed function.
     */
    administrators: z
      .array(
        z.email({ error: 'mỗi quản trị viên là một địa chỉ e-mail tài khoản Google (ví dụ "btv.doankhoi@gmail.com")' }),
      )
      .optional(),
    /** The Apps Script project's OAuth client id: menu actions that need `admin` send ScriptApp.getIdentityToken(), whose audience it is. */
    appsScriptClientId: z
      .string()
      .regex(/^[0-9]+-[a-z0-9]+\.apps\.googleusercontent\.com$/, {
        error: 'mã OAuth client của dự án Apps Script có dạng 1234567890-abc….apps.googleusercontent.com',
      })
      .optional(),
    /** Optional: the function's URL when it is not the deterministic https://journey-PROJECT_NUMBER.REGION.run.app. */
    functionUrl: z.url({ protocol: /^https$/, error: 'URL của hàm phải bắt đầu bằng https://' }).optional(),
  })
  .refine((c) => c.runtimeServiceAccount !== c.invokerServiceAccount, {
    path: ['invokerServiceAccount'],
    error: 'phải khác tài khoản chạy hàm: chỉ tài khoản gọi hàm được mang token của Cloud Tasks và Cloud Scheduler',
  })
  .refine(
    (c) => c.buildServiceAccount !== c.runtimeServiceAccount && c.buildServiceAccount !== c.invokerServiceAccount,
    {
      path: ['buildServiceAccount'],
      error: 'phải khác tài khoản chạy hàm và tài khoản gọi hàm: tài khoản dựng hàm chỉ có quyền dựng',
    },
  );

export type DeployConfig = z.infer<typeof DeployConfigSchema>;

export type ConfigReading = { ok: true; config: DeployConfig } | { ok: false; problems: string[] };

/** Every problem of the file at once, each as `field: message`. */
export function parseDeployConfig(raw: unknown): ConfigReading {
  const parsed = DeployConfigSchema.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const field = issue.path.join('.') || 'tệp cấu hình';
      if (issue.code === 'unrecognized_keys')
        return `${field}: không dùng đến ${issue.keys.map((k) => `"${k}"`).join(', ')} (gõ nhầm tên trường?)`;
      return `${field}: ${issue.message}`;
    }),
  };
}

export function readDeployConfig(path: string): ConfigReading {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { ok: false, problems: ['chưa có tệp này: chép deploy/config.example.json sang rồi điền vào'] };
  }
  try {
    return parseDeployConfig(JSON.parse(text));
  } catch (error) {
    return {
      ok: false,
      problems: [`${path}: không phải JSON hợp lệ (${error instanceof Error ? error.message : String(error)})`],
    };
  }
}
