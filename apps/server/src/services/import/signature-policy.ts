import { EXPORT_REFUSAL_CODES, type InboundMessageSpec, type NegativeCode } from '@crossgate/ceb';

/**
 * Whether the declarations the spec says are signed must be signed (decision 0024):
 * - `required` (the default, production): the message must carry an XML-DSig signature that verifies with an
 *   active key its sender registered — an enterprise without a key, or an unsigned message, is refused;
 * - `optional` (demo/test mode): a signature is checked only once the enterprise has registered a key, so an
 *   enterprise without a key may send unsigned declarations.
 * The zone office chooses per zone (`zones.signature_policy`, audited); while it has not, the server's
 * `CROSSGATE_SIGNATURE_POLICY` applies, `required` unless set.
 */
export type SignaturePolicy = 'required' | 'optional';

/**
 * Signature failures of the signed declarations, by spec 202205 table 7-2: the import inventory, cancel and
 * return, and the export inventory, cancel and return (EXPORT_REFUSAL_CODES). The other signed messages
 * (CEB711, CEB507/509/607/701) have no table 7-2 code: they are answered with a CEB900 (1001 数字签名无效).
 */
const IMPORT_SIGNATURE_CODES: Partial<Record<string, NegativeCode>> = {
  CEB621Message: '-621029',
  CEB623Message: '-623029',
  CEB625Message: '-625005',
};
export const signatureCodeOf = (messageType: string): NegativeCode | undefined =>
  IMPORT_SIGNATURE_CODES[messageType] ?? EXPORT_REFUSAL_CODES[messageType]?.signature;

const entitiesOf = (message: Record<string, unknown>, entity: string): Record<string, unknown>[] => {
  const value = message[entity];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]) as Record<string, unknown>[];
};

/**
 * Whether the spec's field table demands a signature on this message (`specSignature`): always for the
 * import inventory, cancel, return and warehousing detail and the export departure, inventory, cancel, bill
 * binding and summary application; for the export arrival (CEB507) only when it is declared (appStatus 2).
 */
export function signatureDemanded(spec: InboundMessageSpec, message: Record<string, unknown>): boolean {
  if (spec.specSignature === 'required') return true;
  if (spec.specSignature !== 'when_declared') return false;
  return entitiesOf(message, spec.entity).some((e) => {
    const head = (e[`${spec.entity}Head`] ?? e) as Record<string, unknown>;
    return String(head.appStatus ?? '') === '2';
  });
}

/**
 * Why a message is refused under the `required` policy before any signature is verified, or undefined: the
 * sender has no registered signing key, or the message carries no signature (the JSON channel never does).
 */
export function missingSignature(input: {
  policy: SignaturePolicy | undefined;
  spec: InboundMessageSpec;
  message: Record<string, unknown>;
  signed: boolean;
  registeredKeys: number;
  channel: 'xml' | 'json';
}): { rule: string; actual: string } | undefined {
  const { spec } = input;
  if ((input.policy ?? 'required') !== 'required' || !signatureDemanded(spec, input.message))
    return undefined;
  const type = spec.type.replace(/Message$/, '');
  if (input.registeredKeys === 0)
    return {
      rule: `企业未登记签名证书：本综试区${spec.nameZh}须加签报送，请先登记签名证书并加签 (the zone requires ${type} to be signed with a registered key and this enterprise has none: register it with POST /api/v1/signing-keys, then sign)`,
      actual: '(no registered signing key)',
    };
  if (!input.signed)
    return {
      rule:
        input.channel === 'json'
          ? `${spec.nameZh}须经XML通道加签报送 (the zone requires ${type} to be signed: send it as signed XML, the JSON channel carries no signature)`
          : `${spec.nameZh}未加签：本综试区须加签报送 (the zone requires ${type} to be signed: the message has no Signature)`,
      actual: '(missing)',
    };
  return undefined;
}
