import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import smCrypto from 'sm-crypto';
import { SignedXml, type HashAlgorithm, type SignatureAlgorithm } from 'xml-crypto';
import { DS_NS } from './xsd/model.ts';

/**
 * XML-DSig on CEB messages (spec 202205 ch. 6; ceb-reference §2.2): an enveloped signature over the whole
 * document, C14N 1.0, placed as the last child of the message root (where the import XSD puts ds:Signature).
 * Two algorithm families are in use: RSA-SHA1 (2018), and SM2 with SM3 (国密, 2022) — written with the URIs
 * of the 2022 spec (`http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3`) or, as real 2023 traffic does,
 * under the W3C namespace (`http://www.w3.org/2000/09/xmldsig#sm2-sm3`). Both are accepted.
 */
export const DSIG = {
  C14N: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  ENVELOPED: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  RSA_SHA1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  SHA1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  SM2_SM3: 'http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3',
  SM2_SM3_W3C: 'http://www.w3.org/2000/09/xmldsig#sm2-sm3',
  SM3: 'http://www.chinaport.gov.cn/2022/04/xmldsig#sm3',
} as const;

export type KeyAlgorithm = 'rsa' | 'sm2';

const SM2_METHODS: string[] = [DSIG.SM2_SM3, DSIG.SM2_SM3_W3C];

/** SM2 signature over SM3 (GB/T 32918, GB/T 32905) with the default user id; the value is r‖s, Base64. */
function sm2Algorithm(uri: string): new () => SignatureAlgorithm {
  return class implements SignatureAlgorithm {
    getAlgorithmName = () => uri as never;
    getSignature(signedInfo: unknown, privateKey: unknown): string {
      return Buffer.from(
        smCrypto.sm2.doSignature(String(signedInfo), String(privateKey), { hash: true }),
        'hex',
      ).toString('base64');
    }
    verifySignature(material: string, key: unknown, signatureValue: string): boolean {
      const hex = Buffer.from(signatureValue, 'base64').toString('hex');
      return smCrypto.sm2.doVerifySignature(material, hex, String(key), { hash: true });
    }
  } as unknown as new () => SignatureAlgorithm;
}

class Sm3 implements HashAlgorithm {
  getAlgorithmName = () => DSIG.SM3 as never;
  getHash(xml: string): string {
    return Buffer.from(smCrypto.sm3(xml), 'hex').toString('base64');
  }
}

function withGuomi(sig: SignedXml): SignedXml {
  sig.SignatureAlgorithms = {
    ...sig.SignatureAlgorithms,
    [DSIG.SM2_SM3]: sm2Algorithm(DSIG.SM2_SM3),
    [DSIG.SM2_SM3_W3C]: sm2Algorithm(DSIG.SM2_SM3_W3C),
  };
  sig.HashAlgorithms = { ...sig.HashAlgorithms, [DSIG.SM3]: Sm3 };
  return sig;
}

export interface SigningKey {
  /** RSA: PKCS#8 or PKCS#1 PEM private key. SM2: the private key as 64 hex digits. */
  privateKeyPem: string;
  /** Written in ds:KeyInfo/ds:KeyName: the certificate serial or card number the e-port knows the key by. */
  keyName: string;
  algorithm?: KeyAlgorithm;
  /** SM2 only: write the 2022 spec's URIs (default) or the W3C-namespace URIs real 2023 traffic uses. */
  sm2Uris?: 'chinaport' | 'w3c';
}

export function signEnveloped(xml: string, key: SigningKey): string {
  const sm2 = key.algorithm === 'sm2';
  const sig = withGuomi(
    new SignedXml({
      privateKey: key.privateKeyPem,
      signatureAlgorithm: sm2 ? (key.sm2Uris === 'w3c' ? DSIG.SM2_SM3_W3C : DSIG.SM2_SM3) : DSIG.RSA_SHA1,
      canonicalizationAlgorithm: DSIG.C14N,
      getKeyInfoContent: (args) => {
        const p = args?.prefix ? `${args.prefix}:` : '';
        return `<${p}KeyName>${key.keyName}</${p}KeyName>`;
      },
    }),
  );
  sig.addReference({
    xpath: '/*',
    transforms: [DSIG.ENVELOPED],
    digestAlgorithm: sm2 ? DSIG.SM3 : DSIG.SHA1,
    isEmptyUri: true,
  });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: '/*', action: 'append' } });
  return sig.getSignedXml();
}

export interface VerificationKey {
  algorithm: KeyAlgorithm;
  /** RSA: PEM public key or certificate. SM2: the uncompressed public point as hex (04‖X‖Y). */
  publicKey: string;
}

export type VerifyResult =
  | { ok: true }
  | {
      ok: false;
      reason: 'NO_SIGNATURE' | 'UNSUPPORTED_ALGORITHM' | 'WRONG_KEY_TYPE' | 'SIGNATURE_INVALID';
      message: string;
    };

/** The signature method of a message, or undefined when it carries no ds:Signature. */
export function signatureMethodOf(xml: string): string | undefined {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  return doc.getElementsByTagNameNS(DS_NS, 'SignatureMethod').item(0)?.getAttribute('Algorithm') ?? undefined;
}

/** Verifies the enveloped signature of a message against one registered key of the sending enterprise. */
export function verifyEnveloped(xml: string, key: VerificationKey): VerifyResult {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const node = doc.getElementsByTagNameNS(DS_NS, 'Signature').item(0);
  if (!node) return { ok: false, reason: 'NO_SIGNATURE', message: 'ds:Signature is missing' };
  const method =
    node.getElementsByTagNameNS(DS_NS, 'SignatureMethod').item(0)?.getAttribute('Algorithm') ?? '';
  const family: KeyAlgorithm | undefined =
    method === DSIG.RSA_SHA1 ? 'rsa' : SM2_METHODS.includes(method) ? 'sm2' : undefined;
  if (!family)
    return {
      ok: false,
      reason: 'UNSUPPORTED_ALGORITHM',
      message: `SignatureMethod ${method || '(none)'} is neither RSA-SHA1 nor SM2-SM3`,
    };
  if (family !== key.algorithm)
    return {
      ok: false,
      reason: 'WRONG_KEY_TYPE',
      message: `signed with ${family}, the registered key is ${key.algorithm}`,
    };
  // The message as sent first (standard XML-DSig), then in the forms the e-port's signing client signed it
  // in (decision 0029): the first that verifies wins; the failure reported is the standard one's.
  let failure = 'the signature does not verify with the registered key';
  for (const [i, form] of [xml, ...eportSignedForms(xml)].entries()) {
    try {
      if (checkOne(form, key.publicKey)) return { ok: true };
    } catch (error) {
      if (i === 0) failure = (error as Error).message;
    }
  }
  return { ok: false, reason: 'SIGNATURE_INVALID', message: failure };
}

function checkOne(xml: string, publicKey: string): boolean {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const node = doc.getElementsByTagNameNS(DS_NS, 'Signature').item(0);
  if (!node) return false;
  const sig = withGuomi(new SignedXml({ publicCert: publicKey, getCertFromKeyInfo: () => null }));
  sig.loadSignature(node);
  return sig.checkSignature(xml);
}

const XML_SPACE = /^[ \t\r\n]*$/;
const isBlankText = (n: Node | null): boolean =>
  n !== null && n.nodeType === 3 && XML_SPACE.test(n.nodeValue ?? '');

/**
 * The message in the forms an e-port card actually signed it (decision 0029). The card (中国电子口岸 法人卡/
 * 操作员卡 or ukey, through the e-port's local signing service) signs whatever SignedInfo text it is given; the
 * signing tools in use hand it the canonical SignedInfo written without whitespace, digest the message before
 * the Signature goes in, and then insert the Signature indented, followed by a line break. So a real message
 * verifies after (a) dropping the whitespace-only text nodes inside ds:SignedInfo and/or (b) dropping the
 * whitespace-only text node just before or just after ds:Signature. Both touch only whitespace between
 * elements of element-only content (the CEB root, ds:SignedInfo), which carries no data; the digest and the
 * SignatureValue are still checked in full on what remains.
 */
export function eportSignedForms(xml: string): string[] {
  const forms = new Set<string>();
  for (const compact of [false, true])
    for (const splice of ['none', 'before', 'after'] as const) {
      if (!compact && splice === 'none') continue; // the message as sent
      const doc = new DOMParser().parseFromString(xml, 'text/xml');
      const signature = doc.getElementsByTagNameNS(DS_NS, 'Signature').item(0);
      if (!signature) return [];
      if (compact) {
        const signedInfo = signature.getElementsByTagNameNS(DS_NS, 'SignedInfo').item(0);
        if (signedInfo) dropBlankText(signedInfo);
      }
      const neighbour =
        splice === 'before' ? signature.previousSibling : splice === 'after' ? signature.nextSibling : null;
      if (splice !== 'none' && !isBlankText(neighbour)) continue;
      if (neighbour) signature.parentNode?.removeChild(neighbour);
      forms.add(new XMLSerializer().serializeToString(doc));
    }
  // Not the message itself again, nor its mere re-serialisation (a signature without such whitespace).
  forms.delete(xml);
  forms.delete(new XMLSerializer().serializeToString(new DOMParser().parseFromString(xml, 'text/xml')));
  return [...forms];
}

function dropBlankText(element: Node): void {
  for (const child of Array.from(element.childNodes)) {
    if (isBlankText(child)) element.removeChild(child);
    else if (child.nodeType === 1) dropBlankText(child);
  }
}

/** A fresh SM2 key pair (hex), for tests and the simulator. */
export function generateSm2KeyPair(): { privateKey: string; publicKey: string } {
  return smCrypto.sm2.generateKeyPairHex();
}
