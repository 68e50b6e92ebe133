// The submissions the demo sends on purpose to show the rules refusing them: who sends them, and the ones outside a member's flow.
import { JANUARY_ACTIVITY, RL4_CONTESTS, type Activity } from '../data/activities';
import { groupName, OUTSIDERS, UNITS, YEAR, type DemoUnit } from '../data/roster';
import { addDays, instant, LAST_DECISION_DAY, minDate } from './calendar';
import { DEMO_CONSENT } from './config';
import type { DemoMember, EntryPlan, PlannedRequest, SelfEvaluation, YearDraft } from './plan';
import { formsId, type Rng } from './random';

/** Codes of the submissions the demo sends on purpose to show the rules refusing them. */
export const DEMO_REFUSED_CODES = [
  'registration_closed',
  'too_few_training_tasks',
  'not_nominated',
  'consent_required',
  'task_not_registered',
  'essay_too_short',
  'activity_outside_window',
  'self_evaluation',
] as const;

/** The members who show a rule at work. */
export interface Cast {
  /** Reports RL4 before registering it, then adds it by an amendment in March. */
  amender: DemoMember;
  /** First registers with two training tasks. */
  tooFew: DemoMember;
  /** Reports an RL2 activity from January. */
  outsideWindow: DemoMember;
  /** First sends a BB3 essay of about 520 words. */
  shortEssay: DemoMember;
  /** The leader of Tổ 1, who tries to approve their own RL6 entry. */
  leader: DemoMember;
}

/** Picks the cast from the planned members; the amender's RL4 becomes an amendment. */
export function chooseCast(members: readonly DemoMember[], leaders: ReadonlyMap<string, DemoMember>): Cast {
  const active = members.filter((m) => m.kind !== 'idle');
  const amender = active.find(
    (m) => m.training.length === 4 && m.training.includes('RL4') && m.outcomes.get('RL4') === 'done',
  );
  const tooFew = active.find((m) => m !== amender && m.training.length === 3);
  const outsideWindow = active.find((m) => m.training.includes('RL2') && m !== amender && m !== tooFew);
  const shortEssay = active.find((m) => m.outcomes.get('BB3') === 'done' && m.kind === 'good' && m !== tooFew);
  const leader = leaders.get('TO1');
  if (!amender || !tooFew || !outsideWindow || !shortEssay || !leader)
    throw new Error('Dữ liệu mẫu: không chọn đủ đoàn viên minh họa các quy tắc.');
  amender.amended = ['RL4'];
  return { amender, tooFew, outsideWindow, shortEssay, leader };
}

/** Two people outside the roster: one registers after the window closed, one was not nominated by Đoàn Sở Tư pháp. */
export function outsiderRegistrations(rng: Rng): PlannedRequest[] {
  const snv = UNITS[0] as DemoUnit;
  const stp = UNITS[1] as DemoUnit;
  return [
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
        consent: DEMO_CONSENT,
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
        consent: DEMO_CONSENT,
      },
      refusal: { status: 422, code: 'not_nominated' },
    },
    {
      what: 'đăng ký chưa đánh dấu đồng ý xử lý dữ liệu cá nhân (gửi từ biểu mẫu cũ)',
      method: 'POST',
      path: '/v1/registrations',
      body: {
        responseId: formsId(rng),
        submittedAt: '2019-01-21T08:47:00+07:00',
        year: YEAR,
        email: OUTSIDERS.noConsent,
        fullName: 'Phạm Quang Minh',
        unit: snv.name,
        group: groupName(snv.groupId),
        trainingTasks: ['RL1', 'RL2', 'RL3'],
        challengeTasks: ['TT1'],
      },
      refusal: { status: 422, code: 'consent_required' },
    },
  ];
}

/** Evidence refused outside a member's flow: RL4 before the amendment registers it, and an RL2 activity from January. */
export function misplacedEvidence(draft: YearDraft, cast: Cast): PlannedRequest[] {
  const contest = RL4_CONTESTS[0] as Activity;
  return [
    {
      what: `minh chứng RL4 khi chưa đăng ký của ${cast.amender.fullName}`,
      method: 'POST',
      path: '/v1/evidence',
      body: {
        responseId: formsId(draft.rng),
        submittedAt: '2019-03-04T21:12:00+07:00',
        year: YEAR,
        email: cast.amender.email,
        task: draft.label('RL4'),
        activityDate: contest.date,
        description: contest.description,
      },
      refusal: { status: 422, code: 'task_not_registered' },
    },
    {
      what: `minh chứng RL2 có ngày hoạt động trong tháng 01 của ${cast.outsideWindow.fullName}`,
      method: 'POST',
      path: '/v1/evidence',
      body: {
        responseId: formsId(draft.rng),
        submittedAt: '2019-02-02T19:45:00+07:00',
        year: YEAR,
        email: cast.outsideWindow.email,
        task: 'RL2',
        activityDate: JANUARY_ACTIVITY.date,
        description: JANUARY_ACTIVITY.description,
      },
      refusal: { status: 422, code: 'activity_outside_window' },
    },
  ];
}

/** The leader of Tổ 1 approving their own RL6 entry three days after the activity, late in the evening. */
export function selfEvaluation(entries: readonly EntryPlan[], leader: DemoMember): SelfEvaluation {
  const entry = entries.find((e) => e.member === leader && e.task === 'RL6');
  if (!entry) throw new Error('Dữ liệu mẫu: tổ trưởng Tổ 1 chưa có minh chứng RL6.');
  return {
    what: `tự đánh giá minh chứng RL6 của tổ trưởng ${leader.fullName}`,
    entry,
    decision: {
      editId: 'sheet-TO:TO1-self-0001',
      editedAt: instant(minDate(addDays(String(entry.body.activityDate), 3), LAST_DECISION_DAY), 21, 5),
      queue: 'TO:TO1',
      evaluatorEmail: leader.email,
      decision: 'approved',
    },
    refusal: { status: 403, code: 'self_evaluation' },
  };
}
