// After the camp: the best members introduced for admission to the Party in November, the first admitted in December.
import { YEAR } from '../data/roster';
import { pad } from './calendar';
import type { PlannedRequest } from './plan';

/** A camp nominee, as the year's results list them (best first). */
export interface Nominee {
  memberId: string;
  fullName: string;
}

/** The party-status requests for the year's camp: the first six introduced on successive days from 12/11, the first of them admitted on 19/12. */
export function partyRequests(camp: readonly Nominee[]): {
  introductions: PlannedRequest[];
  admission: PlannedRequest | null;
} {
  const introduced = camp.slice(0, 6);
  const introductions = introduced.map((m, i) => ({
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
  }));
  const admitted = introduced[0];
  const admission = admitted
    ? {
        what: `kết nạp Đảng ${admitted.fullName}`,
        method: 'POST',
        path: '/v1/party-status',
        body: {
          editId: `party-2019-admit-${admitted.memberId}`,
          memberId: admitted.memberId,
          year: YEAR,
          admittedAt: '2019-12-19',
          reference: 'Quyết định kết nạp đảng viên số 1245-QĐ/ĐU',
        },
      }
    : null;
  return { introductions, admission };
}
