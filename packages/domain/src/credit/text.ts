import type { RuleError } from '../result.ts';

/**
 * Small text checks shared by the filing and credit rules. Not exported from the package: the wording of each
 * rule stays with the check that applies it, these only build the finding.
 */

/** Length in characters as a person counts them (code points, so 𠮷 counts once). */
export const charLength = (value: string): number => [...value].length;

/**
 * A required text of at most `max` characters: empty (or blank) gives `<code>_REQUIRED`, too long gives
 * `<code>_LENGTH`. `label` is the field's bilingual name, e.g. `企业中文名称 (enterprise name in Chinese)`.
 */
export function checkText(
  field: string,
  value: string | undefined,
  options: { code: string; label: { zh: string; en: string }; max: number; required: boolean },
): RuleError[] {
  const { code, label, max, required } = options;
  if (value === undefined || value.trim() === '') {
    if (!required) return [];
    return [
      {
        code: `${code}_REQUIRED`,
        field,
        rule: `${label.zh}不能为空 (${label.en} is required)`,
        expected: `1–${max} characters`,
        actual: value === undefined ? '(missing)' : '(empty)',
      },
    ];
  }
  const length = charLength(value);
  if (length > max) {
    return [
      {
        code: `${code}_LENGTH`,
        field,
        rule: `${label.zh}不能超过${max}个字符 (${label.en}: at most ${max} characters)`,
        expected: `≤ ${max} characters`,
        actual: `${length} characters`,
      },
    ];
  }
  return [];
}
