-- Personal data at rest (decision 0017): which keys have sealed data in this database, by a check value (an
-- HMAC of a constant under the key; never the key). A server started with a key file whose keys do not match
-- refuses to start, instead of sealing data under a key nobody else holds.
CREATE TABLE pii_keys (
  key_id          text PRIMARY KEY,
  purpose         text NOT NULL CHECK (purpose IN ('seal', 'hash')),
  check_value     text NOT NULL,
  added_at        timestamptz NOT NULL,
  retired_at      timestamptz            -- set by `crossgate pii rotate` once nothing is sealed with it any more
);
