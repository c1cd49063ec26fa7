import Ledger

/// The operations waiting on 471 (`compta attente`), to file with `compta affecter`: of one
/// exercice, or of all.
public struct WaitingLines: Sendable {
    public let lines: [WaitingLine]
    /// Each exercice's label, by id: the exercice a line's number belongs to.
    let exercices: [Int64: String]

    public init(_ ledger: some LedgerQueries, exercice: Exercice? = nil) throws {
        lines = try ledger.waitingLines(exercice: exercice)
        exercices = Dictionary(try ledger.catalog().exercices.map { ($0.id, $0.label) }) { a, _ in a }
    }

    /// The balance of 471 these lines make.
    public var total: Money { Money.sum(lines.map(\.amount)) }

    public func document(association: String) -> ReportDocument {
        var table = ReportTable(columns: [ReportColumn("Exercice", key: "exercice"), ReportColumn("N°", key: "numero"),
                                          ReportColumn("Date", key: "date"), .amount("Montant", key: "montant"),
                                          ReportColumn("Libellé", key: "libelle")])
        for w in lines {
            table.rows.append(ReportRow([.text(exercices[w.entry.exerciceId] ?? ""), .number(w.entry.number), .date(w.entry.date),
                                         .amount(w.amount), .text(w.bankLabel ?? w.entry.label)]))
        }
        let notes = lines.isEmpty ? ["Rien en attente : toutes les opérations sont classées."]
            : ["\(lines.count) opération\(lines.count > 1 ? "s" : "") en attente (solde du 471 : \(total) €). "
               + "Pour classer : compta affecter NUMERO COMPTE [--projet P] [--regle MOTIF] ; "
               + "pour ventiler entre plusieurs comptes : compta affecter NUMERO 7562=200 754@PROJET"]
        return ReportDocument(title: "Opérations en attente (compte 471)", subtitle: [association],
                              tables: lines.isEmpty ? [] : [table], notes: notes)
    }
}

/// The statements imported (`compta releves`): what each brought, and how many of its
/// operations are validated; its number cancels an import made by mistake.
public struct ImportedStatements: Sendable {
    public let statements: [ImportedStatement]

    public init(_ ledger: some LedgerQueries) throws {
        statements = try ledger.statements()
    }

    public func document(association: String) -> ReportDocument {
        // Counted as the import said: read = new + already there + set aside.
        var table = ReportTable(columns: [ReportColumn("N°", key: "numero"), ReportColumn("Fichier", key: "fichier"),
                                          ReportColumn("Compte", key: "compte"), ReportColumn("Importé le", key: "importe_le"),
                                          ReportColumn("Importé (UTC)", key: "importe", dataOnly: true),
                                          ReportColumn("Du", key: "du"), ReportColumn("Au", key: "au"),
                                          ReportColumn("Lues", key: "lues"), ReportColumn("Nouvelles", key: "nouvelles"),
                                          ReportColumn("Déjà là", key: "deja_importees"), ReportColumn("Écartées", key: "ecartees"),
                                          ReportColumn("Pointées", key: "pointees"),
                                          ReportColumn("Validées", key: "validees")])
        for st in statements {
            let day = st.importedAt.local.map { Cell.date($0.day) } ?? .text(st.importedAt.utc)
            table.rows.append(ReportRow([.number(st.id), .text(st.fileName), .text(st.bankAccount.text), day, .text(st.importedAt.utc),
                                         st.firstDate.map(Cell.date) ?? .empty, st.lastDate.map(Cell.date) ?? .empty,
                                         .number(st.linesRead), .number(st.linesNew), .number(st.alreadyThere), .number(st.linesLeftOut), .number(st.linesPointed),
                                         .number(st.validated)]))
        }
        let notes = statements.isEmpty ? ["Aucun relevé importé : compta importer RELEVE."]
            : ["Lues : les opérations du fichier ; nouvelles : celles que l'import a écrites ; déjà là : celles qu'un import précédent "
               + "avait écrites ; écartées : avant --du, ou de montant nul ; pointées : celles qu'une écriture déjà saisie couvrait "
               + "(ou en suspens entre plusieurs, compta pointage).",
               "Un import fait par erreur (mauvais compte, mauvais fichier) s'annule tant que ses écritures sont en brouillard : compta releves annuler NUMERO."]
        return ReportDocument(title: "Relevés importés", subtitle: [association], tables: statements.isEmpty ? [] : [table], notes: notes)
    }
}

/// The categorisation rules (`compta regles`), in the order they are tried.
public struct RuleList: Sendable {
    public let rules: [Rule]

    public init(_ ledger: some LedgerQueries) throws {
        rules = try ledger.rules()
    }

    public func document(association: String) -> ReportDocument {
        var table = ReportTable(columns: [ReportColumn("N°", key: "position"), ReportColumn("Motif", key: "motif"),
                                          ReportColumn("Sens", key: "sens"), .amount("Min", key: "min"), .amount("Max", key: "max"),
                                          ReportColumn("Compte", key: "compte"), ReportColumn("Projet", key: "projet"),
                                          ReportColumn("Libellé", key: "libelle"), ReportColumn("Tiers", key: "tiers")])
        for r in rules {
            let sens: String
            switch r.direction {
            case .any: sens = ""
            case .income: sens = "recette"
            case .expense: sens = "dépense"
            }
            table.rows.append(ReportRow([.number(r.position), .text(r.isRegex ? "/\(r.pattern)/" : r.pattern), .text(sens),
                                         r.minimum.map { .amount($0) } ?? .empty, r.maximum.map { .amount($0) } ?? .empty,
                                         .account(r.account), .text(r.project ?? ""), .text(r.label ?? ""), .text(r.tiers.text ?? "")]))
        }
        return ReportDocument(title: "Règles de classement", subtitle: [association], tables: rules.isEmpty ? [] : [table],
                              notes: rules.isEmpty ? ["Aucune règle. Exemple : compta regles ajouter \"OVH\" 604A"] : [])
    }
}

/// The statement formats Compta reads (`compta importer --banques`), and the banks whose
/// export could not be established, with what their users do instead.
public struct BankFormats: Sendable {
    public let formats: [any StatementFormat]
    public let notEstablished: [(name: String, advice: String)]

    public init(_ formats: [any StatementFormat], notEstablished: [(name: String, advice: String)]) {
        self.formats = formats
        self.notEstablished = notEstablished
    }

    public var document: ReportDocument {
        // The aliases and the details of each format make the table too wide to read: they are in
        // CSV and JSON, and the note says so.
        var table = ReportTable(columns: [ReportColumn("Nom", key: "nom"), ReportColumn("Banque", key: "banque"),
                                          ReportColumn("Autres noms", key: "alias", dataOnly: true),
                                          ReportColumn("Format", key: "format", dataOnly: true)])
        for f in formats {
            table.rows.append(ReportRow([.text(f.id), .text(f.name), .text(f.aliases.joined(separator: ", ")), .text(f.details)]))
        }
        var notes = ["Autres noms acceptés par --banque et détail des formats : compta importer --banques --format json.",
                     "Autre format : --colonnes date=1,libelle=3,montant=4 (positions depuis 1), ou --profil FICHIER."]
        for n in notEstablished {
            notes.append("\(n.name) : format CSV non établi à partir de sources publiques ; utilisez l'\(n.advice).")
        }
        return ReportDocument(title: "Formats de relevés reconnus", tables: [table], notes: notes)
    }
}

/// What `compta regles appliquer` did: how many waiting operations each rule filed, and those
/// a rule would file that are validated.
public struct RulesApplied: Sendable {
    public let application: RuleApplication

    public init(_ application: RuleApplication) {
        self.application = application
    }

    public var document: ReportDocument {
        let a = application
        var tables: [ReportTable] = []
        var notes: [String] = []
        if a.dryRun { notes.append("Essai : rien n'a été écrit.") }
        let left = a.waiting - a.filed.count
        notes.append("Opérations en attente sur 471 : \(a.waiting) · classées par une règle : \(a.filed.count) · encore en attente : \(left)")
        if !a.filed.isEmpty {
            var table = ReportTable(title: a.dryRun ? "Ce que chaque règle classerait" : "Classées par règle", columns: [
                ReportColumn("N°", key: "position"), ReportColumn("Motif", key: "motif"), ReportColumn("Compte", key: "compte"),
                ReportColumn("Projet", key: "projet"), ReportColumn("Opérations", key: "operations"), .amount("Montant", key: "montant")])
            var byRule: [Int: (rule: Rule, count: Int, amount: Money)] = [:]
            for f in a.filed {
                var r = byRule[f.rule.position] ?? (f.rule, 0, .zero)
                r.count += 1
                r.amount = r.amount + f.line.amount
                byRule[f.rule.position] = r
            }
            for (_, r) in byRule.sorted(by: { $0.key < $1.key }) {
                table.rows.append(ReportRow([.number(r.rule.position), .text(r.rule.pattern), .account(r.rule.account), .text(r.rule.project ?? ""),
                                             .number(r.count), .amount(r.amount)]))
            }
            tables.append(table)
        }
        if !a.tiersCreated.isEmpty {
            notes.append("Tiers \(a.dryRun ? "qui seraient créés" : "créés") : " + a.tiersCreated.map { "\($0.code) \($0.name)" }.joined(separator: ", ")
                         + " (compta tiers fusionner GARDE DOUBLON si l'un est un tiers déjà connu sous un autre nom).")
        }
        if !a.validated.isEmpty {
            notes.append("\(french(a.validated.count, "opération validée", plural: "opérations validées")) qu'une règle classerait "
                         + "\(a.validated.count == 1 ? "ne change" : "ne changent") pas (une écriture validée ne se modifie plus) : "
                         + "compta affecter NUMERO COMPTE la classe par une écriture OD.")
            var table = ReportTable(title: "Validées : à classer une à une avec « compta affecter NUMERO COMPTE »", columns: [
                ReportColumn("N°", key: "numero"), ReportColumn("Date", key: "date"), .amount("Montant", key: "montant"),
                ReportColumn("Libellé", key: "libelle"), ReportColumn("Règle", key: "regle"), ReportColumn("Compte", key: "compte")])
            for f in a.validated {
                table.rows.append(ReportRow([.number(f.line.entry.number), .date(f.line.entry.date), .amount(f.line.amount),
                                             .text(f.line.bankLabel ?? f.line.entry.label), .number(f.rule.position), .account(f.rule.account)]))
            }
            tables.append(table)
        }
        if a.filed.isEmpty && a.validated.isEmpty {
            notes.append(a.waiting == 0 ? "Rien en attente : toutes les opérations sont classées."
                         : "Aucune règle ne classe les opérations en attente : compta affecter NUMERO COMPTE --regle MOTIF en classe une et crée sa règle.")
        }
        return ReportDocument(title: a.dryRun ? "Règles appliquées (essai)" : "Règles appliquées aux opérations en attente", tables: tables, notes: notes)
    }
}
