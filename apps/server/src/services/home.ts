import type { THome, THomeTodo } from '@crossgate/contract';
import { scopeFor } from '@crossgate/domain';
import {
  exportStatusCounts,
  filingStatusCounts,
  importStatusCounts,
  negativeListInForce,
  productStatusCounts,
  recentExports,
  recentImports,
  type Party,
} from '../repositories/home.ts';
import type { Deps, RequestContext } from './context.ts';
import { viewerOf } from './parcel-visibility.ts';

const RECENT = 5;

/** Import statuses an officer decides: manual review (300) and inspection (500). */
const IMPORT_REVIEW = ['300', '500'];
/** Export statuses waiting on customs: the arrival (400) of an office that releases on arrival. */
const EXPORT_WAITING = ['400'];
/** A refused inventory: 退单 (100) or a refusal code of the receipt (negative statuses). */
const refused = (status: string) => status === '100' || status.startsWith('-');

const sum = (rows: { status: string; n: number }[], pick: (status: string) => boolean) =>
  rows.filter((r) => pick(r.status)).reduce((n, r) => n + r.n, 0);

/**
 * The home page of the signed-in actor (issue 17): to-do counts and the parcels changed last, in the actor's scope.
 * Every count is one grouped query over the scope; what the actor may not read is not counted at all.
 */
export async function homeOf(deps: Deps, ctx: RequestContext): Promise<THome> {
  const { actor } = ctx;
  const audience: THome['audience'] =
    actor.orgKind === 'enterprise'
      ? 'enterprise'
      : actor.orgKind === 'zone_office'
        ? 'zone'
        : actor.orgKind === 'agency' && actor.agencyType === 'customs'
          ? 'customs'
          : actor.orgKind === 'agency'
            ? 'agency'
            : 'other';
  const sees = (resource: Parameters<typeof scopeFor>[1], action: 'read' | 'update' = 'read') =>
    scopeFor(actor, resource, action).kind;
  const importScope = sees('import_document');
  const exportScope = sees('export_document');
  const importParty: Party | undefined =
    importScope === 'none' ? undefined : await viewerOf(deps, ctx, 'import_document');
  const exportParty: Party | undefined =
    exportScope === 'none' ? undefined : await viewerOf(deps, ctx, 'export_document');
  const filingScope = sees('filing');
  const productScope = sees('product');
  const [imports, exports, filings, products, negative, recentIn, recentOut] = await Promise.all([
    importParty === undefined ? [] : importStatusCounts(deps.db, importParty),
    exportParty === undefined ? [] : exportStatusCounts(deps.db, exportParty),
    filingScope === 'none' ? [] : filingStatusCounts(deps.db, filingScope === 'own' ? actor.orgId : null),
    productScope === 'none' ? [] : productStatusCounts(deps.db, productScope === 'own' ? actor.orgId : null),
    sees('negative_list') === 'none' ? null : negativeListInForce(deps.db),
    importParty === undefined ? [] : recentImports(deps.db, importParty, RECENT),
    exportParty === undefined ? [] : recentExports(deps.db, exportParty, RECENT),
  ]);
  const todos: THomeTodo[] = [];
  const add = (key: THomeTodo['key'], count: number, path: string) => todos.push({ key, count, path });
  const unsummarised = exports.reduce((n, r) => n + r.unsummarised, 0);
  if (audience === 'enterprise') {
    add('importRefused', sum(imports, refused), '/enterprise/import');
    add('exportRefused', sum(exports, refused), '/enterprise/export');
    add(
      'importInspection',
      sum(imports, (s) => IMPORT_REVIEW.includes(s)),
      '/enterprise/import',
    );
    add(
      'filingToFix',
      sum(filings, (s) => s === 'rejected' || s === 'draft'),
      '/enterprise/filing',
    );
    add(
      'productsRejected',
      sum(products, (s) => s === 'rejected'),
      '/enterprise/products',
    );
    add('summariesDue', unsummarised, '/enterprise/summaries');
  } else {
    if (importParty !== undefined)
      add(
        'importReview',
        sum(imports, (s) => IMPORT_REVIEW.includes(s)),
        '/customs/queue',
      );
    if (exportParty !== undefined && audience === 'customs')
      add(
        'exportWaiting',
        sum(exports, (s) => EXPORT_WAITING.includes(s)),
        '/customs/queue',
      );
    if (filingScope === 'all') {
      add(
        'enterpriseFilings',
        sum(filings, (s) => s === 'submitted'),
        '/customs/filings',
      );
      add(
        'productFilings',
        sum(products, (s) => s === 'submitted'),
        '/customs/filings?tab=products',
      );
    }
    if (sees('export_summary') === 'all') add('summariesDue', unsummarised, '/customs/declarations');
    if (negative !== null) add('negativeList', negative, '/customs/negative-list');
  }
  const recent = [
    ...recentIn.map((r) => ({ direction: 'import' as const, ...r })),
    ...recentOut.map((r) => ({ direction: 'export' as const, ...r })),
  ]
    .sort((a, b) => b.updated_at.getTime() - a.updated_at.getTime())
    .slice(0, RECENT)
    .map((r) => ({
      direction: r.direction,
      id: r.id,
      invtNo: r.invt_no,
      orderNo: r.order_no,
      logisticsNo: r.logistics_no,
      status: r.status,
      updatedAt: r.updated_at.toISOString(),
    }));
  return { audience, todos, recent };
}
