/**
 * How the contract's instants read as Beijing time. Timestamps cross the API as UTC instants (ZTimestamp) and
 * days as Beijing calendar dates (ZIsoDate); clients that speak only the contract (the web app, the CLI) show
 * them with the platform's one Beijing-time helper (packages/domain/src/time/beijing.ts, decision 0032) rather
 * than a second implementation of the UTC+8 offset.
 */
export { beijingClock, formatBeijing } from '@crossgate/domain';
