// The demo year 2019 that `npm start` seeds: a plausible journey year sent through the signed HTTP API, like real callers.
import { seededRandom } from './seeded-random';
import type { JourneyAnswer, JourneySend } from './client';

const YEAR = 2019;
const PHASE = '2018-2022';
const CONCURRENCY = 8;
/** Last day evaluators may decide (default calendar: evaluation closes 31/10). */
const LAST_DECISION_DAY = `${YEAR}-10-31`;
/** Submissions stop two days before, so every decision can come after its submission. */
const LAST_SUBMISSION_DAY = `${YEAR}-10-29`;

/** Codes of the submissions the demo sends on purpose to show the rules refusing them. */
export const DEMO_REFUSED_CODES = [
  'registration_closed',
  'too_few_training_tasks',
  'not_nominated',
  'task_not_registered',
  'essay_too_short',
  'activity_outside_window',
  'self_evaluation',
] as const;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness: the same demo every time, so a second seed only finds duplicates.

type Rng = () => number;


function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('Dữ liệu mẫu: danh sách chọn ngẫu nhiên đang trống.');
  return item;
}

function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng() * total;
  for (const [item, w] of items) {
    roll -= w;
    if (roll < 0) return item;
  }
  return pick(rng, items)[0];
}

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    const a = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = a;
  }
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Dates and instants, always written with the Vietnam offset.

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function instant(date: string, hour: number, minute: number): string {
  return `${date}T${pad(hour)}:${pad(minute)}:00+07:00`;
}

// ---------------------------------------------------------------------------------------------
// The roster: base unions of the bloc, groups by cluster, the committee.

interface DemoUnit {
  id: string;
  name: string;
  cluster: string;
  groupId: string;
  size: number;
  slug: string;
}

const UNITS: readonly DemoUnit[] = [
  { id: 'SNV', name: 'Đoàn Sở Nội vụ', cluster: 'Cụm 1 – Nội chính, Tư pháp', groupId: 'TO1', size: 8, slug: 'snv' },
  { id: 'STP', name: 'Đoàn Sở Tư pháp', cluster: 'Cụm 1 – Nội chính, Tư pháp', groupId: 'TO1', size: 6, slug: 'stp' },
  { id: 'VPUBND', name: 'Đoàn Văn phòng UBND Thành phố', cluster: 'Cụm 2 – Văn phòng, Báo chí', groupId: 'TO2', size: 7, slug: 'vpubnd' },
  { id: 'SGGP', name: 'Đoàn Báo Sài Gòn Giải Phóng', cluster: 'Cụm 2 – Văn phòng, Báo chí', groupId: 'TO2', size: 7, slug: 'sggp' },
  { id: 'MTTQ', name: 'Đoàn Ủy ban MTTQ Việt Nam TP', cluster: 'Cụm 3 – Mặt trận, Đoàn thể', groupId: 'TO3', size: 6, slug: 'mttq' },
  { id: 'LDLD', name: 'Đoàn Liên đoàn Lao động Thành phố', cluster: 'Cụm 3 – Mặt trận, Đoàn thể', groupId: 'TO3', size: 6, slug: 'ldld' },
];

const GROUPS = [
  { id: 'TO1', name: 'Tổ 1 – Cụm Nội chính, Tư pháp', cluster: 'Cụm 1 – Nội chính, Tư pháp', supervisor: 'giamsat.cum1@example.vn' },
  { id: 'TO2', name: 'Tổ 2 – Cụm Văn phòng, Báo chí', cluster: 'Cụm 2 – Văn phòng, Báo chí', supervisor: 'giamsat.cum2@example.vn' },
  { id: 'TO3', name: 'Tổ 3 – Cụm Mặt trận, Đoàn thể', cluster: 'Cụm 3 – Mặt trận, Đoàn thể', supervisor: 'giamsat.cum3@example.vn' },
] as const;

const BTV = ['btv.doankhoi@example.vn', 'bantochuc.doankhoi@example.vn'] as const;
const DIGEST_TO = ['btv.doankhoi@example.vn', 'vanphong.doankhoi@example.vn'] as const;

const bchOf = (u: DemoUnit): string[] => [`bch.${u.slug}@example.vn`, `bithu.${u.slug}@example.vn`];
const capUyOf = (u: DemoUnit): string => `capuy.${u.slug}@example.vn`;

// ---------------------------------------------------------------------------------------------
// Vietnamese names.

const SURNAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 30], ['Trần', 11], ['Lê', 9], ['Phạm', 7], ['Hoàng', 4], ['Huỳnh', 5], ['Phan', 4], ['Vũ', 3],
  ['Võ', 4], ['Đặng', 2], ['Bùi', 2], ['Đỗ', 2], ['Hồ', 2], ['Ngô', 2], ['Dương', 1], ['Lý', 1],
  ['Trương', 1], ['Lâm', 1], ['Đinh', 1],
];
const MIDDLE = {
  male: ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Hoàng', 'Công', 'Tấn', 'Trọng', 'Gia', 'Nhật', 'Thành'],
  female: ['Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Phương', 'Bảo', 'Kim', 'Mỹ', 'Hồng', 'Thùy', 'Hoài'],
} as const;
const GIVEN = {
  male: ['An', 'Bảo', 'Cường', 'Dũng', 'Duy', 'Đạt', 'Hải', 'Hiếu', 'Huy', 'Khang', 'Khoa', 'Kiên', 'Long', 'Lộc', 'Nam', 'Nghĩa', 'Nhân', 'Phát', 'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tài', 'Thắng', 'Thiện', 'Tín', 'Toàn', 'Trí', 'Trung', 'Tuấn', 'Việt', 'Vinh'],
  female: ['Anh', 'Ánh', 'Châu', 'Diễm', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hân', 'Hiền', 'Hoa', 'Hương', 'Huyền', 'Khánh', 'Lan', 'Linh', 'Loan', 'Mai', 'My', 'Ngân', 'Nhi', 'Nhung', 'Oanh', 'Quyên', 'Quỳnh', 'Tâm', 'Thảo', 'Thư', 'Thủy', 'Trang', 'Trâm', 'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Vy', 'Yến'],
} as const;

/** Vietnamese letters to plain ASCII for e-mail addresses ("Đặng" → "dang"). */
function ascii(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[Đđ]/g, 'd')
    .toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Members and what their year looks like.

type Kind = 'excellent' | 'good' | 'fair' | 'incomplete' | 'idle';
/** What happens to one registered task during the year. */
type Outcome = 'done' | 'pending' | 'rejected' | 'needs_info' | 'not_started' | 'short';

interface DemoMember {
  index: number;
  fullName: string;
  email: string;
  unit: DemoUnit;
  groupId: string | null;
  dateOfBirth: string;
  phone: string;
  kind: Kind;
  training: string[];
  challenge: string[];
  outcomes: Map<string, Outcome>;
  /** Tasks added by an amendment in March (not in the January registration). */
  amended: string[];
}

const RL_TASKS = ['RL1', 'RL2', 'RL3', 'RL4', 'RL5', 'RL6'] as const;
const TT_TASKS = ['TT1', 'TT3', 'TT4'] as const;
const KIND_COUNTS: readonly (readonly [Kind, number])[] = [
  ['excellent', 7],
  ['good', 15],
  ['fair', 9],
  ['incomplete', 8],
  ['idle', 1],
];

/** Addresses the demo uses for people outside the roster (a late registration, a member not nominated, a nominee who never registers). */
const OUTSIDERS = { late: 'khoa.tm.snv@example.vn', notNominated: 'nhi.lb.stp@example.vn', silentNominee: 'tuyet.nt.stp@example.vn' } as const;

function makeMembers(rng: Rng): DemoMember[] {
  const names = new Set<string>(['Trần Minh Khoa', 'Lê Bảo Nhi']);
  const emails = new Set<string>(Object.values(OUTSIDERS));
  const members: DemoMember[] = [];
  const kinds = shuffle(rng, KIND_COUNTS.flatMap(([kind, n]) => Array.from({ length: n }, () => kind)));
  let index = 0;
  for (const unit of UNITS) {
    for (let k = 0; k < unit.size; k += 1) {
      const { fullName, email } = newName(rng, unit, names, emails);
      names.add(fullName);
      emails.add(email);
      const kind = kinds[index] ?? 'good';
      members.push({
        index,
        fullName,
        email,
        unit,
        groupId: rng() < 0.85 ? unit.groupId : null,
        dateOfBirth: `${int(rng, 1989, 1997)}-${pad(int(rng, 1, 12))}-${pad(int(rng, 1, 28))}`,
        phone: `09${int(rng, 0, 9)}${String(int(rng, 0, 9_999_999)).padStart(7, '0')}`,
        kind,
        training: [],
        challenge: [],
        outcomes: new Map(),
        amended: [],
      });
      index += 1;
    }
  }
  return members;
}

/** A Vietnamese full name (họ, tên đệm, tên) not used yet, and its e-mail address ("anh.nt.snv@example.vn"). */
function newName(rng: Rng, unit: DemoUnit, names: ReadonlySet<string>, emails: ReadonlySet<string>): { fullName: string; email: string } {
  for (;;) {
    const sex = rng() < 0.55 ? 'female' : 'male';
    const surname = weighted(rng, SURNAMES);
    const middle = pick(rng, MIDDLE[sex]);
    const given = pick(rng, GIVEN[sex]);
    if (middle === surname || middle === given) continue;
    const fullName = `${surname} ${middle} ${given}`;
    const email = `${ascii(given)}.${ascii(surname)[0] ?? ''}${ascii(middle)[0] ?? ''}.${unit.slug}@example.vn`;
    if (!names.has(fullName) && !emails.has(email)) return { fullName, email };
  }
}

/** The group leader of each group: its first member who is on course for a good year. */
function chooseLeaders(members: readonly DemoMember[]): Map<string, DemoMember> {
  const leaders = new Map<string, DemoMember>();
  for (const group of GROUPS) {
    const leader = members.find((m) => m.groupId === group.id && (m.kind === 'excellent' || m.kind === 'good'));
    if (!leader) throw new Error(`Dữ liệu mẫu: không chọn được tổ trưởng cho ${group.name}.`);
    leaders.set(group.id, leader);
  }
  return leaders;
}

function planTasks(rng: Rng, member: DemoMember, isLeader: boolean): void {
  const pool = RL_TASKS.filter((code) => code !== 'RL6' || member.groupId !== null);
  const trainingCount = member.kind === 'excellent' || member.kind === 'fair' ? 4 : member.kind === 'good' && rng() < 0.3 ? 4 : 3;
  let training = shuffle(rng, pool).slice(0, trainingCount);
  if (isLeader && !training.includes('RL6')) training = ['RL6', ...training.slice(1)];
  member.training = RL_TASKS.filter((code) => training.includes(code));
  const challengeCount = member.kind === 'excellent' || (member.kind === 'fair' && rng() < 0.3) ? 2 : 1;
  const challenge = shuffle(rng, TT_TASKS).slice(0, challengeCount);
  member.challenge = TT_TASKS.filter((code) => challenge.includes(code));

  const outcomes = member.outcomes;
  for (const code of ['BB1', 'BB2', 'BB3', ...member.training, ...member.challenge]) outcomes.set(code, 'done');
  if (member.kind === 'idle') {
    for (const code of outcomes.keys()) outcomes.set(code, 'not_started');
  } else if (member.kind === 'fair') {
    // Completed, but one registered task is not done: a second TT, or one of the four RL.
    if (member.challenge.length === 2) outcomes.set(member.challenge[1] ?? 'TT4', pick(rng, ['not_started', 'pending'] as const));
    else {
      const candidates = member.training.filter((code) => !(isLeader && code === 'RL6'));
      outcomes.set(pick(rng, candidates), pick(rng, ['pending', 'rejected', 'not_started', 'needs_info'] as const));
    }
  } else if (member.kind === 'incomplete') {
    const variant = pick(rng, ['bb1', 'bb2', 'bb3', 'bb3_missing', 'rl'] as const);
    if (variant === 'bb1') outcomes.set('BB1', pick(rng, ['pending', 'needs_info'] as const));
    else if (variant === 'bb2') outcomes.set('BB2', 'short');
    else if (variant === 'bb3') outcomes.set('BB3', 'needs_info');
    else if (variant === 'bb3_missing') outcomes.set('BB3', 'not_started');
    else {
      const candidates = member.training.filter((code) => !(isLeader && code === 'RL6'));
      const failing = shuffle(rng, candidates).slice(0, member.training.length - 2);
      for (const code of failing) outcomes.set(code, pick(rng, ['rejected', 'not_started'] as const));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// What members report: activities of the year, by task.

interface Activity {
  date: string;
  description: string;
  /** BB2: the body that organised the session, whose queue confirms it. */
  organiser?: 'BTV' | 'CAP_UY';
}

const BB2_SESSIONS: readonly Activity[] = [
  { date: '2019-02-27', organiser: 'CAP_UY', description: 'Hội nghị học tập, quán triệt các nghị quyết, chỉ thị của Đảng năm 2019 do cấp ủy đơn vị tổ chức.' },
  { date: '2019-03-28', organiser: 'BTV', description: 'Nghe thời sự quý I/2019 do Đảng ủy Khối phối hợp Đoàn Khối tổ chức.' },
  { date: '2019-05-16', organiser: 'CAP_UY', description: 'Học tập chuyên đề năm 2019 về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.' },
  { date: '2019-06-27', organiser: 'BTV', description: 'Nghe thời sự quý II/2019 do Đảng ủy Khối phối hợp Đoàn Khối tổ chức.' },
  { date: '2019-08-22', organiser: 'CAP_UY', description: 'Sinh hoạt chính trị: quán triệt văn bản mới của Thành ủy tại đơn vị.' },
  { date: '2019-09-26', organiser: 'BTV', description: 'Nghe thời sự quý III/2019 do Đảng ủy Khối phối hợp Đoàn Khối tổ chức.' },
  { date: '2019-10-17', organiser: 'BTV', description: 'Hội nghị báo cáo viên: tình hình thời sự trong nước và quốc tế tháng 10/2019.' },
];

const RL1_THEMED: readonly Activity[] = [
  { date: '2019-03-22', description: 'Phụ trách nội dung sinh hoạt chi đoàn chủ điểm tháng 3 "Tự hào tuổi trẻ Việt Nam", kỷ niệm 88 năm Ngày thành lập Đoàn.' },
  { date: '2019-04-25', description: 'Phụ trách sinh hoạt chi đoàn chủ điểm tháng 4 "Tuổi trẻ tiếp bước cha anh", kỷ niệm 44 năm Ngày giải phóng miền Nam.' },
  { date: '2019-09-06', description: 'Phụ trách sinh hoạt chi đoàn chủ điểm tháng 9 "Học tập và làm theo Di chúc của Chủ tịch Hồ Chí Minh", kỷ niệm 50 năm thực hiện Di chúc.' },
  { date: '2019-10-11', description: 'Phụ trách sinh hoạt chi đoàn chủ điểm tháng 10 "Thanh niên Việt Nam đoàn kết, sáng tạo".' },
];
const RL1_REGULAR: readonly Activity[] = [
  { date: '2019-05-10', description: 'Tổ chức buổi sinh hoạt chi đoàn định kỳ tháng 5: đánh giá hoạt động và triển khai chương trình tháng 6.' },
  { date: '2019-06-14', description: 'Tổ chức buổi sinh hoạt chi đoàn định kỳ tháng 6, lồng ghép giới thiệu chiến dịch Mùa hè xanh.' },
  { date: '2019-07-12', description: 'Tổ chức buổi sinh hoạt chi đoàn định kỳ tháng 7, tri ân các gia đình chính sách nhân ngày 27/7.' },
];

const RL2_ACTIVITIES: readonly Activity[] = [
  { date: '2019-02-24', description: 'Tham gia tổ chức "Ngày Chủ nhật xanh" làm sạch kênh Nhiêu Lộc – Thị Nghè do Đoàn Khối phát động.' },
  { date: '2019-03-17', description: 'Tham gia ban tổ chức Ngày hội hiến máu tình nguyện "Giọt hồng tri ân" của Đoàn Khối.' },
  { date: '2019-05-26', description: 'Tham gia tổ chức chương trình trao học bổng cho học sinh có hoàn cảnh khó khăn tại huyện Cần Giờ.' },
  { date: '2019-06-23', description: 'Tham gia tổ chức chương trình "Tiếp sức mùa thi" năm 2019 tại điểm thi quận 3.' },
  { date: '2019-07-14', description: 'Tham gia chiến dịch Thanh niên tình nguyện hè 2019: sửa chữa nhà tình thương tại huyện Bình Chánh.' },
  { date: '2019-07-27', description: 'Tham gia tổ chức thăm, tặng quà gia đình chính sách nhân kỷ niệm 72 năm Ngày Thương binh – Liệt sĩ.' },
  { date: '2019-09-14', description: 'Tham gia tổ chức chương trình "Trung thu cho em" tặng quà thiếu nhi tại Bệnh viện Nhi đồng 1.' },
];

const RL3_AWARDS: readonly Activity[] = [
  { date: '2019-03-26', description: 'Giấy khen của Ban Chấp hành Đoàn Khối về thành tích xuất sắc trong công tác Đoàn và phong trào thanh niên năm 2018.' },
  { date: '2019-05-19', description: 'Danh hiệu "Thanh niên tiên tiến làm theo lời Bác" cấp Khối năm 2019.' },
  { date: '2019-08-30', description: 'Giấy khen của Ban Chấp hành Đoàn cơ sở về thành tích tham gia chiến dịch Thanh niên tình nguyện hè 2019.' },
  { date: '2019-09-20', description: 'Giấy khen của Đảng ủy đơn vị về hoàn thành xuất sắc nhiệm vụ chuyên môn 6 tháng đầu năm 2019.' },
];

const RL4_CONTESTS: readonly Activity[] = [
  { date: '2019-03-02', description: 'Tham gia Hội thi "Bí thư chi đoàn giỏi" cấp Khối năm 2019.' },
  { date: '2019-06-08', description: 'Tham gia Hội thi Olympic các môn khoa học Mác – Lênin và tư tưởng Hồ Chí Minh cấp Khối.' },
  { date: '2019-08-17', description: 'Tham gia Hội thi tìm hiểu lịch sử Đảng bộ Thành phố Hồ Chí Minh do Đoàn Khối tổ chức.' },
];

const RL5_FORUMS: readonly Activity[] = [
  { date: '2019-05-18', description: 'Tham gia diễn đàn "Đoàn viên ưu tú gặp gỡ, đối thoại với Ban Thường vụ Đảng ủy Khối" năm 2019.' },
  { date: '2019-08-09', description: 'Tham gia buổi đối thoại giữa lãnh đạo đơn vị với đoàn viên, thanh niên về môi trường làm việc và phát triển Đảng.' },
];

const RL6_BY_GROUP: Record<string, readonly Activity[]> = {
  TO1: [
    { date: '2019-04-20', description: 'Tổ 1 tổ chức chuyến về nguồn tại Khu di tích lịch sử Địa đạo Củ Chi.' },
    { date: '2019-09-21', description: 'Tổ 1 tổ chức tọa đàm "Đoàn viên ưu tú với việc rèn luyện để trở thành đảng viên".' },
  ],
  TO2: [
    { date: '2019-05-11', description: 'Tổ 2 tổ chức tham quan Bảo tàng Chứng tích chiến tranh và trao đổi về lịch sử dân tộc.' },
    { date: '2019-08-24', description: 'Tổ 2 tổ chức chương trình nấu cơm tặng bệnh nhân nghèo tại Bệnh viện Ung bướu.' },
  ],
  TO3: [
    { date: '2019-06-15', description: 'Tổ 3 tổ chức sinh hoạt chuyên đề "Người trẻ với khát vọng cống hiến".' },
    { date: '2019-09-28', description: 'Tổ 3 tổ chức hoạt động trồng cây xanh tại xã Tân Nhựt, huyện Bình Chánh.' },
  ],
};

const TT_ACTIVITIES: Record<string, readonly Activity[]> = {
  TT1: [
    { date: '2019-04-12', description: 'Tham gia sinh hoạt Câu lạc bộ Lý luận trẻ cấp Khối, chủ đề "Giá trị thời đại của Di chúc Chủ tịch Hồ Chí Minh".' },
    { date: '2019-08-09', description: 'Tham gia sinh hoạt Câu lạc bộ Lý luận trẻ cấp Khối, chủ đề "Đấu tranh phản bác các quan điểm sai trái trên mạng xã hội".' },
  ],
  TT3: [
    { date: '2019-06-14', description: 'Tham gia lớp tập huấn kỹ năng viết lý lịch, hồ sơ đảng viên mới do Ban Tổ chức Đảng ủy Khối phối hợp Đoàn Khối tổ chức.' },
    { date: '2019-09-12', description: 'Tham gia buổi tập huấn hướng dẫn khai lý lịch người xin vào Đảng do cấp ủy đơn vị tổ chức.' },
  ],
  TT4: [
    { date: '2019-07-12', description: 'Hoàn thành lớp tìm hiểu về Đảng Cộng sản Việt Nam (khóa tháng 7/2019), có giấy chứng nhận.' },
    { date: '2019-10-04', description: 'Hoàn thành lớp tìm hiểu về Đảng Cộng sản Việt Nam (khóa tháng 10/2019), có giấy chứng nhận.' },
  ],
};

const INITIATIVES = [
  'Số hóa quy trình tiếp nhận và theo dõi hồ sơ thi đua – khen thưởng của đơn vị',
  'Xây dựng bảng theo dõi tiến độ xử lý văn bản đến trên bảng tính dùng chung',
  'Đề xuất mẫu phiếu lấy ý kiến người dân về chất lượng phục vụ, áp dụng tại bộ phận một cửa',
  'Chuẩn hóa bộ câu hỏi – đáp về thủ tục hành chính đăng tải trên trang thông tin điện tử',
  'Xây dựng quy trình lưu trữ điện tử hồ sơ cán bộ, giảm thời gian tra cứu',
  'Sáng kiến tổ chức chuyên mục "Pháp luật và đời sống" trên trang tin của đơn vị',
  'Cải tiến cách tổng hợp số liệu báo cáo định kỳ bằng biểu mẫu trực tuyến',
];
const RATINGS = [
  ['Lao động tiên tiến', 6],
  ['Chiến sĩ thi đua cơ sở', 3],
  ['Chiến sĩ thi đua cấp Bộ, ngành, tỉnh, thành phố', 1],
] as const;

const COMMENTS = {
  approved: ['Đạt yêu cầu.', 'Minh chứng đầy đủ, đề nghị ghi nhận.', 'Đồng chí đã hoàn thành tốt nội dung này.', 'Xác nhận đồng chí có tham gia.'],
  approvedAfterInfo: ['Đã nhận minh chứng bổ sung, đạt yêu cầu.', 'Đã đối chiếu danh sách điểm danh, đạt yêu cầu.'],
  needsInfo: [
    'Đề nghị đồng chí bổ sung ảnh chụp hoặc danh sách điểm danh của hoạt động.',
    'Đề nghị bổ sung xác nhận của Ban Chấp hành chi đoàn nơi tổ chức hoạt động.',
    'Minh chứng chưa ghi rõ vai trò của đồng chí trong hoạt động, đề nghị bổ sung.',
  ],
  rejected: [
    'Hoạt động chưa đảm bảo tính pháp nhân của đơn vị tổ chức theo yêu cầu của kế hoạch.',
    'Đồng chí không có tên trong danh sách tham dự, chưa đủ cơ sở xác nhận.',
    'Nội dung minh chứng chưa phù hợp với nhiệm vụ đã đăng ký.',
  ],
  duplicate: 'Minh chứng trùng với nội dung đã gửi trước đó, không tính thêm.',
} as const;

// ---------------------------------------------------------------------------------------------
// BB3 essays: plausible text from a few sentences, varied and repeated past 1,000 words.

const ESSAY = {
  opening: [
    'Tôi là {name}, đoàn viên ưu tú của {unit}, được tổ chức Đoàn giới thiệu tham gia Hành trình "Người Cộng sản trẻ" năm {year}.',
    'Ngay từ khi còn ngồi trên ghế nhà trường, tôi đã được nghe kể về những tấm gương cộng sản kiên trung đã hy sinh tuổi xuân cho độc lập, tự do của Tổ quốc.',
    'Được đứng vào hàng ngũ của Đảng Cộng sản Việt Nam là ước mơ, là mục tiêu phấn đấu mà tôi luôn ấp ủ trong suốt những năm tháng trưởng thành.',
  ],
  body: [
    'Đảng Cộng sản Việt Nam do Chủ tịch Hồ Chí Minh sáng lập, rèn luyện và lãnh đạo đã đưa dân tộc ta đi từ thắng lợi này đến thắng lợi khác.',
    'Tôi hiểu rằng người đảng viên trước hết phải là người có lý tưởng cách mạng trong sáng, có đạo đức, lối sống giản dị và luôn gần gũi với nhân dân.',
    'Trong công việc chuyên môn hằng ngày, tôi luôn cố gắng hoàn thành nhiệm vụ được giao với tinh thần trách nhiệm cao nhất, không ngại khó khăn, không né tránh việc khó.',
    'Tham gia Hành trình, tôi được học tập nghị quyết, nghe thời sự, gặp gỡ các đồng chí lãnh đạo và hiểu rõ hơn trách nhiệm của người trẻ đối với đất nước.',
    'Những buổi sinh hoạt chi đoàn, những chuyến về nguồn và các hoạt động tình nguyện đã giúp tôi trưởng thành hơn trong nhận thức và trong hành động.',
    'Tôi nhận thức rằng vào Đảng không phải để hưởng đặc quyền, đặc lợi mà là để được cống hiến nhiều hơn, được đứng ở hàng đầu trong mọi nhiệm vụ.',
    'Lời dạy của Bác Hồ "Đảng ta là đạo đức, là văn minh" luôn nhắc nhở tôi phải tu dưỡng, rèn luyện bản thân mỗi ngày.',
    'Tôi luôn lắng nghe ý kiến góp ý của chi bộ, của Ban Chấp hành Đoàn cơ sở và của đồng nghiệp để sửa chữa những hạn chế của bản thân.',
    'Trước những thông tin sai trái, xuyên tạc trên mạng xã hội, tôi luôn tỉnh táo nhận diện và tích cực lan tỏa những thông tin tích cực, chính thống.',
    'Tấm gương của các thế hệ đảng viên đi trước, những người đã không tiếc máu xương để giữ gìn non sông, là động lực để tôi phấn đấu không ngừng.',
    'Tôi luôn tâm niệm rằng mỗi việc làm nhỏ, nếu được thực hiện tận tâm và bền bỉ, đều góp phần xây dựng tổ chức Đoàn vững mạnh và đơn vị ngày càng phát triển.',
    'Qua quá trình học tập lớp tìm hiểu về Đảng, tôi hiểu sâu sắc hơn về Cương lĩnh, Điều lệ Đảng và nhiệm vụ của người đảng viên trong giai đoạn mới.',
    'Tôi mong muốn được chi bộ tiếp tục giúp đỡ, bồi dưỡng để sớm đủ điều kiện trở thành đảng viên Đảng Cộng sản Việt Nam.',
    'Là cán bộ trẻ công tác tại {unit}, tôi ý thức được trách nhiệm phục vụ nhân dân, xây dựng chính quyền thân thiện, chuyên nghiệp và hiệu quả.',
    'Tôi luôn giữ gìn mối đoàn kết trong tập thể, sẵn sàng hỗ trợ đồng nghiệp và các bạn đoàn viên mới vào làm việc tại đơn vị.',
    'Những khó khăn trong công việc và cuộc sống không làm tôi nản lòng mà càng giúp tôi thêm vững vàng, bản lĩnh hơn.',
  ],
  connectors: ['Bên cạnh đó,', 'Hơn nữa,', 'Mặt khác,', 'Có thể nói,', 'Trong năm {year},', 'Vì vậy,', 'Đặc biệt,', 'Từ đó,'],
  closing: [
    'Tôi xin hứa sẽ không ngừng học tập, rèn luyện, phấn đấu để xứng đáng với niềm tin của tổ chức Đoàn và sớm được đứng vào hàng ngũ của Đảng.',
    'Đó là nguyện vọng chân thành và là lời hứa của tôi trên chặng đường Hành trình "Người Cộng sản trẻ" năm {year}.',
  ],
} as const;

function countWords(text: string): number {
  return text.split(/\s+/u).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

function fill(sentence: string, member: DemoMember): string {
  return sentence
    .replaceAll('{name}', member.fullName)
    .replaceAll('{unit}', member.unit.name.replace(/^Đoàn /u, ''))
    .replaceAll('{year}', String(YEAR));
}

function lowerFirst(sentence: string): string {
  const first = sentence[0] ?? '';
  // Keep capitals of proper nouns that open a sentence.
  return /^(Đảng|Bác|Hành trình)/u.test(sentence) ? sentence : first.toLocaleLowerCase('vi') + sentence.slice(1);
}

function essay(rng: Rng, member: DemoMember, targetWords: number): string {
  const paragraphs: string[] = [ESSAY.opening.map((s) => fill(s, member)).join(' ')];
  let words = countWords(paragraphs[0] ?? '') + countWords(ESSAY.closing.join(' '));
  while (words < targetWords) {
    const sentences: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      let sentence = fill(pick(rng, ESSAY.body), member);
      if (i > 0 && rng() < 0.45) sentence = `${fill(pick(rng, ESSAY.connectors), member)} ${lowerFirst(sentence)}`;
      sentences.push(sentence);
    }
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    words += countWords(paragraph);
  }
  paragraphs.push(ESSAY.closing.map((s) => fill(s, member)).join(' '));
  return paragraphs.join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// The plan of every request, built before anything is sent.

interface DecisionPlan {
  editId: string;
  editedAt: string;
  queue: string;
  evaluatorEmail: string;
  decision: 'approved' | 'rejected' | 'needs_info';
  comment?: string;
  /** 1: the first decision; 2: a later one replacing it. */
  round: 1 | 2;
}

interface EntryPlan {
  member: DemoMember;
  /** The task code (the body may carry the form label instead). */
  task: string;
  body: Record<string, unknown>;
  decisions: DecisionPlan[];
}

interface Expectation {
  status: number;
  code: string;
}

interface PlannedRequest {
  what: string;
  method: string;
  path: string;
  body: Record<string, unknown>;
  /** A refusal the demo sends on purpose; absent for requests that must be accepted. */
  refusal?: Expectation;
}

interface DemoPlan {
  config: Record<string, unknown>;
  members: DemoMember[];
  leaders: Map<string, DemoMember>;
  refusedRegistrations: PlannedRequest[];
  registrations: PlannedRequest[];
  refusedEvidence: PlannedRequest[];
  amendments: PlannedRequest[];
  entries: EntryPlan[];
  /** Needs the evidence id of the leader's own RL6 entry. */
  selfEvaluation: { entry: EntryPlan; leader: DemoMember };
}

function formsId(rng: Rng): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  let id = '2_ABaOnu';
  for (let i = 0; i < 46; i += 1) id += alphabet[Math.floor(rng() * alphabet.length)] ?? 'x';
  return id;
}

function buildConfig(members: readonly DemoMember[], leaders: Map<string, DemoMember>): Record<string, unknown> {
  const stp = members.filter((m) => m.unit.id === 'STP').map((m) => m.email);
  return {
    year: YEAR,
    phase: PHASE,
    units: UNITS.map((u) => ({
      id: u.id,
      name: u.name,
      cluster: u.cluster,
      evaluators: { BCH_CO_SO: bchOf(u), CAP_UY: [capUyOf(u)] },
      reportTo: [capUyOf(u), `bithu.${u.slug}@example.vn`],
      // Đoàn Sở Tư pháp sends the list of members its party committee nominated; one of them did not register.
      ...(u.id === 'STP' ? { nominees: [...stp, OUTSIDERS.silentNominee] } : {}),
    })),
    groups: GROUPS.map((g) => ({
      id: g.id,
      name: g.name,
      cluster: g.cluster,
      leader: leaders.get(g.id)?.email ?? g.supervisor,
      supervisor: g.supervisor,
    })),
    committee: { BTV_DOAN_KHOI: [...BTV], digestTo: [...DIGEST_TO] },
  };
}

/** Builds the whole year; `labels` are the form option labels of the tasks ("RL2 — …") from the served config. */
function buildPlan(labels: ReadonlyMap<string, string>): DemoPlan {
  const rng = seededRandom(20_190_101);
  const members = makeMembers(rng);
  const leaders = chooseLeaders(members);
  const leaderSet = new Set(leaders.values());
  for (const member of members) planTasks(rng, member, leaderSet.has(member));
  const config = buildConfig(members, leaders);
  const label = (code: string): string => labels.get(code) ?? code;
  const groupName = (id: string | null): string | undefined => GROUPS.find((g) => g.id === id)?.name;

  // Who shows which rule at work.
  const active = members.filter((m) => m.kind !== 'idle');
  const amender = active.find((m) => m.training.length === 4 && m.training.includes('RL4') && m.outcomes.get('RL4') === 'done');
  const tooFew = active.find((m) => m !== amender && m.training.length === 3);
  const outsideWindow = active.find((m) => m.training.includes('RL2') && m !== amender && m !== tooFew);
  const shortEssay = active.find((m) => m.outcomes.get('BB3') === 'done' && m.kind === 'good' && m !== tooFew);
  const leader = leaders.get('TO1');
  if (!amender || !tooFew || !outsideWindow || !shortEssay || !leader) throw new Error('Dữ liệu mẫu: không chọn đủ đoàn viên minh họa các quy tắc.');
  amender.amended = ['RL4'];

  const refusedRegistrations: PlannedRequest[] = [];
  const registrations: PlannedRequest[] = [];
  const amendments: PlannedRequest[] = [];
  const registrationDay = new Map<DemoMember, string>();
  for (const member of members) {
    const day = `2019-01-${pad(int(rng, 3, 30))}`;
    registrationDay.set(member, day);
    const useLabels = rng() < 0.4;
    const codes = (list: readonly string[]): string[] => list.map((c) => (useLabels ? label(c) : c));
    const body = (responseId: string, submittedAt: string, training: readonly string[]): Record<string, unknown> => ({
      responseId,
      submittedAt,
      year: YEAR,
      email: member.email,
      fullName: member.fullName,
      unit: rng() < 0.5 ? member.unit.name : member.unit.id,
      ...(member.groupId ? { group: groupName(member.groupId) } : {}),
      dateOfBirth: member.dateOfBirth,
      phone: member.phone,
      trainingTasks: codes(training),
      challengeTasks: codes(member.challenge),
    });
    const submittedAt = instant(day, int(rng, 7, 22), int(rng, 0, 59));
    if (member === tooFew) {
      refusedRegistrations.push({
        what: `đăng ký chỉ có 2 nhiệm vụ rèn luyện của ${member.fullName}`,
        method: 'POST',
        path: '/v1/registrations',
        body: body(formsId(rng), instant(addDays(day, -1), 20, 15), member.training.slice(0, 2)),
        refusal: { status: 422, code: 'too_few_training_tasks' },
      });
    }
    const january = member.training.filter((c) => !member.amended.includes(c));
    registrations.push({ what: `đăng ký của ${member.fullName}`, method: 'POST', path: '/v1/registrations', body: body(formsId(rng), submittedAt, january) });
    if (member.amended.length > 0) {
      amendments.push({
        what: `đăng ký bổ sung của ${member.fullName}`,
        method: 'POST',
        path: '/v1/registrations',
        body: body(formsId(rng), instant('2019-03-05', 9, 40), member.training),
      });
    }
  }
  const snv = UNITS[0] as DemoUnit;
  const stp = UNITS[1] as DemoUnit;
  refusedRegistrations.push(
    {
      what: 'đăng ký muộn ngày 05/02/2019',
      method: 'POST',
      path: '/v1/registrations',
      body: {
        responseId: formsId(rng),
        submittedAt: '2019-02-05T10:24:00+07:00',
        year: YEAR,
        email: OUTSIDERS.late,
        fullName: 'Trần Minh Khoa',
        unit: snv.name,
        group: groupName(snv.groupId),
        trainingTasks: ['RL1', 'RL2', 'RL6'],
        challengeTasks: ['TT4'],
      },
      refusal: { status: 422, code: 'registration_closed' },
    },
    {
      what: 'đăng ký của đoàn viên chưa được Đoàn Sở Tư pháp giới thiệu',
      method: 'POST',
      path: '/v1/registrations',
      body: {
        responseId: formsId(rng),
        submittedAt: '2019-01-18T14:02:00+07:00',
        year: YEAR,
        email: OUTSIDERS.notNominated,
        fullName: 'Lê Bảo Nhi',
        unit: stp.name,
        trainingTasks: ['RL1', 'RL2', 'RL3'],
        challengeTasks: ['TT1'],
      },
      refusal: { status: 422, code: 'not_nominated' },
    },
  );

  // Evidence and decisions.
  const entries: EntryPlan[] = [];
  const refusedEvidence: PlannedRequest[] = [];
  let editSeq = 0;
  const evidenceBody = (
    member: DemoMember,
    task: string,
    activity: Activity,
    extra: Record<string, unknown> = {},
    fixedDay?: string,
  ): { body: Record<string, unknown>; submitted: string } => {
    const day = fixedDay ?? minDate(addDays(activity.date, int(rng, 0, 6)), LAST_SUBMISSION_DAY);
    const submitted = instant(day, int(rng, 7, 22), int(rng, 0, 59));
    return {
      submitted: day,
      body: {
        responseId: formsId(rng),
        submittedAt: submitted,
        year: YEAR,
        email: member.email,
        task: rng() < 0.3 ? label(task) : task,
        activityDate: activity.date,
        description: activity.description,
        ...extra,
      },
    };
  };
  const evaluatorFor = (member: DemoMember, task: string, activity: Activity): { queue: string; email: string } => {
    const unit = member.unit;
    switch (task) {
      case 'BB1':
        return { queue: `CAP_UY:${unit.id}`, email: capUyOf(unit) };
      case 'BB2':
      case 'TT3':
        return activity.organiser === 'CAP_UY' || (task === 'TT3' && activity.date === '2019-09-12')
          ? { queue: `CAP_UY:${unit.id}`, email: capUyOf(unit) }
          : { queue: 'BTV_DOAN_KHOI', email: pick(rng, BTV) };
      case 'RL1':
      case 'RL2':
        return { queue: `BCH_CO_SO:${unit.id}`, email: pick(rng, bchOf(unit)) };
      case 'RL6': {
        const group = GROUPS.find((g) => g.id === member.groupId);
        const groupLeader = leaders.get(member.groupId ?? '');
        const email = !group ? '' : groupLeader === member || rng() < 0.4 ? group.supervisor : (groupLeader?.email ?? group.supervisor);
        return { queue: `TO:${member.groupId ?? ''}`, email };
      }
      default:
        return { queue: 'BTV_DOAN_KHOI', email: pick(rng, BTV) };
    }
  };
  const decide = (
    member: DemoMember,
    task: string,
    activity: Activity,
    submittedDay: string,
    path: readonly DecisionPlan['decision'][],
    comments: readonly (string | undefined)[] = [],
  ): DecisionPlan[] => {
    const { queue, email } = evaluatorFor(member, task, activity);
    const decisions: DecisionPlan[] = [];
    let day = minDate(addDays(submittedDay, int(rng, 1, 16)), LAST_DECISION_DAY);
    path.forEach((decision, i) => {
      if (i > 0) day = minDate(addDays(day, int(rng, 3, 12)), LAST_DECISION_DAY);
      editSeq += 1;
      const comment =
        comments[i] ??
        (decision === 'approved'
          ? rng() < 0.35
            ? pick(rng, COMMENTS.approved)
            : undefined
          : decision === 'needs_info'
            ? pick(rng, COMMENTS.needsInfo)
            : pick(rng, COMMENTS.rejected));
      decisions.push({
        editId: `sheet-${queue}-r${String(editSeq).padStart(4, '0')}`,
        editedAt: instant(day, i === 0 ? int(rng, 8, 11) : int(rng, 13, 17), int(rng, 0, 59)),
        queue,
        evaluatorEmail: email,
        decision,
        ...(comment === undefined ? {} : { comment }),
        round: i === 0 ? 1 : 2,
      });
    });
    return decisions;
  };
  /** The decisions of an entry that should end approved: mostly at once, sometimes after a request for more. */
  const approvedPath = (): { path: DecisionPlan['decision'][]; comments: (string | undefined)[] } =>
    rng() < 0.025
      ? { path: ['needs_info', 'approved'], comments: [undefined, pick(rng, COMMENTS.approvedAfterInfo)] }
      : { path: ['approved'], comments: [] };
  const add = (member: DemoMember, task: string, activity: Activity, outcome: Outcome, extra: Record<string, unknown> = {}, fixedDay?: string): EntryPlan => {
    const { body, submitted } = evidenceBody(member, task, activity, extra, fixedDay);
    let decisions: DecisionPlan[] = [];
    if (outcome === 'done') {
      const { path, comments } = approvedPath();
      decisions = decide(member, task, activity, submitted, path, comments);
    } else if (outcome === 'rejected') decisions = decide(member, task, activity, submitted, ['rejected']);
    else if (outcome === 'needs_info') decisions = decide(member, task, activity, submitted, ['needs_info']);
    const entry: EntryPlan = { member, task, body, decisions };
    entries.push(entry);
    return entry;
  };
  const activitiesFor = (member: DemoMember, task: string): readonly Activity[] => {
    switch (task) {
      case 'RL1':
        return rng() < 0.6 ? RL1_THEMED : RL1_REGULAR;
      case 'RL2':
        return RL2_ACTIVITIES;
      case 'RL3':
        return RL3_AWARDS;
      case 'RL4':
        return RL4_CONTESTS;
      case 'RL5':
        return RL5_FORUMS;
      case 'RL6':
        return RL6_BY_GROUP[member.groupId ?? ''] ?? [];
      default:
        return TT_ACTIVITIES[task] ?? [];
    }
  };

  let leaderRl6: EntryPlan | undefined;
  for (const member of members) {
    const outcome = (code: string): Outcome => member.outcomes.get(code) ?? 'not_started';
    const extraEntries = member.kind === 'excellent' || (member.kind === 'good' && rng() < 0.4);

    // BB1: one entry naming the initiative and the rating.
    if (outcome('BB1') !== 'not_started') {
      const activity: Activity = {
        // The unit's mid-year or nine-month review, where the rating and the initiative are recorded.
        date: `2019-${pick(rng, ['07', '08', '09', '10'])}-${pad(int(rng, 1, 18))}`,
        description: 'Hoàn thành tốt nhiệm vụ chuyên môn được giao; có sáng kiến được lãnh đạo đơn vị ghi nhận và áp dụng (theo kết quả sơ kết của đơn vị).',
      };
      add(member, 'BB1', activity, outcome('BB1'), { initiative: pick(rng, INITIATIVES), rating: weighted(rng, RATINGS) });
    }

    // BB2: at least four sessions on distinct dates; a short year has three approved and one rejected.
    const bb2 = outcome('BB2');
    if (bb2 !== 'not_started') {
      const count = extraEntries && rng() < 0.7 ? 5 : 4;
      const sessions = shuffle(rng, BB2_SESSIONS).slice(0, count).sort((a, b) => a.date.localeCompare(b.date));
      sessions.forEach((session, i) => {
        const last = i === sessions.length - 1;
        // A fifth session reported late in the year is sometimes still waiting for its decision.
        const waiting = last && count === 5 && session.date >= '2019-09-01' && rng() < 0.5;
        const entryOutcome: Outcome = bb2 === 'short' && last ? 'rejected' : (bb2 === 'pending' || waiting) && last ? 'pending' : 'done';
        add(member, 'BB2', session, entryOutcome);
      });
    }

    // BB3: the essay; one member first sends a draft that is too short.
    const bb3 = outcome('BB3');
    if (bb3 !== 'not_started') {
      const activity: Activity = {
        date: `2019-${pad(int(rng, 3, 9))}-${pad(int(rng, 1, 28))}`,
        description: 'Bài viết cảm nhận, thể hiện nguyện vọng được đứng vào hàng ngũ Đảng Cộng sản Việt Nam.',
      };
      if (member === shortEssay) {
        const draft = evidenceBody(member, 'BB3', { ...activity, date: addDays(activity.date, -10) }, { essay: essay(rng, member, 520) });
        refusedEvidence.push({ what: `bài viết BB3 chưa đủ 1.000 chữ của ${member.fullName}`, method: 'POST', path: '/v1/evidence', body: draft.body, refusal: { status: 422, code: 'essay_too_short' } });
      }
      add(member, 'BB3', activity, bb3, { essay: essay(rng, member, int(rng, 1080, 1400)) });
    }

    for (const code of [...member.training, ...member.challenge]) {
      const taskOutcome = outcome(code);
      if (taskOutcome === 'not_started') continue;
      const pool = shuffle(rng, activitiesFor(member, code));
      const count = code === 'RL2' ? (extraEntries && rng() < 0.5 ? 3 : 2) : code === 'TT1' && extraEntries && rng() < 0.5 ? 2 : 1;
      const chosen = pool.slice(0, count).sort((a, b) => a.date.localeCompare(b.date));
      chosen.forEach((activity, i) => {
        const last = i === chosen.length - 1;
        const extra: Record<string, unknown> = {};
        if (code === 'RL1') extra.meetingKind = RL1_THEMED.includes(activity) ? 'themed' : 'regular';
        if (code === 'RL3') extra.links = [`https://drive.google.com/file/d/${formsId(rng).slice(8, 41)}/view`];
        else if (rng() < 0.3) extra.links = [`https://drive.google.com/open?id=${formsId(rng).slice(8, 36)}`];
        // After the amendment of 05/03, the contest refused on 04/03 is reported again.
        const again = member === amender && code === 'RL4';
        const entry = again
          ? add(member, code, RL4_CONTESTS[0] as Activity, 'done', extra, '2019-03-06')
          : add(member, code, activity, last ? taskOutcome : 'done', extra);
        if (member === leader && code === 'RL6') leaderRl6 = entry;
      });
    }
  }

  // A few decided twice: an approval later withdrawn as a duplicate (on an extra RL2 entry, so the task stays done).
  const extraRl2 = entries.filter((e) => e.member.kind === 'excellent' && e.task === 'RL2');
  const byMember = new Map<DemoMember, EntryPlan[]>();
  for (const e of extraRl2) byMember.set(e.member, [...(byMember.get(e.member) ?? []), e]);
  for (const list of byMember.values()) {
    const third = list[2];
    const first = third?.decisions[0];
    if (!third || !first || third.decisions.length !== 1 || first.editedAt.slice(0, 10) > '2019-10-25') continue;
    editSeq += 1;
    third.decisions.push({
      editId: `sheet-${first.queue}-r${String(editSeq).padStart(4, '0')}`,
      editedAt: instant(addDays(first.editedAt.slice(0, 10), 4), 15, 10),
      queue: first.queue,
      evaluatorEmail: first.evaluatorEmail,
      decision: 'rejected',
      comment: COMMENTS.duplicate,
      round: 2,
    });
  }

  // The other refused evidence: a task not registered (before the amendment) and an activity in January.
  refusedEvidence.push(
    {
      what: `minh chứng RL4 khi chưa đăng ký của ${amender.fullName}`,
      method: 'POST',
      path: '/v1/evidence',
      body: {
        responseId: formsId(rng),
        submittedAt: '2019-03-04T21:12:00+07:00',
        year: YEAR,
        email: amender.email,
        task: label('RL4'),
        activityDate: '2019-03-02',
        description: (RL4_CONTESTS[0] as Activity).description,
      },
      refusal: { status: 422, code: 'task_not_registered' },
    },
    {
      what: `minh chứng RL2 có ngày hoạt động trong tháng 01 của ${outsideWindow.fullName}`,
      method: 'POST',
      path: '/v1/evidence',
      body: {
        responseId: formsId(rng),
        submittedAt: '2019-02-02T19:45:00+07:00',
        year: YEAR,
        email: outsideWindow.email,
        task: 'RL2',
        activityDate: '2019-01-27',
        description: 'Tham gia tổ chức chương trình "Xuân tình nguyện – Tết sum vầy" tặng quà Tết cho công nhân khó khăn.',
      },
      refusal: { status: 422, code: 'activity_outside_window' },
    },
  );

  if (!leaderRl6) throw new Error('Dữ liệu mẫu: tổ trưởng Tổ 1 chưa có minh chứng RL6.');
  return {
    config,
    members,
    leaders,
    refusedRegistrations,
    registrations,
    refusedEvidence,
    amendments,
    entries,
    selfEvaluation: { entry: leaderRl6, leader },
  };
}

// ---------------------------------------------------------------------------------------------
// Sending, checking every answer.

interface SubmissionAnswer {
  status?: string;
  id?: string | null;
  errors?: { code?: string; message?: string }[];
}

interface Tally {
  accepted: number;
  duplicate: number;
  refused: number;
}

function describe(answer: JourneyAnswer): string {
  const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  return `HTTP ${answer.status}: ${body.length > 400 ? `${body.slice(0, 400)}…` : body}`;
}

/** Sends one request and checks its answer; returns the id the function gave it. */
async function sendChecked(send: JourneySend, request: PlannedRequest, tally: Tally): Promise<string | null> {
  let answer: JourneyAnswer<SubmissionAnswer>;
  try {
    answer = await send<SubmissionAnswer>(request.method, request.path, request.body);
  } catch (error) {
    throw new Error(`Dữ liệu mẫu: không gửi được ${request.what} (${request.method} ${request.path}): ${String(error)}`, { cause: error });
  }
  const body = typeof answer.body === 'object' && answer.body !== null ? answer.body : {};
  if (request.refusal) {
    const codes = (body.errors ?? []).map((e) => e.code);
    if (answer.status !== request.refusal.status || body.status !== 'refused' || !codes.includes(request.refusal.code)) {
      throw new Error(
        `Dữ liệu mẫu: ${request.what} lẽ ra phải bị từ chối (HTTP ${request.refusal.status}, mã ${request.refusal.code}) nhưng nhận được ${describe(answer)}`,
      );
    }
    tally.refused += 1;
    return null;
  }
  if (answer.status !== 200 || (body.status !== 'accepted' && body.status !== 'duplicate')) {
    throw new Error(`Dữ liệu mẫu: ${request.what} (${request.method} ${request.path}) không được chấp nhận — ${describe(answer)}`);
  }
  if (body.status === 'accepted') tally.accepted += 1;
  else tally.duplicate += 1;
  return body.id ?? null;
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the results in order. */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next;
      next += 1;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function sendAll(send: JourneySend, requests: readonly PlannedRequest[], tally: Tally): Promise<(string | null)[]> {
  return inPool(requests, CONCURRENCY, (r) => sendChecked(send, r, tally));
}

interface ResultsAnswer {
  members: { memberId: string; fullName: string; grade: string }[];
  camp: { memberId: string; fullName: string }[];
}

interface ConfigAnswer {
  tasks?: { code: string; title: string }[];
}

/**
 * Seeds the demo year 2019 through the journey function's HTTP API (only `send`), checking every answer.
 * Repeatable: every key is deterministic, so a second run only meets duplicates and the same refusals.
 * @returns a short Vietnamese summary for the console.
 */
export async function seedDemoYear(send: JourneySend): Promise<string> {
  const started = Date.now();
  const registrationTally: Tally = { accepted: 0, duplicate: 0, refused: 0 };
  const evidenceTally: Tally = { accepted: 0, duplicate: 0, refused: 0 };
  const decisionTally: Tally = { accepted: 0, duplicate: 0, refused: 0 };
  const otherTally: Tally = { accepted: 0, duplicate: 0, refused: 0 };

  // 1. The year's plan and roster. The roster is built from the members, the labels from the served plan.
  const draft = buildPlan(new Map());
  await sendChecked(send, { what: 'kế hoạch năm 2019', method: 'PUT', path: `/v1/years/${YEAR}/config`, body: draft.config }, otherTally);
  const served = await send<ConfigAnswer>('GET', `/v1/years/${YEAR}/config`);
  if (served.status !== 200 || !Array.isArray(served.body.tasks)) throw new Error(`Dữ liệu mẫu: không đọc lại được kế hoạch năm 2019 — ${describe(served)}`);
  const plan = buildPlan(new Map(served.body.tasks.map((t) => [t.code, `${t.code} — ${t.title}`])));

  // 2. Registrations in January (the refused ones first: the too-short one precedes its corrected form).
  for (const request of plan.refusedRegistrations) await sendChecked(send, request, registrationTally);
  await sendAll(send, plan.registrations, registrationTally);

  // 3. Evidence: a task reported before it was registered, then the amendment, then the year's entries.
  for (const request of plan.refusedEvidence) await sendChecked(send, request, evidenceTally);
  for (const request of plan.amendments) await sendChecked(send, request, registrationTally);
  const evidenceIds = await sendAll(
    send,
    plan.entries.map((e) => ({ what: `minh chứng ${e.task} của ${e.member.fullName}`, method: 'POST', path: '/v1/evidence', body: e.body })),
    evidenceTally,
  );
  const idOf = new Map<EntryPlan, string>();
  plan.entries.forEach((entry, i) => {
    const id = evidenceIds[i];
    if (!id) throw new Error(`Dữ liệu mẫu: minh chứng ${entry.task} của ${entry.member.fullName} không có mã.`);
    idOf.set(entry, id);
  });

  // 4. Decisions from the right queues: first decisions, the self-evaluation attempt, then later ones replacing them.
  const decisionRequests = (round: 1 | 2): PlannedRequest[] =>
    plan.entries.flatMap((entry) =>
      entry.decisions
        .filter((d) => d.round === round)
        .map((d) => ({
          what: `đánh giá ${entry.task} của ${entry.member.fullName} (${d.queue})`,
          method: 'POST',
          path: '/v1/evaluations',
          body: {
            editId: d.editId,
            editedAt: d.editedAt,
            queue: d.queue,
            evidenceId: idOf.get(entry),
            decision: d.decision,
            ...(d.comment === undefined ? {} : { comment: d.comment }),
            evaluatorEmail: d.evaluatorEmail,
          },
        })),
    );
  const { entry: ownEntry, leader } = plan.selfEvaluation;
  await sendChecked(
    send,
    {
      what: `tự đánh giá minh chứng RL6 của tổ trưởng ${leader.fullName}`,
      method: 'POST',
      path: '/v1/evaluations',
      body: {
        editId: 'sheet-TO:TO1-self-0001',
        editedAt: instant(minDate(addDays(String(ownEntry.body.activityDate), 3), LAST_DECISION_DAY), 21, 5),
        queue: 'TO:TO1',
        evidenceId: idOf.get(ownEntry),
        decision: 'approved',
        evaluatorEmail: leader.email,
      },
      refusal: { status: 403, code: 'self_evaluation' },
    },
    decisionTally,
  );
  await sendAll(send, decisionRequests(1), decisionTally);
  await sendAll(send, decisionRequests(2), decisionTally);

  // 5. After the camp: the best members introduced for admission in November, one admitted in December.
  const results = await send<ResultsAnswer>('GET', `/v1/years/${YEAR}/results`);
  if (results.status !== 200 || !Array.isArray(results.body.camp)) throw new Error(`Dữ liệu mẫu: không đọc được kết quả năm 2019 — ${describe(results)}`);
  const introduced = results.body.camp.slice(0, 6);
  await sendAll(
    send,
    introduced.map((m, i) => ({
      what: `giới thiệu kết nạp Đảng ${m.fullName}`,
      method: 'POST',
      path: '/v1/party-status',
      body: {
        editId: `party-2019-intro-${m.memberId}`,
        memberId: m.memberId,
        year: YEAR,
        introducedAt: `2019-11-${pad(12 + i)}`,
        reference: `Giấy giới thiệu số ${String(31 + i)}-GT/ĐTN của Ban Thường vụ Đoàn Khối`,
      },
    })),
    otherTally,
  );
  const admitted = introduced[0];
  if (admitted) {
    await sendChecked(
      send,
      {
        what: `kết nạp Đảng ${admitted.fullName}`,
        method: 'POST',
        path: '/v1/party-status',
        body: { editId: `party-2019-admit-${admitted.memberId}`, memberId: admitted.memberId, year: YEAR, admittedAt: '2019-12-19', reference: 'Quyết định kết nạp đảng viên số 1245-QĐ/ĐU' },
      },
      otherTally,
    );
  }

  const seconds = ((Date.now() - started) / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  const refused = registrationTally.refused + evidenceTally.refused + decisionTally.refused;
  const evidenceCount = evidenceTally.accepted + evidenceTally.duplicate;
  const decisionCount = decisionTally.accepted + decisionTally.duplicate;
  const grades = new Map<string, number>();
  for (const m of results.body.members) grades.set(m.grade, (grades.get(m.grade) ?? 0) + 1);
  const figures =
    `${plan.members.length} đoàn viên, ${evidenceCount} minh chứng, ${decisionCount} lượt đánh giá, ` +
    `${refused} bài gửi bị từ chối (xem hộp thư), ${introduced.length} đoàn viên được giới thiệu kết nạp Đảng` +
    ` — xếp loại: ${grades.get('xuat_sac') ?? 0} Xuất sắc, ${grades.get('tot') ?? 0} Tốt, ${grades.get('dat') ?? 0} Đạt, ${grades.get('chua_dat') ?? 0} Chưa đạt`;
  const created = registrationTally.accepted + evidenceTally.accepted + decisionTally.accepted + otherTally.accepted;
  return created === 0
    ? `Dữ liệu mẫu năm 2019 đã có sẵn, không tạo thêm bản ghi nào (${figures}; ${seconds} giây).`
    : `Đã tạo dữ liệu mẫu năm 2019: ${figures} (${seconds} giây).`;
}
