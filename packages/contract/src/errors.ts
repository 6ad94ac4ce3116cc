import { z } from 'zod';

/** One broken rule, named precisely enough that a clerk never has to guess (style.md). */
export const ZErrorDetail = z
  .object({
    field: z.string().describe('JSON path or CEB field of the value at fault'),
    rule: z.string().describe('the rule broken, with its source where one exists'),
    expected: z.string().optional(),
    actual: z.string().optional(),
  })
  .meta({ id: 'ErrorDetail' });
export type TErrorDetail = z.infer<typeof ZErrorDetail>;

/** The one error shape of every endpoint. */
export const ZError = z
  .object({
    code: z.string().describe('stable machine code, see docs/api/errors.md'),
    message: z.string().describe('human message in the language asked for by Accept-Language'),
    details: z.array(ZErrorDetail),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Error' });
export type TError = z.infer<typeof ZError>;

/**
 * Error codes with their HTTP status and messages in Chinese (default) and English. The CLI exits with the
 * same codes. Business-rule codes (USCC_CHECK_CHARACTER, RATE_PERIOD_OVERLAP …) appear as `details[].rule`
 * sources under VALIDATION_FAILED or RULE_VIOLATION.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: {
    status: 400,
    zh: '请求数据校验未通过，请按明细修改后重试',
    en: 'The request did not pass validation; see the details',
  },
  RULE_VIOLATION: {
    status: 422,
    zh: '业务规则校验未通过，请按明细修改后重试',
    en: 'A business rule refused the request; see the details',
  },
  MALFORMED_BODY: { status: 400, zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求体超过大小上限', en: 'The request body exceeds the size limit' },
  UNAUTHENTICATED: {
    status: 401,
    zh: '未登录或凭证无效，请登录或提供有效的 API 密钥',
    en: 'Not signed in, or the credentials are invalid',
  },
  LOGIN_FAILED: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  FORBIDDEN: { status: 403, zh: '当前角色无权执行此操作', en: 'Your role may not do this' },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '管理员要求您先修改密码，修改后才能继续使用',
    en: 'An administrator requires you to change your password before you go on',
  },
  NOT_FOUND: { status: 404, zh: '记录不存在或无权查看', en: 'No such record, or not yours to see' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持的请求方法', en: 'Method not allowed' },
  CONFLICT: { status: 409, zh: '与现有记录冲突', en: 'Conflicts with an existing record' },
  UPLOAD_TOO_LARGE: {
    status: 413,
    zh: '上传的文件或其解压后的内容超过大小上限',
    en: 'The uploaded file, or what it unpacks to, exceeds the size limit',
  },
  UPLOAD_TOO_MANY_ROWS: {
    status: 422,
    zh: '上传的表格行数超过上限（空行也计入）',
    en: 'The uploaded sheet has more rows than allowed (blank rows count)',
  },
  UPLOAD_TOO_COMPLEX: {
    status: 422,
    zh: '读取上传的文件超过了内存或时间上限，请精简文件后重试',
    en: 'Reading the uploaded file took more memory or time than allowed; simplify the file and try again',
  },
  UPLOAD_IN_PROGRESS: {
    status: 409,
    zh: '本企业已有一个上传正在处理，请等它完成后再上传',
    en: 'An upload of your enterprise is still being processed; upload again once it is done',
  },
  UPLOADS_BUSY: {
    status: 503,
    zh: '服务器正在处理其他上传，请稍后重试',
    en: 'The server is processing other uploads; try again shortly',
  },
  API_KEY_LIMIT_REACHED: {
    status: 409,
    zh: '本企业的有效 API 密钥已达上限，请先吊销不用的密钥',
    en: 'Your enterprise has the most active API keys allowed; revoke one it no longer uses first',
  },
  WEBHOOK_LIMIT_REACHED: {
    status: 409,
    zh: '本企业的回调地址已达上限，请先停用不用的回调',
    en: 'Your enterprise has the most webhooks allowed; disable one it no longer uses first',
  },
  RATE_LIMITED: {
    status: 429,
    zh: '请求过于频繁，已超过限额，请按 Retry-After 等待后重试',
    en: 'Too many requests: over the limit; retry after the Retry-After seconds',
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    zh: '数据库暂不可用，请稍后重试',
    en: 'The database is unavailable; try again shortly',
  },
  INTERNAL: {
    status: 500,
    zh: '系统内部错误，请联系管理员并提供请求编号',
    en: 'Internal error; contact the administrator with the request id',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;
export type ErrorCode = keyof typeof ERROR_CODES;

export type Language = 'zh-CN' | 'en';

/** Picks zh-CN or en from an Accept-Language header by quality; Chinese is the default. */
export function pickLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'zh-CN';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((x) => x.tag && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export function errorMessage(code: ErrorCode, language: Language): string {
  const entry = ERROR_CODES[code];
  return language === 'en' ? entry.en : entry.zh;
}
