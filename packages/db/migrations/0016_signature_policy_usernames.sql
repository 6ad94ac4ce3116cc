-- Decision 0024.
-- The zone's signature policy: whether declarations the spec says are signed must carry a signature that
-- verifies with a key the sender registered ('required') or only once it has registered one ('optional',
-- demo/test mode). NULL: the zone office has not chosen; the server's CROSSGATE_SIGNATURE_POLICY applies
-- ('required' unless set). Changed by the zone office through PATCH /api/v1/zone, audited.
ALTER TABLE zones ADD COLUMN signature_policy text CHECK (signature_policy IN ('required', 'optional'));

-- Usernames are unique per organisation, not across the platform: creating a user must not tell an
-- organisation's administrator which names other organisations use. Sign-in names the organisation when a
-- username is held in several (organisation code + username).
ALTER TABLE users DROP CONSTRAINT users_username_key;
ALTER TABLE users ADD CONSTRAINT users_org_username_key UNIQUE (org_id, username);
CREATE INDEX users_username_idx ON users (username);
