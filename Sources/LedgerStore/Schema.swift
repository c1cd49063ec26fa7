/// The ledger's schema as numbered migrations. `PRAGMA user_version` holds the number of the last
/// migration applied; opening a ledger applies the missing ones in one transaction. A ledger
/// whose version is above `Schema.migrations.count` was written by a newer Compta and is refused.
enum Schema {
    /// "Cmpt": marks a SQLite file as a Compta ledger (`PRAGMA application_id`).
    static let applicationID: Int64 = 0x436D_7074

    static let migrations: [String] = [v1, v2, v3, v4, v5, v6, v7, v8, v9, receipts, ruleTiers, helloasso, fundFamily, pointage, lettering]

    /// The triggers the migrations leave, by name, with their SQL: what keeps validated entries
    /// and closed exercices unchangeable. `verify` finds a ledger's missing, changed or added
    /// ones (dropped by a tool, a backup restored without them). Built by running the migrations
    /// in memory: they ran the same way on every ledger, so a failure is a bug of this program.
    static let triggers: [String: String] = {
        let db = try! Database(path: ":memory:")
        for m in migrations { try! db.execute(m) }
        let rows = try! db.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'") { ($0.text(0), $0.text(1)) }
        return Dictionary(uniqueKeysWithValues: rows)
    }()

    /// What each trigger says when it refuses a change (`RAISE(ABORT, 'compta: …')`), by that
    /// text: the triggers' words are part of the schema (an applied migration never changes),
    /// the refusal they mean is a `SchemaRefusal`, which the CLI says in French.
    static let refusals: [String: SchemaRefusal] = [
        "écriture validée, modification interdite": .validatedEntryChanged,
        "écriture validée, suppression interdite": .validatedEntryDeleted,
        "la date, le journal et le numéro d'une écriture ne changent pas": .entryIdentityChanged,
        "date hors de l'exercice": .dateOutsideExercice,
        "exercice clôturé": .closedExercice,
        "exercice clôturé, modification interdite": .closedExerciceChanged,
        "exercice clôturé, suppression interdite": .closedExerciceDeleted,
        "exercice clôturé, budget non modifiable": .closedExerciceBudget,
        "exercice clôturé, validation impossible": .closedExerciceValidation,
        "écriture déséquilibrée, validation impossible": .unbalancedValidation,
        "validation incomplète": .incompleteValidation,
        "exercices qui se chevauchent": .overlappingExercices,
        "date d'écriture mal écrite": .malformedEntryDate,
        "date de validation mal écrite": .malformedValidationDate,
        "montant qui n'est pas un nombre entier de centimes": .fractionalAmount,
        "exercice mal écrit (dates AAAA-MM-JJ, ouvert à sa création)": .malformedExercice,
        "les dates, le plan comptable et le nom d'un exercice ne changent pas": .exerciceIdentityChanged,
        "exercice clôturé sans empreinte de ses soldes": .closingWithoutHash,
        "brouillards dans l'exercice, clôture impossible": .closingWithDrafts,
        "le code et la nature d'un journal ne changent pas": .journalIdentityChanged,
        "une ligne de relevé importée ne change pas": .bankLineChanged,
        "opération d'un relevé validée, suppression interdite": .validatedBankOperationDeleted,
        "la version de la chaîne ne change pas": .chainVersionChanged,
        "le code d'un tiers ne change pas": .tiersCodeChanged,
        "reçu émis, modification interdite (seule son annulation, avec un motif)": .issuedReceiptChanged,
        "reçu émis, suppression interdite": .issuedReceiptDeleted,
        "don déjà couvert par un reçu": .giftAlreadyReceipted,
        "reçu d'un don non validé": .receiptOfDraftGift,
        "pièce d'une écriture validée, suppression interdite": .validatedPieceDeleted,
        "une pièce enregistrée ne change pas": .pieceChanged,
    ]

    /// 1: accounts, journals, exercices, projects, entries and lines, daily totals, and the
    /// triggers that keep validated entries and closed exercices unchangeable.
    static let v1 = """
    CREATE TABLE meta(
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE account(
        number TEXT PRIMARY KEY
            CHECK (length(number) BETWEEN 1 AND 12 AND number GLOB '[1-8]*' AND number NOT GLOB '*[^0-9A-Z]*'),
        label TEXT NOT NULL CHECK (length(label) > 0),
        custom INTEGER NOT NULL DEFAULT 0 CHECK (custom IN (0, 1))
    ) WITHOUT ROWID;

    CREATE TABLE journal(
        code TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('banque', 'caisse', 'od', 'an'))
    ) WITHOUT ROWID;

    CREATE TABLE exercice(
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL UNIQUE,
        start TEXT NOT NULL,
        end TEXT NOT NULL CHECK (start <= end),
        chart TEXT NOT NULL,
        closed_on TEXT
    );

    CREATE TABLE project(
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE CHECK (length(code) > 0 AND code NOT GLOB '*[^A-Z0-9_-]*'),
        name TEXT NOT NULL
    );

    CREATE TABLE entry(
        id INTEGER PRIMARY KEY,
        exercice_id INTEGER NOT NULL REFERENCES exercice(id),
        number INTEGER NOT NULL,
        journal TEXT NOT NULL REFERENCES journal(code),
        date TEXT NOT NULL,
        label TEXT NOT NULL,
        piece TEXT,
        created_at TEXT NOT NULL,
        validated_on TEXT,
        validation_number INTEGER,
        hash TEXT,
        reverses INTEGER REFERENCES entry(id),
        UNIQUE (exercice_id, number)
    );
    CREATE UNIQUE INDEX entry_validation ON entry(exercice_id, journal, validation_number) WHERE validation_number IS NOT NULL;
    CREATE INDEX entry_date ON entry(date);

    CREATE TABLE line(
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entry(id),
        account TEXT NOT NULL REFERENCES account(number),
        debit INTEGER NOT NULL CHECK (debit >= 0),
        credit INTEGER NOT NULL CHECK (credit >= 0),
        label TEXT,
        project_id INTEGER REFERENCES project(id),
        CHECK ((debit = 0) <> (credit = 0))
    );
    CREATE INDEX line_entry ON line(entry_id);
    CREATE INDEX line_account ON line(account);

    -- Debit and credit totals per day, account, project (0: none) and kind (opening or not).
    -- Kept by the triggers below; reports read totals here instead of scanning every line.
    CREATE TABLE total(
        day TEXT NOT NULL,
        account TEXT NOT NULL,
        project_id INTEGER NOT NULL,
        opening INTEGER NOT NULL,
        debit INTEGER NOT NULL,
        credit INTEGER NOT NULL,
        PRIMARY KEY (day, account, project_id, opening)
    ) WITHOUT ROWID;

    -- (Also refuses a line added to a validated entry: one trigger per inserted line, not two.)
    CREATE TRIGGER total_line_insert AFTER INSERT ON line BEGIN
        SELECT RAISE(ABORT, 'compta: écriture validée, modification interdite')
        WHERE (SELECT validated_on FROM entry WHERE id = NEW.entry_id) IS NOT NULL;
        INSERT INTO total(day, account, project_id, opening, debit, credit)
        SELECT e.date, NEW.account, coalesce(NEW.project_id, 0), j.kind = 'an', NEW.debit, NEW.credit
        FROM entry e JOIN journal j ON j.code = e.journal WHERE e.id = NEW.entry_id
        ON CONFLICT (day, account, project_id, opening)
        DO UPDATE SET debit = debit + excluded.debit, credit = credit + excluded.credit;
    END;

    CREATE TRIGGER total_line_delete AFTER DELETE ON line BEGIN
        UPDATE total SET debit = debit - OLD.debit, credit = credit - OLD.credit
        WHERE (day, account, project_id, opening) =
            (SELECT e.date, OLD.account, coalesce(OLD.project_id, 0), j.kind = 'an'
             FROM entry e JOIN journal j ON j.code = e.journal WHERE e.id = OLD.entry_id);
    END;

    CREATE TRIGGER total_line_update AFTER UPDATE OF account, project_id, debit, credit ON line BEGIN
        UPDATE total SET debit = debit - OLD.debit, credit = credit - OLD.credit
        WHERE (day, account, project_id, opening) =
            (SELECT e.date, OLD.account, coalesce(OLD.project_id, 0), j.kind = 'an'
             FROM entry e JOIN journal j ON j.code = e.journal WHERE e.id = OLD.entry_id);
        INSERT INTO total(day, account, project_id, opening, debit, credit)
        SELECT e.date, NEW.account, coalesce(NEW.project_id, 0), j.kind = 'an', NEW.debit, NEW.credit
        FROM entry e JOIN journal j ON j.code = e.journal WHERE e.id = NEW.entry_id
        ON CONFLICT (day, account, project_id, opening)
        DO UPDATE SET debit = debit + excluded.debit, credit = credit + excluded.credit;
    END;

    -- An entry's date, journal and exercice never change (the totals above depend on them).
    CREATE TRIGGER entry_fixed_fields BEFORE UPDATE OF date, journal, exercice_id, number ON entry BEGIN
        SELECT RAISE(ABORT, 'compta: la date, le journal et le numéro d''une écriture ne changent pas');
    END;

    -- An entry lies inside its exercice, and a closed exercice takes no new entry.
    CREATE TRIGGER entry_insert_checks BEFORE INSERT ON entry BEGIN
        SELECT RAISE(ABORT, 'compta: date hors de l''exercice')
        WHERE NOT EXISTS (SELECT 1 FROM exercice x WHERE x.id = NEW.exercice_id AND NEW.date BETWEEN x.start AND x.end);
        SELECT RAISE(ABORT, 'compta: exercice clôturé')
        WHERE (SELECT closed_on FROM exercice WHERE id = NEW.exercice_id) IS NOT NULL;
    END;

    -- Validated entries are final: no change, no deletion, no line added, changed or removed.
    CREATE TRIGGER entry_validated_update BEFORE UPDATE ON entry WHEN OLD.validated_on IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: écriture validée, modification interdite');
    END;
    CREATE TRIGGER entry_validated_delete BEFORE DELETE ON entry WHEN OLD.validated_on IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: écriture validée, suppression interdite');
    END;
    CREATE TRIGGER line_validated_update BEFORE UPDATE ON line
    WHEN (SELECT validated_on FROM entry WHERE id = OLD.entry_id) IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: écriture validée, modification interdite');
    END;
    CREATE TRIGGER line_validated_delete BEFORE DELETE ON line
    WHEN (SELECT validated_on FROM entry WHERE id = OLD.entry_id) IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: écriture validée, suppression interdite');
    END;

    -- Validation needs a balanced entry of two lines at least.
    CREATE TRIGGER entry_validate_balanced BEFORE UPDATE OF validated_on ON entry
    WHEN NEW.validated_on IS NOT NULL AND (
        (SELECT count(*) FROM line WHERE entry_id = NEW.id) < 2 OR
        (SELECT sum(debit) - sum(credit) FROM line WHERE entry_id = NEW.id) <> 0) BEGIN
        SELECT RAISE(ABORT, 'compta: écriture déséquilibrée, validation impossible');
    END;

    -- A closed exercice never changes again; exercices do not overlap.
    CREATE TRIGGER exercice_closed_update BEFORE UPDATE ON exercice WHEN OLD.closed_on IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: exercice clôturé, modification interdite');
    END;
    CREATE TRIGGER exercice_closed_delete BEFORE DELETE ON exercice WHEN OLD.closed_on IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: exercice clôturé, suppression interdite');
    END;
    CREATE TRIGGER exercice_no_overlap BEFORE INSERT ON exercice BEGIN
        SELECT RAISE(ABORT, 'compta: exercices qui se chevauchent')
        WHERE EXISTS (SELECT 1 FROM exercice x WHERE NEW.start <= x.end AND x.start <= NEW.end);
    END;
    """

    /// 2: bank statements, their lines (fingerprints: an operation is never imported twice),
    /// categorisation rules.
    static let v2 = """
    CREATE TABLE statement(
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        file_hash TEXT NOT NULL,
        format TEXT NOT NULL,
        bank_account TEXT NOT NULL REFERENCES account(number),
        bank_account_id TEXT,
        first_date TEXT,
        last_date TEXT,
        closing_balance INTEGER,
        closing_date TEXT,
        lines_read INTEGER NOT NULL,
        lines_new INTEGER NOT NULL DEFAULT 0,
        imported_at TEXT NOT NULL
    );
    CREATE INDEX statement_hash ON statement(file_hash);

    CREATE TABLE bank_line(
        fingerprint TEXT PRIMARY KEY,
        statement_id INTEGER NOT NULL REFERENCES statement(id),
        entry_id INTEGER NOT NULL REFERENCES entry(id),
        source_line INTEGER NOT NULL,
        date TEXT NOT NULL,
        amount INTEGER NOT NULL,
        label TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX bank_line_entry ON bank_line(entry_id);

    CREATE TABLE rule(
        id INTEGER PRIMARY KEY,
        position INTEGER NOT NULL UNIQUE,
        pattern TEXT NOT NULL CHECK (length(pattern) > 0),
        regex INTEGER NOT NULL DEFAULT 0 CHECK (regex IN (0, 1)),
        direction INTEGER NOT NULL DEFAULT 0 CHECK (direction IN (-1, 0, 1)),
        minimum INTEGER CHECK (minimum >= 0),
        maximum INTEGER CHECK (maximum >= 0),
        account TEXT NOT NULL REFERENCES account(number),
        project_id INTEGER REFERENCES project(id),
        label TEXT
    );
    """

    /// 3: budgets prévisionnels, by exercice and named version.
    static let v3 = """
    CREATE TABLE budget(
        id INTEGER PRIMARY KEY,
        exercice_id INTEGER NOT NULL REFERENCES exercice(id),
        version TEXT NOT NULL CHECK (length(version) > 0),
        created_at TEXT NOT NULL,
        UNIQUE (exercice_id, version)
    );

    CREATE TABLE budget_poste(
        id INTEGER PRIMARY KEY,
        budget_id INTEGER NOT NULL REFERENCES budget(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        label TEXT NOT NULL CHECK (length(label) > 0),
        side TEXT NOT NULL CHECK (side IN ('depense', 'recette')),
        amount INTEGER NOT NULL CHECK (amount >= 0),
        accounts TEXT NOT NULL,
        project_id INTEGER REFERENCES project(id),
        remark TEXT,
        UNIQUE (budget_id, position)
    );

    -- A closed exercice's budget is part of its record: it does not change either.
    CREATE TRIGGER budget_closed_exercice BEFORE INSERT ON budget
    WHEN (SELECT closed_on FROM exercice WHERE id = NEW.exercice_id) IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: exercice clôturé, budget non modifiable');
    END;
    CREATE TRIGGER budget_poste_closed_insert BEFORE INSERT ON budget_poste
    WHEN (SELECT x.closed_on FROM budget b JOIN exercice x ON x.id = b.exercice_id WHERE b.id = NEW.budget_id) IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: exercice clôturé, budget non modifiable');
    END;
    CREATE TRIGGER budget_poste_closed_delete BEFORE DELETE ON budget_poste
    WHEN (SELECT x.closed_on FROM budget b JOIN exercice x ON x.id = b.exercice_id WHERE b.id = OLD.budget_id) IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: exercice clôturé, budget non modifiable');
    END;
    """

    /// 4: the chain of validated entries (global validation order), the fingerprint of a closed
    /// exercice's balances, and no validation into a closed exercice.
    static let v4 = """
    ALTER TABLE entry ADD COLUMN chain_index INTEGER;
    CREATE UNIQUE INDEX entry_chain ON entry(chain_index) WHERE chain_index IS NOT NULL;
    ALTER TABLE exercice ADD COLUMN closing_hash TEXT;

    CREATE TRIGGER entry_validate_open BEFORE UPDATE OF validated_on ON entry
    WHEN NEW.validated_on IS NOT NULL AND (SELECT closed_on FROM exercice WHERE id = NEW.exercice_id) IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: exercice clôturé, validation impossible');
    END;
    -- A validated entry has its number, its place in the chain and its hash.
    CREATE TRIGGER entry_validate_complete BEFORE UPDATE OF validated_on ON entry
    WHEN NEW.validated_on IS NOT NULL AND (NEW.validation_number IS NULL OR NEW.chain_index IS NULL OR NEW.hash IS NULL) BEGIN
        SELECT RAISE(ABORT, 'compta: validation incomplète');
    END;
    """

    /// 5: what a large import costs. Bank lines stored in entry order and found by (date,
    /// fingerprint): a statement's lines are written and looked up near each other, not scattered
    /// by their random fingerprints. Daily totals kept per batch, not per line.
    static let v5 = """
    CREATE TABLE bank_line_by_entry(
        entry_id INTEGER PRIMARY KEY REFERENCES entry(id),
        date TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        statement_id INTEGER NOT NULL REFERENCES statement(id),
        source_line INTEGER NOT NULL,
        amount INTEGER NOT NULL,
        label TEXT NOT NULL
    );
    INSERT INTO bank_line_by_entry(entry_id, date, fingerprint, statement_id, source_line, amount, label)
        SELECT entry_id, date, fingerprint, statement_id, source_line, amount, label FROM bank_line ORDER BY entry_id;
    DROP TABLE bank_line;
    ALTER TABLE bank_line_by_entry RENAME TO bank_line;
    CREATE UNIQUE INDEX bank_line_fingerprint ON bank_line(date, fingerprint);

    -- The daily totals are kept by Store.adjustTotals, one grouped statement per batch of
    -- entries written, instead of a trigger per line (two thirds of an import's time).
    -- The verifier checks that they are the sum of the lines.
    DROP TRIGGER total_line_insert;
    DROP TRIGGER total_line_delete;
    DROP TRIGGER total_line_update;
    CREATE TRIGGER line_validated_insert BEFORE INSERT ON line
    WHEN (SELECT validated_on FROM entry WHERE id = NEW.entry_id) IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: écriture validée, modification interdite');
    END;
    -- The same checks as before, skipped at once in the usual case.
    DROP TRIGGER entry_insert_checks;
    CREATE TRIGGER entry_insert_checks BEFORE INSERT ON entry
    WHEN NOT EXISTS (SELECT 1 FROM exercice x WHERE x.id = NEW.exercice_id AND NEW.date BETWEEN x.start AND x.end AND x.closed_on IS NULL)
    BEGIN
        SELECT RAISE(ABORT, 'compta: date hors de l''exercice')
        WHERE NOT EXISTS (SELECT 1 FROM exercice x WHERE x.id = NEW.exercice_id AND NEW.date BETWEEN x.start AND x.end);
        SELECT RAISE(ABORT, 'compta: exercice clôturé')
        WHERE (SELECT closed_on FROM exercice WHERE id = NEW.exercice_id) IS NOT NULL;
    END;
    """

    /// 6: an entry may correct an earlier one — an extourne cancels it, an affectation moves its
    /// 471 amount to an account. The link (`reverses` until now, extournes only) tells which
    /// waiting lines are settled: an operation filed by an OD is no longer waiting. The ODs that
    /// filed validated waiting lines before are linked here: an OD of two lines, one on 471,
    /// whose piece names the validated entry it filed ("BQ-12"), in the same exercice. (Linking
    /// changes no field the hash chain covers; the trigger that keeps validated entries
    /// unchanged is set aside for this one statement, in the migration's transaction.)
    static let v6 = """
    ALTER TABLE entry RENAME COLUMN reverses TO corrects;
    CREATE INDEX entry_corrects ON entry(corrects) WHERE corrects IS NOT NULL;
    DROP TRIGGER entry_validated_update;
    UPDATE entry SET corrects = (
        SELECT o.id FROM entry o
        WHERE o.exercice_id = entry.exercice_id AND o.id < entry.id AND o.validated_on IS NOT NULL
          AND o.journal || '-' || o.validation_number = entry.piece
          AND EXISTS (SELECT 1 FROM line l WHERE l.entry_id = o.id AND l.account GLOB '471*'))
    WHERE journal = 'OD' AND corrects IS NULL AND piece IS NOT NULL
      AND (SELECT count(*) FROM line l WHERE l.entry_id = entry.id) = 2
      AND EXISTS (SELECT 1 FROM line l WHERE l.entry_id = entry.id AND l.account GLOB '471*');
    CREATE TRIGGER entry_validated_update BEFORE UPDATE ON entry WHEN OLD.validated_on IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: écriture validée, modification interdite');
    END;
    """

    // Strict values, as SQL: what the schema demands of a column since migration 7, and what
    // the verifier looks for (a file written behind Compta's back may hold anything). Migration
    // 7 is written with them: change them only with a new migration.

    /// A date written `yyyy-mm-dd` that exists in the calendar (SQLite's date() normalises
    /// `2024-02-30` to March and reads `20240615` as nothing).
    static func isDate(_ column: String) -> String { "date(\(column), '+0 days') IS \(column)" }

    /// A whole number of cents.
    static func isCents(_ column: String) -> String { "typeof(\(column)) = 'integer'" }

    /// A row of `total` as reports read it: an ISO day, integer amounts, project and flag. (No
    /// sign on the amounts: a change is added by an upsert whose inserted row is the delta.)
    static let strictTotal = "(\(isDate("day")) AND \(isCents("debit")) AND \(isCents("credit")) "
        + "AND typeof(project_id) = 'integer' AND project_id >= 0 AND typeof(opening) = 'integer' AND opening IN (0, 1))"

    /// 7 (issue 19): what reports read can only hold what they expect, and what changes the
    /// accounts outside the hash chain is frozen.
    /// - `total` gets strict types (an edited day `20240615`, an `opening` of 0.5 changed every
    ///   report while the verifier, parsing them leniently, found the totals right). It is
    ///   derived data: rebuilt from the lines (a line of a malformed file that cannot make a
    ///   strict row is left out, and the verifier names it).
    /// - Entries, lines and exercices get the same demands by triggers: rebuilding those tables
    ///   would rewrite every ledger's largest tables, and they hold nothing malformed unless
    ///   written behind Compta's back (the verifier looks for that).
    /// - Entries and lines of a closed exercice, drafts included, are never inserted, changed or
    ///   deleted; an exercice closes only without drafts (the schema's side of `cloturer`'s
    ///   check, which a race once passed); its dates, chart and name never change; a journal's
    ///   kind never changes; a closed exercice's budget is frozen whole (updates and deletions
    ///   too); the bank lines of validated entries (the fingerprints that keep a re-import from
    ///   duplicating them) stay.
    /// - The chain's text gets a version 2 (it covers the exercice's dates and the journal's
    ///   kind, and tells an absent field from the text « ∅ »): links validated from here on use
    ///   it, those before keep version 1, so every existing chain still verifies.
    static let v7 = """
    CREATE TABLE total_strict(
        day TEXT NOT NULL,
        account TEXT NOT NULL,
        project_id INTEGER NOT NULL,
        opening INTEGER NOT NULL,
        debit INTEGER NOT NULL,
        credit INTEGER NOT NULL,
        PRIMARY KEY (day, account, project_id, opening),
        CHECK \(strictTotal)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO total_strict(day, account, project_id, opening, debit, credit)
        SELECT e.date, l.account, coalesce(l.project_id, 0), j.kind = 'an', sum(l.debit), sum(l.credit)
        FROM line l JOIN entry e ON e.id = l.entry_id JOIN journal j ON j.code = e.journal GROUP BY 1, 2, 3, 4;
    DROP TABLE total;
    ALTER TABLE total_strict RENAME TO total;

    CREATE TRIGGER entry_strict_insert BEFORE INSERT ON entry WHEN NOT (\(isDate("NEW.date"))) BEGIN
        SELECT RAISE(ABORT, 'compta: date d''écriture mal écrite');
    END;
    CREATE TRIGGER entry_strict_validation BEFORE UPDATE OF validated_on ON entry
    WHEN NEW.validated_on IS NOT NULL AND NOT (\(isDate("NEW.validated_on"))) BEGIN
        SELECT RAISE(ABORT, 'compta: date de validation mal écrite');
    END;
    CREATE TRIGGER entry_closed_update BEFORE UPDATE ON entry
    WHEN (SELECT closed_on FROM exercice WHERE id = OLD.exercice_id) IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: exercice clôturé, modification interdite');
    END;
    CREATE TRIGGER entry_closed_delete BEFORE DELETE ON entry
    WHEN (SELECT closed_on FROM exercice WHERE id = OLD.exercice_id) IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: exercice clôturé, suppression interdite');
    END;

    -- One trigger per inserted line, as before (its cost counts in a large import).
    DROP TRIGGER line_validated_insert;
    CREATE TRIGGER line_insert_checks BEFORE INSERT ON line
    WHEN NOT (\(isCents("NEW.debit")) AND \(isCents("NEW.credit")))
      OR (SELECT e.validated_on IS NOT NULL OR x.closed_on IS NOT NULL FROM entry e JOIN exercice x ON x.id = e.exercice_id WHERE e.id = NEW.entry_id)
    BEGIN
        SELECT RAISE(ABORT, 'compta: montant qui n''est pas un nombre entier de centimes')
        WHERE NOT (\(isCents("NEW.debit")) AND \(isCents("NEW.credit")));
        SELECT RAISE(ABORT, 'compta: exercice clôturé, modification interdite')
        WHERE (SELECT x.closed_on FROM entry e JOIN exercice x ON x.id = e.exercice_id WHERE e.id = NEW.entry_id) IS NOT NULL;
        SELECT RAISE(ABORT, 'compta: écriture validée, modification interdite');
    END;
    CREATE TRIGGER line_strict_update BEFORE UPDATE ON line WHEN NOT (\(isCents("NEW.debit")) AND \(isCents("NEW.credit"))) BEGIN
        SELECT RAISE(ABORT, 'compta: montant qui n''est pas un nombre entier de centimes');
    END;
    CREATE TRIGGER line_closed_update BEFORE UPDATE ON line
    WHEN EXISTS (SELECT 1 FROM entry e JOIN exercice x ON x.id = e.exercice_id WHERE e.id IN (OLD.entry_id, NEW.entry_id) AND x.closed_on IS NOT NULL) BEGIN
        SELECT RAISE(ABORT, 'compta: exercice clôturé, modification interdite');
    END;
    CREATE TRIGGER line_closed_delete BEFORE DELETE ON line
    WHEN (SELECT x.closed_on FROM entry e JOIN exercice x ON x.id = e.exercice_id WHERE e.id = OLD.entry_id) IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: exercice clôturé, suppression interdite');
    END;

    CREATE TRIGGER exercice_strict_insert BEFORE INSERT ON exercice
    WHEN NOT (\(isDate("NEW.start")) AND \(isDate("NEW.end"))) OR NEW.closed_on IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: exercice mal écrit (dates AAAA-MM-JJ, ouvert à sa création)');
    END;
    CREATE TRIGGER exercice_fixed_fields BEFORE UPDATE OF label, start, end, chart ON exercice BEGIN
        SELECT RAISE(ABORT, 'compta: les dates, le plan comptable et le nom d''un exercice ne changent pas');
    END;
    CREATE TRIGGER exercice_close_checks BEFORE UPDATE OF closed_on ON exercice WHEN NEW.closed_on IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: exercice clôturé sans empreinte de ses soldes')
        WHERE NEW.closing_hash IS NULL OR NOT (\(isDate("NEW.closed_on")));
        SELECT RAISE(ABORT, 'compta: brouillards dans l''exercice, clôture impossible')
        WHERE EXISTS (SELECT 1 FROM entry WHERE exercice_id = NEW.id AND validated_on IS NULL);
    END;

    CREATE TRIGGER journal_fixed_kind BEFORE UPDATE OF code, kind ON journal BEGIN
        SELECT RAISE(ABORT, 'compta: le code et la nature d''un journal ne changent pas');
    END;

    CREATE TRIGGER budget_closed_update BEFORE UPDATE ON budget
    WHEN EXISTS (SELECT 1 FROM exercice WHERE id IN (OLD.exercice_id, NEW.exercice_id) AND closed_on IS NOT NULL) BEGIN
        SELECT RAISE(ABORT, 'compta: exercice clôturé, budget non modifiable');
    END;
    CREATE TRIGGER budget_closed_delete BEFORE DELETE ON budget
    WHEN (SELECT closed_on FROM exercice WHERE id = OLD.exercice_id) IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: exercice clôturé, budget non modifiable');
    END;
    CREATE TRIGGER budget_poste_closed_update BEFORE UPDATE ON budget_poste
    WHEN EXISTS (SELECT 1 FROM budget b JOIN exercice x ON x.id = b.exercice_id WHERE b.id IN (OLD.budget_id, NEW.budget_id) AND x.closed_on IS NOT NULL) BEGIN
        SELECT RAISE(ABORT, 'compta: exercice clôturé, budget non modifiable');
    END;

    CREATE TRIGGER bank_line_fixed BEFORE UPDATE ON bank_line BEGIN
        SELECT RAISE(ABORT, 'compta: une ligne de relevé importée ne change pas');
    END;
    CREATE TRIGGER bank_line_validated_delete BEFORE DELETE ON bank_line
    WHEN (SELECT validated_on FROM entry WHERE id = OLD.entry_id) IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: opération d''un relevé validée, suppression interdite');
    END;

    INSERT INTO meta(key, value) SELECT 'chaine_v2', coalesce(max(chain_index), 0) + 1 FROM entry;
    CREATE TRIGGER meta_chain_fixed BEFORE UPDATE ON meta WHEN OLD.key = 'chaine_v2' BEGIN
        SELECT RAISE(ABORT, 'compta: la version de la chaîne ne change pas');
    END;
    CREATE TRIGGER meta_chain_kept BEFORE DELETE ON meta WHEN OLD.key = 'chaine_v2' BEGIN
        SELECT RAISE(ABORT, 'compta: la version de la chaîne ne change pas');
    END;
    """

    /// 8: a statement keeps the operations its import read but left out (before `--du`, of no
    /// amount), so that `releves` counts as the import did: read, new, already there, left out.
    /// Statements imported before count none (their `lines_read` did not count them either).
    static let v8 = """
    ALTER TABLE statement ADD COLUMN lines_left_out INTEGER NOT NULL DEFAULT 0
        CHECK (typeof(lines_left_out) = 'integer' AND lines_left_out >= 0);
    """

    /// 9 (issue 22): people in the books. A `tiers` is a person or an organisation, known by a
    /// code the ledger gives from its id (`T0001`; AUTOINCREMENT: an id is never given twice,
    /// what cites a tiers — a line, later a receipt or a letter — never finds another one under
    /// it), with its names, the normalised `search_key` a name typed is matched on, and its
    /// other spellings in `tiers_alias`. A tiers merged into another stays, pointing at it
    /// (`merged_into`, one level deep): its lines count as that one's. A line carries one tiers
    /// (`line.tiers_id`); a validated line's tiers never changes (`line_validated_update`), and
    /// the chain covers it (`Chain` version 3, which writes an entry without tiers as version 2
    /// did: the links already there need no new version mark).
    static let v9 = """
    CREATE TABLE tiers(
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        code TEXT NOT NULL UNIQUE CHECK (code GLOB 'T[0-9][0-9][0-9][0-9]*' AND code NOT GLOB 'T*[^0-9]*'),
        kind TEXT NOT NULL CHECK (kind IN ('personne', 'organisation')),
        first_name TEXT,
        last_name TEXT,
        organisation TEXT,
        siren TEXT,
        email TEXT,
        address TEXT,
        name TEXT NOT NULL,
        search_key TEXT NOT NULL,
        merged_into INTEGER REFERENCES tiers(id) CHECK (merged_into IS NOT id),
        anonymised_on TEXT,
        created_at TEXT NOT NULL
    );
    CREATE INDEX tiers_search_key ON tiers(search_key);
    CREATE INDEX tiers_merged_into ON tiers(merged_into) WHERE merged_into IS NOT NULL;
    CREATE TABLE tiers_alias(
        tiers_id INTEGER NOT NULL REFERENCES tiers(id),
        search_key TEXT NOT NULL,
        alias TEXT NOT NULL,
        PRIMARY KEY (tiers_id, search_key)
    ) WITHOUT ROWID;
    CREATE INDEX tiers_alias_key ON tiers_alias(search_key);
    CREATE TRIGGER tiers_fixed_code BEFORE UPDATE OF id, code ON tiers BEGIN
        SELECT RAISE(ABORT, 'compta: le code d''un tiers ne change pas');
    END;

    ALTER TABLE line ADD COLUMN tiers_id INTEGER REFERENCES tiers(id);
    CREATE INDEX line_tiers ON line(tiers_id) WHERE tiers_id IS NOT NULL;
    """

    /// 10 (issue 24): tax receipts. A `receipt` has a number never given twice (`2025-0001`:
    /// year and rank, UNIQUE, and no receipt is ever deleted), its donor, amount, article and
    /// its text frozen at issue, and `hash`, its link in the receipts' chain
    /// (`Chain.ReceiptLink`). `receipt_line` holds the gift lines it covers. Nothing of a
    /// receipt changes but its cancellation: `cancelled_on` and `cancel_reason` set once,
    /// together, with a reason. A line a live receipt covers is covered by no other live one,
    /// and only a validated entry's line is receipted.
    static let receipts = """
    CREATE TABLE receipt(
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        number TEXT NOT NULL UNIQUE,
        year INTEGER NOT NULL,
        sequence INTEGER NOT NULL CHECK (typeof(sequence) = 'integer' AND sequence > 0),
        issued_on TEXT NOT NULL CHECK (\(isDate("issued_on"))),
        tiers_id INTEGER NOT NULL REFERENCES tiers(id),
        amount INTEGER NOT NULL CHECK (\(isCents("amount")) AND amount > 0),
        article TEXT NOT NULL CHECK (article IN ('200', '238bis')),
        text TEXT NOT NULL,
        hash TEXT NOT NULL,
        cancelled_on TEXT CHECK (cancelled_on IS NULL OR \(isDate("cancelled_on"))),
        cancel_reason TEXT,
        CHECK ((cancelled_on IS NULL) = (cancel_reason IS NULL) AND (cancel_reason IS NULL OR length(trim(cancel_reason)) > 0)),
        UNIQUE (year, sequence)
    );
    CREATE INDEX receipt_tiers ON receipt(tiers_id);
    CREATE TABLE receipt_line(
        receipt_id INTEGER NOT NULL REFERENCES receipt(id),
        line_id INTEGER NOT NULL REFERENCES line(id),
        amount INTEGER NOT NULL CHECK (\(isCents("amount")) AND amount > 0),
        PRIMARY KEY (receipt_id, line_id)
    ) WITHOUT ROWID;
    CREATE INDEX receipt_line_line ON receipt_line(line_id);

    CREATE TRIGGER receipt_issued_update BEFORE UPDATE ON receipt
    WHEN NOT (OLD.cancelled_on IS NULL AND NEW.cancelled_on IS NOT NULL
              AND NEW.id IS OLD.id AND NEW.number IS OLD.number AND NEW.year IS OLD.year AND NEW.sequence IS OLD.sequence
              AND NEW.issued_on IS OLD.issued_on AND NEW.tiers_id IS OLD.tiers_id AND NEW.amount IS OLD.amount
              AND NEW.article IS OLD.article AND NEW.text IS OLD.text AND NEW.hash IS OLD.hash) BEGIN
        SELECT RAISE(ABORT, 'compta: reçu émis, modification interdite (seule son annulation, avec un motif)');
    END;
    CREATE TRIGGER receipt_issued_delete BEFORE DELETE ON receipt BEGIN
        SELECT RAISE(ABORT, 'compta: reçu émis, suppression interdite');
    END;
    CREATE TRIGGER receipt_line_update BEFORE UPDATE ON receipt_line BEGIN
        SELECT RAISE(ABORT, 'compta: reçu émis, modification interdite (seule son annulation, avec un motif)');
    END;
    CREATE TRIGGER receipt_line_delete BEFORE DELETE ON receipt_line BEGIN
        SELECT RAISE(ABORT, 'compta: reçu émis, suppression interdite');
    END;
    CREATE TRIGGER receipt_line_insert BEFORE INSERT ON receipt_line BEGIN
        SELECT RAISE(ABORT, 'compta: don déjà couvert par un reçu')
        WHERE EXISTS (SELECT 1 FROM receipt_line c JOIN receipt r ON r.id = c.receipt_id
                      WHERE c.line_id = NEW.line_id AND r.cancelled_on IS NULL AND r.id <> NEW.receipt_id);
        SELECT RAISE(ABORT, 'compta: reçu d''un don non validé')
        WHERE (SELECT e.validated_on FROM line l JOIN entry e ON e.id = l.entry_id WHERE l.id = NEW.line_id) IS NULL;
    END;
    """

    /// 11 (issue 22): a rule says where the tiers of the lines it files comes from (`RuleTiers`):
    /// NULL, from the label (its group `(?<tiers>…)`, else the known label shapes); `capture`,
    /// its group; `aucun`, none; else a tiers' name, alias or code. Rules already there take
    /// their tiers from the label.
    static let ruleTiers = """
    ALTER TABLE rule ADD COLUMN tiers TEXT CHECK (tiers IS NULL OR length(tiers) > 0);
    """

    /// 12 (issue 23, keep this block whole when it is renumbered): HelloAsso. A
    /// `helloasso_payment` is a payment booked from an export, by its stable identity: the
    /// payment's reference (UNIQUE), or for an order read from a campaign export (no payment
    /// reference) its order; its entry, its payout when known, whether HelloAsso issued the tax
    /// receipt of its gift (receipts then leave it out), and the entry that reverses it once
    /// refunded. A `helloasso_payout` is a payout read from a payout export. A
    /// `helloasso_campaign` books a campaign under an account and a project of the user's choice.
    /// Tiers are found by email at each payment: `tiers_email` indexes it.
    static let helloasso = """
    CREATE TABLE helloasso_payment(
        id INTEGER PRIMARY KEY,
        reference TEXT UNIQUE,
        order_ref TEXT NOT NULL,
        entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
        date TEXT NOT NULL CHECK (\(isDate("date"))),
        amount INTEGER NOT NULL CHECK (\(isCents("amount"))),
        payout_id TEXT,
        payout_date TEXT CHECK (payout_date IS NULL OR \(isDate("payout_date"))),
        receipt_by_helloasso INTEGER NOT NULL DEFAULT 0 CHECK (receipt_by_helloasso IN (0, 1)),
        refund_entry_id INTEGER REFERENCES entry(id) ON DELETE SET NULL
    );
    CREATE INDEX helloasso_payment_order ON helloasso_payment(order_ref);
    CREATE INDEX helloasso_payment_entry ON helloasso_payment(entry_id);
    CREATE TABLE helloasso_payout(
        id TEXT PRIMARY KEY,
        date TEXT NOT NULL CHECK (\(isDate("date"))),
        amount INTEGER NOT NULL CHECK (\(isCents("amount"))),
        file_name TEXT NOT NULL
    );
    CREATE TABLE helloasso_campaign(
        search_key TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        account TEXT NOT NULL,
        project_id INTEGER REFERENCES project(id)
    );
    CREATE INDEX tiers_email ON tiers(lower(email)) WHERE email IS NOT NULL;
    """

    /// 13 (issue 28): a project funded by restricted resources says of which family
    /// (`FundFamily`: subvention, contribution, dons); NULL for the others.
    static let fundFamily = """
    ALTER TABLE project ADD COLUMN fund_family TEXT CHECK (fund_family IS NULL OR fund_family IN ('subvention', 'contribution', 'dons'));
    """

    /// 14 (issue 27): pointage. A bank line may cover an entry the treasurer typed before the bank
    /// showed it (`pointed` = 1: the import wrote no entry for it, and cancelling the import
    /// leaves that entry). A line several typed entries fit is held in `bank_line_held` — on no
    /// entry, so never counted twice, and never lost — until `compta pointer` links it
    /// (`entry_id`, set once: the row stays, so that its number keeps saying what became of it);
    /// its fingerprint keeps a later import from bringing it again. A statement counts the lines
    /// it pointed or held (`lines_pointed`) apart from those it wrote.
    static let pointage = """
    ALTER TABLE bank_line ADD COLUMN pointed INTEGER NOT NULL DEFAULT 0 CHECK (pointed IN (0, 1));
    ALTER TABLE statement ADD COLUMN lines_pointed INTEGER NOT NULL DEFAULT 0
        CHECK (typeof(lines_pointed) = 'integer' AND lines_pointed >= 0);
    CREATE TABLE bank_line_held(
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        statement_id INTEGER NOT NULL REFERENCES statement(id),
        date TEXT NOT NULL CHECK (\(isDate("date"))),
        fingerprint TEXT NOT NULL,
        source_line INTEGER NOT NULL,
        amount INTEGER NOT NULL CHECK (\(isCents("amount"))),
        label TEXT NOT NULL,
        entry_id INTEGER REFERENCES entry(id)
    );
    CREATE UNIQUE INDEX bank_line_held_fingerprint ON bank_line_held(date, fingerprint);
    CREATE TRIGGER bank_line_held_fixed BEFORE UPDATE ON bank_line_held
    WHEN OLD.entry_id IS NOT NULL OR NEW.entry_id IS NULL OR NEW.id IS NOT OLD.id OR NEW.statement_id IS NOT OLD.statement_id
      OR NEW.date IS NOT OLD.date OR NEW.fingerprint IS NOT OLD.fingerprint OR NEW.amount IS NOT OLD.amount OR NEW.label IS NOT OLD.label
      OR NEW.source_line IS NOT OLD.source_line BEGIN
        SELECT RAISE(ABORT, 'compta: une ligne de relevé importée ne change pas');
    END;
    """

    /// 15 (issue 25): lettrage and pieces. A `letter` is a code (`A`, `AB`, or as a FEC imported wrote it)
    /// on one account, UNIQUE there, with the day it was lettered; `letter_line` attaches lines
    /// to it by id — the line's row never changes, so a validated entry is lettered without
    /// being modified. `line_id` is the key: a line has one letter at most. A lettered line
    /// deleted or changed (a draft edited, a waiting line filed) takes its whole letter with it,
    /// as the letter no longer groups what it grouped.
    /// A `piece_file` is a file's bytes under their SHA-256 (UNIQUE: the same file is stored
    /// once); a `piece` attaches one to an entry, with the name it had. A piece of a validated
    /// entry is never removed, and nothing of a piece or a file changes; a draft deleted takes
    /// its pieces with it, and a file no piece names any more goes.
    static let lettering = """
    CREATE TABLE letter(
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account TEXT NOT NULL REFERENCES account(number),
        code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
        lettered_on TEXT NOT NULL CHECK (\(isDate("lettered_on"))),
        UNIQUE (account, code)
    );
    CREATE TABLE letter_line(
        line_id INTEGER PRIMARY KEY REFERENCES line(id),
        letter_id INTEGER NOT NULL REFERENCES letter(id)
    ) WITHOUT ROWID;
    CREATE INDEX letter_line_letter ON letter_line(letter_id);
    CREATE TRIGGER letter_delete BEFORE DELETE ON letter BEGIN
        DELETE FROM letter_line WHERE letter_id = OLD.id;
    END;
    CREATE TRIGGER letter_line_deleted BEFORE DELETE ON line
    WHEN EXISTS (SELECT 1 FROM letter_line WHERE line_id = OLD.id) BEGIN
        DELETE FROM letter WHERE id = (SELECT letter_id FROM letter_line WHERE line_id = OLD.id);
    END;
    CREATE TRIGGER letter_line_changed AFTER UPDATE OF account, debit, credit, tiers_id ON line
    WHEN EXISTS (SELECT 1 FROM letter_line WHERE line_id = OLD.id) BEGIN
        DELETE FROM letter WHERE id = (SELECT letter_id FROM letter_line WHERE line_id = OLD.id);
    END;

    CREATE TABLE piece_file(
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
        size INTEGER NOT NULL CHECK (typeof(size) = 'integer' AND size > 0),
        content BLOB NOT NULL CHECK (length(content) = size)
    );
    CREATE TABLE piece(
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        entry_id INTEGER NOT NULL REFERENCES entry(id),
        file_id INTEGER NOT NULL REFERENCES piece_file(id),
        name TEXT NOT NULL CHECK (length(name) > 0),
        added_on TEXT NOT NULL CHECK (\(isDate("added_on"))),
        UNIQUE (entry_id, file_id)
    );
    CREATE INDEX piece_file_id ON piece(file_id);
    CREATE TRIGGER piece_file_fixed BEFORE UPDATE ON piece_file BEGIN
        SELECT RAISE(ABORT, 'compta: une pièce enregistrée ne change pas');
    END;
    CREATE TRIGGER piece_fixed BEFORE UPDATE ON piece BEGIN
        SELECT RAISE(ABORT, 'compta: une pièce enregistrée ne change pas');
    END;
    CREATE TRIGGER piece_validated_delete BEFORE DELETE ON piece
    WHEN (SELECT validated_on FROM entry WHERE id = OLD.entry_id) IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'compta: pièce d''une écriture validée, suppression interdite');
    END;
    CREATE TRIGGER piece_file_unused AFTER DELETE ON piece
    WHEN NOT EXISTS (SELECT 1 FROM piece WHERE file_id = OLD.file_id) BEGIN
        DELETE FROM piece_file WHERE id = OLD.file_id;
    END;
    CREATE TRIGGER piece_entry_deleted BEFORE DELETE ON entry WHEN OLD.validated_on IS NULL BEGIN
        DELETE FROM piece WHERE entry_id = OLD.id;
    END;
    """
}
