// The plan's task catalogue (44-KH/ĐTN, III.1): the defaults every year's config starts from.

/** The three task groups of the plan: bắt buộc, rèn luyện, thử thách. */
export const TASK_GROUPS = ['BB', 'RL', 'TT'] as const;
export type TaskGroup = (typeof TASK_GROUPS)[number];

/** The bodies that confirm tasks; each has its own evaluator queue. */
export const ROLES = ['BTV_DOAN_KHOI', 'CAP_UY', 'BCH_CO_SO', 'TO'] as const;
export type Role = (typeof ROLES)[number];

/** What an evidence entry for a task must carry besides the common fields. */
export interface EvidenceRequirements {
  /** BB1: the initiative (sáng kiến) and the year's rating. */
  initiativeAndRating?: boolean;
  /** BB3: an essay longer than `minEssayWords` syllables. */
  essay?: boolean;
  /** RL1: the kind of branch meeting (themed meetings only in `themedMonths`). */
  meetingKind?: boolean;
  /** RL3: at least one link to the certificate or decision. */
  attachment?: boolean;
}

export interface TaskDefinition {
  code: string;
  group: TaskGroup;
  /** Short Vietnamese title shown in forms and sheets. */
  title: string;
  /** The plan's wording, used as help text. */
  description: string;
  /** Approved entries needed for the task to be done. */
  minEntries: number;
  /** Count approved entries on distinct activity dates only (BB2: ≥4 sessions on distinct dates). */
  distinctDates: boolean;
  /** Roles whose queue may confirm the task. */
  confirmedBy: Role[];
  requires: EvidenceRequirements;
}

/** Default catalogue. Codes keep the plan's numbering: the plan has no TT2. */
export const DEFAULT_TASKS: readonly TaskDefinition[] = [
  {
    code: 'BB1',
    group: 'BB',
    title: 'Hoàn thành nhiệm vụ chuyên môn, có sáng kiến, đạt lao động tiên tiến',
    description:
      'Hoàn thành nhiệm vụ chuyên môn tại đơn vị trong năm, có ít nhất 01 sáng kiến trong công việc, đạt lao động tiên tiến trở lên (cấp ủy cho ý kiến và theo dõi đánh giá).',
    minEntries: 1,
    distinctDates: false,
    confirmedBy: ['CAP_UY'],
    requires: { initiativeAndRating: true },
  },
  {
    code: 'BB2',
    group: 'BB',
    title: 'Học tập, quán triệt nghị quyết, nghe thời sự quý',
    description:
      'Tham gia học tập, quán triệt nghị quyết, nghe thời sự quý do Đoàn thể Khối phối hợp tổ chức hoặc cấp ủy tổ chức ít nhất 04 lần/năm (Ban Thường vụ Đoàn Khối hoặc cấp ủy cho ý kiến và theo dõi đánh giá).',
    minEntries: 4,
    distinctDates: true,
    confirmedBy: ['BTV_DOAN_KHOI', 'CAP_UY'],
    requires: {},
  },
  {
    code: 'BB3',
    group: 'BB',
    title: 'Bài viết cảm nhận, nguyện vọng trở thành đảng viên',
    description:
      'Viết bài cảm nhận, thể hiện nguyện vọng để trở thành Đảng viên Đảng Cộng sản Việt Nam, bài viết trên 1.000 chữ (Ban Thường vụ Đoàn Khối cho ý kiến và theo dõi đánh giá).',
    minEntries: 1,
    distinctDates: false,
    confirmedBy: ['BTV_DOAN_KHOI'],
    requires: { essay: true },
  },
  {
    code: 'RL1',
    group: 'RL',
    title: 'Phụ trách sinh hoạt chi đoàn chủ điểm hoặc định kỳ',
    description:
      'Tham gia và đứng ra phụ trách một số nội dung sinh hoạt chi đoàn chủ điểm tháng 3, 4 hoặc 9, 10 của chi đoàn hoặc tổ chức 01 buổi sinh hoạt chi đoàn định kỳ (Ban Chấp hành Đoàn cơ sở cho ý kiến và theo dõi đánh giá).',
    minEntries: 1,
    distinctDates: false,
    confirmedBy: ['BCH_CO_SO'],
    requires: { meetingKind: true },
  },
  {
    code: 'RL2',
    group: 'RL',
    title: 'Tham gia tổ chức hoạt động tình nguyện, an sinh xã hội',
    description:
      'Tham gia tổ chức ít nhất 02 hoạt động tình nguyện an sinh xã hội do cơ sở Đoàn, các tổ chức chính trị - xã hội tổ chức nhưng đảm bảo tính pháp nhân tổ chức (Ban Chấp hành Đoàn cơ sở cho ý kiến và theo dõi đánh giá).',
    minEntries: 2,
    distinctDates: false,
    confirmedBy: ['BCH_CO_SO'],
    requires: {},
  },
  {
    code: 'RL3',
    group: 'RL',
    title: 'Đạt danh hiệu, giải thưởng',
    description:
      'Đạt ít nhất 01 danh hiệu, giải thưởng do tổ chức Đoàn các cấp (từ chi đoàn cơ sở trở lên) hoặc các cấp chính quyền, Đảng ủy, tổ chức chính trị - xã hội tổ chức, trao thưởng (Ban Thường vụ Đoàn Khối cho ý kiến và theo dõi đánh giá hoặc có minh chứng đính kèm).',
    minEntries: 1,
    distinctDates: false,
    confirmedBy: ['BTV_DOAN_KHOI'],
    requires: { attachment: true },
  },
  {
    code: 'RL4',
    group: 'RL',
    title: 'Tham gia hội thi từ cấp Khối trở lên',
    description:
      'Tham gia ít nhất 01 hội thi từ cấp Khối trở lên (Ban Thường vụ Đoàn Khối hoặc tổ chức hội thi cho ý kiến và theo dõi đánh giá).',
    minEntries: 1,
    distinctDates: false,
    confirmedBy: ['BTV_DOAN_KHOI'],
    requires: {},
  },
  {
    code: 'RL5',
    group: 'RL',
    title: 'Tham gia diễn đàn đối thoại với cấp ủy, lãnh đạo',
    description:
      'Tham gia diễn đàn đối thoại, gặp gỡ Ban Thường vụ Đảng ủy Khối, cấp ủy, lãnh đạo tại đơn vị (do cấp tổ chức đánh giá).',
    minEntries: 1,
    distinctDates: false,
    confirmedBy: ['BTV_DOAN_KHOI'],
    requires: {},
  },
  {
    code: 'RL6',
    group: 'RL',
    title: 'Tham gia hoạt động do tổ tự tổ chức',
    description: 'Tham gia 01 hoạt động của tổ tự tổ chức (do tổ trưởng và phụ trách tổ đánh giá).',
    minEntries: 1,
    distinctDates: false,
    confirmedBy: ['TO'],
    requires: {},
  },
  {
    code: 'TT1',
    group: 'TT',
    title: 'Sinh hoạt Câu lạc bộ lý luận trẻ cấp Khối',
    description:
      'Tham gia sinh hoạt Câu lạc bộ lý luận trẻ cấp Khối ít nhất 01 lần (Ban Thường vụ Đoàn Khối cho ý kiến và theo dõi đánh giá).',
    minEntries: 1,
    distinctDates: false,
    confirmedBy: ['BTV_DOAN_KHOI'],
    requires: {},
  },
  {
    code: 'TT3',
    group: 'TT',
    title: 'Tập huấn kỹ năng viết hồ sơ, lý lịch đảng viên mới',
    description:
      'Tham gia tập huấn, trang bị kỹ năng viết hồ sơ, lý lịch đảng viên mới (Ban Thường vụ Đoàn Khối hoặc cấp ủy cho ý kiến và theo dõi đánh giá).',
    minEntries: 1,
    distinctDates: false,
    confirmedBy: ['BTV_DOAN_KHOI', 'CAP_UY'],
    requires: {},
  },
  {
    code: 'TT4',
    group: 'TT',
    title: 'Hoàn thành lớp tìm hiểu về Đảng Cộng sản Việt Nam',
    description:
      'Tham gia và hoàn thành lớp tìm hiểu về Đảng Cộng sản Việt Nam (Ban Thường vụ Đoàn Khối phối hợp Ban tổ chức Đảng ủy Khối cho ý kiến và theo dõi đánh giá).',
    minEntries: 1,
    distinctDates: false,
    confirmedBy: ['BTV_DOAN_KHOI'],
    requires: {},
  },
];

/** Vietnamese names of the groups and roles, for messages, forms and sheets. */
export const GROUP_LABELS: Record<TaskGroup, string> = {
  BB: 'Nhiệm vụ bắt buộc',
  RL: 'Nhiệm vụ rèn luyện',
  TT: 'Nhiệm vụ thử thách',
};

export const ROLE_LABELS: Record<Role, string> = {
  BTV_DOAN_KHOI: 'Ban Thường vụ Đoàn Khối',
  CAP_UY: 'Cấp ủy đơn vị',
  BCH_CO_SO: 'Ban Chấp hành Đoàn cơ sở',
  TO: 'Tổ trưởng và giám sát viên tổ',
};
