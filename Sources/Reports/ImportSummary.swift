import Ledger

/// What `compta importer` did to one statement: counts, the reconciliation, the new lines
/// waiting on 471 and the probable duplicates; `detailed`, every line of the statement instead
/// of the waiting ones (JSON, `--essai`).
public struct ImportSummary: Sendable {
    public let result: ImportResult
    public let detailed: Bool

    public init(_ result: ImportResult, detailed: Bool) {
        self.result = result
        self.detailed = detailed
    }

    public var document: ReportDocument {
        let r = result, s = r.reading
        var subtitle = ["Relevé : \(r.batch.fileName) (\(s.formatName), \(s.encoding)), compte \(r.batch.bankAccount)"]
        if let f = r.batch.firstDate, let l = r.batch.lastDate { subtitle.append("Opérations du \(f.french) au \(l.french)") }
        var notes: [String] = []
        if r.dryRun { notes.append("Essai : rien n'a été écrit.") }
        if let on = r.outcome.sameFileImportedOn {
            let when = on.local.map { "le \($0.day.french) à \($0.time)" } ?? on.utc
            notes.append("Ce fichier a déjà été importé (\(when)) : seules les opérations nouvelles comptent.")
        }
        notes.append("Lignes lues : \(r.linesRead) · nouvelles : \(r.newLines) · déjà importées : \(r.alreadyThere)"
                     + (s.skipped > 0 ? " · ignorées (non réglées) : \(s.skipped)" : "")
                     + (s.before > 0 ? " · laissées de côté (avant --du) : \(s.before)" : "")
                     + (s.zeroAmounts > 0 ? " · ignorées (montant nul) : \(s.zeroAmounts)" : "")
                     + (r.outcome.pointed.isEmpty ? "" : " · pointées avec une écriture saisie : \(r.outcome.pointed.count)")
                     + (r.outcome.held.isEmpty ? "" : " · en suspens : \(r.outcome.held.count)"))
        notes.append("Classées par une règle : \(r.filedByRule) · en attente sur 471 : \(r.waiting.count)")
        notes += pointageNotes
        notes += tiersNotes
        let duplicates = probableDuplicates
        if let duplicates { notes.append(duplicates.note) }
        if let id = r.outcome.statementID, r.newLines > 0 {
            notes.append("Relevé n° \(id) : un import fait par erreur s'annule, tant que ses écritures sont en brouillard, avec compta releves annuler \(id).")
        }
        if let rec = r.reconciliation {
            notes += Self.notes(rec, account: r.batch.bankAccount, firstDate: r.batch.firstDate)
        } else {
            notes.append("Rapprochement : le relevé ne donne pas de solde ; donnez-le avec --solde MONTANT pour le vérifier.")
        }
        var tables: [ReportTable] = []
        if detailed {
            // Every line of the statement: made while printed, as long as the statement is.
            let already = Set(r.outcome.alreadyThere)
            var pointage: [Int: String] = [:]
            for p in r.outcome.pointed { pointage[p.position] = Self.pointed(p.entry) }
            for h in r.outcome.held { pointage[h.position] = "en suspens : " + Self.candidates(h.candidates) }
            tables.append(ReportTable(title: "Opérations", columns: [
                ReportColumn("Ligne du fichier", key: "ligne"), ReportColumn("Date", key: "date"), .amount("Montant", key: "montant"),
                ReportColumn("Libellé", key: "libelle"), ReportColumn("Compte", key: "compte"), ReportColumn("Projet", key: "projet"),
                ReportColumn("Tiers lu", key: "tiers"), ReportColumn("Déjà importée", key: "deja_importee"), ReportColumn("Pointage", key: "pointage"),
                ReportColumn("Empreinte", key: "empreinte", dataOnly: true),
            ], stream: RowStream { row in
                for (position, e) in r.batch.entries.enumerated() {
                    let counter = e.entry.lines[1]
                    // A line pointed or held gets no entry: it files under nothing.
                    let entry = pointage[position] == nil
                    try row(ReportRow([.number(e.sourceLine), .date(e.date), .amount(e.amount), .text(e.bankLabel),
                                       entry ? .account(counter.account) : .empty, .text(entry ? counter.project ?? "" : ""), .text(e.tiers ?? ""),
                                       .flag(already.contains(position)), .text(pointage[position] ?? ""), .text(e.fingerprint)]))
                }
            }))
        } else if !r.waiting.isEmpty {
            var table = ReportTable(title: "En attente sur le compte 471 : à classer avec « compta affecter NUMERO COMPTE »", columns: [
                ReportColumn("N°", key: "numero"), ReportColumn("Date", key: "date"), .amount("Montant", key: "montant"),
                ReportColumn("Libellé", key: "libelle")])
            for w in r.waiting.prefix(50) {
                table.rows.append(ReportRow([.number(w.number), .date(w.entry.date), .amount(w.entry.amount), .text(w.entry.bankLabel)]))
            }
            if r.waiting.count > 50 { table.note = "… et \(french(r.waiting.count - 50, "autre opération", plural: "autres opérations")) en attente : la liste complète avec compta attente." }
            tables.append(table)
        }
        tables += pointageTables
        tables += tiersTables
        if let duplicates { tables.append(duplicates.table) }
        return ReportDocument(title: r.dryRun ? "Import (essai)" : "Import du relevé", subtitle: subtitle, tables: tables, notes: notes)
    }

    /// « pointée avec l'écriture N »: what became of a line an entry typed before covers.
    static func pointed(_ entry: PointageCandidate) -> String { "pointée avec l'écriture \(entry.number)" }

    /// The entries a held line may be: « n° 3 du 05/03/2024, n° 4 du 07/03/2024 ».
    static func candidates(_ c: [PointageCandidate]) -> String {
        c.map { "n° \($0.number) du \($0.date.french)" }.joined(separator: ", ")
    }

    /// What pointage did: lines linked to entries the treasurer had typed, lines held.
    var pointageNotes: [String] {
        let o = result.outcome
        var notes: [String] = []
        if !o.pointed.isEmpty {
            notes.append("Pointage : \(french(o.pointed.count, "opération du relevé était déjà saisie", plural: "opérations du relevé étaient déjà saisies")) "
                         + "dans le livre (même montant, à quelques jours près) : "
                         + (o.pointed.count == 1 ? "elle est pointée avec son écriture" : "elles sont pointées avec leurs écritures")
                         + ", sans seconde écriture.")
        }
        if !o.held.isEmpty {
            notes.append("En suspens : \(french(o.held.count, "opération du relevé correspond", plural: "opérations du relevé correspondent")) "
                         + "à plusieurs écritures saisies ; rien n'est écrit pour \(o.held.count == 1 ? "elle" : "elles") : dites laquelle avec "
                         + "compta pointer N ECRITURE (N : son « N° à pointer » ; compta pointage les liste).")
        }
        return notes
    }

    var pointageTables: [ReportTable] {
        let r = result, o = r.outcome
        var tables: [ReportTable] = []
        if !o.pointed.isEmpty && !detailed {
            var table = ReportTable(title: "Pointées avec une écriture déjà saisie", columns: [
                ReportColumn("Ligne du fichier", key: "ligne"), ReportColumn("Date", key: "date"), .amount("Montant", key: "montant"),
                ReportColumn("Libellé", key: "libelle"), ReportColumn("Pointage", key: "pointage")])
            for p in o.pointed.prefix(50) {
                let e = r.batch.entry(at: p.position)
                table.rows.append(ReportRow([.number(e.sourceLine), .date(e.date), .amount(e.amount), .text(e.bankLabel), .text(Self.pointed(p.entry))]))
            }
            if o.pointed.count > 50 { table.note = "… et \(o.pointed.count - 50) autres." }
            tables.append(table)
        }
        if !o.held.isEmpty {
            var table = ReportTable(title: "En suspens : à pointer avec « compta pointer N ECRITURE », N le « N° à pointer »", columns: [
                ReportColumn("N° à pointer", key: "a_pointer"), ReportColumn("Date", key: "date"), .amount("Montant", key: "montant"),
                ReportColumn("Libellé", key: "libelle"), ReportColumn("Écritures possibles", key: "ecritures")])
            for h in o.held {
                let e = r.batch.entry(at: h.position)
                table.rows.append(ReportRow([h.line.map { .number($0) } ?? .text("(essai)"), .date(e.date), .amount(e.amount), .text(e.bankLabel),
                                             .text(Self.candidates(h.candidates))]))
            }
            tables.append(table)
        }
        return tables
    }

    /// How many new lines got a tiers, how many tiers were created (a misspelt name makes a
    /// second tiers: the list lets the treasurer see it) and the names of several tiers.
    var tiersNotes: [String] {
        let o = result.outcome
        guard o.linesWithTiers > 0 || !o.tiersCreated.isEmpty || !o.ambiguousTiers.isEmpty else { return [] }
        var note = "Tiers : \(french(o.linesWithTiers, "ligne nouvelle", plural: "lignes nouvelles")) avec un tiers · "
            + (o.tiersCreated.isEmpty ? "aucun tiers créé"
               : result.dryRun ? "\(o.tiersCreated.count) tiers \(o.tiersCreated.count == 1 ? "serait créé" : "seraient créés")"
               : "\(o.tiersCreated.count) \(o.tiersCreated.count == 1 ? "tiers créé" : "tiers créés")")
        if !o.tiersCreated.isEmpty {
            note += " : vérifiez qu'aucun n'est un tiers déjà connu sous un autre nom "
                + "(compta tiers fusionner GARDE DOUBLON, ou compta tiers modifier CODE --alias NOM pour la prochaine fois)."
        }
        var notes = [note]
        if !o.ambiguousTiers.isEmpty {
            notes.append("\(french(o.ambiguousTiers.count, "nom désigne", plural: "noms désignent")) plusieurs tiers : leurs lignes restent sans tiers "
                         + "(voir le tableau) ; donnez-le avec compta affecter NUMERO COMPTE --tiers CODE, ou, pour les prochains relevés, "
                         + "une règle --tiers CODE, ou retirez l'alias en double (compta tiers modifier CODE --sans-alias NOM).")
        }
        return notes
    }

    var tiersTables: [ReportTable] {
        let o = result.outcome
        var tables: [ReportTable] = []
        if !o.tiersCreated.isEmpty {
            var table = ReportTable(title: result.dryRun ? "Tiers qui seraient créés" : "Tiers créés", columns: [
                ReportColumn("Code", key: "code"), ReportColumn("Nom", key: "nom"), ReportColumn("Genre", key: "genre")])
            for t in o.tiersCreated.prefix(50) { table.rows.append(ReportRow([.text(t.code), .text(t.name), .text(t.kind.rawValue)])) }
            if o.tiersCreated.count > 50 { table.note = "… et \(o.tiersCreated.count - 50) autres : la liste complète avec compta tiers." }
            tables.append(table)
        }
        if !o.ambiguousTiers.isEmpty {
            var table = ReportTable(title: "Noms de plusieurs tiers : lignes laissées sans tiers", columns: [
                ReportColumn("Nom lu", key: "nom"), ReportColumn("Lignes", key: "lignes"), ReportColumn("Tiers de ce nom", key: "tiers")])
            for a in o.ambiguousTiers {
                table.rows.append(ReportRow([.text(a.name), .number(a.lines), .text(a.candidates.map { "\($0.code) \($0.name)" }.joined(separator: ", "))]))
            }
            tables.append(table)
        }
        return tables
    }

    /// New operations that another statement seems to have brought under another label: a table
    /// of them with the other label, and what to do if they are the same.
    var probableDuplicates: (table: ReportTable, note: String)? {
        let r = result, d = r.outcome.probableDuplicates
        if d.isEmpty { return nil }
        var table = ReportTable(title: "Peut-être déjà importées par un autre relevé, sous un autre libellé", columns: [
            ReportColumn("Ligne du fichier", key: "ligne"), ReportColumn("Date", key: "date"), .amount("Montant", key: "montant"),
            ReportColumn("Libellé", key: "libelle"), ReportColumn("Déjà dans le livre", key: "deja"), ReportColumn("Relevé", key: "releve")])
        for p in d.prefix(50) {
            let e = r.batch.entry(at: p.position)
            table.rows.append(ReportRow([.number(e.sourceLine), .date(e.date), .amount(e.amount), .text(e.bankLabel), .text(p.earlierLabel),
                                         .number(p.earlierStatement)]))
        }
        let redo = r.outcome.statementID.map { "annulez cet import (compta releves annuler \($0)) et réimportez le fichier" } ?? "importez le fichier"
        let note = "Attention : \(d.count == 1 ? "1 opération nouvelle a" : "\(d.count) opérations nouvelles ont") le jour et le montant "
            + "d'une opération qu'un autre relevé du compte a déjà apportée, sous un autre libellé"
            + (d.count > 50 ? " (les 50 premières ci-dessus)" : "") + ". Si ce sont les mêmes (le compte exporté dans un autre format, "
            + "des libellés que la banque a changés), \(redo) avec --du DATE, le premier jour que l'autre relevé ne couvre pas "
            + "(compta releves donne ses dates)."
        return (table, note)
    }

    /// The statement's closing balance against the ledger's and, when they differ, where.
    static func notes(_ r: Reconciliation, account: AccountNumber, firstDate: Day?) -> [String] {
        let day = r.day.map { " au \($0.french)" } ?? ""
        let text = "Rapprochement : solde du relevé\(day) \(r.statement) € ; solde du compte \(account) dans le livre \(r.ledger) € ; "
        if r.difference.isZero { return [text + "écart nul."] }
        guard let before = r.before, let firstDate else {
            return [text + "écart de \(r.difference) € : une opération manque dans le livre ou y est en double."]
        }
        var notes = [text + "écart de \(r.difference) €."]
        if !r.differenceBefore.isZero {
            // Worded by its sign: a ledger above the bank lacks nothing, it has too much.
            let cause = r.differenceBefore.isNegative
                ? "Le livre a \(r.differenceBefore.magnitude) € de plus que la banque : une écriture d'avant le relevé que la banque n'a pas "
                    + "(en double, d'un autre montant, ou qu'elle passera plus tard), ou un solde d'ouverture trop élevé : "
                    + "compta grand-livre \(account) --au \(before.day.iso)."
                : "Il manque au livre le solde d'ouverture du compte ou des opérations antérieures (un relevé précédent)."
            notes.append("Écart avant le relevé : au \(before.day.french), veille de sa première opération, \(before.statement) € à la banque, "
                         + "\(before.ledger) € dans le livre" + (before.pointedLater.isZero ? ""
                            : " (hors \(before.pointedLater) € d'écritures saisies avant cette date que ce relevé pointe : la banque les passe pendant le relevé)")
                         + ". " + cause)
            if let start = before.ledgerStart {
                // The bank's balance the day before the statement is known: the opening balance when the
                // statement begins on the exercice's first day, or when the account did not move before it.
                let exact = before.day < start
                notes.append("Si le livre commence avec cet exercice, saisissez le solde du compte à son ouverture : compta saisir \(start.iso) "
                             + "\"Solde d'ouverture\" \(account)=\(before.statement.plain) 1021 --journal AN "
                             + "(1021 : première situation nette établie"
                             + (exact ? ")." : " ; \(before.statement) € est le solde de la banque au \(before.day.french) : celui du \(start.french) "
                                + "si le compte n'a pas bougé entre-temps ; sinon, importez d'abord les relevés de cette période, "
                                + "ou prenez le solde du \(start.adding(days: -1).french) sur le relevé précédent)."))
            }
        }
        if !r.differenceDuring.isZero {
            let last = r.day ?? firstDate
            notes.append("Écart pendant le relevé : du \(firstDate.french) au \(last.french), les mouvements du relevé et ceux du compte \(account) "
                         + "dans le livre diffèrent de \(r.differenceDuring) €. Une écriture du livre sur ce compte n'est pas sur le relevé, "
                         + "ou y est en double : compta grand-livre \(account) --du \(firstDate.iso) --au \(last.iso).")
        }
        return notes
    }
}
