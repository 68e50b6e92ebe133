// The configuration check before deploying, on what the project holds: each item a person must provide is named in one
// refusal pointing to a README section that exists; what the script makes itself is planned, not refused.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkDeployment,
  missingItemsMessage,
  README_SECTIONS,
  type CheckItem,
  type FindingStatus,
  type LocalFiles,
} from '../../deploy/check';
import type { DeployConfig } from '../../deploy/config';
import { resourcesOf } from '../../deploy/resources';
import type { CloudState } from '../../deploy/state';
import { FUNCTION_URL, INVOKER, PROJECT_NUMBER, RUNTIME } from './real-gcloud';
import { configOf, deployedState, freshState } from './states';

function statuses(
  state: CloudState,
  config: DeployConfig = configOf(),
  indexes: LocalFiles['indexes'] = { composite: 0, fieldOverrides: 0 },
): Record<CheckItem, [FindingStatus, string]> {
  const { findings } = checkDeployment(config, resourcesOf(config), state, { indexes });
  return Object.fromEntries(findings.map((f) => [f.item, [f.status, f.detail]])) as Record<
    CheckItem,
    [FindingStatus, string]
  >;
}

function refusal(state: CloudState, config: DeployConfig = configOf()): string[] {
  const { findings } = checkDeployment(config, resourcesOf(config), state, {
    indexes: { composite: 0, fieldOverrides: 0 },
  });
  return (missingItemsMessage(findings) ?? '').split('\n');
}

const MAIL_CONSUMER = {
  mail: { sender: 'doankhoi.hanhtrinh@gmail.com', accountType: 'consumer', secret: 'JOURNEY_MAIL_CREDENTIALS' },
};
const MAIL_WORKSPACE = { mail: { sender: 'hanhtrinh@doankhoi.example.vn', accountType: 'workspace' } };

describe('the deploy refuses, in one message, what a person must provide', () => {
  it.each<[string, (s: CloudState) => void, Record<string, unknown>, string[]]>([
    [
      'the project cannot be read',
      (s) => {
        s.project = { found: false, reason: 'PERMISSION_DENIED' };
      },
      {},
      ['dự án hanh-trinh-test: không đọc được', 'URL của hàm: chưa biết'],
    ],
    [
      'the project is being deleted',
      (s) => {
        s.project = { found: true, value: { number: PROJECT_NUMBER, state: 'DELETE_REQUESTED' } };
      },
      {},
      ['dự án hanh-trinh-test: đang ở trạng thái DELETE_REQUESTED'],
    ],
    [
      'the secret does not exist',
      (s) => {
        s.secret = { found: false, reason: 'NOT_FOUND' };
      },
      {},
      ['bí mật JOURNEY_SHARED_SECRET trong Secret Manager: chưa có ('],
    ],
    [
      'the secret has no enabled version',
      (s) => {
        s.secret = { found: true, value: { enabledVersions: 0 } };
      },
      {},
      ['bí mật JOURNEY_SHARED_SECRET trong Secret Manager: chưa có phiên bản nào đang bật'],
    ],
    [
      'a consumer account’s mail secret does not exist',
      (s) => {
        s.mailSecret = { found: false, reason: 'NOT_FOUND' };
      },
      MAIL_CONSUMER,
      [
        'bí mật gửi thư JOURNEY_MAIL_CREDENTIALS trong Secret Manager (hộp thư doankhoi.hanhtrinh@gmail.com): chưa có (',
      ],
    ],
    [
      'Firestore lives in another region',
      (s) => {
        s.firestore = { found: true, value: { location: 'nam5', type: 'FIRESTORE_NATIVE' } };
      },
      {},
      ['cơ sở dữ liệu Firestore (default): đã có ở nam5'],
    ],
    [
      'Firestore is in Datastore mode',
      (s) => {
        s.firestore = { found: true, value: { location: 'asia-southeast1', type: 'DATASTORE_MODE' } };
      },
      {},
      ['cơ sở dữ liệu Firestore (default): đang ở chế độ DATASTORE_MODE'],
    ],
    [
      'the runtime account is disabled',
      (s) => {
        s.runtimeAccount = { found: true, value: { disabled: true, clientId: '1' } };
      },
      {},
      [`tài khoản chạy hàm ${RUNTIME}: đang bị vô hiệu hoá`],
    ],
    [
      'the invoker account is disabled',
      (s) => {
        s.invokerAccount = { found: true, value: { disabled: true, clientId: '1' } };
      },
      {},
      [`tài khoản gọi hàm ${INVOKER}: đang bị vô hiệu hoá`],
    ],
    [
      'the queue was paused',
      (s) => {
        s.queue = { found: true, value: { state: 'PAUSED', maxDispatchesPerSecond: 1, maxConcurrentDispatches: 1 } };
      },
      {},
      ['hàng đợi Cloud Tasks journey-sheets: đang PAUSED'],
    ],
    [
      'the configured URL is not the deployed function’s',
      () => undefined,
      { functionUrl: 'https://journey.example.vn' },
      ['URL của hàm: https://journey.example.vn không phải URL của hàm đã triển khai'],
    ],
  ])('when %s', (_case, change, overrides, named) => {
    const state = deployedState();
    if (overrides.mail !== undefined) state.mailSecret = { found: true, value: { enabledVersions: 1 } };
    change(state);
    const lines = refusal(state, configOf(overrides));
    expect(lines.filter((line) => line.startsWith('Chưa triển khai'))).toHaveLength(1);
    const refused = lines.filter((line) => line.startsWith('  ✗ '));
    expect(refused).toHaveLength(named.length);
    for (const item of named)
      expect(
        refused.some((line) => line.startsWith(`  ✗ ${item}`)),
        `${item}\n${lines.join('\n')}`,
      ).toBe(true);
  });

  it('names everything missing at once', () => {
    const state = freshState();
    state.secret = { found: false, reason: 'NOT_FOUND' };
    state.firestore = { found: true, value: { location: 'nam5', type: 'FIRESTORE_NATIVE' } };
    state.queue = { found: true, value: { state: 'DISABLED', maxDispatchesPerSecond: 1, maxConcurrentDispatches: 1 } };
    const lines = refusal(state);
    expect(lines[0]).toBe('Chưa triển khai: còn 3 mục cần bạn làm trước.');
    expect(lines.filter((line) => line.startsWith('  ✗ ')).map((line) => line.split(':')[0])).toEqual([
      '  ✗ bí mật JOURNEY_SHARED_SECRET trong Secret Manager',
      '  ✗ cơ sở dữ liệu Firestore (default)',
      '  ✗ hàng đợi Cloud Tasks journey-sheets',
    ]);
  });

  it('creates the composite indexes the project lacks, and finds nothing to do when it has them', () => {
    const inbox = {
      collectionGroup: 'inbox',
      queryScope: 'COLLECTION' as const,
      fields: [
        { fieldPath: 'year', order: 'ASCENDING' as const },
        { fieldPath: 'receivedAt', order: 'ASCENDING' as const },
      ],
    };
    const elsewhere = { ...inbox, collectionGroup: 'elsewhere' };
    const deployed = deployedState();
    deployed.compositeIndexes = { found: true, value: [inbox] };
    expect(
      statuses(deployed, configOf(), { composite: 2, fieldOverrides: 0, composites: [inbox, elsewhere] })
        .firestoreIndexes,
    ).toEqual(['create', expect.stringContaining('sẽ tạo 1/2 chỉ mục ghép còn thiếu')]);
    expect(
      statuses(deployed, configOf(), { composite: 1, fieldOverrides: 0, composites: [inbox] }).firestoreIndexes,
    ).toEqual(['ok', 'đủ 1 chỉ mục ghép']);
    // Another order of the same fields is another index.
    const descending = {
      ...inbox,
      fields: [inbox.fields[0], { fieldPath: 'receivedAt', order: 'DESCENDING' as const }],
    } as typeof inbox;
    expect(
      statuses(deployed, configOf(), { composite: 1, fieldOverrides: 0, composites: [descending] }).firestoreIndexes,
    ).toEqual(['create', expect.stringContaining('sẽ tạo 1/1 chỉ mục ghép')]);
    expect(
      statuses(freshState(), configOf(), { composite: 1, fieldOverrides: 0, composites: [inbox] }).firestoreIndexes,
    ).toEqual(['create', expect.stringContaining('sẽ tạo 1/1 chỉ mục ghép')]);
  });

  it('applies index exemptions (fieldOverrides with indexes: []) itself, and refuses other overrides', () => {
    const exemptions = [{ collectionGroup: 'sheets', fieldPath: 'rows' }];
    expect(
      statuses(freshState(), configOf(), { composite: 0, fieldOverrides: 1, exemptions }).firestoreIndexes,
    ).toEqual(['create', expect.stringContaining('sẽ tắt chỉ mục của 1 trường')]);
    expect(
      statuses(deployedState(), configOf(), { composite: 0, fieldOverrides: 1, exemptions }).firestoreIndexes,
    ).toEqual(['ok', 'không cần chỉ mục ghép']);
    expect(
      statuses(deployedState(), configOf(), { composite: 0, fieldOverrides: 2, exemptions }).firestoreIndexes,
    ).toEqual(['missing', expect.stringContaining('1 ngoại lệ trường có chỉ mục riêng')]);
  });

  it('points every refusal and hint to a section README.md has', () => {
    const headings = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('#'))
      .map((line) => line.replace(/^#+\s*/, '').trim());
    for (const section of Object.values(README_SECTIONS)) expect(headings, section).toContain(section);
    // And no message of the deploy script names a README section by hand.
    const folder = new URL('../../deploy/', import.meta.url);
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(new URL(file, folder), 'utf8');
      for (const [, named] of text.matchAll(/README, "([^"$]+)"/g))
        expect(headings, `${file}: ${named ?? ''}`).toContain(named);
    }
  });
});

describe('what the script makes itself is planned, not refused', () => {
  it('on a fresh project: Firestore, the three accounts, every role, public access, the queue and the jobs will be made; mail is optional', () => {
    const found = statuses(freshState());
    expect(Object.fromEntries(Object.entries(found).map(([item, [status]]) => [item, status]))).toEqual({
      project: 'ok',
      secret: 'ok',
      mailSecret: 'ok',
      firestore: 'create',
      firestoreIndexes: 'ok',
      runtimeServiceAccount: 'create',
      invokerServiceAccount: 'create',
      buildServiceAccount: 'create',
      runtimeRoles: 'create',
      tasksQueue: 'create',
      publicAccess: 'create',
      schedulerJobs: 'create',
      functionUrl: 'ok',
    });
    expect(found.mailSecret[1]).toContain('chưa cấu hình: hàm xếp mọi thư vào hộp thư đi và chờ');
    expect(found.runtimeRoles[1]).toBe(
      'sẽ cấp: roles/datastore.user (trên dự án), roles/cloudtasks.enqueuer (trên dự án), roles/iam.serviceAccountUser (trên tài khoản gọi hàm), roles/secretmanager.secretAccessor (trên bí mật), roles/cloudbuild.builds.builder (tài khoản dựng hàm, trên dự án)',
    );
    expect(found.functionUrl[1]).toBe(`${FUNCTION_URL} (hàm chưa triển khai, URL định sẵn)`);
  });

  it('on a deployed project everything is in place', () => {
    expect(Object.values(statuses(deployedState())).map(([status]) => status)).toEqual(Array(13).fill('ok'));
  });

  it.each<[string, (s: CloudState) => void, Record<string, unknown>, CheckItem, string]>([
    [
      'a role was removed',
      (s) => {
        s.roles.runtime.invokerAccount = [];
      },
      {},
      'runtimeRoles',
      'sẽ cấp: roles/iam.serviceAccountUser (trên tài khoản gọi hàm)',
    ],
    [
      'the build account lost its role',
      (s) => {
        s.roles.build.project = [];
      },
      {},
      'runtimeRoles',
      'sẽ cấp: roles/cloudbuild.builds.builder (tài khoản dựng hàm, trên dự án)',
    ],
    [
      'a Workspace mailbox is added',
      () => undefined,
      MAIL_WORKSPACE,
      'runtimeRoles',
      'sẽ cấp: roles/iam.serviceAccountTokenCreator (trên chính tài khoản chạy hàm)',
    ],
    [
      'a consumer account is added',
      (s) => {
        s.mailSecret = { found: true, value: { enabledVersions: 1 } };
      },
      MAIL_CONSUMER,
      'runtimeRoles',
      'sẽ cấp: roles/secretmanager.secretAccessor (trên bí mật gửi thư)',
    ],
    [
      'the queue runs faster than Sheets allows',
      (s) => {
        s.queue = {
          found: true,
          value: { state: 'RUNNING', maxDispatchesPerSecond: 500, maxConcurrentDispatches: 1000 },
        };
      },
      {},
      'tasksQueue',
      'đang 500 lần mỗi giây, 1000 cùng lúc: sẽ đặt lại 1 lần gọi mỗi giây, 1 lần cùng lúc',
    ],
    [
      'the resume job was deleted',
      (s) => {
        s.schedulerJobs.delete('journey-resume');
      },
      {},
      'schedulerJobs',
      'sẽ tạo journey-resume',
    ],
    [
      'nobody may call the function',
      (s) => {
        s.access = { allUsers: false, invokerIamDisabled: false };
      },
      {},
      'publicAccess',
      'nếu tổ chức không cho, sẽ tắt kiểm tra IAM khi gọi hàm',
    ],
  ])('when %s', (_case, change, overrides, item, detail) => {
    const state = deployedState();
    change(state);
    expect(statuses(state, configOf(overrides))[item]).toEqual(['create', expect.stringContaining(detail)]);
  });
});
