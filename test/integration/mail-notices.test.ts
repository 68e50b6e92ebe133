// Member notices: each accepted or refused submission and each decision queues one notice, stored with it, sent once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG, evidence, registration, YEAR } from './fixtures';
import { startMailStack, type MailStack } from './mail-harness';

function must<T>(value: T | null | undefined): T {
  return value ?? expect.fail('expected a value');
}

let stack: MailStack;
beforeAll(async () => {
  stack = await startMailStack({ start: new Date('2019-05-02T03:00:00Z') });
});
afterAll(async () => {
  await stack.stop();
});
beforeEach(async () => {
  await stack.reset();
  stack.clock.now = new Date('2019-05-02T03:00:00Z');
  expect((await stack.call('PUT', `/v1/years/${String(YEAR)}/config`, CONFIG)).status).toBe(200);
});

interface MailView {
  id: string;
  kind: string;
  to: string;
  subject: string;
  status: string;
  reason?: string;
}

describe('member notices', () => {
  it('queues one notice per accepted registration, stored with it and sent once even when the trigger fires twice', async () => {
    const body = registration({ submittedAt: '2019-01-10T09:00:00+07:00' });
    expect((await stack.call('POST', '/v1/registrations', body)).body.status).toBe('accepted');
    expect((await stack.call('POST', '/v1/registrations', body)).body.status).toBe('duplicate');
    const queued = await stack.call<MailView[]>('GET', `/v1/years/${String(YEAR)}/mail`);
    expect(queued.body).toHaveLength(1);
    expect(queued.body[0]).toMatchObject({ kind: 'notice', to: 'an.snv@example.vn', status: 'queued' });
    expect(stack.drainRequests.length).toBeGreaterThan(0);

    const drained = await stack.drain();
    expect(drained.body).toMatchObject({ sent: 1 });
    expect((await stack.drain()).body).toMatchObject({ sent: 0 });
    const [message, ...more] = await stack.messages();
    expect(more).toHaveLength(0);
    const email = must(message).email;
    expect(email.subject).toBe('Đã nhận đăng ký sổ hành trình năm 2019');
    expect(email.to?.map((a) => a.address)).toEqual(['an.snv@example.vn']);
    expect(email.from?.name).toBe('Ban Thường vụ Đoàn Khối');
    expect(email.text).toContain('Chào Nguyễn Văn An,');
    expect(email.text).toContain('RL6');
    expect(email.html).toContain('Nguyễn Văn An');
    expect(email.html).toContain('<h1');
    const sent = await stack.call<MailView[]>('GET', `/v1/years/${String(YEAR)}/mail?status=sent`);
    expect(sent.body.map((m) => m.id)).toEqual([must(queued.body[0]).id]);
  });

  it('tells each member a base union nominates, once: an edit delivered twice or repeating the list tells nobody again', async () => {
    const put = (editId: string, nominees: { fullName: string; email: string }[]) =>
      stack.call('PUT', `/v1/years/${String(YEAR)}/units/SNV/nominees`, {
        editId,
        editedAt: '2019-01-05T10:00:00+07:00',
        nominees,
        editorEmail: 'bch.snv@example.vn',
      });
    const an = { fullName: 'Nguyễn Văn An', email: 'an.snv@example.vn' };
    const binh = { fullName: 'Trần Thị Bình', email: 'binh.snv@example.vn' };
    expect((await put('edit-1', [an])).body.status).toBe('accepted');
    expect((await put('edit-1', [an])).body.status).toBe('duplicate');
    // The next edit adds Bình and keeps An: only Bình is told.
    expect((await put('edit-2', [an, binh])).body.status).toBe('accepted');
    const queued = (await stack.call<MailView[]>('GET', `/v1/years/${String(YEAR)}/mail`)).body;
    expect(queued.map((m) => m.to).sort()).toEqual(['an.snv@example.vn', 'binh.snv@example.vn']);

    expect((await stack.drain()).body).toMatchObject({ sent: 2 });
    const messages = await stack.messages();
    const toBinh = must(messages.find((m) => m.email.to?.[0]?.address === 'binh.snv@example.vn')).email;
    expect(toBinh.subject).toBe('Bạn được Đoàn Sở Nội vụ đề cử tham gia Hành trình “Người Cộng sản trẻ” năm 2019');
    expect(toBinh.text).toContain('Chào Trần Thị Bình,');
    expect(toBinh.text).toContain('biểu mẫu đăng ký');
  });

  it('tells the member how to fix a refused registration, with the rules’ Vietnamese messages', async () => {
    const refused = await stack.call(
      'POST',
      '/v1/registrations',
      registration({ trainingTasks: ['RL1'], submittedAt: '2019-01-10T09:00:00+07:00' }),
    );
    expect(refused.status).toBe(422);
    await stack.drain();
    const [message] = await stack.messages();
    expect(must(message).email.subject).toMatch(/^Chưa nhận được đăng ký sổ hành trình của bạn/);
    expect(must(message).email.text).toContain('Cần chọn ít nhất 3 nhiệm vụ rèn luyện (bạn đã chọn 1).');
    expect(must(message).email.text).toContain('sửa các mục trên rồi gửi lại');
  });

  it('tells the member of a refusal found before any rule ran (a field missing), once', async () => {
    const body = registration({ fullName: undefined, submittedAt: '2019-01-10T09:00:00+07:00' });
    expect((await stack.call('POST', '/v1/registrations', body)).status).toBe(422);
    expect((await stack.call('POST', '/v1/registrations', body)).status).toBe(422);
    const mails = await stack.call<MailView[]>('GET', `/v1/years/${String(YEAR)}/mail`);
    expect(mails.body).toHaveLength(1);
    expect(must(mails.body[0]).subject).toMatch(/^Chưa nhận được đăng ký/);
  });

  it('sends the evidence receipt and the decision with its comment', async () => {
    await stack.call('POST', '/v1/registrations', registration({ submittedAt: '2019-01-10T09:00:00+07:00' }));
    stack.clock.now = new Date(stack.clock.now.getTime() + 1000);
    const sent = await stack.call('POST', '/v1/evidence', evidence());
    stack.clock.now = new Date(stack.clock.now.getTime() + 1000);
    expect(sent.body.status).toBe('accepted');
    const decided = await stack.call('POST', '/v1/evaluations', {
      editId: 'edit-1',
      editedAt: '2019-05-03T09:00:00+07:00',
      queue: 'BCH_CO_SO:SNV',
      evidenceId: sent.body.id,
      decision: 'needs_info',
      comment: 'Bổ sung ảnh chụp giấy chứng nhận hiến máu',
    });
    expect(decided.body.status).toBe('accepted');
    await stack.drain();
    const subjects = (await stack.messages()).map((m) => m.email.subject).sort();
    expect(subjects).toEqual([
      'Kết quả đánh giá minh chứng RL2 ngày 20/04/2019: Cần bổ sung',
      'Đã nhận minh chứng RL2 ngày 20/04/2019',
      'Đã nhận đăng ký sổ hành trình năm 2019',
    ]);
    const decision = must((await stack.messages()).find((m) => m.email.subject?.startsWith('Kết quả'))).email;
    expect(decision.text).toContain('Bổ sung ảnh chụp giấy chứng nhận hiến máu');
    expect(decision.html).toContain('Bổ sung ảnh chụp giấy chứng nhận hiến máu');
  });

  it('retries a failed send when the mail service is back, and keeps the reason meanwhile', async () => {
    await stack.call('POST', '/v1/registrations', registration({ submittedAt: '2019-01-10T09:00:00+07:00' }));
    stack.mailer.fail = new Error('Gmail tạm thời không trả lời (503)');
    expect((await stack.drain()).body).toMatchObject({ sent: 0, failed: 1 });
    const failed = await stack.call<MailView[]>('GET', `/v1/years/${String(YEAR)}/mail?status=failed`);
    expect(failed.body).toHaveLength(1);
    expect(must(failed.body[0]).reason).toContain('503');
    stack.mailer.fail = null;
    // Not before its retry time.
    expect((await stack.drain()).body).toMatchObject({ sent: 0 });
    stack.clock.now = new Date(stack.clock.now.getTime() + 2 * 60_000);
    expect((await stack.drain()).body).toMatchObject({ sent: 1 });
    expect((await stack.messages()).map((m) => m.email.subject)).toEqual(['Đã nhận đăng ký sổ hành trình năm 2019']);
    expect((await stack.call<MailView[]>('GET', `/v1/years/${String(YEAR)}/mail?status=sent`)).body).toHaveLength(1);
  });
});
