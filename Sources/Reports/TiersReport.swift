import Ledger

/// The tiers as documents: the list (`compta tiers`) and what the ledger holds about one
/// (`compta tiers voir`).
public enum TiersReport {
    static func kind(_ t: Tiers) -> String { t.kind == .person ? "personne" : "organisation" }

    /// The tiers, one per row. `search`: the words they were found by, for the subtitle.
    public static func list(_ tiers: [Tiers], association: String, search: String?) -> ReportDocument {
        var table = ReportTable(columns: [ReportColumn("Code", key: "code"), ReportColumn("Nom", key: "nom"), ReportColumn("Type", key: "type"),
                                          ReportColumn("Courriel", key: "courriel"), ReportColumn("Autres noms", key: "autres_noms")])
        table.rows = tiers.map { t in
            ReportRow([.text(t.code), .text(t.name), .text(kind(t)), .text(t.email?.text ?? ""), .text(t.aliases.joined(separator: " ; "))])
        }
        let empty = search == nil ? "Aucun tiers. Pour en créer un : compta tiers ajouter --prenom Léa --nom Martin (ou --organisation \"Nom\")."
            : "Aucun tiers de ce nom. La liste entière : compta tiers"
        return ReportDocument(title: "Tiers", subtitle: [association] + (search.map { ["recherche : \($0)"] } ?? []), tables: [table],
                              notes: tiers.isEmpty ? [empty] : [])
    }

    /// One tiers: who it is, its lines, what they add up to.
    public static func detail(_ d: TiersDetail, association: String) -> ReportDocument {
        let t = d.tiers
        var who: [Inline] = ["\(kind(t).capitalizedFirst) — code \(code: t.code)"]
        if let siren = t.siren { who.append("SIREN \(siren.digits)") }
        if let email = t.email { who.append("Courriel : \(email.text)") }
        if let address = t.address { who.append("Adresse : \(address)") }
        if !t.aliases.isEmpty { who.append("Autres noms : \(t.aliases.joined(separator: " ; "))") }
        if let day = t.anonymisedOn { who.append("Anonymisé le \(day.french) : ses données personnelles sont effacées") }
        if !d.merged.isEmpty { who.append(Inline("Fusionnés ici : " + d.merged.map { "\($0.code) \($0.name)" }.joined(separator: ", "))) }
        var lines = ReportTable(columns: [ReportColumn("Date", key: "date"), ReportColumn("Jnl", key: "journal"), ReportColumn("N°", key: "numero"),
                                          ReportColumn("Compte", key: "compte"), ReportColumn("Libellé", key: "libelle"),
                                          .amount("Débit", key: "debit"), .amount("Crédit", key: "credit")])
        lines.title = "Lignes"
        lines.rows = d.lines.map { l in
            ReportRow([.text(l.date.french), .text(l.journal), .number(l.entryNumber), .account(l.account), .text(l.label),
                       .nonZero(l.debit), .nonZero(l.credit)])
        }
        let blocks: [Block] = [.bullets(who), .table(lines), .table(totals(d))]
            + (d.lines.isEmpty ? [.paragraph("Aucune ligne ne porte ce tiers.")] : [])
        return ReportDocument(title: "Tiers \(t.code) — \(t.name)", subtitle: [association], blocks: blocks)
    }

    /// Cotisations, dons, and the balance of each third-party account.
    static func totals(_ d: TiersDetail) -> ReportTable {
        var sums = ReportTable(columns: [ReportColumn("", key: "poste"), ReportColumn("Compte", key: "compte"), .amount("Montant", key: "montant")])
        sums.title = "Totaux"
        sums.rows = [ReportRow(["Cotisations", .text(TiersDetail.cotisationAccounts), .amount(d.cotisations)]),
                     ReportRow(["Dons", .text(TiersDetail.giftAccounts), .amount(d.dons)])]
            + d.balances.map { b in
                ReportRow([.text(b.balance.isNegative ? "Dû par l'association" : "Dû à l'association"), .account(b.account), .amount(b.balance.magnitude)])
            }
        return sums
    }

    /// Everything the ledger holds about one tiers, for the person to take away (droit
    /// d'accès, RGPD art. 15): every field of the record, the records merged into it, every
    /// line with its entry, the totals. Made for CSV and JSON: every field is a cell.
    public static func export(_ d: TiersDetail, association: String) -> ReportDocument {
        let t = d.tiers
        var record = ReportTable(title: "Fiche", columns: [ReportColumn("Champ", key: "champ"), ReportColumn("Valeur", key: "valeur")])
        let fields: [(String, String?)] = [
            ("Code", t.code), ("Sorte", kind(t)), ("Nom affiché", t.name), ("Prénom", t.firstName), ("Nom", t.lastName),
            ("Raison sociale", t.organisation), ("SIREN", t.siren?.digits), ("Courriel", t.email?.text), ("Adresse", t.address),
            ("Autres noms", t.aliases.joined(separator: " ; ")), ("Anonymisé le", t.anonymisedOn?.iso),
        ]
        record.rows = fields.map { ReportRow([.text($0.0), .text($0.1 ?? "")]) }
        var merged = ReportTable(title: "Fiches fusionnées dans celle-ci",
                                 columns: [ReportColumn("Code", key: "code"), ReportColumn("Nom", key: "nom"), ReportColumn("Sorte", key: "sorte"),
                                           ReportColumn("SIREN", key: "siren"), ReportColumn("Courriel", key: "courriel"),
                                           ReportColumn("Adresse", key: "adresse"), ReportColumn("Autres noms", key: "autres_noms")])
        merged.rows = d.merged.map { m in
            ReportRow([.text(m.code), .text(m.name), .text(kind(m)), .text(m.siren?.digits ?? ""), .text(m.email?.text ?? ""),
                       .text(m.address ?? ""), .text(m.aliases.joined(separator: " ; "))])
        }
        var lines = ReportTable(title: "Lignes",
                                columns: [ReportColumn("Date", key: "date"), ReportColumn("Journal", key: "journal"),
                                          ReportColumn("N°", key: "numero", .number), ReportColumn("Pièce", key: "piece"),
                                          ReportColumn("Libellé", key: "libelle"), ReportColumn("Compte", key: "compte"),
                                          .amount("Débit", key: "debit"), .amount("Crédit", key: "credit"), ReportColumn("Projet", key: "projet"),
                                          ReportColumn("Tiers inscrit", key: "tiers_inscrit")])
        lines.rows = d.lines.map { l in
            ReportRow([.date(l.date), .text(l.journal), .number(l.entryNumber), .text(l.piece ?? ""), .text(l.label), .account(l.account),
                       .amount(l.debit), .amount(l.credit), .text(l.project ?? ""), .text(l.tiers?.recorded ?? "")])
        }
        return ReportDocument(title: "Données de \(t.code) — \(t.name)", subtitle: [association],
                              tables: [record, merged, lines, totals(d)])
    }
}

extension String {
    /// With its first letter in capitals: « Personne ».
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
