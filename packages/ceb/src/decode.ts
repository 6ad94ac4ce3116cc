import { unwrapEnvelope, type EnvelopeInfo } from './envelope.ts';
import {
  EXPORT_INBOUND,
  IMPORT_INBOUND,
  INBOUND,
  inboundSpecOf,
  type Direction,
  type InboundMessageSpec,
} from './messages.ts';
import { officialSchema, type CebVersion } from './schemas.ts';
import { FORMAT_CODES } from './status-codes.ts';
import { DEFAULT_LIMITS, parseXml, type ParseLimits } from './xml/parse.ts';
import type { XNode } from './xml/tree.ts';
import { CEB_NS } from './xsd/model.ts';
import { validateElement, type CebObject, type FieldError } from './xsd/validate.ts';

export interface DecodedMessage {
  ok: true;
  spec: InboundMessageSpec;
  /** The XSD version the message validates against (202205 first, then the 2018 trial version). */
  version: CebVersion;
  /** The business message as plain values, shaped by the generated types (e.g. `CEB311Message`). */
  message: CebObject;
  /** The business message XML exactly as received (decoded from the envelope when there was one). */
  xml: string;
  root: XNode;
  envelope: EnvelopeInfo | null;
}

export interface FormatFailure {
  ok: false;
  /** CEB900 `returnStatus` (negative DXP platform code) and its description. */
  status: string;
  desc: string;
  /** The root element name when known, else `Unknown` (CEB900 oriMessageType). */
  messageType: string;
  copMsgId: string;
  errors: FieldError[];
}

export type DecodeResult = DecodedMessage | FormatFailure;

const fail = (
  code: keyof typeof FORMAT_CODES,
  messageType: string,
  copMsgId: string,
  errors: FieldError[],
): FormatFailure => ({
  ok: false,
  status: FORMAT_CODES[code].status,
  desc: FORMAT_CODES[code].desc,
  messageType,
  copMsgId,
  errors,
});

export interface DecodeOptions {
  /** The JSON channel carries no XML-DSig; there the API key is the sender's proof (see the route). */
  signatureOptional?: boolean;
}

/** Which catalogues a decode accepts: one direction, or `any` for the single `POST /ceb/messages` gateway. */
export type DecodeDirection = Direction | 'any';

const catalogue = (direction: DecodeDirection, root: string): InboundMessageSpec | undefined =>
  direction === 'any' ? inboundSpecOf(root) : INBOUND[direction][root];

const expectedRoots = (direction: DecodeDirection) =>
  (direction === 'any'
    ? [...Object.keys(IMPORT_INBOUND), ...Object.keys(EXPORT_INBOUND)]
    : Object.keys(INBOUND[direction])
  ).join(' | ');

/**
 * Reads one inbound message: the raw CEB XML, or a DxpMsg / DxpMsgSv envelope carrying it. Refuses hostile
 * or malformed XML, message types outside the chosen catalogue(s) and anything that breaks the official XSD
 * of the message's direction, naming every bad field. A message valid against the 202205 XSD or the 2018
 * trial XSD is accepted; the errors reported are those of the 202205 XSD.
 */
export function decodeMessage(
  input: string,
  direction: DecodeDirection,
  limits: ParseLimits = DEFAULT_LIMITS,
  options: DecodeOptions = {},
): DecodeResult {
  let parsed = parseXml(input, limits);
  if (!parsed.ok) {
    const code = parsed.problem === 'MALFORMED' ? 'MALFORMED' : 'OTHER_FORMAT';
    const where = parsed.line ? ` (line ${parsed.line}, column ${parsed.col})` : '';
    return fail(code, 'Unknown', '', [
      {
        path: '/',
        field: 'message',
        rule: `${parsed.problem}: ${parsed.message}${where}`,
        actual: '(not accepted)',
      },
    ]);
  }
  let envelope: EnvelopeInfo | null = null;
  let xml = input;
  const opened = unwrapEnvelope(parsed.root);
  if (opened) {
    if (!opened.ok) return fail('SCHEMA', 'Unknown', '', opened.errors);
    envelope = opened.info;
    xml = opened.inner;
    parsed = parseXml(xml, limits);
    if (!parsed.ok) {
      return fail(
        parsed.problem === 'MALFORMED' ? 'MALFORMED' : 'OTHER_FORMAT',
        envelope.msgType || 'Unknown',
        envelope.copMsgId,
        [
          {
            path: '/DxpMsg/Data',
            field: 'Data',
            rule: `${parsed.problem}: ${parsed.message}`,
            actual: '(decoded Base64 is not an accepted XML message)',
          },
        ],
      );
    }
  }
  const root = parsed.root;
  const copMsgId = envelope?.copMsgId ?? '';
  const spec = root.ns === CEB_NS ? catalogue(direction, root.name) : undefined;
  if (!spec) {
    const which = direction === 'any' ? 'an inbound' : `an inbound ${direction}`;
    return fail('OTHER_FORMAT', 'Unknown', copMsgId, [
      {
        path: `/${root.name}`,
        field: 'root',
        rule: `${which} message of the CEB namespace`,
        expected: `{${CEB_NS}} ${expectedRoots(direction)}`,
        actual: `{${root.ns}}${root.name}`,
      },
    ]);
  }
  if (envelope && envelope.msgType && envelope.msgType !== root.name) {
    return fail('SCHEMA', root.name, copMsgId, [
      {
        path: '/DxpMsg/TransInfo/MsgType',
        field: 'TransInfo.MsgType',
        rule: 'MsgType names the message in Data',
        expected: root.name,
        actual: envelope.msgType,
      },
    ]);
  }
  let firstErrors: FieldError[] = [];
  for (const version of ['202205', '2018'] as const) {
    // CEB213/215 (export returns) came with the 2022 version: the 2018 export XSD does not declare them.
    const decl = officialSchema(version, spec.direction).element(CEB_NS, root.name);
    if (!decl) continue;
    const { value, errors: all } = validateElement(root, decl);
    const errors = options.signatureOptional
      ? all.filter((e) => !(e.field.endsWith('.Signature') && e.actual === '(missing)'))
      : all;
    if (errors.length === 0) return { ok: true, spec, version, message: value, xml, root, envelope };
    if (version === '202205') firstErrors = errors;
  }
  return fail('SCHEMA', root.name, copMsgId, firstErrors);
}

/** An inbound import message (CEB311/411/511/513/621/623/625/711), checked against the import XSD. */
export const decodeImportMessage = (
  input: string,
  limits: ParseLimits = DEFAULT_LIMITS,
  options: DecodeOptions = {},
): DecodeResult => decodeMessage(input, 'import', limits, options);

/** An inbound export message (CEB303/403/505/507/509/603/605/607/701/213/215), checked against the export XSD. */
export const decodeExportMessage = (
  input: string,
  limits: ParseLimits = DEFAULT_LIMITS,
  options: DecodeOptions = {},
): DecodeResult => decodeMessage(input, 'export', limits, options);

/**
 * An inbound message of either direction, routed by its root element (inside the envelope, when there is
 * one): the import and export root names do not overlap, so `spec.direction` says which system it is for.
 */
export const decodeMessageAnyDirection = (
  input: string,
  limits: ParseLimits = DEFAULT_LIMITS,
  options: DecodeOptions = {},
): DecodeResult => decodeMessage(input, 'any', limits, options);

/** The CEB900 returnInfo text: the code, then every bad field, cut to the XSD's 5000 characters. */
export function formatReturnInfo(failure: FormatFailure): string {
  const head = `[Code:${failure.status.replace('-', '').padStart(4, '0')};Desc:${failure.desc}]`;
  const lines = failure.errors.map(
    (e) =>
      `${e.path}: ${e.rule}${e.expected ? `; expected ${e.expected}` : ''}${e.actual ? `; actual ${e.actual}` : ''}`,
  );
  const text = [head, ...lines].join(' ');
  return text.length > 5000 ? `${text.slice(0, 4997)}...` : text;
}
