-- API key scopes (SECURITY.md): what one key may do inside its enterprise's rights. NULL = every operator right
-- (keys issued before scopes existed keep working as they did).
ALTER TABLE api_keys ADD COLUMN scopes text[]
  CHECK (scopes IS NULL OR (cardinality(scopes) > 0 AND scopes <@ ARRAY['declare', 'read', 'write']::text[]));
