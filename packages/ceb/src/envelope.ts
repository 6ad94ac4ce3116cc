import { officialSchema } from './schemas.ts';
import type { XNode } from './xml/tree.ts';
import { DXP_NS } from './xsd/model.ts';
import { validateElement, type FieldError } from './xsd/validate.ts';

/** What the DXP transfer layer says about the business message it carries. */
export interface EnvelopeInfo {
  kind: 'DxpMsg' | 'DxpMsgSv';
  copMsgId: string;
  senderId: string;
  receiverIds: string[];
  msgType: string;
}

export type Unwrapped = { ok: true; info: EnvelopeInfo; inner: string } | { ok: false; errors: FieldError[] };

const child = (node: XNode | undefined, name: string) =>
  node?.children.find((c) => c.name === name && c.ns === DXP_NS);

/**
 * Opens a terminal-node (DxpMsg) or transfer-node (DxpMsgSv) envelope: checks it against its official XSD
 * and decodes the Base64 business message in `Data`.
 */
export function unwrapEnvelope(root: XNode): Unwrapped | undefined {
  if (root.ns !== DXP_NS || (root.name !== 'DxpMsg' && root.name !== 'DxpMsgSv')) return undefined;
  const family = root.name === 'DxpMsg' ? 'terminal' : 'transfer';
  const decl = officialSchema('202205', family).element(DXP_NS, root.name);
  if (!decl) throw new Error(`no XSD element ${root.name}`);
  const { errors } = validateElement(root, decl);
  if (errors.length > 0) return { ok: false, errors };
  const msg = root.name === 'DxpMsg' ? root : (child(root, 'DxpMsg') as XNode);
  const trans = child(msg, 'TransInfo');
  const data = child(msg, 'Data')?.text.replace(/\s+/g, '') ?? '';
  const inner = Buffer.from(data, 'base64').toString('utf8');
  return {
    ok: true,
    inner,
    info: {
      kind: root.name as EnvelopeInfo['kind'],
      copMsgId: child(trans, 'CopMsgId')?.text.trim() ?? '',
      senderId: child(trans, 'SenderId')?.text.trim() ?? '',
      receiverIds: child(trans, 'ReceiverIds')?.children.map((c) => c.text.trim()) ?? [],
      msgType: child(trans, 'MsgType')?.text.trim() ?? '',
    },
  };
}
