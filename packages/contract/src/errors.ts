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
    zh: '填写的内容有误：请按下方提示逐项修改后再提交',
    en: 'Some of what you entered is not right: correct each item listed below and submit again',
  },
  RULE_VIOLATION: {
    status: 422,
    zh: '不符合业务规则，未能办理：请按下方提示修改后再提交',
    en: 'This breaks a business rule and was not done: correct what is listed below and submit again',
  },
  MALFORMED_BODY: {
    status: 400,
    zh: '提交的数据无法读取：请刷新页面后重试；通过系统对接提交时，请检查报文是否完整',
    en: 'What was sent could not be read: reload the page and try again; if your software sent it, check that the message is complete',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '不支持这种文件或数据类型：请按页面说明上传或提交规定格式的文件',
    en: 'This kind of file or data is not accepted: upload or send the format the page asks for',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    zh: '文件过大：请缩小文件或分批提交',
    en: 'The file is too large: make it smaller or send it in parts',
  },
  UNAUTHENTICATED: {
    status: 401,
    zh: '您尚未登录或登录已过期：请重新登录；系统对接时请检查接口密钥是否有效',
    en: 'You are not signed in, or your sign-in has expired: sign in again; for system links, check that the API key is valid',
  },
  LOGIN_FAILED: {
    status: 401,
    zh: '用户名或密码错误：请检查后重新输入；忘记密码请联系本单位管理员',
    en: 'Wrong username or password: check them and try again; if you forgot the password, ask your administrator',
  },
  FORBIDDEN: {
    status: 403,
    zh: '您的账号没有办理此项业务的权限：如确需办理，请联系本单位管理员开通',
    en: 'Your account may not do this: ask your administrator if you need it',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '管理员要求您先修改密码，修改后才能继续使用',
    en: 'An administrator requires you to change your password before you go on',
  },
  NOT_FOUND: {
    status: 404,
    zh: '没有找到这条记录，或您无权查看：请核对编号后重试',
    en: 'No such record, or it is not yours to see: check the number and try again',
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    zh: '访问的地址不存在：请从菜单进入，或检查系统对接的地址',
    en: 'This address does not exist: use the menu, or check the address your software calls',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    zh: '不支持这种操作方式：请从页面上的按钮办理',
    en: 'This kind of request is not supported here: use the buttons on the page',
  },
  CONFLICT: {
    status: 409,
    zh: '与已有记录重复或冲突：请核对编号，或刷新页面查看最新状态后再办理',
    en: 'This repeats or contradicts an existing record: check the number, or reload to see the latest state',
  },
  UPLOAD_TOO_LARGE: {
    status: 413,
    zh: '上传的文件过大（或解压后过大）：请删去多余内容或分批上传',
    en: 'The uploaded file, or what it unpacks to, is too large: remove what is not needed or upload in parts',
  },
  UPLOAD_TOO_MANY_ROWS: {
    status: 422,
    zh: '上传的表格行数过多（空行也计入）：请删去空行或分批上传',
    en: 'The uploaded sheet has too many rows (blank rows count): delete blank rows or upload in parts',
  },
  UPLOAD_TOO_COMPLEX: {
    status: 422,
    zh: '上传的文件过于复杂，读取超时：请删去多余的工作表、格式和图片后重试',
    en: 'Reading the uploaded file took too long: remove extra sheets, formatting and pictures and try again',
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
    zh: '本企业的有效接口密钥已达上限，请先吊销不用的密钥',
    en: 'Your enterprise has the most active API keys allowed; revoke one it no longer uses first',
  },
  WEBHOOK_LIMIT_REACHED: {
    status: 409,
    zh: '本企业的回调地址已达上限，请先停用不用的回调',
    en: 'Your enterprise has the most webhooks allowed; disable one it no longer uses first',
  },
  RATE_LIMITED: {
    status: 429,
    zh: '操作过于频繁：请稍等片刻再试',
    en: 'Too many requests: wait a moment and try again',
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    zh: '系统暂时无法访问数据，请稍后重试',
    en: 'The system cannot reach its data right now; try again shortly',
  },
  INTERNAL: {
    status: 500,
    zh: '系统内部错误：请稍后重试；如仍出错，请联系管理员并提供下方的请求编号',
    en: 'Something went wrong on our side: try again later; if it persists, give the administrator the request number below',
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
