// getIamPolicy and setIamPolicy as every Google API answers them: the policy with an etag; a set with a stale etag is refused.
import { bodyOf, googleError, ok, type FakeAnswer, type FakeRequest } from '../http';
import { nextEtag, type Policy } from '../project';

export function getPolicy(policy: Policy): FakeAnswer {
  return ok(policy);
}

/**
 * Replaces `holder.policy` with the request's `policy` (etag checked, a new one given). `refuse` may turn a policy down
 * the way an organisation policy does (an answer), before anything changes.
 */
export function setPolicy(
  request: FakeRequest,
  holder: { policy: Policy },
  refuse?: (policy: Policy) => FakeAnswer | undefined,
): FakeAnswer {
  const wanted = bodyOf(request).policy as Partial<Policy> | undefined;
  if (!wanted) return googleError(400, 'policy is required');
  if (wanted.etag !== undefined && wanted.etag !== holder.policy.etag) {
    return googleError(
      409,
      'There were concurrent policy changes. Please retry the whole read-modify-write with exponential backoff.',
      'ABORTED',
    );
  }
  const next: Policy = {
    version: wanted.version ?? 1,
    etag: nextEtag(),
    bindings: (wanted.bindings ?? []).map((b) => ({ ...b, members: [...b.members] })),
  };
  const refusal = refuse?.(next);
  if (refusal) return refusal;
  holder.policy = next;
  return ok(next);
}
