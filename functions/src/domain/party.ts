// Party status records (introduced for admission, admitted): the one rule their dates must keep.
import type { IsoDate } from './dates';
import { violation, type Violation } from './violations';

export interface PartyStatusInput {
  introducedAt?: IsoDate | undefined;
  admittedAt?: IsoDate | undefined;
}

/** Admission cannot precede the introduction for admission; either date may come alone. */
export function checkPartyStatus(input: PartyStatusInput, stored: PartyStatusInput = {}): Violation[] {
  const introducedAt = input.introducedAt ?? stored.introducedAt;
  const admittedAt = input.admittedAt ?? stored.admittedAt;
  if (introducedAt !== undefined && admittedAt !== undefined && admittedAt < introducedAt) {
    return [violation('admitted_before_introduced', 'admittedAt', {})];
  }
  return [];
}
