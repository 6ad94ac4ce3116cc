/**
 * Document numbers the single window assigns in the place of the e-port and customs (ceb-reference §10). A
 * malformed argument is a bug in the caller (the serial comes from a sequence, the date from the clock), so
 * these throw rather than return a refusal.
 */

const MAX_SERIAL = 999_999_999;

function serial9(serial: number): string {
  if (!Number.isInteger(serial) || serial < 0 || serial > MAX_SERIAL) {
    throw new RangeError(`serial must be an integer from 0 to ${MAX_SERIAL}, got ${serial}`);
  }
  return String(serial).padStart(9, '0');
}

function isCalendarDate(yyyymmdd: string): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/**
 * E-port pre-entry number of an inventory (CEB621/622 `preNo`, C18): `B` + declaration date yyyymmdd + a
 * 9-digit serial, e.g. `B20230807570793612` (spec 202205 CEB621 InventoryHead.preNo).
 */
export function formatPreNo(date: string, serial: number): string {
  if (!isCalendarDate(date)) throw new RangeError(`date must be a calendar date YYYYMMDD, got ${date}`);
  return `B${date}${serial9(serial)}`;
}

/**
 * Customs inventory number (CEB622 / CEB604 `invtNo`): 4-digit customs office (JGS/T 18) + 4-digit year +
 * `I` (import) or `E` (export) + 9-digit serial, e.g. `29242020I439440284` (spec 202205 TaxHeadRd.invtNo and
 * export InventoryHead.invtNo: 4位关区+4位年+1位进出口标记+9位流水号).
 */
export function formatInvtNo(
  customsCode: string,
  year: string,
  serial: number,
  ieFlag: 'I' | 'E' = 'I',
): string {
  return numberOf(customsCode, year, ieFlag, serial);
}

function numberOf(customsCode: string, year: string, mark: string, serial: number): string {
  if (!/^\d{4}$/.test(customsCode)) throw new RangeError(`customsCode must be 4 digits, got ${customsCode}`);
  if (!/^\d{4}$/.test(year)) throw new RangeError(`year must be 4 digits, got ${year}`);
  return `${customsCode}${year}${mark}${serial9(serial)}`;
}

/**
 * Summary application number (CEB702 / CEB792 `sumNo`, C18 "海关反馈生成"). The spec fixes only the length;
 * our convention follows the inventory number: customs office + year + `S` + 9-digit serial.
 */
export function formatSumNo(customsCode: string, year: string, serial: number): string {
  return numberOf(customsCode, year, 'S', serial);
}

/**
 * 汇总统一编号 of one resulting export declaration (CEB792 `declSeqNo`, C18 "海关生成唯一对应报关单"). Only the
 * length is fixed by the spec; our convention: customs office + year + `D` + 9-digit serial.
 */
export function formatDeclSeqNo(customsCode: string, year: string, serial: number): string {
  return numberOf(customsCode, year, 'D', serial);
}

/**
 * Electronic tax bill number (CEB816 `taxNo`, C..50). The spec fixes only the length, so this is our own
 * convention: the inventory number, `_`, and the bill's sequence for that inventory (1 for the first bill, 2
 * for a bill issued after a correction).
 */
export function formatTaxNo(invtNo: string, seq: number): string {
  if (!/^\d{8}I\d{9}$/.test(invtNo))
    throw new RangeError(`invtNo must be an import inventory number, got ${invtNo}`);
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw new RangeError(`seq must be a positive integer, got ${seq}`);
  return `${invtNo}_${seq}`;
}
