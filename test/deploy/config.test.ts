// The deploy configuration (deploy/config.json): every missing or wrong field is named, all at once, in Vietnamese.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeployConfig } from '../../deploy/config';
import { FIRST_CONFIG } from './real-gcloud';

const SAMPLE_CONFIG = { ...FIRST_CONFIG, mail: { sender: 'hanhtrinh@doankhoi.example.vn', accountType: 'workspace' } };

const without = (key: string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(SAMPLE_CONFIG).filter(([k]) => k !== key));

describe('parseDeployConfig', () => {
  it('accepts the sample and deploy/config.example.json', () => {
    expect(parseDeployConfig(SAMPLE_CONFIG).ok).toBe(true);
    const example: unknown = JSON.parse(
      readFileSync(new URL('../../deploy/config.example.json', import.meta.url), 'utf8'),
    );
    expect(parseDeployConfig(example)).toMatchObject({ ok: true, config: { region: 'asia-southeast1' } });
  });

  it.each([
    ['the project is missing', without('project'), 'project: thiếu mã dự án Google Cloud'],
    ['the project id is malformed', { ...SAMPLE_CONFIG, project: 'Hanh Trinh' }, 'project: mã dự án gồm 6–30 ký tự'],
    ['the region is not Singapore', { ...SAMPLE_CONFIG, region: 'us-central1' }, 'region: phải là "asia-southeast1"'],
    ['the secret is missing', without('secret'), 'secret: thiếu tên bí mật trong Secret Manager'],
    [
      'the runtime account is missing',
      without('runtimeServiceAccount'),
      'runtimeServiceAccount: thiếu tên tài khoản dịch vụ chạy hàm',
    ],
    [
      'the invoker account is missing',
      without('invokerServiceAccount'),
      'invokerServiceAccount: thiếu tên tài khoản dịch vụ gọi hàm',
    ],
    [
      'the invoker is the runtime account',
      { ...SAMPLE_CONFIG, invokerServiceAccount: 'journey-runtime' },
      'invokerServiceAccount: phải khác tài khoản chạy hàm',
    ],
    ['the queue is missing', without('tasksQueue'), 'tasksQueue: thiếu hàng đợi Cloud Tasks'],
    [
      'the queue has no rate',
      { ...SAMPLE_CONFIG, tasksQueue: { name: 'journey-sheets' } },
      'tasksQueue.maxDispatchesPerSecond: thiếu tốc độ hàng đợi',
    ],
    [
      'the queue is faster than Sheets allows',
      { ...SAMPLE_CONFIG, tasksQueue: { name: 'journey-sheets', maxDispatchesPerSecond: 2 } },
      'tasksQueue.maxDispatchesPerSecond: tối đa 1 lần mỗi giây',
    ],
    [
      'the function URL is not https',
      { ...SAMPLE_CONFIG, functionUrl: 'http://journey.example' },
      'functionUrl: URL của hàm phải bắt đầu bằng https://',
    ],
    ['a field name is mistyped', { ...SAMPLE_CONFIG, projct: 'x' }, 'tệp cấu hình: không dùng đến "projct"'],
    [
      'a consumer account has no secret',
      { ...SAMPLE_CONFIG, mail: { sender: 'a@gmail.com', accountType: 'consumer' } },
      'mail.secret: tài khoản Gmail cá nhân cần tên bí mật',
    ],
    [
      'a Workspace mailbox names a key',
      { ...SAMPLE_CONFIG, mail: { sender: 'a@b.vn', accountType: 'workspace', secret: 'KEY' } },
      'mail.secret: hộp thư Workspace gửi không cần khóa nào',
    ],
    [
      'the build account is the runtime account',
      { ...SAMPLE_CONFIG, buildServiceAccount: 'journey-runtime' },
      'buildServiceAccount: phải khác tài khoản chạy hàm',
    ],
  ])('names the field when %s', (_case, raw, problem) => {
    const reading = parseDeployConfig(raw);
    expect(reading.ok).toBe(false);
    expect(reading.ok ? [] : reading.problems).toEqual([expect.stringContaining(problem)]);
  });

  it('names every missing field at once', () => {
    const reading = parseDeployConfig({});
    expect(reading.ok ? [] : reading.problems.map((p) => p.split(':')[0])).toEqual([
      'project',
      'region',
      'secret',
      'runtimeServiceAccount',
      'invokerServiceAccount',
      'tasksQueue',
    ]);
  });

  it('needs no mail for a first deployment, and names the build account journey-build unless told', () => {
    const first = Object.fromEntries(
      Object.entries(SAMPLE_CONFIG).filter(([key]) => key !== 'mail' && key !== 'buildServiceAccount'),
    );
    expect(parseDeployConfig(first)).toMatchObject({ ok: true, config: { buildServiceAccount: 'journey-build' } });
    expect(parseDeployConfig(first).ok && parseDeployConfig(first)).not.toHaveProperty('config.mail');
  });
});
