// The demo year and the operator CLI on the embedded stack: a plausible ranked year, seeded repeatably, read back by the CLI.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyClient, type JourneySend } from '../../functions/client/journey-client';
import { parseArgs } from '../../functions/cli/parse';
import { runCli } from '../../functions/cli/run';
import { seedDemoYear } from '../../functions/dev/demo/seed';
import { seedDemoPhase } from '../../functions/dev/demo/phase';
import { DEMO_REFUSED_CODES } from '../../functions/dev/demo/scenario/refusals';
import { SECRET, startJourneyStack, type JourneyStack } from './harness';

interface Member {
  memberId: string;
  fullName: string;
  email: string;
  rank: number;
  grade: string;
  points: number;
  completedAt: string | null;
  party: { introducedAt: string | null; admittedAt: string | null };
}

interface Results {
  members: Member[];
  camp: { memberId: string; grade: string; rank: number }[];
}

interface Inbox {
  items: { kind: string; status: string; errors: { code: string; message: string }[] }[];
}

let stack: JourneyStack;
let send: JourneySend;
let summary: string;
let results: Results;

beforeAll(async () => {
  stack = await startJourneyStack();
  send = createJourneyClient(stack.url, SECRET, 'test');
  summary = await seedDemoYear(send);
  results = (await send<Results>('GET', '/v1/years/2019/results')).body;
}, 180_000);

afterAll(async () => {
  await stack.stop();
});

async function cli(argv: string[], secret = SECRET): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    { JOURNEY_URL: stack.url, JOURNEY_SHARED_SECRET: secret },
    {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the demo year 2019', () => {
  it('reports what it created in Vietnamese', () => {
    expect(summary).toMatch(
      /^Đã tạo dữ liệu mẫu năm 2019: 40 đoàn viên, \d+ minh chứng, \d+ lượt đánh giá, 8 bài gửi bị từ chối \(xem hộp thư\)/,
    );
  });

  it('is a plausible ranked year: distinct ranks, a spread of grades, a camp of Tốt or better', () => {
    const { members, camp } = results;
    expect(members.length).toBeGreaterThanOrEqual(35);
    expect(members.map((m) => m.rank)).toEqual(members.map((_, i) => i + 1));
    expect(new Set(members.map((m) => m.fullName)).size).toBe(members.length);
    expect(new Set(members.map((m) => m.grade)).size).toBeGreaterThanOrEqual(3);
    expect(members.some((m) => m.grade === 'xuat_sac')).toBe(true);
    expect(members.some((m) => m.grade === 'chua_dat')).toBe(true);
    expect(camp.length).toBeGreaterThan(0);
    expect(camp.every((c) => c.grade === 'xuat_sac' || c.grade === 'tot')).toBe(true);
    // Vietnamese full names with diacritics: họ, tên đệm, tên.
    expect(members.every((m) => /^\p{Lu}\p{Ll}* \p{Lu}\p{Ll}* \p{Lu}\p{Ll}*$/u.test(m.fullName))).toBe(true);
    expect(
      members.some((m) =>
        /[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]/u.test(m.fullName.toLowerCase()),
      ),
    ).toBe(true);
  });

  it('records party status: introductions in November, one admission in December', () => {
    const introduced = results.members.filter((m) => m.party.introducedAt !== null);
    expect(introduced.length).toBeGreaterThanOrEqual(3);
    expect(introduced.every((m) => m.party.introducedAt?.startsWith('2019-11-'))).toBe(true);
    const admitted = results.members.filter((m) => m.party.admittedAt !== null);
    expect(admitted).toHaveLength(1);
    expect(admitted[0]?.party.admittedAt).toMatch(/^2019-12-/);
  });

  it('keeps the refused submissions in the inbox with their codes and Vietnamese messages', async () => {
    const inbox = await send<Inbox>('GET', '/v1/years/2019/inbox?status=refused');
    expect(inbox.status).toBe(200);
    const codes = inbox.body.items.flatMap((i) => i.errors.map((e) => e.code));
    for (const code of DEMO_REFUSED_CODES) expect(codes).toContain(code);
    expect(inbox.body.items).toHaveLength(DEMO_REFUSED_CODES.length);
    expect(
      inbox.body.items.every((i) =>
        i.errors.every((e) => /[ạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉọỏốồổỗộớờởỡợụủứừửữựỵỷỹđ]/u.test(e.message)),
      ),
    ).toBe(true);
  });

  it('is repeatable: seeding again meets only duplicates, writes nothing and ranks the same', async () => {
    const writes = stack.counters.writes;
    const again = await seedDemoYear(send);
    expect(again).toMatch(/^Dữ liệu mẫu năm 2019 đã có sẵn, không tạo thêm bản ghi nào/);
    expect(stack.counters.writes).toBe(writes);
    const second = await send<Results>('GET', '/v1/years/2019/results');
    expect(second.body).toEqual(results);
    const inbox = await send<Inbox>('GET', '/v1/years/2019/inbox?status=refused');
    expect(inbox.body.items).toHaveLength(DEMO_REFUSED_CODES.length);
  }, 120_000);
});

describe('the operator CLI', () => {
  it('prints the ranked year with the top member, the grade in Vietnamese and dates dd/MM/yyyy', async () => {
    const top = results.members[0];
    const { code, out } = await cli(['results', '2019']);
    expect(code).toBe(0);
    expect(out).toContain(top?.fullName ?? '?');
    expect(out).toMatch(/Xuất sắc|Tốt/);
    expect(out).toMatch(/\b\d{2}\/\d{2}\/2019\b/);
    expect(out).toContain('Đề cử Hội trại "Lá Trung Quân"');
    expect(out.indexOf(top?.fullName ?? '?')).toBeLessThan(out.indexOf(results.members[1]?.fullName ?? '?'));
  });

  it('answers raw JSON with --json', async () => {
    const { code, out } = await cli(['results', '2019', '--json']);
    expect(code).toBe(0);
    expect((JSON.parse(out) as Results).members).toHaveLength(results.members.length);
  });

  it('lists refused submissions with their codes and messages', async () => {
    const { code, out } = await cli(['inbox', '2019', '--status', 'refused']);
    expect(code).toBe(0);
    expect(out).toContain('bài gửi bị từ chối (8)');
    expect(out).toContain('registration_closed');
    expect(out).toContain('self_evaluation');
    expect(out).toMatch(/\d{2}\/\d{2}\/2019 \d{2}:\d{2}/);
  });

  it('shows a member journey by e-mail', async () => {
    const member = results.members[0];
    const { code, out } = await cli(['member', '2019', member?.email ?? '?']);
    expect(code).toBe(0);
    expect(out).toContain(member?.fullName ?? '?');
    expect(out).toContain(member?.memberId ?? '?');
    expect(out).toContain('Hoàn thành');
  });

  it('sends a raw signed request', async () => {
    const { code, out } = await cli(['send', 'GET', '/healthz']);
    expect(code).toBe(0);
    expect(out).toContain('HTTP 200');
    expect(out).toContain('"ok": true');
  });

  it('exits non-zero with a Vietnamese message on a wrong secret, an unknown member, or no server', async () => {
    const wrong = await cli(['results', '2019'], 'not-the-secret');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('JOURNEY_SHARED_SECRET');
    const unknown = await cli(['member', '2019', 'nobody@example.vn']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('member_not_found');

    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => {
          resolve(typeof address === 'object' && address ? address.port : 9);
        });
      });
    });
    const out: string[] = [];
    const code = await runCli(
      ['results', '2019'],
      { JOURNEY_URL: `http://127.0.0.1:${port}`, JOURNEY_SHARED_SECRET: SECRET },
      {
        out: () => undefined,
        err: (t) => out.push(t),
      },
    );
    expect(code).toBe(1);
    expect(out.join('\n')).toContain('Không kết nối được');
  });

  it('parses commands purely, and refuses bad ones with exit code 2', async () => {
    expect(parseArgs(['inbox', '2019', '--status', 'refused'])).toEqual({
      ok: true,
      command: { kind: 'inbox', year: 2019, status: 'refused', json: false },
    });
    expect(parseArgs(['config', 'push', 'plan.json', '--year', '2020'])).toEqual({
      ok: true,
      command: { kind: 'config-push', file: 'plan.json', year: 2020 },
    });
    expect(parseArgs(['send', 'get', '/v1/years/2019/results'])).toEqual({
      ok: true,
      command: { kind: 'send', method: 'GET', path: '/v1/years/2019/results', body: null },
    });
    expect(parseArgs(['--help'])).toEqual({ ok: true, command: { kind: 'help' } });
    expect(parseArgs(['results'])).toMatchObject({ ok: false });
    expect(parseArgs(['inbox', '2019', '--status', 'pending'])).toMatchObject({ ok: false });
    expect(parseArgs(['results', '2019', '--frob'])).toMatchObject({ ok: false });
    const bad = await cli(['results', 'năm-nay']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('không phải là năm hợp lệ');
  });
});

// Last, once every test of the year 2019 above has run: the phase around it, seeded as `npm start` does.
describe('the demo phase 2018–2020', () => {
  let phase: string;
  beforeAll(async () => {
    phase = await seedDemoPhase(send);
  }, 300_000);

  interface Across {
    years: { year: number; grade: string; completed: boolean }[];
    admittedAt: string | null;
  }

  it('has the short 2018, 2020 in progress, and members continuing from 2019 into 2020', async () => {
    expect(phase).toMatch(
      /^Đã tạo dữ liệu giai đoạn: năm 2018 \(ngắn, tháng 10–12\) 14 đoàn viên, năm 2020 đang diễn ra \d+ đoàn viên tiếp tục từ năm 2019\./,
    );
    const of2018 = (await send<Results>('GET', '/v1/years/2018/results')).body;
    expect(of2018.members).toHaveLength(14);
    expect(of2018.members.filter((m) => m.grade === 'tot')).toHaveLength(7);
    const of2020 = (await send<Results>('GET', '/v1/years/2020/results')).body;
    expect(of2020.members.length).toBeGreaterThan(20);
    expect(of2020.members.every((m) => m.grade === 'chua_dat')).toBe(true);
  });

  it('has members introduced and admitted in a later year than their journey', async () => {
    const of2018 = (await send<Results>('GET', '/v1/years/2018/results')).body;
    expect(of2018.members.filter((m) => m.party.introducedAt?.startsWith('2019-')).length).toBeGreaterThanOrEqual(1);
    expect(of2018.members.filter((m) => m.party.admittedAt?.startsWith('2020-'))).toHaveLength(1);
    const of2019 = (await send<Results>('GET', '/v1/years/2019/results')).body;
    expect(of2019.members.filter((m) => m.party.admittedAt?.startsWith('2020-'))).toHaveLength(2);
  });

  it('`member 2020 <a continuing member>` shows their 2019 result too', async () => {
    const email = /member 2020 (\S+)$/.exec(phase)?.[1] ?? '?';
    const across = (await send<Across>('GET', `/v1/members/${email}`)).body;
    const y2019 = across.years.find((y) => y.year === 2019);
    expect(y2019?.completed).toBe(true);
    const { code, out } = await cli(['member', '2020', email]);
    expect(code).toBe(0);
    expect(out).toContain('Sổ hành trình năm 2020');
    expect(out).toContain('Các năm trong giai đoạn:');
    expect(out).toMatch(
      new RegExp(`\\n2019 +\\S.*${y2019?.grade === 'xuat_sac' ? 'Xuất sắc' : y2019?.grade === 'tot' ? 'Tốt' : 'Đạt'}`),
    );
    expect(out).toMatch(/\n2020 \(năm này\)/);
  });

  it('`results 2020` shows each member’s grades of the earlier years', async () => {
    const { code, out } = await cli(['results', '2020']);
    expect(code).toBe(0);
    expect(out).toContain('Các năm trước');
    expect(out).toMatch(/2019: (Xuất sắc|Tốt|Đạt|Chưa đạt)/);
  });
});
