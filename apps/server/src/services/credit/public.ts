import type { Database, Kysely } from '@crossgate/db';
import { ROLE_LABELS, type EnterpriseRole } from '@crossgate/domain';
import { ruleViolation } from '../../errors.ts';
import { findFiledProducts } from '../../repositories/filings.ts';
import { latestLevelsOf } from '../../repositories/credit.ts';
import { listedAmong } from '../../repositories/negative-list.ts';
import { searchPublicEnterprises } from '../../repositories/organisations.ts';
import { filingLabel } from './labels.ts';

/**
 * Public service queries (no login; mission.md: "check an enterprise's credit", trace a product): an
 * enterprise's filing status and public composite credit level by name or code, and a product's filing by
 * item number or barcode. Only what is public is shown: no scores' explanations, no events, no persons.
 */

export async function publicEnterprises(db: Kysely<Database>, q: string) {
  const text = q.trim();
  if (text.length < 2)
    throw ruleViolation([
      { code: 'QUERY_TOO_SHORT', field: 'q', rule: '请至少输入2个字符 (at least 2 characters)', actual: q },
    ]);
  const rows = await searchPublicEnterprises(db, text);
  const codes = rows.flatMap((r) => [r.code, r.uscc].filter((c): c is string => Boolean(c)));
  const [levels, listed] = await Promise.all([latestLevelsOf(db, codes), listedAmong(db, codes)]);
  return rows.map((r) => ({
    nameZh: r.name_zh,
    code: r.code,
    uscc: r.uscc,
    filingStatus: r.filing_status,
    filingStatusZh: filingLabel(r.filing_status),
    roles: r.enterprise_roles.map((role) => ROLE_LABELS[role as EnterpriseRole]?.zh ?? role),
    creditLevel: levels.get(r.code) ?? null,
    negativeListed: listed.has(r.code) || (r.uscc !== null && listed.has(r.uscc)),
  }));
}

export async function publicProducts(
  db: Kysely<Database>,
  by: { itemNo?: string | undefined; barcode?: string | undefined },
) {
  if (!by.itemNo && !by.barcode)
    throw ruleViolation([
      {
        code: 'QUERY_REQUIRED',
        field: 'itemNo',
        rule: '请输入商品货号或条形码 (give an item number or a barcode)',
      },
    ]);
  const rows = await findFiledProducts(db, {
    ...(by.itemNo ? { itemNo: by.itemNo } : {}),
    ...(by.barcode ? { barcode: by.barcode } : {}),
  });
  return rows.map((r) => ({
    itemNo: r.item_no,
    nameZh: r.name_zh,
    hsCode: r.hs_code,
    brand: r.brand,
    barcode: r.barcode,
    originCountry: r.origin_country,
    enterprise: r.org_name,
    enterpriseCode: r.org_code,
    filedAt: r.decided_at?.toISOString() ?? null,
  }));
}
