import type { TSummaryRun } from '@crossgate/contract';
import { addDays, beijingDate, monthRange, previousMonth, summaryDeadline } from '@crossgate/domain';
import { calendarBetween } from '../../repositories/export-summaries.ts';
import { systemContext, type Deps } from '../context.ts';
import { runMonthlySummary } from './declarations.ts';

/**
 * The summary deadline (海关总署公告2018年第194号): by the 15th of each month — the next working day when the
 * 15th is a holiday or rest day — last month's closed B-type inventories must be summarised. Enterprises
 * apply themselves with CEB701; on the deadline day the single window forms whatever is still left, so no
 * closed inventory misses its declaration. Idempotent: an inventory is summarised once.
 */
export async function runExportSchedule(deps: Deps, now: Date): Promise<TSummaryRun | undefined> {
  const today = beijingDate(now);
  const month = previousMonth(today);
  const { start, end } = monthRange(month);
  const deadline = summaryDeadline(month, await calendarBetween(deps.db, start, addDays(end, 60)));
  if (today < deadline) return undefined;
  const run = await runMonthlySummary(
    deps,
    systemContext(now),
    { month, summaryFlag: '1', itemNameFlag: '' },
    'schedule',
  );
  return run.summaries > 0 ? run : undefined;
}
