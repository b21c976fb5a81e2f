-- One active account per e-mail, case-insensitively, kept by the database so that concurrent
-- user_create calls cannot each pass the look-up before the insert. Accounts that share an e-mail
-- already (written before this index) are not merged or changed here: which one is the person's
-- is for an administrator to decide, so the migration stops and names them.
DO $$
DECLARE
  dup text;
BEGIN
  SELECT string_agg(e, ', ') INTO dup FROM (
    SELECT lower(email) AS e FROM users WHERE state = 'active' AND email IS NOT NULL
    GROUP BY lower(email) HAVING count(*) > 1 ORDER BY 1
  ) d;
  IF dup IS NOT NULL THEN
    RAISE EXCEPTION 'Several active users share an e-mail address: %', dup
      USING HINT = 'Give all but one of each set another e-mail address (or set state = ''deleted''), then start Kho again.';
  END IF;
END $$;
--> statement-breakpoint
CREATE UNIQUE INDEX "users_active_email_key" ON "users" USING btree (lower("email")) WHERE "state" = 'active';
