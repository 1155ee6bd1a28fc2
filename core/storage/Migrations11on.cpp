// Schema 11 on: key domains, the signed roster, the anchored audit log, stock, forms, the face chart
// and the search indexes at scale. Never edit a migration that has shipped: add a new one.
// Every column that holds personal data must also appear in the privacy data map.
#include "storage/MigrationSteps.h"

namespace cd::schema::steps {

namespace {

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

// 21 — a client's phones and emails read from their index alone. A batch recall reads a few hundred
// clients' contacts; with the number and the address in the index (in the order they were entered),
// each client's are on one index page instead of an index page and one or more table pages.
constexpr const char* kV21 = R"SQL(
CREATE INDEX IF NOT EXISTS client_phones_by_client ON client_phones (client_id, id, number);
DROP INDEX IF EXISTS client_phones_client;
CREATE INDEX IF NOT EXISTS client_emails_by_client ON client_emails (client_id, id, address);
DROP INDEX IF EXISTS client_emails_client;
)SQL";

} // namespace

Era second()
{
    static constexpr const char* kSteps[] = {kV11, kV12, kV13, kV14, kV15, kV16,
                                             kV17, kV18, kV19, kV20, kV21};
    return {kSteps, sizeof kSteps / sizeof *kSteps};
}

} // namespace cd::schema::steps
