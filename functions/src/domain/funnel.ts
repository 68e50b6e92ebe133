// The party funnel per unit and year (SPEC §2 Party admission): nominated → registered → completed → camp → introduced → admitted.
import type { YearConfig } from './config';
import { normalizeName } from './text';

export interface FunnelMember {
  email: string;
  unitId: string;
  registered: boolean;
  completed: boolean;
  camp: boolean;
  introducedAt: string | null;
  admittedAt: string | null;
}

export interface FunnelRow {
  unitId: string;
  unitName: string;
  nominated: number;
  registered: number;
  completed: number;
  camp: number;
  introduced: number;
  admitted: number;
  /** admitted / nominated, the rate the plan aims to raise (I.1); null when nobody was nominated. */
  admissionRate: number | null;
}

/**
 * Counts each stage per unit. Nominated is the unit's nominee list when it has one, otherwise
 * everyone who registered or was otherwise recorded from that unit.
 */
export function partyFunnel(config: YearConfig, members: readonly FunnelMember[]): FunnelRow[] {
  return config.units.map((unit) => {
    const ofUnit = members.filter((m) => m.unitId === unit.id);
    const known = new Set(ofUnit.map((m) => normalizeName(m.email)));
    const nominated = unit.nominees ? new Set([...unit.nominees.map(normalizeName)]).size : known.size;
    const admitted = ofUnit.filter((m) => m.admittedAt !== null).length;
    return {
      unitId: unit.id,
      unitName: unit.name,
      nominated,
      registered: ofUnit.filter((m) => m.registered).length,
      completed: ofUnit.filter((m) => m.completed).length,
      camp: ofUnit.filter((m) => m.camp).length,
      introduced: ofUnit.filter((m) => m.introducedAt !== null).length,
      admitted,
      admissionRate: nominated === 0 ? null : admitted / nominated,
    };
  });
}
