-- The clinic server's roles and database (clinicdesk-cli server init runs this as postgres, in the
-- postgres database). The tables belong to clinicdesk_owner, which never logs in; each member of
-- staff has a login in one of the three group roles, all members of clinicdesk_staff (the only
-- role pg_hba.conf lets in over the network).
CREATE ROLE clinicdesk_owner NOLOGIN;
CREATE ROLE clinicdesk_staff NOLOGIN;
CREATE ROLE clinicdesk_reception NOLOGIN IN ROLE clinicdesk_staff;
CREATE ROLE clinicdesk_practitioner NOLOGIN IN ROLE clinicdesk_staff;
CREATE ROLE clinicdesk_manager NOLOGIN IN ROLE clinicdesk_staff;
CREATE DATABASE clinicdesk OWNER clinicdesk_owner ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE clinicdesk FROM PUBLIC;
GRANT CONNECT ON DATABASE clinicdesk TO clinicdesk_staff;
