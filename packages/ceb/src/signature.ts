import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { DS_NS } from './xsd/model.ts';

/**
 * XML-DSig on CEB messages (spec 202205 ch. 6): an enveloped signature over the whole document, C14N
 * 1.0, placed as the last child of the message root (the position the import XSD gives ds:Signature).
 * RSA-SHA1 is the 2018 algorithm family that the 2022 spec still allows.
 */
export const DSIG = {
  C14N: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  ENVELOPED: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  RSA_SHA1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  SHA1: 'http://www.w3.org/2000/09/xmldsig#sha1',
} as const;

export interface SigningKey {
  /** PKCS#8 or PKCS#1 PEM private key. */
  privateKeyPem: string;
  /** Written in ds:KeyInfo/ds:KeyName: the certificate serial or card number the e-port knows the key by. */
  keyName: string;
}

export function signEnveloped(xml: string, key: SigningKey): string {
  const sig = new SignedXml({
    privateKey: key.privateKeyPem,
    signatureAlgorithm: DSIG.RSA_SHA1,
    canonicalizationAlgorithm: DSIG.C14N,
    getKeyInfoContent: (args) => {
      const p = args?.prefix ? `${args.prefix}:` : '';
      return `<${p}KeyName>${key.keyName}</${p}KeyName>`;
    },
  });
  sig.addReference({
    xpath: '/*',
    transforms: [DSIG.ENVELOPED],
    digestAlgorithm: DSIG.SHA1,
    isEmptyUri: true,
  });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: '/*', action: 'append' } });
  return sig.getSignedXml();
}

export type VerifyResult =
  | { ok: true }
  | {
      ok: false;
      reason: 'NO_SIGNATURE' | 'UNSUPPORTED_ALGORITHM' | 'DIGEST_MISMATCH' | 'SIGNATURE_INVALID';
      message: string;
    };

/** Verifies the enveloped signature of a message against the enterprise's registered public key or certificate. */
export function verifyEnveloped(xml: string, publicKeyPem: string): VerifyResult {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const nodes = doc.getElementsByTagNameNS(DS_NS, 'Signature');
  const node = nodes.item(0);
  if (!node) return { ok: false, reason: 'NO_SIGNATURE', message: 'ds:Signature is missing' };
  const method = node.getElementsByTagNameNS(DS_NS, 'SignatureMethod').item(0)?.getAttribute('Algorithm');
  if (method !== DSIG.RSA_SHA1)
    return {
      ok: false,
      reason: 'UNSUPPORTED_ALGORITHM',
      message: `SignatureMethod ${method ?? '(none)'} is not verified here`,
    };
  const sig = new SignedXml({ publicCert: publicKeyPem, getCertFromKeyInfo: () => null });
  sig.loadSignature(node);
  try {
    if (sig.checkSignature(xml)) return { ok: true };
    return {
      ok: false,
      reason: 'SIGNATURE_INVALID',
      message: 'the signature value does not verify with the registered key',
    };
  } catch (error) {
    const message = (error as Error).message;
    return { ok: false, reason: /digest/i.test(message) ? 'DIGEST_MISMATCH' : 'SIGNATURE_INVALID', message };
  }
}
