-- 代理申报授权 (decision 0018): an enterprise (grantor) authorises another (grantee) to name it in a role of the
-- documents the grantee declares — e.g. a seller lets its customs broker declare inventories with the seller as
-- ebcCode. The CEB gateway refuses a document whose acting party field (packages/domain/src/access/party-binding.ts)
-- names neither the sender nor an enterprise with an authorisation of the sender in force for that role.
-- Granted and revoked by the grantor, read by both parties, customs and the zone office; every change audited.
CREATE TABLE declaration_authorisations (
  id              uuid PRIMARY KEY,
  grantor_org_id  uuid NOT NULL REFERENCES organisations (id),
  grantee_org_id  uuid NOT NULL REFERENCES organisations (id),
  role            text NOT NULL CHECK (role IN ('ebp', 'ebc', 'payment', 'logistics', 'warehouse', 'assure')),
  valid_from      date NOT NULL,
  valid_to        date,                           -- the first day it no longer applies; NULL: until revoked
  status          text NOT NULL DEFAULT 'granted' CHECK (status IN ('granted', 'revoked')),
  reason          text NOT NULL,                  -- why: the agency agreement (委托协议) it rests on
  granted_by      uuid REFERENCES users (id),
  granted_at      timestamptz NOT NULL,
  revoked_by      uuid REFERENCES users (id),
  revoked_at      timestamptz,
  revoke_reason   text,
  CHECK (grantor_org_id <> grantee_org_id),
  CHECK (valid_to IS NULL OR valid_to > valid_from),
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
);
-- One authorisation in force per grantor, grantee and role: a new period replaces the old by revoking it first.
CREATE UNIQUE INDEX declaration_authorisations_granted_idx
  ON declaration_authorisations (grantor_org_id, grantee_org_id, role) WHERE status = 'granted';
-- The gateway reads a sender's granted authorisations (one query per sender, cached).
CREATE INDEX declaration_authorisations_grantee_idx ON declaration_authorisations (grantee_org_id, status);
CREATE INDEX declaration_authorisations_grantor_idx ON declaration_authorisations (grantor_org_id, granted_at);
CREATE INDEX declaration_authorisations_granted_at_idx ON declaration_authorisations (granted_at, id);
