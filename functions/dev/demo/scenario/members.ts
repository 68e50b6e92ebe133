// The demo's members: who they are (names, units, groups, group leaders) and how each one's year goes, task by task.
import { GIVEN, MIDDLE, SURNAMES } from '../data/names';
import { GROUPS, OUTSIDERS, UNITS, type DemoUnit } from '../data/roster';
import { pad } from './calendar';
import type { DemoMember, Kind } from './plan';
import { int, pick, shuffle, weighted, type Rng } from './random';

const RL_TASKS = ['RL1', 'RL2', 'RL3', 'RL4', 'RL5', 'RL6'] as const;
const TT_TASKS = ['TT1', 'TT3', 'TT4'] as const;
const KIND_COUNTS: readonly (readonly [Kind, number])[] = [
  ['excellent', 7],
  ['good', 15],
  ['fair', 9],
  ['incomplete', 8],
  ['idle', 1],
];

/** Vietnamese letters to plain ASCII for e-mail addresses ("Đặng" → "dang"). */
function ascii(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').replace(/[Đđ]/g, 'd').toLowerCase();
}

/** The roster, unit by unit: names never used twice (nor the outsiders' names), each with a kind of year dealt from KIND_COUNTS. */
function makeMembers(rng: Rng): DemoMember[] {
  const names = new Set<string>(['Trần Minh Khoa', 'Lê Bảo Nhi']);
  const emails = new Set<string>(Object.values(OUTSIDERS));
  const members: DemoMember[] = [];
  const kinds = shuffle(
    rng,
    KIND_COUNTS.flatMap(([kind, n]) => Array.from({ length: n }, () => kind)),
  );
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
function newName(
  rng: Rng,
  unit: DemoUnit,
  names: ReadonlySet<string>,
  emails: ReadonlySet<string>,
): { fullName: string; email: string } {
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

/** The tasks a member registers and what becomes of each, from the kind of year they have. */
function planTasks(rng: Rng, member: DemoMember, isLeader: boolean): void {
  const pool = RL_TASKS.filter((code) => code !== 'RL6' || member.groupId !== null);
  const trainingCount =
    member.kind === 'excellent' || member.kind === 'fair' ? 4 : member.kind === 'good' && rng() < 0.3 ? 4 : 3;
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
    if (member.challenge.length === 2)
      outcomes.set(member.challenge[1] ?? 'TT4', pick(rng, ['not_started', 'pending'] as const));
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

/** The members and their group leaders: all the roster a year's plan needs. */
export function roster(rng: Rng): { members: DemoMember[]; leaders: Map<string, DemoMember> } {
  const members = makeMembers(rng);
  return { members, leaders: chooseLeaders(members) };
}

/** Every member's tasks and outcomes, in roster order; a group leader always takes RL6 and passes it. */
export function planAllTasks(rng: Rng, members: readonly DemoMember[], leaders: ReadonlyMap<string, DemoMember>): void {
  const leaderSet = new Set(leaders.values());
  for (const member of members) planTasks(rng, member, leaderSet.has(member));
}
