import { decodeMessageAnyDirection, type FieldError } from '@crossgate/ceb';
import { maskFieldError } from '@crossgate/domain';

/** What the sandbox says of one message: read and valid, with what it is; or refused, with every bad field. */
export type SandboxResult =
  | {
      ok: true;
      messageType: string;
      nameZh: string;
      direction: 'import' | 'export';
      version: '202205' | '2018';
      documents: number;
      enveloped: boolean;
    }
  | {
      ok: false;
      code: string;
      desc: string;
      messageType: string;
      errors: FieldError[];
    };

const count = (value: unknown): number => (Array.isArray(value) ? value.length : value === undefined ? 0 : 1);

/**
 * The message workbench's check (报文校验): reads a CEB message (or a DxpMsg envelope carrying one) exactly as
 * the gateway `POST /ceb/messages` would — well-formed and safe XML, an inbound message type of either
 * direction, the official XSD — and says what it found. Nothing is stored, no receipt is sent, no business
 * rule that needs the database runs: only the format check the gateway does before it reads a message.
 */
export function validateMessage(xml: string): SandboxResult {
  const decoded = decodeMessageAnyDirection(xml);
  if (!decoded.ok)
    return {
      ok: false,
      code: decoded.status,
      desc: decoded.desc,
      messageType: decoded.messageType,
      // A value quoted from a personal field (an ID number too long …) is shown masked, as in the CEB900.
      errors: decoded.errors.map(maskFieldError),
    };
  return {
    ok: true,
    messageType: decoded.spec.type,
    nameZh: decoded.spec.nameZh,
    direction: decoded.spec.direction,
    version: decoded.version,
    documents: count(decoded.message[decoded.spec.entity]),
    enveloped: decoded.envelope !== null,
  };
}
