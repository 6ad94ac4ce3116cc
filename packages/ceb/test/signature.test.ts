import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decodeImportMessage,
  DSIG,
  generateSm2KeyPair,
  signatureMethodOf,
  signEnveloped,
  verifyEnveloped,
} from '../src/index.ts';
import { fixture } from './support/fixtures.ts';

const unsigned = fixture('real/CEB621Message.xml');
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaKey = {
  privateKeyPem: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  keyName: 'RSA-1',
};
const rsaPublic = {
  algorithm: 'rsa' as const,
  publicKey: rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string,
};
const sm2 = generateSm2KeyPair();

describe('XML-DSig on CEB messages', () => {
  it('signs an inventory with RSA-SHA1 so that it verifies and then satisfies the XSD (Signature is mandatory on CEB621)', () => {
    expect(decodeImportMessage(unsigned).ok).toBe(false);
    const signed = signEnveloped(unsigned, rsaKey);
    expect(signatureMethodOf(signed)).toBe(DSIG.RSA_SHA1);
    expect(verifyEnveloped(signed, rsaPublic)).toEqual({ ok: true });
    expect(decodeImportMessage(signed).ok).toBe(true);
  });

  it('signs and verifies SM2-SM3 under both URI families in use (2022 spec and real 2023 traffic)', () => {
    for (const sm2Uris of ['chinaport', 'w3c'] as const) {
      const signed = signEnveloped(unsigned, {
        privateKeyPem: sm2.privateKey,
        keyName: 'SM2-1',
        algorithm: 'sm2',
        sm2Uris,
      });
      expect(signatureMethodOf(signed)).toBe(sm2Uris === 'w3c' ? DSIG.SM2_SM3_W3C : DSIG.SM2_SM3);
      expect(verifyEnveloped(signed, { algorithm: 'sm2', publicKey: sm2.publicKey })).toEqual({ ok: true });
    }
  });

  it('refuses a message changed after signing, a signature by another key, and a key of the wrong family', () => {
    const signed = signEnveloped(unsigned, {
      privateKeyPem: sm2.privateKey,
      keyName: 'SM2-1',
      algorithm: 'sm2',
    });
    expect(
      verifyEnveloped(signed.replace('48037605991776256', '48037605991776257'), {
        algorithm: 'sm2',
        publicKey: sm2.publicKey,
      }),
    ).toMatchObject({ ok: false, reason: 'SIGNATURE_INVALID' });
    expect(
      verifyEnveloped(signed, { algorithm: 'sm2', publicKey: generateSm2KeyPair().publicKey }),
    ).toMatchObject({ ok: false, reason: 'SIGNATURE_INVALID' });
    expect(verifyEnveloped(signed, rsaPublic)).toMatchObject({ ok: false, reason: 'WRONG_KEY_TYPE' });
    expect(verifyEnveloped(unsigned, rsaPublic)).toMatchObject({ ok: false, reason: 'NO_SIGNATURE' });
  });
});
