// POST /v1/registrations: register or amend a member's journey book for the year.
import type { YearConfig } from '../domain/config';
import { checkConsent, consentAfter } from '../domain/privacy';
import { checkRegistration, type RegisteredTasks } from '../domain/registration';
import { RegistrationBody } from './bodies';
import { yearsWith, type JourneyDoc } from '../model';
import type { AppContext, Caller, Outcome } from './context';
import { memberIdFor } from './ids';
import { rescore } from './journey';
import { planForRegistration } from './nominations';
import { submit } from './submission';
import { noticeVersionsOf, yearNotFound } from './year';
import { registrationNotice } from './mail/notices';
import { emptyResult } from '../domain/results';

/** The journey book of a first registration, before it is scored. */
function newJourney(
  body: RegistrationBody,
  memberId: string,
  registration: RegisteredTasks,
  submittedAt: Date,
): JourneyDoc {
  return {
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
    result: emptyResult(),
    party: { introducedAt: null, admittedAt: null, reference: null },
    consent: null,
    updatedAt: submittedAt.toISOString(),
  };
}

export function register(ctx: AppContext, raw: string, json: unknown, caller: Caller): Promise<Outcome> {
  return submit<typeof RegistrationBody, { config: YearConfig; notices: string[] }>(
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
          found: { config: await planForRegistration(ctx, plan, body.unit), notices: noticeVersionsOf(plan) },
        };
      },
      decide: async (tx, body, _now, { config, notices }) => {
        const memberId = memberIdFor(body.email);
        const existing = await tx.getJourney(body.year, memberId);
        const member = await tx.getMember(memberId);
        const submittedAt = new Date(body.submittedAt);
        const check = checkRegistration({ ...body, submittedAt }, config, existing);
        // Without consent nothing is registered: the submission is kept in the inbox with the reason, to answer the member.
        const consent = checkConsent(body.consent, notices);
        const violations = [...(consent.ok ? [] : consent.violations), ...(check.ok ? [] : check.violations)];
        if (!check.ok || !consent.ok) return { status: 'refused', errors: violations, id: existing ? memberId : null };
        const { registration } = check;
        const base = existing ?? newJourney(body, memberId, registration, submittedAt);
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
          consent: consentAfter(base.consent, consent.notice, submittedAt.toISOString()),
          updatedAt: ctx.clock().toISOString(),
        });
        const years = yearsWith(member, body.year);
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
