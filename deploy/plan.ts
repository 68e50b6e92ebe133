// The deployment as an ordered list of steps, from the configuration and what the project already holds: what --dry-run prints and the deploy runs.
import type { DeployConfig } from './config';
import { FUNCTION_NAME, FUNCTION_RUNTIME, MAX_CONCURRENT_DISPATCHES, TIME_ZONE, type Resources } from './resources';
import { lackingGrants, type RoleGrant } from './roles';
import { scheduledJobs, type SchedulerJob } from './scheduler-jobs';
import type { CloudState } from './state';
import { missingCompositeIndexes, type CompositeIndexSpec } from './check';
import { DEFAULT_PACE } from '../functions/src/adapters/sheets/paced';

/** A gcloud command, or the Firestore rules sent to the Firebase Rules API (gcloud has no command for rules). */
export type Action = { kind: 'command'; argv: string[] } | { kind: 'rules'; project: string; file: string; source: string };

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
}

/** Every API the deployment or the function calls. */
export const APIS = [
  'cloudfunctions.googleapis.com',
  'run.googleapis.com',
  'cloudbuild.googleapis.com',
  'artifactregistry.googleapis.com',
  'firestore.googleapis.com',
  'firebaserules.googleapis.com',
  'secretmanager.googleapis.com',
  'cloudtasks.googleapis.com',
  'cloudscheduler.googleapis.com',
  'iam.googleapis.com',
  'cloudresourcemanager.googleapis.com',
  'sheets.googleapis.com',
] as const;

const command = (title: string, ...argv: string[]): Step => ({ title, action: { kind: 'command', argv: ['gcloud', ...argv] } });

function grantStep(grant: RoleGrant, r: Resources): Step {
  return { ...grantCommand(grant, r), retry: true };
}

function grantCommand(grant: RoleGrant, r: Resources): Step {
  const member = `--member=serviceAccount:${r.runtimeAccount}`;
  const title = `Cấp ${grant.role} cho tài khoản chạy hàm`;
  switch (grant.on) {
    case 'project':
      // --condition=None: no prompt when the project's policy already has conditional bindings.
      return command(title, 'projects', 'add-iam-policy-binding', r.project, member, `--role=${grant.role}`, '--condition=None', '--quiet');
    case 'invokerAccount':
      return command(`${title} (trên tài khoản gọi hàm)`, 'iam', 'service-accounts', 'add-iam-policy-binding', r.invokerAccount, member, `--role=${grant.role}`, `--project=${r.project}`, '--quiet');
    case 'secret':
    case 'mailSecret': {
      const secret = grant.on === 'secret' ? r.secret : r.mailSecret;
      return command(`${title} (trên bí mật ${secret})`, 'secrets', 'add-iam-policy-binding', secret, member, `--role=${grant.role}`, `--project=${r.project}`, '--quiet');
    }
  }
}

function queueStep(input: PlanInput): Step {
  const { resources: r, state, config } = input;
  const verb = state.queue.found ? 'update' : 'create';
  return command(
    `${state.queue.found ? 'Cập nhật' : 'Tạo'} hàng đợi Cloud Tasks ${r.queue}: tối đa ${String(config.tasksQueue.maxDispatchesPerSecond)} lần gọi mỗi giây, ${String(MAX_CONCURRENT_DISPATCHES)} lần cùng lúc`,
    'tasks',
    'queues',
    verb,
    r.queue,
    `--location=${r.region}`,
    `--max-concurrent-dispatches=${String(MAX_CONCURRENT_DISPATCHES)}`,
    `--max-dispatches-per-second=${String(config.tasksQueue.maxDispatchesPerSecond)}`,
    `--project=${r.project}`,
    '--quiet',
  );
}

/**
 * Public (--allow-unauthenticated): Apps Script cannot present a Cloud Run identity, so the HMAC signature
 * (API.md §Signing) is the gate of every public route, and internal callbacks carry an OIDC token of the
 * invoker account that the function verifies (JOURNEY_INVOKER_SA, audience JOURNEY_FUNCTION_URL).
 * A whole CPU while starting: the default 0.17 vCPU of 256 MiB would stretch a cold start several times.
 */
function functionStep(input: PlanInput): Step {
  const { resources: r, functionUrl, config } = input;
  // The function's own pace of Sheets writes (one callback at a time from the queue keeps instances in step).
  const env = [
    `GCLOUD_PROJECT=${r.project}`,
    `JOURNEY_TASKS_QUEUE=${r.queuePath}`,
    `JOURNEY_FUNCTION_URL=${functionUrl}`,
    `JOURNEY_INVOKER_SA=${r.invokerAccount}`,
    `JOURNEY_SHEETS_WRITES_PER_MINUTE=${String(DEFAULT_PACE.writesPerMinute)}`,
    // E-mail through the Gmail API as this mailbox; its credentials come from their own secret.
    `JOURNEY_MAIL_SENDER=${config.mail.sender}`,
    `JOURNEY_MAIL_ACCOUNT=${config.mail.accountType}`,
    ...(config.mail.dailyBudget === undefined ? [] : [`JOURNEY_MAIL_DAILY_BUDGET=${String(config.mail.dailyBudget)}`]),
  ];
  return command(
    `Triển khai hàm ${FUNCTION_NAME} (Cloud Functions thế hệ 2, Node.js ${FUNCTION_RUNTIME.slice('nodejs'.length)}; bản dựng chạy npm run gcp-build trên Google Cloud)`,
    'functions',
    'deploy',
    FUNCTION_NAME,
    '--gen2',
    `--runtime=${FUNCTION_RUNTIME}`,
    `--region=${r.region}`,
    `--entry-point=${FUNCTION_NAME}`,
    '--trigger-http',
    '--allow-unauthenticated',
    '--source=.',
    `--service-account=${r.runtimeAccount}`,
    '--memory=512Mi',
    '--cpu=1',
    // Cloud Tasks waits up to 10 minutes for a callback; a full sync of a large year takes minutes.
    '--timeout=540s',
    `--set-secrets=JOURNEY_SHARED_SECRET=${r.secret}:latest,JOURNEY_MAIL_CREDENTIALS=${r.mailSecret}:latest`,
    `--set-env-vars=${env.join(',')}`,
    `--project=${r.project}`,
    '--quiet',
  );
}

function schedulerStep(job: SchedulerJob, input: PlanInput): Step {
  const { resources: r, state, functionUrl } = input;
  const exists = state.schedulerJobs.includes(job.name);
  return command(
    `${exists ? 'Cập nhật' : 'Tạo'} lịch ${job.name} (${job.schedule}, giờ Việt Nam): POST ${job.path}${job.body ? ` ${job.body}` : ''}`,
    'scheduler',
    'jobs',
    exists ? 'update' : 'create',
    'http',
    job.name,
    `--location=${r.region}`,
    `--schedule=${job.schedule}`,
    `--time-zone=${TIME_ZONE}`,
    `--uri=${functionUrl}${job.path}`,
    '--http-method=POST',
    // update replaces headers with --update-headers; create takes --headers.
    `${exists ? '--update-headers' : '--headers'}=Content-Type=application/json`,
    `--message-body=${job.body ?? '{}'}`,
    `--oidc-service-account-email=${r.invokerAccount}`,
    `--oidc-token-audience=${functionUrl}`,
    `--description=${job.description}`,
    `--project=${r.project}`,
    '--quiet',
  );
}

/** Steps in the order the issue asks: APIs, accounts and roles, Firestore, the queue, the function, the scheduler. */
export function planDeployment(input: PlanInput): Step[] {
  const { resources: r, state, config } = input;
  return [
    command('Bật các API cần dùng', 'services', 'enable', ...APIS, `--project=${r.project}`, '--quiet'),
    ...(state.runtimeAccount.found
      ? []
      : [command(`Tạo tài khoản chạy hàm ${r.runtimeAccount}`, 'iam', 'service-accounts', 'create', config.runtimeServiceAccount, '--display-name=Hành trình NCST: hàm journey', `--project=${r.project}`, '--quiet')]),
    ...(state.invokerAccount.found
      ? []
      : [
          command(
            `Tạo tài khoản gọi hàm ${r.invokerAccount} (Cloud Tasks, Cloud Scheduler)`,
            'iam',
            'service-accounts',
            'create',
            config.invokerServiceAccount,
            '--display-name=Hành trình NCST: gọi hàm nội bộ',
            `--project=${r.project}`,
            '--quiet',
          ),
        ]),
    ...lackingGrants(state.runtimeRoles).map((grant) => grantStep(grant, r)),
    ...(state.firestore.found
      ? []
      : [command(`Tạo Firestore (default) ở ${r.region}, chế độ Native`, 'firestore', 'databases', 'create', `--location=${r.region}`, '--type=firestore-native', `--project=${r.project}`, '--quiet')]),
    { title: `Áp dụng quy tắc Firestore từ ${input.rules.file} (chặn mọi truy cập từ ứng dụng khách)`, action: { kind: 'rules', project: r.project, ...input.rules } },
    // --async: on a populated database Firestore rebuilds in the background; nothing waits for it.
    ...(input.exemptions ?? []).map((e) =>
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
    ...missingCompositeIndexes(input.composites ?? [], input.state).map((index) =>
      command(
        `Tạo chỉ mục ghép của nhóm ${index.collectionGroup} (${index.fields.map((f) => `${f.fieldPath}${f.order === 'DESCENDING' ? ' giảm dần' : ''}`).join(', ')}): một trang danh sách đọc đúng một trang (firestore.indexes.json)`,
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
      ),
    ),
    queueStep(input),
    functionStep(input),
    ...scheduledJobs().map((job) => schedulerStep(job, input)),
  ];
}
