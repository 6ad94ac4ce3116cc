import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client.ts';

/** `contacts[0].phone` → ['contacts', 0, 'phone']; `declarationElements.品牌类型` stays one name after the first. */
export function fieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of field.split('.')) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    out.push(m[1] ?? part);
    for (const idx of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/**
 * Puts a refusal's details on the form fields they name (as well as the ErrorState above the form), so the
 * clerk sees each problem next to the field. `rename` maps a server field to the form's own name path.
 */
export function showFieldErrors(
  form: FormInstance,
  error: unknown,
  rename: (path: (string | number)[]) => (string | number)[] | undefined = (p) => p,
): void {
  if (!(error instanceof ApiError)) return;
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const d of error.details) {
    const name = rename(fieldPath(d.field));
    if (!name) continue;
    const key = JSON.stringify(name);
    const text = `${d.rule}${d.expected ? ` — ${d.expected}` : ''}${d.actual ? ` (${d.actual})` : ''}`;
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(text);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map((f) => ({ name: f.name, errors: f.errors })));
}

/** GS1 check digit of an EAN-8, UPC-A, EAN-13 or GTIN-14. */
export function validBarcode(code: string): boolean {
  if (code === '无') return true;
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(code)) return false;
  const digits = code.split('').map(Number);
  const check = digits.pop();
  let sum = 0;
  for (let i = digits.length - 1, w = 3; i >= 0; i--, w = 4 - w) sum += (digits[i] ?? 0) * w;
  return (10 - (sum % 10)) % 10 === check;
}

/** SHA-256 of a file, lower-case hex (what the filing's documents carry). */
export async function sha256Of(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
