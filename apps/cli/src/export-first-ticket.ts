import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defaultOutputDir } from './reach.ts';
import {
  buildExportArrival,
  buildExportDeparture,
  buildExportParcel,
  buildSummaryApply,
  EXPORT_CATALOGUE,
  type ExportParcelSpec,
} from '@crossgate/ceb';
import type { TExportDeclaration, TExportDeclarationDetail, TPage, TReceiptFeed } from '@crossgate/contract';
import {
  call,
  connect,
  FeedFollower,
  HttpError,
  registerSigningKey,
  revokeKeys,
  type Passwords,
  type Session,
} from './load-client.ts';

export interface TimelineStep {
  at: Date;
  actor: string;
  message: string;
  status: string;
  info: string;
}

export interface FirstTicketReport {
  timeline: TimelineStep[];
  invtNo: string;
  sumNo: string;
  declSeqNo: string;
  certificatePath: string;
  verifyUrl: string;
  verified: boolean;
}

const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? '';

/**
 * Jiaozuo's first export milestone (seed §一(三)1 "走通焦作市跨境电子商务出口通关第一票"), run end to end over
 * HTTP against a running platform as the demo enterprises: a 9610 retail parcel to Lima, Peru (焦作利马
 * "两国双园") — order, receipt of payment, waybill, inventory; arrival at the supervised site, release,
 * departure; the monthly summary applied for (CEB701) and formed; the declaration certificate downloaded and
 * verified through its public page. Every step's receipt goes into the timeline.
 */
export async function exportFirstTicket(
  base: string,
  o: { password: Passwords; out?: string | undefined; outDir?: string | undefined },
  log: (line: string) => void,
): Promise<FirstTicketReport> {
  const url = base.replace(/\/$/, '');
  const sessions: Record<string, Session> = {};
  for (const user of ['platform', 'seller', 'payment', 'logistics', 'agent', 'warehouse'])
    sessions[user] = await connect(url, user, o.password);
  const s = (user: string) => sessions[user] as Session;
  const timeline: TimelineStep[] = [];
  const feed = new FeedFollower(url, s('agent').key.secret);
  await feed.skipToEnd();
  try {
    // The declarations the spec says are signed (inventory, arrival, departure, summary application) are
    // signed with keys registered for the run (signatures are required by default, decision 0024).
    const agentKey = await registerSigningKey(url, s('agent'), 'FIRST-TICKET');
    const warehouseKey = await registerSigningKey(url, s('warehouse'), 'FIRST-TICKET');
    const logisticsKey = await registerSigningKey(url, s('logistics'), 'FIRST-TICKET');
    const id = randomBytes(4).toString('hex').toUpperCase();
    const goods = (itemNo: string) => EXPORT_CATALOGUE.find((c) => c.itemNo === itemNo);
    const spec: ExportParcelSpec = {
      now: new Date(),
      tradeMode: '9610',
      statisticsFlag: 'B',
      customsCode: '4614',
      portCode: '4614',
      country: '434',
      orderNo: `JZ-FIRST-${id}`,
      logisticsNo: `JZE${id}`,
      copNo: `JZFT${id}`,
      platform: s('platform').party,
      seller: s('seller').party,
      payment: s('payment').party,
      logistics: s('logistics').party,
      agent: s('agent').party,
      items: [
        { ...(goods('EX-TEXTILE-01') as ExportParcelSpec['items'][number]), qty: '20', qty1: '20' },
        { ...(goods('EX-TOY-01') as ExportParcelSpec['items'][number]), qty: '10', qty1: '10' },
      ],
      freight: '85.00',
      insuredFee: '0',
      agentKey,
    };

    /** Posts one message as a party and records its synchronous receipt. */
    const post = async (user: string, label: string, xml: string) => {
      const sentAt = new Date();
      const res = await fetch(`${url}/ceb/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s(user).key.secret}`, 'content-type': 'application/xml' },
        body: xml,
      });
      const body = await res.text();
      if (res.status !== 200) throw new HttpError(res.status, body);
      const step = {
        at: sentAt,
        actor: s(user).party.name,
        message: label,
        status: tag(body, 'returnStatus'),
        info: tag(body, 'returnInfo'),
      };
      timeline.push(step);
      log(`  ${step.status.padStart(4)}  ${label}`);
      if (step.status.startsWith('-')) throw new Error(`${label} was refused: ${step.info}`);
      return body;
    };
    /** Reads the agent's feed: what customs sent back since the last read. */
    const drain = async () => {
      const out: TReceiptFeed['receipts'] = [];
      for (;;) {
        const page = await feed.page();
        if (page.receipts.length === 0) return out;
        out.push(...page.receipts);
        // The 2 receipts repeat the synchronous answers already in the timeline.
        for (const r of page.receipts.filter((x) => x.returnStatus !== '2'))
          timeline.push({
            at: new Date(r.createdAt),
            actor: '海关 customs',
            message: r.messageType,
            status: r.returnStatus,
            info: r.returnInfo,
          });
      }
    };

    log('1. 申报 declare: order, receipt of payment, waybill, inventory');
    const m = buildExportParcel(spec);
    await post('platform', 'CEB303 电子订单 order', m.order);
    await post('payment', 'CEB403 收款单 receipt of payment', m.receipt);
    await post('logistics', 'CEB505 物流运单 waybill', m.waybill);
    await post('agent', 'CEB603 申报清单 inventory', m.inventory);
    const declared = await drain();
    const invtNo = tag(
      declared.find((r) => r.messageType === 'CEB604Message' && r.returnStatus === '120')?.xml ?? '',
      'invtNo',
    );
    if (!invtNo) throw new Error('the inventory was not accepted by customs (no CEB604 120)');
    log(`   清单编号 invtNo ${invtNo}`);

    log('2. 运抵 arrival at the supervised site → 放行 release');
    await post(
      'warehouse',
      'CEB507 运抵单 arrival',
      buildExportArrival(
        {
          now: new Date(),
          customsCode: '4614',
          copNo: `AR${id}`,
          logistics: s('logistics').party,
          operator: s('warehouse').party,
          parcels: [{ logisticsNo: spec.logisticsNo }],
        },
        warehouseKey,
      ),
    );
    await drain();

    log('3. 离境 departure → 结关 closed');
    await post(
      'logistics',
      'CEB509 离境单 departure',
      buildExportDeparture(
        {
          now: new Date(),
          customsCode: '4614',
          copNo: `DP${id}`,
          logistics: s('logistics').party,
          parcels: [{ logisticsNo: spec.logisticsNo }],
        },
        logisticsKey,
      ),
    );
    await drain();

    log('4. 汇总申报 summary declaration (CEB701 → CEB702, CEB792)');
    await post(
      'agent',
      'CEB701 汇总申请单 summary application',
      buildSummaryApply(
        {
          now: new Date(),
          customsCode: '4614',
          copNo: `SA${id}`,
          agent: s('agent').party,
          seller: s('seller').party,
          invtNos: [invtNo],
        },
        agentKey,
      ),
    );
    const summarised = await drain();
    const sumNo = tag(
      summarised.find((r) => r.messageType === 'CEB702Message' && r.returnStatus === '120')?.xml ?? '',
      'sumNo',
    );
    const declSeqNo = summarised.find((r) => r.messageType === 'CEB792Message')?.businessKey ?? '';
    if (!sumNo || !declSeqNo) throw new Error('no summary was formed (CEB702 / CEB792 missing)');
    log(`   汇总申请编号 sumNo ${sumNo}, 汇总统一编号 declSeqNo ${declSeqNo}`);

    log('5. 报关单证明联 declaration certificate');
    const cookie = s('agent').cookie;
    const list = await call<TPage<TExportDeclaration>>(`${url}/api/v1/export/declarations?pageSize=50`, {
      headers: { cookie },
    });
    const declaration = list.items.find((d) => d.declSeqNo === declSeqNo);
    if (!declaration) throw new Error(`declaration ${declSeqNo} not visible to the agent`);
    const detail = await call<TExportDeclarationDetail>(
      `${url}/api/v1/export/declarations/${declaration.id}`,
      {
        headers: { cookie },
      },
    );
    const pdf = await fetch(`${url}/api/v1/export/declarations/${declaration.id}/certificate.pdf`, {
      headers: { cookie },
    });
    if (!pdf.ok) throw new HttpError(pdf.status, await pdf.text());
    // Into the output directory (the OS temp dir's crossgate/ by default), never the working directory.
    const certificatePath = resolve(
      o.out ?? join(o.outDir ?? defaultOutputDir(), `export-first-ticket-${declaration.certificateNo}.pdf`),
    );
    mkdirSync(dirname(certificatePath), { recursive: true });
    writeFileSync(certificatePath, Buffer.from(await pdf.arrayBuffer()));
    const verifyUrl = `${url}${detail.verifyPath}`;
    const page = await fetch(verifyUrl);
    const pageText = page.ok ? await page.text() : '';
    // Until customs gives the 报关单号 the certificate verifies as provisional (临时证明联), not as 真实有效.
    const provisional = pageText.includes('临时证明联');
    const verified = pageText.includes('证明联真实有效') || provisional;
    timeline.push({
      at: new Date(),
      actor: '单一窗口 single window',
      message: '报关单证明联 certificate',
      status: verified ? 'OK' : 'FAIL',
      info: `${declaration.certificateNo} → ${certificatePath}`,
    });
    log(`   ${certificatePath}`);
    log(
      `   核验 verify: ${verifyUrl} → ${!verified ? '核验失败 NOT verified' : provisional ? '临时证明联，报关单号待海关给出 provisional' : '真实有效 genuine'}`,
    );
    timeline.sort((a, b) => a.at.getTime() - b.at.getTime());
    return { timeline, invtNo, sumNo, declSeqNo, certificatePath, verifyUrl, verified };
  } finally {
    await revokeKeys(url, sessions);
  }
}
