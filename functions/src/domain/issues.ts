// Validation failures in words a member understands: what is wrong with a field, in Vietnamese, whatever the validator said.

/** The parts of a validation issue (zod's shape) the wording needs. */
export interface IssueLike {
  code: string;
  message: string;
  input?: unknown;
  path: readonly PropertyKey[];
}

const VIETNAMESE = /[À-ỹ]/u;

/** What is wrong, in Vietnamese: the schema's own message when it wrote one in Vietnamese, else by the kind of issue. */
export function issueDetail(issue: IssueLike): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'bắt buộc phải điền.';
  if (issue.code === 'invalid_type') return 'sai kiểu dữ liệu.';
  if (VIETNAMESE.test(issue.message)) return `${issue.message.replace(/\.$/, '')}.`;
  if (issue.code === 'too_small') return 'chưa được điền.';
  if (issue.code === 'too_big') return 'quá dài.';
  if (issue.code === 'invalid_value') return 'giá trị không nằm trong danh sách cho phép.';
  if (issue.code === 'unrecognized_keys') return 'có mục không thuộc mẫu.';
  return 'giá trị không hợp lệ.';
}

/**
 * Where inside a field the issue is, for nested values such as a plan's units: `units.0.evaluators.CAP_UY.1`
 * reads "mục thứ 1 › evaluators › CAP_UY › mục thứ 2"; empty for a top-level field.
 */
export function issuePlace(path: readonly PropertyKey[]): string {
  return path
    .slice(1)
    .map((key) => (typeof key === 'number' ? `mục thứ ${key + 1}` : String(key)))
    .join(' › ');
}
