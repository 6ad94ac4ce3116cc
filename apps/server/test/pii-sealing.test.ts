import { createCipheriv, createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  openBody,
  openMessageBody,
  openReceipt,
  openValue,
  sealBody,
  sealMessageBody,
  sealValue,
  type Keyring,
} from '../src/security/pii.ts';

/**
 * Sealing of personal data at rest (decision 0017): AES-256-GCM (NIST SP 800-38D) with the field or column name
 * as additional authenticated data. A sealed value is `enc:v1:<key id>:` + base64url(IV 12 bytes ‖ tag 16 bytes ‖
 * ciphertext). GCM authenticates IV, AAD and ciphertext: any change to one of them, or the wrong key, must make
 * opening fail — never yield other clear text. The expectations are computed here with node:crypto from that
 * definition, not with the product's functions.
 */
const KEY = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
const ring: Keyring = { active: 'k1', seal: new Map([['k1', KEY]]), hash: Buffer.alloc(32, 7) };
const ID = '41080219850707321X';
const PREFIX = 'enc:v1:k1:';

const unpack = (sealed: string) => {
  expect(sealed.startsWith(PREFIX)).toBe(true);
  const packed = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  return { iv: packed.subarray(0, 12), tag: packed.subarray(12, 28), ct: packed.subarray(28) };
};
const pack = (p: { iv: Buffer; tag: Buffer; ct: Buffer }) =>
  `${PREFIX}${Buffer.concat([p.iv, p.tag, p.ct]).toString('base64url')}`;

/** The sealed value with one bit flipped at `offset` of the packed bytes. */
function flipped(sealed: string, offset: number): string {
  const packed = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  packed[offset] = (packed[offset] as number) ^ 0x01;
  return `${PREFIX}${packed.toString('base64url')}`;
}

describe('personal data sealed with AES-256-GCM, the field name as AAD (decision 0017, NIST SP 800-38D)', () => {
  it('seals as AES-256-GCM: a sealed value opens with node:crypto under the key and the field name as AAD', () => {
    const sealed = sealValue('buyerIdNumber', ID, ring);
    const { iv, tag, ct } = unpack(sealed);
    expect(ct).toHaveLength(Buffer.byteLength(ID)); // GCM is a stream mode: no padding
    const d = createDecipheriv('aes-256-gcm', KEY, iv);
    d.setAAD(Buffer.from('buyerIdNumber', 'utf8'));
    d.setAuthTag(tag);
    expect(Buffer.concat([d.update(ct), d.final()]).toString('utf8')).toBe(ID);
    // A fresh random IV per value: sealing the same number twice gives two different values.
    expect(sealValue('buyerIdNumber', ID, ring)).not.toBe(sealed);
  });

  it('opens a value sealed independently with node:crypto (fixed IV) under the same layout', () => {
    const iv = Buffer.from('cafebabefacedbaddecaf888', 'hex');
    const c = createCipheriv('aes-256-gcm', KEY, iv);
    c.setAAD(Buffer.from('buyerTelephone', 'utf8'));
    const ct = Buffer.concat([c.update('13912345678', 'utf8'), c.final()]);
    const sealed = pack({ iv, tag: c.getAuthTag(), ct });
    expect(openValue('buyerTelephone', sealed, ring)).toBe('13912345678');
  });

  it('refuses a value with one bit flipped in the IV, the tag or the ciphertext', () => {
    const sealed = sealValue('buyerIdNumber', ID, ring);
    const length = Buffer.from(sealed.slice(PREFIX.length), 'base64url').length;
    const places = { 'IV, first byte': 0, 'IV, last byte': 11, 'tag, first byte': 12, 'tag, last byte': 27 };
    const cases: Record<string, number> = { ...places, 'ciphertext, first byte': 28 };
    cases['ciphertext, last byte'] = length - 1;
    for (const [where, offset] of Object.entries(cases))
      expect(() => openValue('buyerIdNumber', flipped(sealed, offset), ring), where).toThrow(
        /unable to authenticate/,
      );
    // The untouched value still opens.
    expect(openValue('buyerIdNumber', sealed, ring)).toBe(ID);
  });

  it('refuses a truncated tag and a value sealed under another key with the same key id', () => {
    const sealed = sealValue('buyerIdNumber', ID, ring);
    const { iv, tag, ct } = unpack(sealed);
    expect(() => openValue('buyerIdNumber', pack({ iv, tag: tag.subarray(0, 15), ct }), ring)).toThrow();
    const other: Keyring = { ...ring, seal: new Map([['k1', Buffer.alloc(32, 0x55)]]) };
    expect(() => openValue('buyerIdNumber', sealed, other)).toThrow(/unable to authenticate/);
  });

  it('refuses a value sealed for one field when opened as another (the field name is the AAD)', () => {
    const sealed = sealValue('buyerIdNumber', ID, ring);
    expect(() => openValue('payerIdNumber', sealed, ring)).toThrow(/unable to authenticate/);
    expect(() => openValue('buyerTelephone', sealed, ring)).toThrow(/unable to authenticate/);
    expect(openValue('buyerIdNumber', sealed, ring)).toBe(ID);
  });

  it('refuses a document body whose sealed values were swapped between fields', () => {
    const body = sealBody(
      { orderNo: 'SO1', buyerIdNumber: ID, buyerTelephone: '13912345678', buyerName: '张三' },
      ring,
    );
    expect(body.orderNo).toBe('SO1');
    expect(body.buyerName).toBe('张三'); // not sealed: names stay queryable (decision 0017)
    expect(body.buyerIdNumber.startsWith(PREFIX)).toBe(true);
    expect(body.buyerTelephone.startsWith(PREFIX)).toBe(true);
    const swapped = { ...body, buyerIdNumber: body.buyerTelephone, buyerTelephone: body.buyerIdNumber };
    expect(() => openBody(swapped, ring)).toThrow(/unable to authenticate/);
    expect(openBody(body, ring)).toEqual({
      orderNo: 'SO1',
      buyerIdNumber: ID,
      buyerTelephone: '13912345678',
      buyerName: '张三',
    });
  });

  it('refuses a sealed raw message opened as a stored receipt, and the other way round (column name as AAD)', () => {
    const message = sealMessageBody('<ceb:CEB621Message/>', ring);
    expect(() => openReceipt(message, ring)).toThrow(/unable to authenticate/);
    expect(openMessageBody(message, ring)).toBe('<ceb:CEB621Message/>');
    const aad = (v: string) => {
      const { iv, tag, ct } = unpack(v);
      const d = createDecipheriv('aes-256-gcm', KEY, iv);
      d.setAAD(Buffer.from('ceb_messages.body', 'utf8'));
      d.setAuthTag(tag);
      return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
    };
    expect(aad(message)).toBe('<ceb:CEB621Message/>');
  });
});
