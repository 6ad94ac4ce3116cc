-- Closed by default (docs/decisions/0022-closed-by-default.md): users change their own password, and an
-- administrator can require a change at next sign-in. While must_change_password is set, the user's sessions
-- reach only the change-password endpoint, who-am-I and sign-out.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN password_changed_at timestamptz;
