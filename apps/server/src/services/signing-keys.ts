import { X509Certificate, createPublicKey } from 'node:crypto';
import type { TRegisterSigningKey, TSigningKey } from '@crossgate/contract';
import type { SigningKeyRow } from '@crossgate/db';
import { inScope, scopeFor } from '@crossgate/domain';
import { AppError, forbidden, notFound } from '../errors.ts';
import { appendAudit } from '../repositories/audit.ts';
import {
  findSigningKey,
  insertSigningKey,
  listSigningKeys as listRows,
  revokeSigningKey,
} from '../repositories/signing-keys.ts';
import { newId } from './auth.ts';
import { senderKeys } from './import/accept-message.ts';
import type { Deps, RequestContext } from './context.ts';

const toKey = (k: SigningKeyRow): TSigningKey => ({
  id: k.id,
  orgId: k.org_id,
  algorithm: k.algorithm,
  keyName: k.key_name,
  subject: k.subject,
  validFrom: k.valid_from?.toISOString() ?? null,
  validTo: k.valid_to?.toISOString() ?? null,
  revokedAt: k.revoked_at?.toISOString() ?? null,
  createdAt: k.created_at.toISOString(),
});

const invalid = (field: string, rule: string, actual?: string) =>
  new AppError('VALIDATION_FAILED', [{ field, rule, ...(actual ? { actual } : {}) }]);

/** The SM2 public point of a certificate: the 65-byte uncompressed point in its SubjectPublicKeyInfo. */
function sm2PointOf(der: Buffer): string | undefined {
  const i = der.indexOf(Buffer.from('03420004', 'hex'));
  return i < 0 ? undefined : der.subarray(i + 3, i + 3 + 65).toString('hex');
}

interface ParsedKey {
  algorithm: 'rsa' | 'sm2';
  publicKey: string;
  certificate: string | null;
  subject: string | null;
  validFrom: Date | null;
  validTo: Date | null;
}

function parseKey(input: TRegisterSigningKey): ParsedKey {
  if (input.sm2PublicKey)
    return {
      algorithm: 'sm2',
      publicKey: input.sm2PublicKey.toLowerCase(),
      certificate: null,
      subject: null,
      validFrom: null,
      validTo: null,
    };
  if (input.publicKeyPem) {
    try {
      const key = createPublicKey(input.publicKeyPem);
      if (key.asymmetricKeyType !== 'rsa')
        throw invalid(
          'publicKeyPem',
          'an RSA public key (SM2 keys go in sm2PublicKey)',
          key.asymmetricKeyType,
        );
      return {
        algorithm: 'rsa',
        publicKey: key.export({ type: 'spki', format: 'pem' }) as string,
        certificate: null,
        subject: null,
        validFrom: null,
        validTo: null,
      };
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw invalid('publicKeyPem', 'a PEM public key', (error as Error).message);
    }
  }
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(input.certificatePem ?? '');
  } catch (error) {
    throw invalid('certificatePem', 'an X.509 certificate in PEM', (error as Error).message);
  }
  const meta = {
    certificate: cert.toString(),
    subject: cert.subject.replace(/\n/g, ', '),
    validFrom: new Date(cert.validFrom),
    validTo: new Date(cert.validTo),
  };
  if (cert.publicKey.asymmetricKeyType === 'rsa')
    return {
      algorithm: 'rsa',
      publicKey: cert.publicKey.export({ type: 'spki', format: 'pem' }) as string,
      ...meta,
    };
  const point = sm2PointOf(cert.raw);
  if (!point)
    throw invalid(
      'certificatePem',
      'an RSA or SM2 certificate',
      cert.publicKey.asymmetricKeyType ?? 'unknown key type',
    );
  return { algorithm: 'sm2', publicKey: point, ...meta };
}

/** Registers a signing key of the actor's enterprise; from then on its messages' signatures are verified. */
export async function registerSigningKey(
  deps: Deps,
  ctx: RequestContext,
  input: TRegisterSigningKey,
): Promise<TSigningKey> {
  const scope = scopeFor(ctx.actor, 'api_key', 'create');
  if (scope.kind === 'none' || !inScope(scope, ctx.actor.orgId))
    throw forbidden('signing keys are registered by an enterprise administrator');
  const parsed = parseKey(input);
  if (parsed.validTo && parsed.validTo <= ctx.now)
    throw invalid('certificatePem', 'a certificate that has not expired', parsed.validTo.toISOString());
  return deps.db.transaction().execute(async (trx) => {
    const row = await insertSigningKey(trx, {
      id: newId(),
      org_id: ctx.actor.orgId,
      algorithm: parsed.algorithm,
      key_name: input.keyName,
      public_key: parsed.publicKey,
      certificate: parsed.certificate,
      subject: parsed.subject,
      valid_from: parsed.validFrom,
      valid_to: parsed.validTo,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
    });
    senderKeys.clear();
    const after = toKey(row);
    await appendAudit(trx, ctx, {
      action: 'signing_key.register',
      targetType: 'signing_key',
      targetId: row.id,
      targetOrgId: row.org_id,
      after,
    });
    return after;
  });
}

export async function listSigningKeys(deps: Deps, ctx: RequestContext): Promise<TSigningKey[]> {
  const scope = scopeFor(ctx.actor, 'api_key', 'read');
  if (scope.kind === 'none') throw forbidden('signing keys are managed by an enterprise administrator');
  return (await listRows(deps.db, scope.kind === 'own' ? scope.orgId : null)).map(toKey);
}

export async function revokeKeyById(deps: Deps, ctx: RequestContext, id: string): Promise<TSigningKey> {
  const scope = scopeFor(ctx.actor, 'api_key', 'delete');
  if (scope.kind === 'none') throw forbidden('signing keys are managed by an enterprise administrator');
  return deps.db.transaction().execute(async (trx) => {
    const existing = await findSigningKey(trx, id);
    if (!existing || !inScope(scope, existing.org_id)) throw notFound('id', id);
    const revoked = await revokeSigningKey(trx, id, ctx.now);
    senderKeys.clear();
    if (!revoked) return toKey(existing);
    await appendAudit(trx, ctx, {
      action: 'signing_key.revoke',
      targetType: 'signing_key',
      targetId: id,
      targetOrgId: existing.org_id,
      before: toKey(existing),
      after: toKey(revoked),
    });
    return toKey(revoked);
  });
}
