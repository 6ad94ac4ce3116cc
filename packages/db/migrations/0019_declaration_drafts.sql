-- 申报录入 (issue 17, item 8; decision 0035): what an enterprise's clerk keeps of a declaration entered by form —
-- drafts (暂存) and templates (模板). Owned by the enterprise (org_id): only its own users and keys read, use or
-- delete them. `body` holds the form's values with CEB field names ({ head: {...}, list: [...] }); nothing here
-- is declared: declaring builds the CEB message from the values and sends it through the gateway's acceptance path.
CREATE TABLE declaration_drafts (
  id            uuid PRIMARY KEY,
  org_id        uuid NOT NULL REFERENCES organisations (id),
  kind          text NOT NULL CHECK (kind IN ('draft', 'template')),
  message_type  text NOT NULL CHECK (message_type IN ('CEB311Message', 'CEB411Message', 'CEB511Message', 'CEB621Message')),
  name          text NOT NULL,
  body          jsonb NOT NULL,
  created_by    uuid REFERENCES users (id),
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
CREATE INDEX declaration_drafts_org_idx ON declaration_drafts (org_id, kind, message_type, updated_at);
