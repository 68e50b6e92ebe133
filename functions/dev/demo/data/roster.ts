// The demo's bloc: its base unions, the groups by cluster, the committee and three people outside the roster.

export const YEAR = 2019;
export const PHASE = '2018-2022';

export interface DemoUnit {
  id: string;
  name: string;
  cluster: string;
  groupId: string;
  size: number;
  slug: string;
}

export const UNITS: readonly DemoUnit[] = [
  { id: 'SNV', name: 'Đoàn Sở Nội vụ', cluster: 'Cụm 1 – Nội chính, Tư pháp', groupId: 'TO1', size: 8, slug: 'snv' },
  { id: 'STP', name: 'Đoàn Sở Tư pháp', cluster: 'Cụm 1 – Nội chính, Tư pháp', groupId: 'TO1', size: 6, slug: 'stp' },
  {
    id: 'VPUBND',
    name: 'Đoàn Văn phòng UBND Thành phố',
    cluster: 'Cụm 2 – Văn phòng, Báo chí',
    groupId: 'TO2',
    size: 7,
    slug: 'vpubnd',
  },
  {
    id: 'SGGP',
    name: 'Đoàn Báo Sài Gòn Giải Phóng',
    cluster: 'Cụm 2 – Văn phòng, Báo chí',
    groupId: 'TO2',
    size: 7,
    slug: 'sggp',
  },
  {
    id: 'MTTQ',
    name: 'Đoàn Ủy ban MTTQ Việt Nam TP',
    cluster: 'Cụm 3 – Mặt trận, Đoàn thể',
    groupId: 'TO3',
    size: 6,
    slug: 'mttq',
  },
  {
    id: 'LDLD',
    name: 'Đoàn Liên đoàn Lao động Thành phố',
    cluster: 'Cụm 3 – Mặt trận, Đoàn thể',
    groupId: 'TO3',
    size: 6,
    slug: 'ldld',
  },
];

export const GROUPS = [
  {
    id: 'TO1',
    name: 'Tổ 1 – Cụm Nội chính, Tư pháp',
    cluster: 'Cụm 1 – Nội chính, Tư pháp',
    supervisor: 'giamsat.cum1@example.vn',
  },
  {
    id: 'TO2',
    name: 'Tổ 2 – Cụm Văn phòng, Báo chí',
    cluster: 'Cụm 2 – Văn phòng, Báo chí',
    supervisor: 'giamsat.cum2@example.vn',
  },
  {
    id: 'TO3',
    name: 'Tổ 3 – Cụm Mặt trận, Đoàn thể',
    cluster: 'Cụm 3 – Mặt trận, Đoàn thể',
    supervisor: 'giamsat.cum3@example.vn',
  },
] as const;

export const BTV = ['btv.doankhoi@example.vn', 'bantochuc.doankhoi@example.vn'] as const;
export const DIGEST_TO = ['btv.doankhoi@example.vn', 'vanphong.doankhoi@example.vn'] as const;

export const bchOf = (u: DemoUnit): string[] => [`bch.${u.slug}@example.vn`, `bithu.${u.slug}@example.vn`];
export const capUyOf = (u: DemoUnit): string => `capuy.${u.slug}@example.vn`;

/**
 * Addresses the demo uses for people outside the roster (a late registration, a member not nominated, one who sends the
 * form without consenting, a nominee who never registers).
 */
export const OUTSIDERS = {
  late: 'khoa.tm.snv@example.vn',
  noConsent: 'minh.pq.snv@example.vn',
  notNominated: 'nhi.lb.stp@example.vn',
  silentNominee: 'tuyet.nt.stp@example.vn',
} as const;

/** A group's name as members choose it on the registration form. */
export function groupName(id: string | null): string | undefined {
  return GROUPS.find((g) => g.id === id)?.name;
}
