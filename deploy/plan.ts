// The deployment as an ordered list of steps, from the configuration and what the project already holds: what --dry-run prints and the deploy runs.
import { FUNCTION_SETTINGS, type DeployConfig } from './config';
import { GCLOUD_CLIENT_ID } from '../functions/src/adapters/identity/google-id-token';
import {
  FUNCTION_NAME,
  FUNCTION_RUNTIME,
  INSTANCES,
  MAX_CONCURRENT_DISPATCHES,
  TIME_ZONE,
  type Resources,
} from './resources';
import { lackingGrants, SCOPE_LABELS, type RoleGrant } from './roles';
import { scheduledJobs, type SchedulerJob } from './scheduler-jobs';
import { SOURCE_DIR } from './source';
import type { CloudState, JobSettings } from './state';
import { missingCompositeIndexes, type CompositeIndexSpec } from './check';
import { DEFAULT_PACE } from '../functions/src/adapters/sheets/paced';
import { RUNTIME_APIS } from '../functions/src/contract/google-apis';

/** Another command to run when the first fails with a known refusal (its stderr contains `when`). */
export interface Fallback {
  when: string;
  /** Why the first way was refused and what this one does instead (Vietnamese). */
  title: string;
  argv: string[];
}

/**
 * A gcloud command (with `alreadyThere`, a refusal in its stderr that means its work is already done); the Firestore
 * rules sent to the Firebase Rules API (gcloud has no command for rules); or the upload folder made from the repository.
 */
export type Action =
  | { kind: 'command'; argv: string[]; fallback?: Fallback; alreadyThere?: string }
  | { kind: 'rules'; project: string; file: string; source: string }
  | { kind: 'source'; dir: string }
  /** A new version of the shared secret, a random value made here and handed to gcloud in a file only this user reads. */
  | { kind: 'secretVersion'; project: string; secret: string };

export interface Step {
  /** What the step does, in words (Vietnamese). */
  title: string;
  action: Action;
  /**
   * Worth trying again after a pause: IAM takes a little while to know an account created a moment ago, so a
   * binding made right after it can fail with "does not exist".
   */
  retry?: true;
}

export interface PlanInput {
  config: DeployConfig;
  resources: Resources;
  state: CloudState;
  functionUrl: string;
  withReports: boolean;
  rules: { file: string; source: string };
  /** Fields whose single-field indexes are switched off (firestore.indexes.json `fieldOverrides` with `indexes: []`). */
  exemptions?: readonly { collectionGroup: string; fieldPath: string }[];
  /** The composite indexes of firestore.indexes.json; those the project lacks are created. */
  composites?: readonly CompositeIndexSpec[];
  /** The TTL fields of firestore.indexes.json (`"ttl": true`); those not on yet are turned on. */
  ttls?: readonly { collectionGroup: string; fieldPath: string }[];
  /** `rotate`: a new secret version, the function taking it and the one before; `retire`: the previous one dropped and disabled. */
  rotation?: 'rotate' | 'retire';
}

/**
 * Where the shared secret's rotation stands for this run: the version the function takes as the previous secret (none
 * outside a rotation; a rotation under way is kept by a plain deploy), and the version to disable once the function no
 * longer reads it.
 */
export function secretRotation(input: Pick<PlanInput, 'state' | 'rotation'>): {
  previous: string | undefined;
  disable: string | undefined;
} {
  const underWay = input.state.functionSecrets?.get(FUNCTION_SETTINGS.previousSecret)?.version;
  if (input.rotation === 'retire') return { previous: undefined, disable: underWay };
  if (input.rotation === 'rotate') {
    // The version `latest` resolves to now (the newest enabled one) becomes the previous secret.
    const secret = input.state.secret;
    return {
      previous: secret.found ? secret.value.versions?.find((v) => v.state === 'ENABLED')?.number : undefined,
      disable: undefined,
    };
  }
  return { previous: underWay, disable: undefined };
}

/** The audiences an administrator's ID token may name: the function's URL (a service account's CLI), gcloud's client (a person's CLI), the Apps Script project's OAuth client (its menu). */
export function adminAudiences(input: Pick<PlanInput, 'config' | 'functionUrl'>): string[] {
  return [
    ...new Set([
      input.functionUrl,
      GCLOUD_CLIENT_ID,
      ...(input.config.appsScriptClientId === undefined ? [] : [input.config.appsScriptClientId]),
    ]),
  ];
}

/** gcloud's list flags split on commas; a value holding one needs another delimiter (gcloud topic escaping: `^;^A=1;B=x,y`). */
function listFlag(flag: string, items: readonly string[]): string {
  return items.some((item) => item.includes(',')) ? `${flag}=^;^${items.join(';')}` : `${flag}=${items.join(',')}`;
}

/** The APIs only the deployment calls (the function's own are RUNTIME_APIS, the list its adapters take their hosts from). */
const DEPLOY_APIS = [
  'cloudfunctions.googleapis.com',
  'run.googleapis.com',
  'cloudbuild.googleapis.com',
  'artifactregistry.googleapis.com',
  'firebaserules.googleapis.com',
  'secretmanager.googleapis.com',
  'cloudscheduler.googleapis.com',
  'iam.googleapis.com',
  'cloudresourcemanager.googleapis.com',
] as const;

/** Every API the deployment or the function calls: one `gcloud services enable`. */
export const APIS: readonly string[] = [...DEPLOY_APIS, ...Object.values(RUNTIME_APIS)];

/** Google's status for a resource that exists (409), as gcloud prints it: for a creation, the work is done. */
export const ALREADY_EXISTS = 'ALREADY_EXISTS';

/** gcloud's refusal when the organisation's domain-restricted sharing forbids `allUsers` (iam.allowedPolicyMemberDomains). */
export const NOT_PERMITTED_CUSTOMER = 'do not belong to a permitted customer';

const command = (title: string, ...argv: string[]): Step => ({
  title,
  action: { kind: 'command', argv: ['gcloud', ...argv] },
});

const ACCOUNT_TITLES: Record<RoleGrant['to'], string> = { runtime: 'tài khoản chạy hàm', build: 'tài khoản dựng hàm' };

function grantStep(grant: RoleGrant, r: Resources): Step {
  const member = `--member=serviceAccount:${grant.to === 'runtime' ? r.runtimeAccount : r.buildAccount}`;
  const title = `Cấp ${grant.role} cho ${ACCOUNT_TITLES[grant.to]} (${SCOPE_LABELS[grant.on]})`;
  const inProject = [`--project=${r.project}`, '--quiet'];
  const step = (...argv: string[]): Step => ({ ...command(title, ...argv), retry: true });
  switch (grant.on) {
    case 'project':
      // --condition=None: no prompt when the project's policy already has conditional bindings.
      return step(
        'projects',
        'add-iam-policy-binding',
        r.project,
        member,
        `--role=${grant.role}`,
        '--condition=None',
        '--quiet',
      );
    case 'invokerAccount':
    case 'runtimeAccount':
      return step(
        'iam',
        'service-accounts',
        'add-iam-policy-binding',
        grant.on === 'invokerAccount' ? r.invokerAccount : r.runtimeAccount,
        member,
        `--role=${grant.role}`,
        ...inProject,
      );
    case 'secret':
    case 'mailSecret':
      return step(
        'secrets',
        'add-iam-policy-binding',
        (grant.on === 'secret' ? r.secret : r.mailSecret) ?? '',
        member,
        `--role=${grant.role}`,
        ...inProject,
      );
  }
}

function accountSteps(input: PlanInput): Step[] {
  const { config, resources: r, state } = input;
  const accounts = [
    {
      found: state.runtimeAccount.found,
      id: config.runtimeServiceAccount,
      email: r.runtimeAccount,
      what: 'chạy hàm',
      display: 'Hành trình NCST: hàm journey',
    },
    {
      found: state.invokerAccount.found,
      id: config.invokerServiceAccount,
      email: r.invokerAccount,
      what: 'gọi hàm (Cloud Tasks, Cloud Scheduler)',
      display: 'Hành trình NCST: gọi hàm nội bộ',
    },
    {
      found: state.buildAccount.found,
      id: config.buildServiceAccount,
      email: r.buildAccount,
      what: 'dựng hàm (Cloud Build)',
      display: 'Hành trình NCST: dựng hàm',
    },
  ];
  return accounts
    .filter((a) => !a.found)
    .map((a) =>
      command(
        `Tạo tài khoản ${a.what} ${a.email}`,
        'iam',
        'service-accounts',
        'create',
        a.id,
        `--display-name=${a.display}`,
        `--project=${r.project}`,
        '--quiet',
      ),
    );
}

/**
 * The composite indexes of firestore.indexes.json the database lacks. --async: Firestore builds them in the background
 * and nothing waits. One listed by nobody may still exist (a list that could not be read, another deploy at the same
 * time): Google's 409 then means the step is done.
 */
function compositeIndexSteps(input: PlanInput): Step[] {
  const r = input.resources;
  return missingCompositeIndexes(input.composites ?? [], input.state).map((index) => ({
    title: `Tạo chỉ mục ghép của nhóm ${index.collectionGroup} (${index.fields.map((f) => `${f.fieldPath}${f.order === 'DESCENDING' ? ' giảm dần' : ''}`).join(', ')}): một trang danh sách đọc đúng một trang (firestore.indexes.json)`,
    action: {
      kind: 'command',
      argv: [
        'gcloud',
        'firestore',
        'indexes',
        'composite',
        'create',
        `--collection-group=${index.collectionGroup}`,
        `--query-scope=${index.queryScope.toLowerCase().replace('_', '-')}`,
        ...index.fields.map((f) => `--field-config=field-path=${f.fieldPath},order=${f.order.toLowerCase()}`),
        '--async',
        `--project=${r.project}`,
        '--quiet',
      ],
      alreadyThere: ALREADY_EXISTS,
    },
  }));
}

/**
 * The TTL policies not on yet (the access log's `expireAt`: entries deleted once kept their period). --async: Firestore
 * turns a policy on in the background (minutes to hours) and deletes expired documents within a day or so after.
 */
function ttlSteps(input: PlanInput): Step[] {
  return (input.ttls ?? [])
    .filter((t) => !input.state.ttlFields.has(`${t.collectionGroup}/${t.fieldPath}`))
    .map((t) =>
      command(
        `Bật TTL trên trường ${t.fieldPath} (nhóm ${t.collectionGroup}): Firestore tự xóa bản ghi khi hết thời hạn lưu (firestore.indexes.json)`,
        'firestore',
        'fields',
        'ttls',
        'update',
        t.fieldPath,
        `--collection-group=${t.collectionGroup}`,
        '--enable-ttl',
        '--async',
        `--project=${input.resources.project}`,
        '--quiet',
      ),
    );
}

/** Created when absent; updated only when its pace differs or it was paused by hand (the check refuses that case). */
function queueSteps(input: PlanInput): Step[] {
  const { resources: r, state, config } = input;
  const wanted = config.tasksQueue.maxDispatchesPerSecond;
  if (
    state.queue.found &&
    state.queue.value.maxDispatchesPerSecond === wanted &&
    state.queue.value.maxConcurrentDispatches === MAX_CONCURRENT_DISPATCHES
  )
    return [];
  const verb = state.queue.found ? 'update' : 'create';
  return [
    command(
      `${state.queue.found ? 'Cập nhật' : 'Tạo'} hàng đợi Cloud Tasks ${r.queue}: tối đa ${String(wanted)} lần gọi mỗi giây, ${String(MAX_CONCURRENT_DISPATCHES)} lần cùng lúc`,
      'tasks',
      'queues',
      verb,
      r.queue,
      `--location=${r.region}`,
      `--max-concurrent-dispatches=${String(MAX_CONCURRENT_DISPATCHES)}`,
      `--max-dispatches-per-second=${String(wanted)}`,
      `--project=${r.project}`,
      '--quiet',
    ),
  ];
}

/**
 * No --allow-unauthenticated here: that binds `allUsers`, which organisations with domain-restricted sharing refuse
 * after the function is made, stopping the run. Public access is its own step (publicAccessSteps).
 * A whole CPU: the default 0.17 vCPU of 256 MiB would stretch a cold start several times, and more than one request
 * at a time needs at least one (INSTANCES in resources.ts says why these numbers).
 */
function functionStep(input: PlanInput): Step {
  const { resources: r, functionUrl, config } = input;
  const mail = config.mail;
  const env = [
    `GCLOUD_PROJECT=${r.project}`,
    `JOURNEY_TASKS_QUEUE=${r.queuePath}`,
    `JOURNEY_FUNCTION_URL=${functionUrl}`,
    `JOURNEY_INVOKER_SA=${r.invokerAccount}`,
    // The function's own pace of Sheets writes (one callback at a time from the queue keeps instances in step).
    `JOURNEY_SHEETS_WRITES_PER_MINUTE=${String(DEFAULT_PACE.writesPerMinute)}`,
    // E-mail through the Gmail API as this mailbox: a Workspace mailbox delegated to the runtime account (no key), or a consumer account's refresh token.
    ...(mail === undefined ? [] : [`JOURNEY_MAIL_SENDER=${mail.sender}`, `JOURNEY_MAIL_ACCOUNT=${mail.accountType}`]),
    ...(mail?.accountType === 'workspace' ? [`JOURNEY_MAIL_SIGNER=${r.runtimeAccount}`] : []),
    ...(mail?.dailyBudget === undefined ? [] : [`JOURNEY_MAIL_DAILY_BUDGET=${String(mail.dailyBudget)}`]),
    // Administration behind a Google identity (API.md "Roles"): who, and which audiences their tokens may
    // name; semicolons between items, since commas separate the variables.
    ...(config.administrators === undefined || config.administrators.length === 0
      ? []
      : [`${FUNCTION_SETTINGS.admins}=${config.administrators.join(';')}`]),
    `${FUNCTION_SETTINGS.adminAudiences}=${adminAudiences(input).join(';')}`,
  ];
  // During a rotation the function takes the new secret (latest) and the one before it, pinned to its version.
  const { previous } = secretRotation(input);
  const secrets = [
    `${FUNCTION_SETTINGS.sharedSecret}=${r.secret}:latest`,
    ...(previous === undefined ? [] : [`${FUNCTION_SETTINGS.previousSecret}=${r.secret}:${previous}`]),
    ...(r.mailSecret === undefined ? [] : [`JOURNEY_MAIL_CREDENTIALS=${r.mailSecret}:latest`]),
  ];
  return command(
    `Triển khai hàm ${FUNCTION_NAME} (Cloud Functions thế hệ 2, Node.js ${FUNCTION_RUNTIME.slice('nodejs'.length)}; ${ACCOUNT_TITLES.build} chạy npm run gcp-build trên Google Cloud; tối đa ${String(INSTANCES.concurrency)} yêu cầu cùng lúc mỗi phiên bản, ${String(INSTANCES.min)}–${String(INSTANCES.max)} phiên bản)`,
    'functions',
    'deploy',
    FUNCTION_NAME,
    '--gen2',
    `--runtime=${FUNCTION_RUNTIME}`,
    `--region=${r.region}`,
    `--entry-point=${FUNCTION_NAME}`,
    '--trigger-http',
    `--source=${SOURCE_DIR}`,
    `--service-account=${r.runtimeAccount}`,
    `--build-service-account=projects/${r.project}/serviceAccounts/${r.buildAccount}`,
    '--memory=512Mi',
    '--cpu=1',
    `--concurrency=${String(INSTANCES.concurrency)}`,
    `--min-instances=${String(INSTANCES.min)}`,
    `--max-instances=${String(INSTANCES.max)}`,
    // Cloud Tasks waits up to 10 minutes for a callback; a full sync of a large year takes minutes.
    '--timeout=540s',
    listFlag('--set-secrets', secrets),
    listFlag('--set-env-vars', env),
    `--project=${r.project}`,
    '--quiet',
  );
}

/**
 * Public: Apps Script cannot present a Cloud Run identity, so the HMAC signature (API.md §Signing) is the gate of
 * every public route, and internal callbacks carry an OIDC token of the invoker account that the function verifies.
 * First `allUsers` as Cloud Run invoker; where the organisation refuses that member, the invoker IAM check is switched
 * off instead, which Google documents for exactly that case (run/docs/authenticating/public). Nothing when either holds.
 */
function publicAccessSteps(input: PlanInput): Step[] {
  const { resources: r, state } = input;
  if (state.access?.allUsers === true || state.access?.invokerIamDisabled === true) return [];
  const where = [`--region=${r.region}`, `--project=${r.project}`, '--quiet'];
  return [
    {
      title:
        'Cho phép gọi hàm từ Internet (Apps Script không có danh tính Cloud Run; chữ ký HMAC là cổng vào): allUsers giữ vai trò roles/run.invoker',
      action: {
        kind: 'command',
        argv: [
          'gcloud',
          'run',
          'services',
          'add-iam-policy-binding',
          FUNCTION_NAME,
          '--member=allUsers',
          '--role=roles/run.invoker',
          ...where,
        ],
        fallback: {
          when: NOT_PERMITTED_CUSTOMER,
          title:
            'Tổ chức không cho gán allUsers (chính sách chia sẻ giới hạn theo miền): tắt kiểm tra IAM khi gọi hàm, cách Google khuyên cho trường hợp này',
          argv: ['gcloud', 'run', 'services', 'update', FUNCTION_NAME, '--no-invoker-iam-check', ...where],
        },
      },
    },
  ];
}

/** After the function no longer reads it: the previous secret's version disabled (kept, not destroyed: it can be enabled again). */
function retireSteps(input: PlanInput): Step[] {
  const { disable } = secretRotation(input);
  const r = input.resources;
  if (disable === undefined) return [];
  return [
    command(
      `Tắt phiên bản ${disable} (khóa cũ) của bí mật ${r.secret}: từ nay hàm chỉ nhận khóa mới`,
      'secrets',
      'versions',
      'disable',
      disable,
      `--secret=${r.secret}`,
      `--project=${r.project}`,
      '--quiet',
    ),
  ];
}

/** What a job should be, in the terms state.ts reads it back in. */
function wantedJob(job: SchedulerJob, input: PlanInput): JobSettings {
  return {
    schedule: job.schedule,
    timeZone: TIME_ZONE,
    uri: `${input.functionUrl}${job.path}`,
    httpMethod: 'POST',
    body: job.body ?? '{}',
    contentType: 'application/json',
    oidcServiceAccount: input.resources.invokerAccount,
    oidcAudience: input.functionUrl,
    description: job.description,
  };
}

const sameJob = (a: JobSettings, b: JobSettings): boolean =>
  (Object.keys(a) as (keyof JobSettings)[]).every((key) => a[key] === b[key]);

function schedulerSteps(input: PlanInput): Step[] {
  const { resources: r, state, functionUrl } = input;
  return scheduledJobs().flatMap((job) => {
    const existing = state.schedulerJobs.get(job.name);
    if (existing && sameJob(existing, wantedJob(job, input))) return [];
    return [
      command(
        `${existing ? 'Cập nhật' : 'Tạo'} lịch ${job.name} (${job.schedule}, giờ Việt Nam): POST ${job.path}${job.body ? ` ${job.body}` : ''}`,
        'scheduler',
        'jobs',
        existing ? 'update' : 'create',
        'http',
        job.name,
        `--location=${r.region}`,
        `--schedule=${job.schedule}`,
        `--time-zone=${TIME_ZONE}`,
        `--uri=${functionUrl}${job.path}`,
        '--http-method=POST',
        // update replaces headers with --update-headers; create takes --headers.
        `${existing ? '--update-headers' : '--headers'}=Content-Type=application/json`,
        `--message-body=${job.body ?? '{}'}`,
        `--oidc-service-account-email=${r.invokerAccount}`,
        `--oidc-token-audience=${functionUrl}`,
        `--description=${job.description}`,
        `--project=${r.project}`,
        '--quiet',
      ),
    ];
  });
}

/** Steps in order: APIs, accounts and roles, Firestore, the queue, the function and its public access, the scheduler. */
export function planDeployment(input: PlanInput): Step[] {
  const { resources: r, state, config } = input;
  return [
    command('Bật các API cần dùng', 'services', 'enable', ...APIS, `--project=${r.project}`, '--quiet'),
    ...accountSteps(input),
    ...lackingGrants(config, state.roles).map((grant) => grantStep(grant, r)),
    ...(state.firestore.found
      ? []
      : [
          command(
            `Tạo Firestore (default) ở ${r.region}, chế độ Native`,
            'firestore',
            'databases',
            'create',
            `--location=${r.region}`,
            '--type=firestore-native',
            `--project=${r.project}`,
            '--quiet',
          ),
        ]),
    {
      title: `Áp dụng quy tắc Firestore từ ${input.rules.file} (chặn mọi truy cập từ ứng dụng khách), xóa các bộ quy tắc cũ`,
      action: { kind: 'rules', project: r.project, ...input.rules },
    },
    // --async: on a populated database Firestore rebuilds in the background; nothing waits for it. Only those not yet off.
    ...(input.exemptions ?? [])
      .filter((e) => !state.exemptFields.has(`${e.collectionGroup}/${e.fieldPath}`))
      .map((e) =>
        command(
          `Tắt chỉ mục của trường ${e.fieldPath} (nhóm ${e.collectionGroup}): không truy vấn, có thể có nhiều khóa (firestore.indexes.json)`,
          'firestore',
          'indexes',
          'fields',
          'update',
          e.fieldPath,
          `--collection-group=${e.collectionGroup}`,
          '--disable-indexes',
          '--async',
          `--project=${r.project}`,
          '--quiet',
        ),
      ),
    ...compositeIndexSteps(input),
    ...ttlSteps(input),
    ...queueSteps(input),
    {
      title: `Chuẩn bị mã nguồn tải lên trong ${SOURCE_DIR} (chỉ những gì bản dựng cần, deploy/source.ts)`,
      action: { kind: 'source', dir: SOURCE_DIR },
    },
    ...(input.rotation === 'rotate'
      ? [
          {
            title: `Thêm phiên bản mới (ngẫu nhiên, 32 byte) cho bí mật ${r.secret}: khóa mới của Apps Script`,
            action: { kind: 'secretVersion', project: r.project, secret: r.secret },
          } satisfies Step,
        ]
      : []),
    functionStep(input),
    ...retireSteps(input),
    ...publicAccessSteps(input),
    ...schedulerSteps(input),
  ];
}
