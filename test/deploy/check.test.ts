// The configuration check before deploying: each item a person must provide is named in one refusal; what the script makes itself is planned, not refused.
import { describe, expect, it } from 'vitest';
import { checkDeployment, type CheckItem, type FindingStatus, type LocalFiles } from '../../deploy/check';
import { parseDeployConfig, type DeployConfig } from '../../deploy/config';
import { resourcesOf } from '../../deploy/resources';
import { readCloudState } from '../../deploy/state';
import { deployedProject, deployWith, FUNCTION_URL, fakeGcloud, freshProject, INVOKER, PROJECT_NUMBER, RUNTIME, SAMPLE_CONFIG, type World } from './fake-gcloud';

async function dryRun(world: World, config: unknown = SAMPLE_CONFIG): Promise<{ code: number; output: string[]; changes: string[] }> {
  const { code, output, gcloud } = await deployWith(world, { config, dryRun: true });
  return { code, output, changes: gcloud.changes() };
}

function sampleConfig(overrides: Partial<DeployConfig> = {}): DeployConfig {
  const reading = parseDeployConfig({ ...SAMPLE_CONFIG, ...overrides });
  if (!reading.ok) throw new Error(reading.problems.join('; '));
  return reading.config;
}

async function statuses(
  world: World,
  config = sampleConfig(),
  indexes: LocalFiles['indexes'] = { composite: 0, fieldOverrides: 0 },
): Promise<Record<CheckItem, [FindingStatus, string]>> {
  const resources = resourcesOf(config);
  const state = await readCloudState(resources, fakeGcloud(world));
  const { findings } = checkDeployment(config, resources, state, { indexes });
  return Object.fromEntries(findings.map((f) => [f.item, [f.status, f.detail]])) as Record<CheckItem, [FindingStatus, string]>;
}

describe('the deploy refuses, in one message, what a person must provide', () => {
  it.each<[string, (w: World) => void, Record<string, unknown>, string[]]>([
    ['the project cannot be read', (w) => delete w.project, {}, ['dự án hanh-trinh-test: không đọc được', 'URL của hàm: chưa biết']],
    ['the project is being deleted', (w) => { w.project = { projectNumber: PROJECT_NUMBER, lifecycleState: 'DELETE_REQUESTED' }; }, {}, ['dự án hanh-trinh-test: đang ở trạng thái DELETE_REQUESTED']],
    ['the secret does not exist', (w) => delete w.secretVersions, {}, ['bí mật JOURNEY_SHARED_SECRET trong Secret Manager: chưa có (']],
    ['the mail secret does not exist', (w) => delete w.mailSecretVersions, {}, ['bí mật gửi thư JOURNEY_MAIL_CREDENTIALS trong Secret Manager (hộp thư hanhtrinh@doankhoi.example.vn): chưa có (']],
    ['the mail secret has no enabled version', (w) => { w.mailSecretVersions = [{ state: 'DESTROYED' }]; }, {}, ['bí mật gửi thư JOURNEY_MAIL_CREDENTIALS trong Secret Manager (hộp thư hanhtrinh@doankhoi.example.vn): chưa có phiên bản nào đang bật']],
    ['the secret has no enabled version', (w) => { w.secretVersions = [{ state: 'DISABLED' }]; }, {}, ['bí mật JOURNEY_SHARED_SECRET trong Secret Manager: chưa có phiên bản nào đang bật']],
    ['Firestore lives in another region', (w) => { w.firestore = { locationId: 'nam5', type: 'FIRESTORE_NATIVE' }; }, {}, ['cơ sở dữ liệu Firestore (default): đã có ở nam5']],
    ['Firestore is in Datastore mode', (w) => { w.firestore = { locationId: 'asia-southeast1', type: 'DATASTORE_MODE' }; }, {}, ['cơ sở dữ liệu Firestore (default): đang ở chế độ DATASTORE_MODE']],
    ['the runtime account is disabled', (w) => { w.accounts[RUNTIME] = { disabled: true }; }, {}, [`tài khoản chạy hàm ${RUNTIME}: đang bị vô hiệu hoá`]],
    ['the invoker account is disabled', (w) => { w.accounts[INVOKER] = { disabled: true }; }, {}, [`tài khoản gọi hàm ${INVOKER}: đang bị vô hiệu hoá`]],
    ['the queue was paused', (w) => { w.queue = { state: 'PAUSED', rateLimits: { maxDispatchesPerSecond: 1, maxConcurrentDispatches: 1 } }; }, {}, ['hàng đợi Cloud Tasks journey-sheets: đang PAUSED']],
    ['the configured URL is not the deployed function\'s', () => undefined, { functionUrl: 'https://journey.example.vn' }, ['URL của hàm: https://journey.example.vn không phải URL của hàm đã triển khai']],
  ])('when %s', async (_case, change, overrides, named) => {
    const world = deployedProject();
    change(world);
    const { code, output, changes } = await dryRun(world, { ...SAMPLE_CONFIG, ...overrides });
    expect(code).toBe(1);
    expect(output.filter((line) => line.startsWith('Chưa triển khai'))).toHaveLength(1);
    const refused = output.filter((line) => line.startsWith('  ✗ '));
    expect(refused).toHaveLength(named.length);
    for (const item of named) expect(refused.some((line) => line.startsWith(`  ✗ ${item}`)), `${item}\n${output.join('\n')}`).toBe(true);
    expect(changes).toEqual([]);
  });

  it('names everything missing at once', async () => {
    const world = freshProject();
    delete world.secretVersions;
    world.firestore = { locationId: 'nam5', type: 'FIRESTORE_NATIVE' };
    world.queue = { state: 'DISABLED', rateLimits: { maxDispatchesPerSecond: 1, maxConcurrentDispatches: 1 } };
    const { code, output } = await dryRun(world);
    expect(code).toBe(1);
    expect(output[1]).toBe('Chưa triển khai: còn 3 mục cần bạn làm trước.');
    expect(output.filter((line) => line.startsWith('  ✗ ')).map((line) => line.split(':')[0])).toEqual([
      '  ✗ bí mật JOURNEY_SHARED_SECRET trong Secret Manager',
      '  ✗ cơ sở dữ liệu Firestore (default)',
      '  ✗ hàng đợi Cloud Tasks journey-sheets',
    ]);
  });

  it('creates the composite indexes the project lacks, and finds nothing to do when it has them', async () => {
    const inbox = { collectionGroup: 'inbox', queryScope: 'COLLECTION' as const, fields: [{ fieldPath: 'year', order: 'ASCENDING' as const }, { fieldPath: 'receivedAt', order: 'ASCENDING' as const }] };
    const other = { ...inbox, collectionGroup: 'elsewhere' };
    const found = await statuses(deployedProject(), sampleConfig(), { composite: 2, fieldOverrides: 0, composites: [inbox, other] });
    expect(found.firestoreIndexes).toEqual(['create', expect.stringContaining('sẽ tạo 1/2 chỉ mục ghép còn thiếu')]);
    const present = await statuses(deployedProject(), sampleConfig(), { composite: 1, fieldOverrides: 0, composites: [inbox] });
    expect(present.firestoreIndexes).toEqual(['ok', 'đủ 1 chỉ mục ghép']);
    const fresh = await statuses(freshProject(), sampleConfig(), { composite: 1, fieldOverrides: 0, composites: [inbox] });
    expect(fresh.firestoreIndexes).toEqual(['create', expect.stringContaining('sẽ tạo 1/1 chỉ mục ghép')]);
  });

  it('applies index exemptions (fieldOverrides with indexes: []) itself, and refuses other overrides', async () => {
    const exemptions = [{ collectionGroup: 'sheets', fieldPath: 'rows' }];
    const applied = await statuses(deployedProject(), sampleConfig(), { composite: 0, fieldOverrides: 1, exemptions });
    expect(applied.firestoreIndexes).toEqual(['create', expect.stringContaining('sẽ tắt chỉ mục của 1 trường')]);
    const other = await statuses(deployedProject(), sampleConfig(), { composite: 0, fieldOverrides: 2, exemptions });
    expect(other.firestoreIndexes).toEqual(['missing', expect.stringContaining('1 ngoại lệ trường có chỉ mục riêng')]);
  });
});

describe('what the script makes itself is planned, not refused', () => {
  it('on a fresh project: Firestore, both accounts, every role, the queue and the resume job will be made', async () => {
    const found = await statuses(freshProject());
    expect(Object.fromEntries(Object.entries(found).map(([item, [status]]) => [item, status]))).toEqual({
      project: 'ok',
      secret: 'ok',
      mailSecret: 'ok',
      firestore: 'create',
      firestoreIndexes: 'ok',
      runtimeServiceAccount: 'create',
      runtimeRoles: 'create',
      invokerServiceAccount: 'create',
      tasksQueue: 'create',
      schedulerJobs: 'create',
      functionUrl: 'ok',
    });
    expect(found.runtimeRoles[1]).toBe(
      'sẽ cấp: roles/datastore.user (trên dự án), roles/cloudtasks.enqueuer (trên dự án), roles/iam.serviceAccountUser (trên tài khoản gọi hàm), roles/secretmanager.secretAccessor (trên bí mật), roles/secretmanager.secretAccessor (trên bí mật gửi thư)',
    );
    expect(found.functionUrl[1]).toBe(`${FUNCTION_URL} (hàm chưa triển khai, URL định sẵn)`);
  });

  it('on a deployed project everything is in place', async () => {
    const found = await statuses(deployedProject());
    expect(Object.values(found).map(([status]) => status)).toEqual(Array(11).fill('ok'));
  });

  it.each<[string, (w: World) => void, CheckItem, string]>([
    ['a role was removed', (w) => { w.invokerBindings = []; }, 'runtimeRoles', 'sẽ cấp: roles/iam.serviceAccountUser (trên tài khoản gọi hàm)'],
    ['the queue runs faster than Sheets allows', (w) => { w.queue = { state: 'RUNNING', rateLimits: { maxDispatchesPerSecond: 500, maxConcurrentDispatches: 1000 } }; }, 'tasksQueue', 'đang 500 lần mỗi giây, 1000 cùng lúc: sẽ đặt lại 1 lần gọi mỗi giây, 1 lần cùng lúc'],
    ['the resume job was deleted', (w) => { w.jobs = w.jobs.filter((j) => j !== 'journey-resume'); }, 'schedulerJobs', 'sẽ tạo journey-resume'],
    ['the mail secret lost its reader', (w) => { w.mailSecretBindings = []; }, 'runtimeRoles', 'sẽ cấp: roles/secretmanager.secretAccessor (trên bí mật gửi thư)'],
  ])('when %s', async (_case, change, item, detail) => {
    const world = deployedProject();
    change(world);
    const found = await statuses(world);
    expect(found[item]).toEqual(['create', expect.stringContaining(detail)]);
  });
});
