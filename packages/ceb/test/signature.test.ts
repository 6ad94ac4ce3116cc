import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decodeImportMessage,
  DSIG,
  eportSignedForms,
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

/**
 * A real message signed by China E-Port's signing client with an enterprise's SM2 card (decision 0029): the
 * CEB311 of 海南省荣誉进出口贸易有限公司 (fixtures/SOURCES.md). The public key is the 65-byte point of the
 * certificate in its ds:X509Certificate, as `openssl x509 -noout -text` prints it.
 */
describe('China E-Port SM2 signatures (decision 0029)', () => {
  const real = fixture('real/CEB311Message_signed_sm2_decoded_from_CEBMessage.json.xml');
  const certificateKey = {
    algorithm: 'sm2' as const,
    publicKey:
      '04d2f3909a9940afd8a03d9ac0f05d66b2a9c577453efba1ba3611b9acdb885167' +
      'edd01c109fb792264b79fdfbd24a87bba54836fdac075163e7ce479e41cee856',
  };
  const signatureValue =
    'kWMFA6ie8OzAAvZ0rhY4IItgC5DVFZ7OQ9wjgBS5j/2YLKtvT0FU2aYM8xLyGZu6b9PzJ9DvhdfDEEHIUOBZmA==';

  it('verifies the real E-Port-signed CEB311 with the SM2 key of its own certificate (SM3 with user ID 1234567812345678, r‖s)', () => {
    expect(signatureMethodOf(real)).toBe(DSIG.SM2_SM3_W3C);
    expect(verifyEnveloped(real, certificateKey)).toEqual({ ok: true });
  });

  it('refuses the real message after a one-byte change to the signed content, the DigestValue or the SignatureValue', () => {
    const changed = [
      real.replace('<ceb:goodsValue>0.01<', '<ceb:goodsValue>0.02<'),
      real.replace('<ceb:note>test</ceb:note>', '<ceb:note>test </ceb:note>'),
      real.replace('S4bQ8Qh6nXZohX+NTac1SKbDvlM=', 'S4bQ8Qh6nXZohX+NTac1SKbDvlN='),
      (() => {
        const bytes = Buffer.from(signatureValue, 'base64');
        bytes[40] = (bytes[40] ?? 0) ^ 0x01;
        return real.replace(signatureValue, bytes.toString('base64'));
      })(),
    ];
    for (const xml of changed) {
      expect(xml).not.toBe(real);
      expect(verifyEnveloped(xml, certificateKey)).toMatchObject({ ok: false, reason: 'SIGNATURE_INVALID' });
    }
  });

  it('refuses the real message against another SM2 certificate, and against an RSA key as the wrong family', () => {
    expect(
      verifyEnveloped(real, { algorithm: 'sm2', publicKey: generateSm2KeyPair().publicKey }),
    ).toMatchObject({ ok: false, reason: 'SIGNATURE_INVALID' });
    expect(verifyEnveloped(real, rsaPublic)).toMatchObject({ ok: false, reason: 'WRONG_KEY_TYPE' });
  });

  it('tolerates only whitespace between elements: the e-port forms of a message drop blank text in SignedInfo and beside the Signature', () => {
    const forms = eportSignedForms(real);
    expect(forms.length).toBeGreaterThan(0);
    for (const form of forms) {
      // The data the enterprise declared is untouched.
      expect(form).toContain('<ceb:note>test</ceb:note>');
      expect(form).toContain(`<ds:SignatureValue>${signatureValue}</ds:SignatureValue>`);
    }
    expect(forms.some((f) => f.includes('<ds:SignedInfo><ds:CanonicalizationMethod'))).toBe(true);
    expect(forms.some((f) => f.includes('</ceb:BaseTransfer><ds:Signature'))).toBe(true);
  });
});
