// Schema 1 to 10: the first version (clients, the front desk, privacy, audit, images, the diary,
// treatments, quotes and payments). Never edit a migration that has shipped: add a new one.
// Every column that holds personal data must also appear in the privacy data map.
#include "storage/MigrationSteps.h"

namespace cd::schema::steps {

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

} // namespace

Era first()
{
    static constexpr const char* kSteps[] = {kV1, kV2, kV3, kV4, kV5, kImagesMigration, kV7, kV8, kV9, kV10};
    return {kSteps, sizeof kSteps / sizeof *kSteps};
}

} // namespace cd::schema::steps
