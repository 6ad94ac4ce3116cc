/**
 * What a new password must be (docs/decisions/0022-closed-by-default.md), after NIST SP 800-63B §3.1.1.2: long
 * enough, not a commonly used or context-specific word, no composition rules beyond a floor of different
 * characters. Checked when a user changes their password, when an operator sets one (`crossgate users
 * reset-password`) and for `CROSSGATE_DEMO_PASSWORD`; the web app runs the same rules before it sends the form.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
/** Different characters at least: refuses `aaaaaaaaaaaa`, `121212121212`. */
export const PASSWORD_MIN_DISTINCT = 6;

export const PASSWORD_RULES = [
  'PASSWORD_TOO_SHORT',
  'PASSWORD_TOO_LONG',
  'PASSWORD_TOO_SIMPLE',
  'PASSWORD_CONTAINS_USERNAME',
  'PASSWORD_COMMON',
  'PASSWORD_UNCHANGED',
] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];

/** Each rule in Chinese and English, for refusals (`details[].rule`) and for the web form. */
export const PASSWORD_RULE_TEXT: Record<PasswordRule | 'CURRENT_PASSWORD_WRONG', { zh: string; en: string }> =
  {
    PASSWORD_TOO_SHORT: {
      zh: `新密码至少 ${PASSWORD_MIN_LENGTH} 个字符`,
      en: `at least ${PASSWORD_MIN_LENGTH} characters`,
    },
    PASSWORD_TOO_LONG: {
      zh: `新密码至多 ${PASSWORD_MAX_LENGTH} 个字符`,
      en: `at most ${PASSWORD_MAX_LENGTH} characters`,
    },
    PASSWORD_TOO_SIMPLE: {
      zh: `新密码至少包含 ${PASSWORD_MIN_DISTINCT} 个不同的字符`,
      en: `at least ${PASSWORD_MIN_DISTINCT} different characters`,
    },
    PASSWORD_CONTAINS_USERNAME: { zh: '新密码不得包含用户名', en: 'must not contain the username' },
    PASSWORD_COMMON: {
      zh: '新密码过于常见，容易被猜中（如 password、123456、键盘序列或本平台的名称）',
      en: 'too common to be safe (like password, 123456, a keyboard row or the platform’s name)',
    },
    PASSWORD_UNCHANGED: { zh: '新密码不得与当前密码相同', en: 'must differ from the current password' },
    CURRENT_PASSWORD_WRONG: { zh: '当前密码不正确', en: 'the current password is wrong' },
  };

/**
 * Words that make a password guessable whatever digits and signs surround them: the most used passwords
 * (letters only) and the names of this service and its first zone.
 */
const COMMON_WORDS = new Set([
  'password',
  'passwd',
  'passw',
  'pass',
  'qwerty',
  'qwertyuiop',
  'qwertyuiopasdfghjkl',
  'asdfgh',
  'asdfghjkl',
  'zxcvbn',
  'zxcvbnm',
  'qazwsx',
  'abc',
  'abcdef',
  'abcdefg',
  'admin',
  'administrator',
  'root',
  'welcome',
  'letmein',
  'changeme',
  'iloveyou',
  'woaini',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'master',
  'secret',
  'test',
  'demo',
  'user',
  'login',
  'crossgate',
  'singlewindow',
  'danyichuangkou',
  'kuajingdianshang',
  'jiaozuo',
]);
/** Runs a password may not be a piece of: digits, the alphabet, keyboard rows. */
const SEQUENCES = [
  '01234567890123456789',
  '98765432109876543210',
  'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz',
  'zyxwvutsrqponmlkjihgfedcbazyxwvutsrqponmlkjihgfedcba',
  'qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
];

/**
 * The rules a candidate password breaks, none when it is acceptable. `username`: the account's (refused inside
 * the password); `current`: the password being replaced (refused as the new one).
 */
export function passwordProblems(
  password: string,
  context: { username?: string | undefined; current?: string | undefined } = {},
): PasswordRule[] {
  const problems: PasswordRule[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('PASSWORD_TOO_SHORT');
  if (length > PASSWORD_MAX_LENGTH) problems.push('PASSWORD_TOO_LONG');
  if (new Set(password).size < PASSWORD_MIN_DISTINCT) problems.push('PASSWORD_TOO_SIMPLE');
  const lower = password.toLowerCase();
  const username = context.username?.toLowerCase();
  if (username && username.length >= 3 && lower.includes(username))
    problems.push('PASSWORD_CONTAINS_USERNAME');
  const letters = lower.replace(/[^a-z]/g, '');
  if (
    COMMON_WORDS.has(letters) ||
    COMMON_WORDS.has(letters.replace(/^(.+?)\1+$/, '$1')) ||
    SEQUENCES.some((s) => s.includes(lower))
  )
    problems.push('PASSWORD_COMMON');
  if (context.current !== undefined && password === context.current) problems.push('PASSWORD_UNCHANGED');
  return problems;
}

/** The Chinese and English of a rule in one line, as the API writes `details[].rule`: `CODE: 中文 (English)`. */
export const passwordRuleLine = (rule: keyof typeof PASSWORD_RULE_TEXT): string =>
  `${rule}: ${PASSWORD_RULE_TEXT[rule].zh} (${PASSWORD_RULE_TEXT[rule].en})`;

const GENERATED_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A strong password for a generated account (the demo users of one install): four groups of five characters
 * from 56 unambiguous letters and digits (about 116 bits), e.g. `Xk7pq-M3vTz-…`. `randomInt` is the caller's
 * cryptographic source (node:crypto's randomInt), so the domain stays free of I/O.
 */
export function generatePassword(randomInt: (max: number) => number): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () =>
      Array.from({ length: 5 }, () => GENERATED_ALPHABET[randomInt(GENERATED_ALPHABET.length)]).join(''),
    );
    const password = groups.join('-');
    if (passwordProblems(password).length === 0) return password;
  }
}
