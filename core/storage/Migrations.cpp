// The schema's history. Never edit a migration that has shipped: add a new one.
// Every column that holds personal data must also appear in the privacy data map.
#include "storage/Schema.h"
#include "storage/Sql.h"

#include <QObject>
#include <array>

namespace cd::schema {

namespace {

// 1 — foundation: clinic settings, staff accounts, the client (data subject) row.
constexpr const char* kV1 = R"SQL(
CREATE TABLE settings (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);
CREATE TABLE staff (
  id           INTEGER PRIMARY KEY,
  username     TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('receptionist', 'practitioner', 'manager')),
  active       INTEGER NOT NULL DEFAULT 1,
  created_at   TEXT NOT NULL
);
CREATE TABLE clients (
  id             INTEGER PRIMARY KEY,
  subject_ref    TEXT NOT NULL UNIQUE,
  title          TEXT,
  first_name     TEXT NOT NULL,
  last_name      TEXT NOT NULL,
  preferred_name TEXT,
  date_of_birth  TEXT,
  status         TEXT NOT NULL DEFAULT 'enquiry' CHECK (status IN ('enquiry', 'active', 'former')),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX clients_name ON clients (last_name, first_name);
)SQL";

// 2 — front desk: contact details, tags, interactions and follow-ups, marketing consent, search.
constexpr const char* kV2 = R"SQL(
ALTER TABLE clients ADD COLUMN pronouns TEXT;
ALTER TABLE clients ADD COLUMN source TEXT;
CREATE TABLE client_phones (
  id        INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  label     TEXT NOT NULL DEFAULT 'mobile',
  number    TEXT NOT NULL,
  e164      TEXT
);
CREATE INDEX client_phones_client ON client_phones (client_id);
CREATE INDEX client_phones_e164 ON client_phones (e164);
CREATE TABLE client_emails (
  id         INTEGER PRIMARY KEY,
  client_id  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  label      TEXT NOT NULL DEFAULT 'personal',
  address    TEXT NOT NULL,
  normalised TEXT NOT NULL
);
CREATE INDEX client_emails_client ON client_emails (client_id);
CREATE INDEX client_emails_normalised ON client_emails (normalised);
CREATE TABLE client_addresses (
  id        INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  label     TEXT NOT NULL DEFAULT 'home',
  line1     TEXT,
  line2     TEXT,
  town      TEXT,
  county    TEXT,
  postcode  TEXT,
  country   TEXT
);
CREATE INDEX client_addresses_client ON client_addresses (client_id);
CREATE TABLE client_handles (
  id        INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  service   TEXT NOT NULL,
  handle    TEXT NOT NULL
);
CREATE INDEX client_handles_client ON client_handles (client_id);
CREATE TABLE client_tags (
  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  tag       TEXT NOT NULL,
  PRIMARY KEY (client_id, tag)
);
CREATE TABLE interactions (
  id                   INTEGER PRIMARY KEY,
  client_id            INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  kind                 TEXT NOT NULL CHECK (kind IN ('enquiry', 'call', 'email', 'social', 'in_person',
                                                     'complaint', 'availability')),
  direction            TEXT CHECK (direction IN ('in', 'out')),
  duration_seconds     INTEGER,
  occurred_at          TEXT NOT NULL,
  author_id            INTEGER REFERENCES staff (id),
  body                 TEXT NOT NULL,
  follow_up_on         TEXT,
  follow_up_done_at    TEXT,
  complaint_status     TEXT CHECK (complaint_status IN ('open', 'resolved')),
  complaint_resolution TEXT,
  created_at           TEXT NOT NULL
);
CREATE INDEX interactions_client ON interactions (client_id, occurred_at);
CREATE INDEX interactions_follow_up ON interactions (follow_up_on)
  WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL;
CREATE TABLE consent_events (
  id          INTEGER PRIMARY KEY,
  client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  channel     TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'phone', 'post')),
  granted     INTEGER NOT NULL,
  recorded_at TEXT NOT NULL,
  method      TEXT NOT NULL,
  staff_id    INTEGER REFERENCES staff (id),
  note        TEXT
);
CREATE INDEX consent_events_client ON consent_events (client_id, channel, recorded_at);
CREATE VIRTUAL TABLE client_search USING fts4 (
  names, contacts, tokenize=unicode61 "remove_diacritics=1", prefix="2,3"
);
CREATE VIRTUAL TABLE interaction_search USING fts4 (
  body, tokenize=unicode61 "remove_diacritics=1"
);
)SQL";

// 3 — merges that can be undone: what each merge moved and changed, so undo can put it back.
constexpr const char* kV3 = R"SQL(
CREATE TABLE client_merges (
  id               INTEGER PRIMARY KEY,
  kept_client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  merged_client_id INTEGER NOT NULL,
  snapshot         TEXT NOT NULL,
  merged_at        TEXT NOT NULL,
  staff_id         INTEGER REFERENCES staff (id),
  undone_at        TEXT
);
CREATE INDEX client_merges_kept ON client_merges (kept_client_id);
)SQL";

// 4 — privacy: the request register, erasure tombstones, restriction, bank-holiday changes.
// Tombstones and requests carry the pseudonymous subject_ref only, so they survive an erasure.
constexpr const char* kV4 = R"SQL(
ALTER TABLE clients ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clients ADD COLUMN erased_at TEXT;
CREATE TABLE privacy_requests (
  id                INTEGER PRIMARY KEY,
  client_id         INTEGER REFERENCES clients (id) ON DELETE SET NULL,
  subject_ref       TEXT NOT NULL,
  type              TEXT NOT NULL CHECK (type IN ('access', 'portability', 'erasure', 'rectification',
                                                  'restriction', 'objection')),
  received_on       TEXT NOT NULL,
  identity_check    TEXT,
  due_on            TEXT NOT NULL,
  extended_due_on   TEXT,
  extension_reason  TEXT,
  status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'refused')),
  completed_on      TEXT,
  created_at        TEXT NOT NULL,
  staff_id          INTEGER REFERENCES staff (id)
);
CREATE INDEX privacy_requests_status ON privacy_requests (status, due_on);
CREATE TABLE privacy_request_files (
  id         INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES privacy_requests (id) ON DELETE CASCADE,
  file_name  TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  sent_at    TEXT NOT NULL
);
CREATE TABLE erasure_tombstones (
  id          INTEGER PRIMARY KEY,
  subject_ref TEXT NOT NULL,
  request_id  INTEGER REFERENCES privacy_requests (id),
  erased_at   TEXT NOT NULL,
  staff_id    INTEGER REFERENCES staff (id),
  erased      TEXT NOT NULL,
  kept        TEXT NOT NULL
);
CREATE TABLE bank_holiday_changes (
  day    TEXT NOT NULL,
  nation TEXT NOT NULL CHECK (nation IN ('england-wales', 'scotland', 'northern-ireland')),
  change TEXT NOT NULL CHECK (change IN ('add', 'remove')),
  note   TEXT,
  PRIMARY KEY (day, nation)
);
INSERT INTO bank_holiday_changes (day, nation, change, note) VALUES
  ('2020-05-04', 'england-wales', 'remove', 'Early May bank holiday moved to 8 May (VE Day 75)'),
  ('2020-05-08', 'england-wales', 'add', 'VE Day 75'),
  ('2022-05-30', 'england-wales', 'remove', 'Spring bank holiday moved to 2 June'),
  ('2022-06-02', 'england-wales', 'add', 'Spring bank holiday (Platinum Jubilee)'),
  ('2022-06-03', 'england-wales', 'add', 'Platinum Jubilee'),
  ('2022-09-19', 'england-wales', 'add', 'State funeral of Queen Elizabeth II'),
  ('2023-05-08', 'england-wales', 'add', 'Coronation of King Charles III'),
  ('2020-05-04', 'scotland', 'remove', 'Early May bank holiday moved to 8 May (VE Day 75)'),
  ('2020-05-08', 'scotland', 'add', 'VE Day 75'),
  ('2022-05-30', 'scotland', 'remove', 'Spring bank holiday moved to 2 June'),
  ('2022-06-02', 'scotland', 'add', 'Spring bank holiday (Platinum Jubilee)'),
  ('2022-06-03', 'scotland', 'add', 'Platinum Jubilee'),
  ('2022-09-19', 'scotland', 'add', 'State funeral of Queen Elizabeth II'),
  ('2023-05-08', 'scotland', 'add', 'Coronation of King Charles III'),
  ('2020-05-04', 'northern-ireland', 'remove', 'Early May bank holiday moved to 8 May (VE Day 75)'),
  ('2020-05-08', 'northern-ireland', 'add', 'VE Day 75'),
  ('2022-05-30', 'northern-ireland', 'remove', 'Spring bank holiday moved to 2 June'),
  ('2022-06-02', 'northern-ireland', 'add', 'Spring bank holiday (Platinum Jubilee)'),
  ('2022-06-03', 'northern-ireland', 'add', 'Platinum Jubilee'),
  ('2022-09-19', 'northern-ireland', 'add', 'State funeral of Queen Elizabeth II'),
  ('2023-05-08', 'northern-ireland', 'add', 'Coronation of King Charles III');
)SQL";

// 5 — accountability: the hash-chained, append-only audit log; one-time passphrases.
constexpr const char* kV5 = R"SQL(
ALTER TABLE staff ADD COLUMN must_change_passphrase INTEGER NOT NULL DEFAULT 0;
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  staff       TEXT NOT NULL,
  action      TEXT NOT NULL,
  subject_ref TEXT,
  detail      TEXT NOT NULL DEFAULT '',
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject_ref);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)SQL";

// 6 — quote and treatment images. Metadata in `images`; the pixels in `image_blobs`, one row per
// rendition (thumbnail, preview, original), so a gallery reads kilobytes, not the originals. Both
// tables reach the client directly, so privacy requests find every row by client_id.
// treatment_ref links a quote or treatment once those tables exist (no foreign key until then).
constexpr const char* kImagesMigration = R"SQL(
CREATE TABLE images (
  id            INTEGER PRIMARY KEY,
  client_id     INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('quote_request', 'mockup', 'before', 'after', 'progress', 'other')),
  area          TEXT NOT NULL CHECK (area IN ('forehead', 'glabella', 'crows_feet', 'lips', 'cheeks', 'jawline',
                                               'neck', 'other')),
  taken_on      TEXT NOT NULL,
  caption       TEXT,
  consent       TEXT NOT NULL DEFAULT 'clinical_only' CHECK (consent IN ('clinical_only', 'marketing')),
  treatment_ref INTEGER,
  original_name TEXT NOT NULL,
  mime_type     TEXT NOT NULL CHECK (mime_type IN ('image/jpeg', 'image/png')),
  width         INTEGER NOT NULL CHECK (width > 0),
  height        INTEGER NOT NULL CHECK (height > 0),
  byte_size     INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  added_by      INTEGER REFERENCES staff (id)
);
CREATE INDEX images_client ON images (client_id, area, taken_on);
CREATE INDEX images_sha256 ON images (client_id, sha256);
CREATE TABLE image_blobs (
  id        INTEGER PRIMARY KEY,
  image_id  INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  rendition TEXT NOT NULL CHECK (rendition IN ('thumbnail', 'preview', 'original')),
  data      BLOB NOT NULL,
  UNIQUE (image_id, rendition)
);
CREATE INDEX image_blobs_client ON image_blobs (client_id);
)SQL";

// 7 — the duplicate check (same name and date of birth, any case) for every CSV row and every new
// client scanned the whole clients table: clients_name compares case-sensitively, so it cannot
// serve "= ? COLLATE NOCASE". A 10,000-row import into 100,000 clients took minutes (clinicdesk-bench).
constexpr const char* kV7 = R"SQL(
CREATE INDEX clients_name_nocase ON clients (last_name COLLATE NOCASE, first_name COLLATE NOCASE, date_of_birth);
)SQL";

// 8 — one-character prefixes indexed too. FTS4 reads a prefix's doclists incrementally (so LIMIT
// stops early) only when a prefix index serves it; "O", "0" or "Zoe N" merged the doclists of every
// term with that first letter, up to 100,000 clients' worth, on the first keystroke (clinicdesk-bench:
// p95 11 ms). A table's prefix indexes are fixed at creation, so the index is rebuilt under its name.
constexpr const char* kV8 = R"SQL(
CREATE VIRTUAL TABLE client_search_v8 USING fts4 (
  names, contacts, tokenize=unicode61 "remove_diacritics=1", prefix="1,2,3"
);
INSERT INTO client_search_v8 (docid, names, contacts) SELECT docid, names, contacts FROM client_search;
DROP TABLE client_search;
ALTER TABLE client_search_v8 RENAME TO client_search;
)SQL";

// 9 — the diary, treatment records with batch numbers, quotes and payments. Every table reaches the
// client by client_id (quote items and quote images too), so privacy requests and merges find each
// row directly. Times are UTC ("YYYY-MM-DDTHH:MM:SSZ"), days local dates, money whole pence.
// appointments.ends_at is starts_at + duration_minutes, stored so clash checks and day views are
// index range scans. treatment_records.batch_number is indexed case-insensitively: a recall ("who
// received batch X", exact or prefix) is one index range however many clients there are.
// images.treatment_ref (schema 6) now names the treatment record a before/after photo belongs to;
// it has no foreign key (SQLite cannot add one to an existing column), TreatmentRecords checks it.
// A treatment record keeps its appointment link only while the appointment exists (SET NULL):
// erasure removes appointments but keeps treatment records for legal claims; likewise payments.
constexpr const char* kV9 = R"SQL(
CREATE TABLE rooms (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  active     INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE TABLE appointments (
  id               INTEGER PRIMARY KEY,
  client_id        INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  kind             TEXT NOT NULL CHECK (kind IN ('consultation', 'treatment')),
  starts_at        TEXT NOT NULL,
  ends_at          TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
  practitioner_id  INTEGER NOT NULL REFERENCES staff (id),
  room_id          INTEGER REFERENCES rooms (id),
  treatment        TEXT,
  notes            TEXT,
  status           TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'attended', 'no_show', 'cancelled')),
  cancel_reason    TEXT,
  sequence         INTEGER NOT NULL DEFAULT 0,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  created_by       INTEGER REFERENCES staff (id)
);
CREATE INDEX appointments_client ON appointments (client_id, starts_at);
CREATE INDEX appointments_starts ON appointments (starts_at);
CREATE INDEX appointments_practitioner ON appointments (practitioner_id, starts_at);
CREATE INDEX appointments_room ON appointments (room_id, starts_at);
CREATE TABLE treatment_records (
  id               INTEGER PRIMARY KEY,
  client_id        INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  appointment_id   INTEGER REFERENCES appointments (id) ON DELETE SET NULL,
  given_on         TEXT NOT NULL,
  practitioner_id  INTEGER REFERENCES staff (id),
  treatment        TEXT NOT NULL,
  areas            TEXT,
  product          TEXT,
  batch_number     TEXT,
  expiry_date      TEXT,
  quantity         REAL,
  quantity_unit    TEXT CHECK (quantity_unit IN ('units', 'ml')),
  consent_form_ref TEXT,
  aftercare_given  INTEGER NOT NULL DEFAULT 0,
  notes            TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  created_by       INTEGER REFERENCES staff (id)
);
CREATE INDEX treatment_records_client ON treatment_records (client_id, given_on);
CREATE INDEX treatment_records_batch ON treatment_records (batch_number COLLATE NOCASE);
CREATE INDEX images_treatment ON images (treatment_ref);
CREATE TABLE quotes (
  id          INTEGER PRIMARY KEY,
  client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  created_on  TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'expired')),
  notes       TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  created_by  INTEGER REFERENCES staff (id)
);
CREATE INDEX quotes_client ON quotes (client_id, created_on);
CREATE INDEX quotes_open ON quotes (valid_until) WHERE status = 'sent';
CREATE TABLE quote_items (
  id          INTEGER PRIMARY KEY,
  quote_id    INTEGER NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
  client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  treatment   TEXT NOT NULL,
  price_pence INTEGER NOT NULL CHECK (price_pence >= 0),
  quantity    INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0)
);
CREATE INDEX quote_items_quote ON quote_items (quote_id, position);
CREATE INDEX quote_items_client ON quote_items (client_id);
CREATE TABLE quote_images (
  id        INTEGER PRIMARY KEY,
  quote_id  INTEGER NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
  image_id  INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  UNIQUE (quote_id, image_id)
);
CREATE INDEX quote_images_client ON quote_images (client_id);
CREATE INDEX quote_images_image ON quote_images (image_id);
CREATE TABLE payments (
  id           INTEGER PRIMARY KEY,
  client_id    INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('payment', 'refund')),
  amount_pence INTEGER NOT NULL CHECK (amount_pence > 0),
  method       TEXT NOT NULL CHECK (method IN ('card', 'cash', 'bank_transfer', 'voucher', 'other')),
  description  TEXT NOT NULL,
  quote_id     INTEGER REFERENCES quotes (id) ON DELETE SET NULL,
  paid_on      TEXT NOT NULL,
  recorded_at  TEXT NOT NULL,
  recorded_by  INTEGER REFERENCES staff (id)
);
CREATE INDEX payments_client ON payments (client_id, paid_on);
CREATE INDEX payments_day ON payments (paid_on);
CREATE INDEX payments_quote ON payments (quote_id);
)SQL";

// 10 — the notes index in 4 shards by client (core/clients/NotesIndex.h says why), FTS3 so a note
// writes no statistics row; frozen at 4 here whatever NotesIndex says later.
constexpr const char* kV10 = R"SQL(
DROP TABLE interaction_search;
-- Never used by a query (the audit view filters by scanning the log), and written on every audited action.
DROP INDEX audit_log_subject;
CREATE VIRTUAL TABLE interaction_search_0 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE interaction_search_1 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE interaction_search_2 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE interaction_search_3 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
INSERT INTO interaction_search_0 (docid, body) SELECT id, body FROM interactions WHERE client_id % 4 = 0;
INSERT INTO interaction_search_1 (docid, body) SELECT id, body FROM interactions WHERE client_id % 4 = 1;
INSERT INTO interaction_search_2 (docid, body) SELECT id, body FROM interactions WHERE client_id % 4 = 2;
INSERT INTO interaction_search_3 (docid, body) SELECT id, body FROM interactions WHERE client_id % 4 = 3;
)SQL";

// 11 — key domains (common/ClinicalSeal.h). The clinic's public keys, one row, written when a vault
// gets key domains (core/vault owns the table); treatment records' clinical values sealed in one
// column, the plain columns then left empty; a batch number found through blind tokens (keyed
// hashes of the number and its prefixes), which only the clinical key can compute.
constexpr const char* kV11 = R"SQL(
CREATE TABLE key_domains (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  clinical_public   BLOB NOT NULL,
  management_public BLOB NOT NULL,
  created_at        TEXT NOT NULL
);
ALTER TABLE treatment_records ADD COLUMN sealed BLOB;
CREATE TABLE treatment_batch_tokens (
  id        INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL REFERENCES treatment_records (id) ON DELETE CASCADE,
  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  token     TEXT NOT NULL,
  UNIQUE (token, record_id)
);
CREATE INDEX treatment_batch_tokens_record ON treatment_batch_tokens (record_id);
CREATE INDEX treatment_batch_tokens_client ON treatment_batch_tokens (client_id);
)SQL";

// 12 — the signed roster (accounts/Roster.h): the accounts, roles and open/closed as a manager's key
// last signed them; one row. A vault with key domains gets it at its first manager's sign-in.
constexpr const char* kV12 = R"SQL(
CREATE TABLE staff_roster (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  serial    INTEGER NOT NULL,
  body      BLOB NOT NULL,
  signature BLOB NOT NULL,
  signed_by TEXT NOT NULL,
  signed_at TEXT NOT NULL
);
)SQL";

// 13 — the audit log anchored (audit/AuditLog.h): checkpoints, each an entry's id and hash signed with
// the management key, append-only like the log; and the management keys a re-key retired, each
// endorsed by the key that replaced it, so checkpoints signed before a re-key still count (core/vault
// owns that table).
constexpr const char* kV13 = R"SQL(
CREATE TABLE audit_checkpoints (
  id         INTEGER PRIMARY KEY,
  entry_id   INTEGER NOT NULL,
  entry_hash TEXT NOT NULL,
  at         TEXT NOT NULL,
  signed_by  TEXT NOT NULL,
  signature  BLOB NOT NULL
);
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TABLE former_management_keys (
  id          INTEGER PRIMARY KEY,
  public_key  BLOB NOT NULL UNIQUE,
  retired_at  TEXT NOT NULL,
  endorsement BLOB NOT NULL
);
)SQL";

// 14 — how identity was checked becomes a method code (privacy/Register.h): the free text of older
// requests ("passport 9876…") is mapped to the method it names and the text itself is gone
// (secure_delete overwrites it in the file).
constexpr const char* kV14 = R"SQL(
UPDATE privacy_requests SET identity_check = CASE
  WHEN identity_check IS NULL OR trim(identity_check) = '' THEN NULL
  WHEN identity_check IN ('photo_id_seen', 'called_back_on_file', 'email_on_file', 'known_in_person', 'other')
    THEN identity_check
  WHEN lower(identity_check) LIKE '%passport%' OR lower(identity_check) LIKE '%licen%'
    OR lower(identity_check) LIKE '%photo%' OR lower(identity_check) LIKE '%id card%'
    OR lower(identity_check) LIKE 'id %' OR lower(identity_check) LIKE '% id%' THEN 'photo_id_seen'
  WHEN lower(identity_check) LIKE '%call%' OR lower(identity_check) LIKE '%phone%'
    OR lower(identity_check) LIKE '%number%' THEN 'called_back_on_file'
  WHEN lower(identity_check) LIKE '%mail%' THEN 'email_on_file'
  WHEN lower(identity_check) LIKE '%person%' OR lower(identity_check) LIKE '%known%'
    OR lower(identity_check) LIKE '%in clinic%' THEN 'known_in_person'
  ELSE 'other' END;
)SQL";

// 15 — stock by batch (core/stock): a batch as received, and a ledger of movements (received, used
// for a treatment, corrected by a count). Quantities in thousandths of the unit, so 0.1 ml adds up
// exactly. A use for a treatment carries a keyed token of the record, not its id: the front-desk key
// that reads the stock cannot tell whose treatment it was (only the clinical key computes it).
// IF NOT EXISTS: a vault rewound to an earlier version by hand runs it again harmlessly.
constexpr const char* kV15 = R"SQL(
CREATE TABLE IF NOT EXISTS stock_batches (
  id           INTEGER PRIMARY KEY,
  product      TEXT NOT NULL,
  batch_number TEXT NOT NULL,
  batch_key    TEXT NOT NULL,
  expiry_date  TEXT NOT NULL,
  unit         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  UNIQUE (product, batch_key)
);
CREATE TABLE IF NOT EXISTS stock_movements (
  id              INTEGER PRIMARY KEY,
  batch_id        INTEGER NOT NULL REFERENCES stock_batches (id),
  kind            TEXT NOT NULL,
  quantity_milli  INTEGER NOT NULL,
  moved_on        TEXT NOT NULL,
  treatment_token TEXT,
  note            TEXT,
  staff_id        INTEGER REFERENCES staff (id),
  created_at      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS stock_movements_batch ON stock_movements (batch_id);
CREATE INDEX IF NOT EXISTS stock_movements_treatment ON stock_movements (treatment_token);
)SQL";

// 16 — forms (core/forms): templates in versions that are never changed (a new wording is a new
// version), and forms as signed. A signed form's content (the wording, the answers, the signature) is
// sealed to the clinical key and hashed; the triggers refuse any change to what identifies it. Only
// `content` may be written again, by a re-key that seals the same bytes to a new key (the hash,
// checked as each form is read, tells if they are not the same), and `client_id`, by a merge of two
// records of one person. Deleting is left to erasure and retention. A treatment recorded without the
// consent its treatment needs keeps the manager's reason (sealed like the record's clinical values).
constexpr const char* kV16 = R"SQL(
CREATE TABLE IF NOT EXISTS form_templates (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  version    INTEGER NOT NULL,
  kind       TEXT NOT NULL,
  wording    TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES staff (id),
  UNIQUE (name, version)
);
CREATE TRIGGER IF NOT EXISTS form_templates_never_change BEFORE UPDATE ON form_templates
BEGIN SELECT RAISE(ABORT, 'a form template is never changed: save a new version'); END;
CREATE TRIGGER IF NOT EXISTS form_templates_never_go BEFORE DELETE ON form_templates
BEGIN SELECT RAISE(ABORT, 'a form template is kept: forms signed on it refer to it'); END;
CREATE TABLE IF NOT EXISTS forms (
  id          INTEGER PRIMARY KEY,
  client_id   INTEGER NOT NULL REFERENCES clients (id),
  template_id INTEGER NOT NULL REFERENCES form_templates (id),
  signed_at   TEXT NOT NULL,
  signed_on   TEXT NOT NULL,
  signed_by   INTEGER REFERENCES staff (id),
  replaces_id INTEGER REFERENCES forms (id),
  sha256      TEXT NOT NULL,
  content     BLOB NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS forms_client ON forms (client_id, signed_on);
CREATE TRIGGER IF NOT EXISTS forms_locked
BEFORE UPDATE OF template_id, signed_at, signed_on, signed_by, replaces_id, sha256, created_at ON forms
BEGIN SELECT RAISE(ABORT, 'a signed form cannot be changed: sign a correction that replaces it'); END;
CREATE TABLE IF NOT EXISTS treatment_consent_overrides (
  id         INTEGER PRIMARY KEY,
  record_id  INTEGER NOT NULL UNIQUE REFERENCES treatment_records (id),
  client_id  INTEGER NOT NULL REFERENCES clients (id),
  form_name  TEXT NOT NULL,
  reason     BLOB NOT NULL,
  staff_id   INTEGER REFERENCES staff (id),
  created_at TEXT NOT NULL
);
)SQL";

// 17 — the face chart (records/FaceChart.h): a treatment record's injection points, each on one of
// the three drawings in relative coordinates, with product, batch, amount and note; sealed together
// under the clinical key like the record's values (the plain columns then stay empty). And an index
// to find the audit entry of a signed form.
constexpr const char* kV17 = R"SQL(
CREATE TABLE IF NOT EXISTS treatment_chart_points (
  id           INTEGER PRIMARY KEY,
  record_id    INTEGER NOT NULL REFERENCES treatment_records (id),
  client_id    INTEGER NOT NULL REFERENCES clients (id),
  position     INTEGER NOT NULL,
  view         TEXT,
  x            TEXT,
  y            TEXT,
  product      TEXT,
  batch_number TEXT,
  amount       TEXT,
  unit         TEXT,
  note         TEXT,
  sealed       BLOB
);
CREATE INDEX IF NOT EXISTS treatment_chart_points_record ON treatment_chart_points (record_id, position);
-- A signed form is checked against the audit entry that recorded it (forms/Forms.h): found by its
-- detail ("form 12: …"); partial, so no other audited action writes to it.
CREATE INDEX IF NOT EXISTS audit_log_forms ON audit_log (detail) WHERE action = 'form-signed';
)SQL";

// 18 — every table's link to its client is indexed: an erasure (and a subject-access report) reads a
// client's rows of each table, and three tables had no index on client_id, so each erasure read the
// whole of treatment_chart_points (70 ms at 100,000 clients, every page decrypted; clinicdesk-bench).
constexpr const char* kV18 = R"SQL(
CREATE INDEX IF NOT EXISTS treatment_chart_points_client ON treatment_chart_points (client_id);
CREATE INDEX IF NOT EXISTS treatment_consent_overrides_client ON treatment_consent_overrides (client_id);
CREATE INDEX IF NOT EXISTS privacy_requests_client ON privacy_requests (client_id);
)SQL";

// 19 — the client search index becomes a B-tree of (field, word, client) instead of FTS4. FTS drops
// a deleted row's words only when 'optimize' rewrites the whole index, so every erasure rewrote every
// client's entries (355 ms of a 915 ms erasure at 100,000 clients, 8 s at a million; clinicdesk-bench);
// here a client's rows are deleted where they lie (secure_delete zeroes them) and a prefix is one
// range of the index that stops at the list's length. The words are derived by core/clients from the
// clients' own rows: the migration leaves the table empty with a marker (client_words_pending), and
// the client store fills it at the next opening and drops the marker in one transaction
// (ClientStore::rebuildSearchIndexesIfPending), so an interrupted upgrade is finished at the next one.
// The FTS table goes with its words.
constexpr const char* kV19 = R"SQL(
CREATE TABLE IF NOT EXISTS client_words (
  field     INTEGER NOT NULL,
  word      TEXT NOT NULL,
  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  PRIMARY KEY (field, word, client_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS client_words_client ON client_words (client_id);
CREATE TABLE IF NOT EXISTS client_words_pending (reason TEXT NOT NULL);
INSERT INTO client_words_pending (reason) VALUES ('filled from the clients at the next opening');
DROP TABLE IF EXISTS client_search;
)SQL";

// 20 — the notes index in 32 shards instead of 4 (core/clients/NotesIndex.h says why); frozen at 32
// here whatever NotesIndex says later. The new shards are made here, so a vault is whole after its
// migrations; which notes go where is the notes' owner's to say: the migration leaves a marker
// (interaction_search_pending), and InteractionStore::rebuildNotesIndexIfPending makes every shard
// again from the interactions at the next opening and drops the marker, in one transaction, as for
// schema 19.
constexpr const char* kV20 = R"SQL(
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_4 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_5 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_6 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_7 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_8 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_9 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_10 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_11 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_12 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_13 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_14 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_15 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_16 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_17 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_18 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_19 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_20 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_21 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_22 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_23 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_24 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_25 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_26 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_27 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_28 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_29 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_30 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE VIRTUAL TABLE IF NOT EXISTS interaction_search_31 USING fts3 (body, tokenize=unicode61 "remove_diacritics=1");
CREATE TABLE IF NOT EXISTS interaction_search_pending (reason TEXT NOT NULL);
INSERT INTO interaction_search_pending (reason) VALUES ('made again in more shards at the next opening');
)SQL";

constexpr std::array kMigrations{
    kV1,  kV2,  kV3,  kV4,  kV5, kImagesMigration, kV7, kV8, kV9, kV10, kV11, kV12, kV13, kV14, kV15,
    kV16, kV17, kV18, kV19, kV20};

} // namespace

int latestVersion()
{
    return int(kMigrations.size());
}

int currentVersion(Database& db)
{
    return db.pragma("user_version").toInt();
}

Status migrate(Database& db, int target)
{
    if (target < 0)
        target = latestVersion();
    return guarded([&]() -> Status {
        const int current = currentVersion(db);
        if (current > latestVersion())
            return makeError(Error::Kind::Failed,
                             QObject::tr("This vault was written by a newer Clinicdesk (schema %1; this "
                                         "program knows up to %2). Install the newer version.")
                                 .arg(current)
                                 .arg(latestVersion()));
        for (int v = current + 1; v <= target; ++v) {
            Transaction tx(db);
            db.exec(kMigrations[std::size_t(v - 1)]);
            db.exec("PRAGMA user_version = " + std::to_string(v));
            tx.commit();
        }
        return {};
    });
}

} // namespace cd::schema
