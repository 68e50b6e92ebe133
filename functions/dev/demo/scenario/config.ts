// The year's plan the demo sends first: its units with their evaluators, the groups with their leaders, the committee.
import { DEFAULT_PRIVACY_NOTICE, noticeVersion } from '../../../src/domain/privacy';
import { BTV, bchOf, capUyOf, DIGEST_TO, GROUPS, OUTSIDERS, PHASE, UNITS, YEAR } from '../data/roster';
import { roster } from './members';
import type { DemoMember } from './plan';
import { demoRandom } from './random';

/**
 * The consent every demo member gives in the registration form: to the notice the demo's plans carry (the default one,
 * as none of them sets `privacy`).
 */
export const DEMO_CONSENT = { notice: noticeVersion(DEFAULT_PRIVACY_NOTICE), given: true } as const;

function buildConfig(
  members: readonly DemoMember[],
  leaders: ReadonlyMap<string, DemoMember>,
): Record<string, unknown> {
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

/** The plan of the demo year, as a body for PUT /v1/years/2019/config. */
export function demoConfig(): Record<string, unknown> {
  const { members, leaders } = roster(demoRandom());
  return buildConfig(members, leaders);
}
