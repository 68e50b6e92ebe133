// POST /v1/registrations: register or amend a member's journey book for the year.
import type { YearConfig } from '../domain/config';
import { checkRegistration } from '../domain/registration';
import { RegistrationBody } from './bodies';
import type { JourneyDoc } from '../model';
import type { AppContext, Caller, Outcome } from './context';
import { memberIdFor } from './ids';
import { rescore } from './journey';
import { planForRegistration } from './nominations';
import { submit } from './submission';
import { yearNotFound } from './year';
import { registrationNotice } from './mail/notices';

export function register(ctx: AppContext, raw: string, json: unknown, caller: Caller): Promise<Outcome> {
  return submit<typeof RegistrationBody, YearConfig>(
    ctx,
    { kind: 'registration', raw, json, caller },
    {
      schema: RegistrationBody,
      keyOf: (b) => b.responseId,
      action: 'registration',
      locate: async (body) => {
        const plan = await ctx.store.getYear(body.year);
        if (!plan) return { refused: [yearNotFound(body.year)], year: body.year };
        // The unit's nominee list in force: the plan's, or the base union's own "Đề cử" tab when it is later.
        return {
          year: body.year,
          email: body.email,
          lockKey: memberIdFor(body.email),
          found: await planForRegistration(ctx, plan, body.unit),
        };
      },
      decide: async (tx, body, _now, config) => {
        const memberId = memberIdFor(body.email);
        const existing = await tx.getJourney(body.year, memberId);
        const member = await tx.getMember(memberId);
        const submittedAt = new Date(body.submittedAt);
        const check = checkRegistration({ ...body, submittedAt }, config, existing);
        if (!check.ok) return { status: 'refused', errors: check.violations, id: existing ? memberId : null };
        const { registration } = check;
        const base: JourneyDoc = existing ?? {
          year: body.year,
          memberId,
          email: body.email,
          fullName: body.fullName,
          dateOfBirth: null,
          phone: null,
          unitId: registration.unitId,
          groupId: registration.groupId,
          training: [],
          challenge: [],
          registeredAt: submittedAt.toISOString(),
          amendedAt: null,
          entries: [],
          result: {
            tasks: {},
            done: { BB: 0, RL: 0, TT: 0 },
            completed: false,
            completedAt: null,
            grade: 'chua_dat',
            points: 0,
          },
          party: { introducedAt: null, admittedAt: null, reference: null },
          updatedAt: submittedAt.toISOString(),
        };
        const journey = rescore(config, {
          ...base,
          fullName: body.fullName,
          dateOfBirth: body.dateOfBirth ?? base.dateOfBirth,
          phone: body.phone ?? base.phone,
          unitId: registration.unitId,
          groupId: registration.groupId,
          training: [...registration.training],
          challenge: [...registration.challenge],
          amendedAt: existing ? submittedAt.toISOString() : null,
          updatedAt: ctx.clock().toISOString(),
        });
        const years = [...new Set([...(member?.years ?? []), body.year])].sort((a, b) => a - b);
        return {
          status: 'accepted',
          id: memberId,
          writes: (w) => {
            w.putJourney(journey);
            w.putMember({
              memberId,
              email: body.email,
              fullName: body.fullName,
              dateOfBirth: journey.dateOfBirth,
              phone: journey.phone,
              years,
              party: member?.party ?? { introducedAt: null, admittedAt: null, reference: null },
              updatedAt: journey.updatedAt,
            });
          },
          changes: [{ kind: 'journey', year: body.year, memberId }],
          notice: registrationNotice(config, journey, existing !== undefined),
        };
      },
    },
  );
}
