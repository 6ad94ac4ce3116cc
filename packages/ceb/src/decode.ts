import { unwrapEnvelope, type EnvelopeInfo } from './envelope.ts';
import {
  EXPORT_INBOUND,
  IMPORT_INBOUND,
  INBOUND,
  inboundSpecOf,
  type Direction,
  type InboundMessageSpec,
} from './messages.ts';
import { requiredEcho } from './receipts.ts';
import { officialSchema, type CebVersion } from './schemas.ts';
import { FORMAT_CODES } from './status-codes.ts';
import { DEFAULT_LIMITS, parseXml, type ParseLimits } from './xml/parse.ts';
import type { XNode } from './xml/tree.ts';
import { CEB_NS, type ElementDecl } from './xsd/model.ts';
import { checkSimple, validateElement, type CebObject, type FieldError } from './xsd/validate.ts';

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

/** A parser's message quotes what it read (an element name of 100,000 characters …): kept short. */
const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 197)}...` : text);

export interface DecodeOptions {
  /** The JSON channel carries no XML-DSig; there the API key is the sender's proof (see the route). */
  signatureOptional?: boolean;
  /** Told how long reading the XML (`parse`) and checking it against the XSD (`xsd`) took, in ms. */
  onStage?: (stage: 'parse' | 'xsd', ms: number) => void;
  /** What `onStage` is measured with, in ms (default `performance.now`; the server passes its CPU time). */
  stageClock?: () => number;
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
  const clock = options.onStage;
  const now = options.stageClock ?? (() => performance.now());
  let started = clock ? now() : 0;
  let parsed = parseXml(input, limits);
  if (clock) clock('parse', now() - started);
  if (!parsed.ok) {
    const code = parsed.problem === 'MALFORMED' ? 'MALFORMED' : 'OTHER_FORMAT';
    const where = parsed.line ? ` (line ${parsed.line}, column ${parsed.col})` : '';
    return fail(code, 'Unknown', '', [
      {
        path: '/',
        field: 'message',
        rule: `${parsed.problem}: ${clip(parsed.message)}${where}`,
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
    if (clock) started = now();
    parsed = parseXml(xml, limits);
    if (clock) clock('parse', now() - started);
    if (!parsed.ok) {
      return fail(
        parsed.problem === 'MALFORMED' ? 'MALFORMED' : 'OTHER_FORMAT',
        envelope.msgType || 'Unknown',
        envelope.copMsgId,
        [
          {
            path: '/DxpMsg/Data',
            field: 'Data',
            rule: `${parsed.problem}: ${clip(parsed.message)}${parsed.line ? ` (line ${parsed.line}, column ${parsed.col} of the decoded Data)` : ''}`,
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
  if (clock) started = now();
  const checked = (result: DecodeResult): DecodeResult => {
    if (clock) clock('xsd', now() - started);
    return result;
  };
  for (const version of ['202205', '2018'] as const) {
    // CEB213/215 (export returns) came with the 2022 version: the 2018 export XSD does not declare them.
    const decl = officialSchema(version, spec.direction).element(CEB_NS, root.name);
    if (!decl) continue;
    const { value, errors: all } = validateElement(root, decl);
    const errors = options.signatureOptional
      ? all.filter((e) => !(e.field.endsWith('.Signature') && e.actual === '(missing)'))
      : all;
    if (errors.length === 0) {
      const unanswerable = echoErrors(spec, value);
      if (unanswerable.length > 0) return checked(fail('SCHEMA', root.name, copMsgId, unanswerable));
      return checked({ ok: true, spec, version, message: value, xml, root, envelope });
    }
    if (version === '202205') firstErrors = errors;
  }
  return checked(fail('SCHEMA', root.name, copMsgId, firstErrors));
}

/** Receipt fields the platform fills in itself: never an echo of the document as sent. */
const SUPPLIED = new Set([
  'guid',
  'returnStatus',
  'returnTime',
  'returnInfo',
  'copNo',
  'billNo',
  'msgSeqNo',
  'preNo',
  'invtNo',
  'sumNo',
]);

const complexChildren = (decl: ElementDecl | undefined): ElementDecl[] => {
  const content = decl?.content();
  return content?.kind === 'complex' ? content.children : [];
};

/**
 * Every receipt echoes the identity of the document it answers (ebpCode and orderNo, logisticsCode and
 * logisticsNo …), and the 202205 receipt XSD is sometimes stricter than the XSD the message passed: the 2018
 * XSDs allow an empty logisticsCode that CEB506 refuses. A document whose echo cannot be made to fit its
 * receipt (`requiredEcho`: a too-long value is cut, an empty one cannot be filled) could not be answered, so
 * it is refused with the format check, naming the field.
 */
function echoErrors(spec: InboundMessageSpec, message: CebObject): FieldError[] {
  const schema = officialSchema('202205', spec.direction);
  const receipt = complexChildren(schema.element(CEB_NS, spec.receipt)).find(
    (c) => c.name === spec.receiptEntity,
  );
  const echoed = complexChildren(receipt).filter(
    (c) => c.min > 0 && !SUPPLIED.has(c.name) && c.content().kind === 'simple',
  );
  if (echoed.length === 0) return [];
  const raw = message[spec.entity];
  const docs = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as CebObject[];
  const errors: FieldError[] = [];
  docs.forEach((doc, i) => {
    const at = Array.isArray(raw) ? `${spec.type}/${spec.entity}[${i + 1}]` : `${spec.type}/${spec.entity}`;
    // The document's own fields and those of its head (OrderHead, LogisticsHead …).
    const places: [string, CebObject][] = [
      [at, doc],
      ...Object.entries(doc)
        .filter(([k, v]) => k.endsWith('Head') && v !== null && typeof v === 'object' && !Array.isArray(v))
        .map(([k, v]) => [`${at}/${k}`, v as CebObject] as [string, CebObject]),
    ];
    for (const field of echoed) {
      const place = places.find(([, fields]) => typeof fields[field.name] === 'string');
      if (!place) continue;
      const value = place[1][field.name] as string;
      const content = field.content();
      if (content.kind !== 'simple' || requiredEcho(value, content.type, field.fixed) !== undefined) continue;
      const problem = checkSimple(value, content.type, field.fixed);
      if (problem)
        errors.push({
          path: `${place[0]}/${field.name}`,
          field: `${spec.receiptEntity}.${field.name}`,
          rule: `echoed in the ${spec.receipt} receipt, whose XSD asks ${problem.rule}`,
          expected: problem.expected,
          actual: value,
        });
    }
  });
  return errors;
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
  // Each part kept short, so that one element named with 10,000 characters cannot push the others out.
  const short = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 3)}...` : text);
  const lines = failure.errors.map(
    (e) =>
      `${short(e.path, 200)}: ${short(e.rule, 300)}${e.expected ? `; expected ${short(e.expected, 300)}` : ''}${e.actual ? `; actual ${short(e.actual, 200)}` : ''}`,
  );
  const text = [head, ...lines].join(' ');
  return text.length > 5000 ? `${text.slice(0, 4997)}...` : text;
}
