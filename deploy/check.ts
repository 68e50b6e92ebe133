// The configuration check before deploying: each item of a deployment, whether it is in place, will be made by this run, or is missing (and blocks it).
import type { DeployConfig } from './config';
import { deterministicFunctionUrl, MAX_CONCURRENT_DISPATCHES, type Resources } from './resources';
import { lackingGrants, SCOPE_LABELS, wantedGrants } from './roles';
import { scheduledJobs } from './scheduler-jobs';
import type { CloudState } from './state';

export type CheckItem =
  | 'project'
  | 'secret'
  | 'mailSecret'
  | 'firestore'
  | 'firestoreIndexes'
  | 'runtimeServiceAccount'
  | 'runtimeRoles'
  | 'invokerServiceAccount'
  | 'buildServiceAccount'
  | 'publicAccess'
  | 'tasksQueue'
  | 'schedulerJobs'
  | 'functionUrl';

/** `ok`: in place; `create`: this run makes or updates it; `missing`: this run cannot, a person must (the deploy refuses). */
export type FindingStatus = 'ok' | 'create' | 'missing';

export interface Finding {
  item: CheckItem;
  /** What it is, in words (Vietnamese). */
  label: string;
  status: FindingStatus;
  detail: string;
}

/** A field of a collection group whose single-field indexes are switched off (`fieldOverrides` with `indexes: []`). */
export interface FieldExemption {
  collectionGroup: string;
  fieldPath: string;
}

/** A composite index as firestore.indexes.json declares it (and `gcloud firestore indexes composite list` shows it). */
export interface CompositeIndexSpec {
  collectionGroup: string;
  queryScope: 'COLLECTION' | 'COLLECTION_GROUP';
  fields: readonly { fieldPath: string; order: 'ASCENDING' | 'DESCENDING' }[];
}

/** What the repository holds besides the configuration. */
export interface LocalFiles {
  /** From firestore.indexes.json: counts, the composite indexes and the exemptions this script applies. */
  indexes: {
    composite: number;
    fieldOverrides: number;
    exemptions?: readonly FieldExemption[];
    composites?: readonly CompositeIndexSpec[];
    /** Fields with `"ttl": true`: their group's TTL field (documents deleted once its time has passed). */
    ttls?: readonly FieldExemption[];
  };
}

const sameIndex = (a: CompositeIndexSpec, b: CompositeIndexSpec): boolean =>
  a.collectionGroup === b.collectionGroup &&
  a.queryScope === b.queryScope &&
  a.fields.length === b.fields.length &&
  a.fields.every((f, i) => f.fieldPath === b.fields[i]?.fieldPath && f.order === b.fields[i]?.order);

/** The declared composite indexes the project does not have yet (all of them when its list cannot be read: a new database). */
export function missingCompositeIndexes(
  declared: readonly CompositeIndexSpec[],
  state: CloudState,
): CompositeIndexSpec[] {
  const existing = state.compositeIndexes.found ? state.compositeIndexes.value : [];
  return declared.filter((index) => !existing.some((e) => sameIndex(e, index)));
}

export interface CheckResult {
  findings: Finding[];
  /** Where the function lives (undefined when it cannot be known: the functionUrl finding says why). */
  functionUrl: string | undefined;
}

/** Sections of docs/deploy.md a refusal sends a person to (a test keeps each one a heading there). */
export const GUIDE_SECTIONS = { deploy: 'Deploying to Google Cloud', mail: 'Sending in production' } as const;
const readme = (section: keyof typeof GUIDE_SECTIONS): string => `docs/deploy.md, "${GUIDE_SECTIONS[section]}"`;

const finding = (item: CheckItem, label: string, status: FindingStatus, detail: string): Finding => ({
  item,
  label,
  status,
  detail,
});

function projectFinding(r: Resources, state: CloudState): Finding {
  const label = `dự án ${r.project}`;
  if (!state.project.found)
    return finding(
      'project',
      label,
      'missing',
      `không đọc được (${state.project.reason}); kiểm tra mã dự án và đăng nhập: gcloud auth login`,
    );
  if (state.project.value.state !== 'ACTIVE')
    return finding('project', label, 'missing', `đang ở trạng thái ${state.project.value.state}, không dùng được`);
  return finding('project', label, 'ok', `số dự án ${state.project.value.number}`);
}

function secretFinding(r: Resources, state: CloudState): Finding {
  const label = `bí mật ${r.secret} trong Secret Manager`;
  const value = `openssl rand -hex 32 | tr -d '\\n' | gcloud secrets`;
  if (!state.secret.found) {
    return finding(
      'secret',
      label,
      'missing',
      `chưa có (${state.secret.reason}); tạo bằng: ${value} create ${r.secret} --data-file=- --project=${r.project} (${readme('deploy')}, bước 2)`,
    );
  }
  if (state.secret.value.enabledVersions === 0) {
    return finding(
      'secret',
      label,
      'missing',
      `chưa có phiên bản nào đang bật; thêm bằng: ${value} versions add ${r.secret} --data-file=- --project=${r.project}`,
    );
  }
  return finding('secret', label, 'ok', `${String(state.secret.value.enabledVersions)} phiên bản đang bật`);
}

/**
 * Mail is optional: without it the function queues every e-mail until a later deploy adds a sender. A Workspace
 * mailbox needs no secret (its delegation is signed by the runtime account); a consumer account's refresh token is a
 * secret a person creates.
 */
function mailFinding(config: DeployConfig, r: Resources, state: CloudState): Finding {
  const mail = config.mail;
  if (mail === undefined) {
    return finding(
      'mailSecret',
      'gửi thư',
      'ok',
      `chưa cấu hình: hàm xếp mọi thư vào hộp thư đi và chờ; thêm "mail" vào cấu hình rồi chạy lại npm run deploy (${readme('mail')})`,
    );
  }
  if (mail.accountType === 'workspace') {
    return finding(
      'mailSecret',
      `gửi thư từ ${mail.sender}`,
      'ok',
      `Google Workspace, ủy quyền toàn miền cho ${r.runtimeAccount}, không cần khóa (quản trị viên Workspace cấp phạm vi gmail.send cho mã khách hàng của tài khoản này: ${readme('mail')})`,
    );
  }
  const label = `bí mật gửi thư ${r.mailSecret ?? ''} trong Secret Manager (hộp thư ${mail.sender})`;
  const what = 'tệp JSON "authorized_user" có refresh_token của tài khoản Gmail gửi thư';
  const found = state.mailSecret;
  if (found === undefined || !found.found) {
    const how = `gcloud secrets create ${r.mailSecret ?? ''} --data-file=<tệp JSON> --project=${r.project}`;
    return finding(
      'mailSecret',
      label,
      'missing',
      `chưa có${found === undefined ? '' : ` (${found.reason})`}; tạo từ ${what} bằng: ${how} (${readme('mail')})`,
    );
  }
  if (found.value.enabledVersions === 0) {
    return finding(
      'mailSecret',
      label,
      'missing',
      `chưa có phiên bản nào đang bật; thêm ${what} bằng: gcloud secrets versions add ${r.mailSecret ?? ''} --data-file=<tệp JSON> --project=${r.project} (${readme('mail')})`,
    );
  }
  return finding(
    'mailSecret',
    label,
    'ok',
    `${String(found.value.enabledVersions)} phiên bản đang bật; tài khoản Gmail cá nhân`,
  );
}

function firestoreFinding(r: Resources, state: CloudState): Finding {
  const label = 'cơ sở dữ liệu Firestore (default)';
  if (!state.firestore.found)
    return finding('firestore', label, 'create', `chưa có: sẽ tạo ở ${r.region}, chế độ Native`);
  const { location, type } = state.firestore.value;
  if (location !== r.region) {
    return finding(
      'firestore',
      label,
      'missing',
      `đã có ở ${location}, không đổi vùng được; hàm cần Firestore ở ${r.region}: dùng một dự án khác`,
    );
  }
  if (type !== 'FIRESTORE_NATIVE')
    return finding('firestore', label, 'missing', `đang ở chế độ ${type}; hàm cần chế độ Native`);
  return finding('firestore', label, 'ok', `có sẵn ở ${location}`);
}

function indexesFinding(local: LocalFiles, state: CloudState): Finding {
  const label = 'chỉ mục Firestore (firestore.indexes.json)';
  const exemptions = local.indexes.exemptions?.length ?? 0;
  const other = local.indexes.fieldOverrides - exemptions;
  const declared = local.indexes.composites ?? [];
  if (other > 0) {
    return finding(
      'firestoreIndexes',
      label,
      'missing',
      `khai báo ${String(other)} ngoại lệ trường có chỉ mục riêng nhưng script này chỉ biết tắt chỉ mục của một trường và tạo chỉ mục ghép: thêm bước đó vào deploy/plan.ts, hoặc tạo bằng firebase deploy --only firestore:indexes`,
    );
  }
  const missing = missingCompositeIndexes(declared, state).length;
  // As the plan: only the exempt fields whose indexes are not off yet.
  const toExempt = (local.indexes.exemptions ?? []).filter(
    (e) => !state.exemptFields.has(`${e.collectionGroup}/${e.fieldPath}`),
  ).length;
  const composites =
    declared.length === 0
      ? 'không cần chỉ mục ghép'
      : missing === 0
        ? `đủ ${String(declared.length)} chỉ mục ghép`
        : `sẽ tạo ${String(missing)}/${String(declared.length)} chỉ mục ghép còn thiếu (cho các danh sách theo trang)`;
  const toTtl = (local.indexes.ttls ?? []).filter(
    (t) => !state.ttlFields.has(`${t.collectionGroup}/${t.fieldPath}`),
  ).length;
  if (toExempt === 0 && missing === 0 && toTtl === 0) return finding('firestoreIndexes', label, 'ok', composites);
  const exempt = toExempt === 0 ? '' : `; sẽ tắt chỉ mục của ${String(toExempt)} trường không bao giờ được truy vấn`;
  const ttl = toTtl === 0 ? '' : `; sẽ bật ${String(toTtl)} chính sách TTL (tự xóa bản ghi hết hạn lưu)`;
  return finding('firestoreIndexes', label, 'create', `${composites}${exempt}${ttl} (chạy lại không đổi gì)`);
}

function accountFinding(
  item: 'runtimeServiceAccount' | 'invokerServiceAccount' | 'buildServiceAccount',
  label: string,
  email: string,
  project: string,
  found: CloudState['runtimeAccount'],
): Finding {
  if (!found.found) return finding(item, label, 'create', 'chưa có: sẽ tạo');
  if (found.value.disabled)
    return finding(
      item,
      label,
      'missing',
      `đang bị vô hiệu hoá; bật lại bằng: gcloud iam service-accounts enable ${email} --project=${project}`,
    );
  return finding(item, label, 'ok', 'có sẵn');
}

function rolesFinding(config: DeployConfig, state: CloudState): Finding {
  const lacking = lackingGrants(config, state.roles);
  const label = 'vai trò của tài khoản chạy hàm và tài khoản dựng hàm';
  if (lacking.length === 0)
    return finding(
      'runtimeRoles',
      label,
      'ok',
      `đủ: ${wantedGrants(config)
        .map((g) => g.role)
        .join(', ')}`,
    );
  return finding(
    'runtimeRoles',
    label,
    'create',
    `sẽ cấp: ${lacking.map((g) => `${g.role} (${g.to === 'build' ? 'tài khoản dựng hàm, ' : ''}${SCOPE_LABELS[g.on]})`).join(', ')}`,
  );
}

/** Whether the function can be called from the internet, and how (allUsers, or the invoker IAM check off). */
function publicAccessFinding(state: CloudState): Finding {
  const label = 'gọi hàm từ Internet (Apps Script)';
  if (state.access?.allUsers) return finding('publicAccess', label, 'ok', 'allUsers giữ vai trò roles/run.invoker');
  if (state.access?.invokerIamDisabled)
    return finding('publicAccess', label, 'ok', 'kiểm tra IAM khi gọi hàm đã tắt (tổ chức không cho gán allUsers)');
  return finding(
    'publicAccess',
    label,
    'create',
    'sẽ gán allUsers vai trò roles/run.invoker; nếu tổ chức không cho, sẽ tắt kiểm tra IAM khi gọi hàm',
  );
}

function queueFinding(config: DeployConfig, r: Resources, state: CloudState): Finding {
  const label = `hàng đợi Cloud Tasks ${r.queue}`;
  const wanted = config.tasksQueue.maxDispatchesPerSecond;
  const pace = `${String(wanted)} lần gọi mỗi giây, ${String(MAX_CONCURRENT_DISPATCHES)} lần cùng lúc`;
  if (!state.queue.found) return finding('tasksQueue', label, 'create', `chưa có: sẽ tạo ở ${r.region}, ${pace}`);
  const { state: queueState, maxDispatchesPerSecond, maxConcurrentDispatches } = state.queue.value;
  if (queueState !== 'RUNNING') {
    return finding(
      'tasksQueue',
      label,
      'missing',
      `đang ${queueState}: có người đã dừng nó; nếu muốn chạy lại: gcloud tasks queues resume ${r.queue} --location=${r.region} --project=${r.project}`,
    );
  }
  if (maxDispatchesPerSecond !== wanted || maxConcurrentDispatches !== MAX_CONCURRENT_DISPATCHES) {
    return finding(
      'tasksQueue',
      label,
      'create',
      `đang ${String(maxDispatchesPerSecond)} lần mỗi giây, ${String(maxConcurrentDispatches)} cùng lúc: sẽ đặt lại ${pace}`,
    );
  }
  return finding('tasksQueue', label, 'ok', pace);
}

/** Every job is created now that the report routes exist; --with-reports is still accepted and changes nothing. */
function schedulerFinding(state: CloudState): Finding {
  const jobs = scheduledJobs();
  const toCreate = jobs.filter((job) => !state.schedulerJobs.has(job.name)).map((job) => job.name);
  const existing = jobs.length - toCreate.length;
  const parts = [
    ...(toCreate.length > 0 ? [`sẽ tạo ${toCreate.join(', ')}`] : []),
    ...(existing > 0 ? [`${String(existing)} lịch đã có (chỉ cập nhật lịch nào khác cấu hình)`] : []),
  ];
  return finding('schedulerJobs', 'lịch Cloud Scheduler', toCreate.length > 0 ? 'create' : 'ok', parts.join('; '));
}

/**
 * The configured URL, or the project's deterministic run.app URL; when the function is already deployed it must
 * answer on that URL, since Cloud Tasks and Cloud Scheduler call it there and it checks their tokens' audience.
 */
function functionUrlFinding(
  config: DeployConfig,
  r: Resources,
  state: CloudState,
): { finding: Finding; url: string | undefined } {
  const label = 'URL của hàm';
  const url =
    config.functionUrl ??
    (state.project.found ? deterministicFunctionUrl(state.project.value.number, r.region) : undefined);
  if (url === undefined) {
    return {
      url,
      finding: finding(
        'functionUrl',
        label,
        'missing',
        'chưa biết: cần số dự án (đọc được dự án) hoặc trường functionUrl trong cấu hình',
      ),
    };
  }
  if (state.functionUrls.found && !state.functionUrls.value.includes(url)) {
    const deployed = state.functionUrls.value.join(', ');
    return {
      url,
      finding: finding(
        'functionUrl',
        label,
        'missing',
        `${url} không phải URL của hàm đã triển khai (${deployed}); đặt functionUrl trong cấu hình thành một trong các URL đó`,
      ),
    };
  }
  return {
    url,
    finding: finding(
      'functionUrl',
      label,
      'ok',
      state.functionUrls.found ? url : `${url} (hàm chưa triển khai, URL định sẵn)`,
    ),
  };
}

export function checkDeployment(config: DeployConfig, r: Resources, state: CloudState, local: LocalFiles): CheckResult {
  const url = functionUrlFinding(config, r, state);
  return {
    functionUrl: url.url,
    findings: [
      projectFinding(r, state),
      secretFinding(r, state),
      mailFinding(config, r, state),
      firestoreFinding(r, state),
      indexesFinding(local, state),
      accountFinding(
        'runtimeServiceAccount',
        `tài khoản chạy hàm ${r.runtimeAccount}`,
        r.runtimeAccount,
        r.project,
        state.runtimeAccount,
      ),
      accountFinding(
        'invokerServiceAccount',
        `tài khoản gọi hàm ${r.invokerAccount}`,
        r.invokerAccount,
        r.project,
        state.invokerAccount,
      ),
      accountFinding(
        'buildServiceAccount',
        `tài khoản dựng hàm ${r.buildAccount}`,
        r.buildAccount,
        r.project,
        state.buildAccount,
      ),
      rolesFinding(config, state),
      queueFinding(config, r, state),
      publicAccessFinding(state),
      schedulerFinding(state),
      url.finding,
    ],
  };
}

const MARKS: Record<FindingStatus, string> = { ok: '✓', create: '+', missing: '✗' };

/** One line per finding, for the report printed before anything happens. */
export function formatFindings(findings: readonly Finding[]): string[] {
  return findings.map((f) => `  ${MARKS[f.status]} ${f.label}: ${f.detail}`);
}

/** The one message a refusal prints: every blocking problem, each on its own line. */
export function refusalMessage(heading: string, problems: readonly string[], footer: string): string {
  return [heading, ...problems.map((p) => `  ✗ ${p}`), footer].join('\n');
}

/** The refusal for what the project lacks, or undefined when nothing blocks. */
export function missingItemsMessage(findings: readonly Finding[]): string | undefined {
  const missing = findings.filter((f) => f.status === 'missing');
  if (missing.length === 0) return undefined;
  return refusalMessage(
    `Chưa triển khai: còn ${String(missing.length)} mục cần bạn làm trước.`,
    missing.map((f) => `${f.label}: ${f.detail}`),
    'Làm xong các mục trên rồi chạy lại npm run deploy (xem trước: npm run deploy -- --dry-run).',
  );
}
