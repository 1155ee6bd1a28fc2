-- The clinic server's schema (clinicdesk-cli server init runs this as postgres, in the clinicdesk
-- database). What a client is lives sealed on the desks; the server holds ciphertext, ids, dates and
-- statuses. Privileges are the server's own enforcement of the roles: a receptionist's login has
-- none on clinical tables, and no desk login may change or delete the audit log.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
CREATE SCHEMA clinicdesk AUTHORIZATION clinicdesk_owner;
GRANT USAGE ON SCHEMA clinicdesk TO clinicdesk_staff;
SET ROLE clinicdesk_owner;

-- The clinic: its id (salts the logins' passwords) and its keyring, the key slots each wrapping the
-- clinic's keys under a member of staff's passphrase (as keyring.json does for a local vault).
CREATE TABLE clinicdesk.clinic (
  id         integer PRIMARY KEY CHECK (id = 1),
  clinic_id  text NOT NULL,
  keyring    bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Append-only: desk logins may add entries and read them, never change or remove one; who wrote an
-- entry, and when, is what the server saw, not what the desk says; ids are the server's alone.
CREATE TABLE clinicdesk.audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  staff       text NOT NULL DEFAULT session_user,
  action      text NOT NULL,
  subject_ref text,
  detail      text NOT NULL DEFAULT ''
);
CREATE FUNCTION clinicdesk.audit_staff_is_session_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF session_user <> 'postgres' THEN
    NEW.staff := session_user;
    NEW.at := now();
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_staff BEFORE INSERT ON clinicdesk.audit_log
  FOR EACH ROW EXECUTE FUNCTION clinicdesk.audit_staff_is_session_user();

-- Clinical records: sealed on the desk under the client's key; the server sees ids and dates.
CREATE TABLE clinicdesk.treatment_records (
  id        bigserial PRIMARY KEY,
  client_id bigint NOT NULL,
  given_on  date NOT NULL,
  sealed    bytea NOT NULL
);

RESET ROLE;
GRANT SELECT ON clinicdesk.clinic TO clinicdesk_staff;
GRANT UPDATE (keyring) ON clinicdesk.clinic TO clinicdesk_manager;
GRANT SELECT ON clinicdesk.audit_log TO clinicdesk_staff;
GRANT INSERT (action, subject_ref, detail) ON clinicdesk.audit_log TO clinicdesk_staff;
GRANT SELECT, INSERT, UPDATE ON clinicdesk.treatment_records TO clinicdesk_practitioner, clinicdesk_manager;
GRANT DELETE ON clinicdesk.treatment_records TO clinicdesk_manager;
GRANT USAGE ON SEQUENCE clinicdesk.treatment_records_id_seq TO clinicdesk_practitioner, clinicdesk_manager;
