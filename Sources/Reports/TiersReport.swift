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
        if !d.merged.isEmpty { who.append(Inline("Fusionnés ici : " + d.merged.map { "\($0.code) \($0.name)" }.joined(separator: ", "))) }
        var lines = ReportTable(columns: [ReportColumn("Date", key: "date"), ReportColumn("Jnl", key: "journal"), ReportColumn("N°", key: "numero"),
                                          ReportColumn("Compte", key: "compte"), ReportColumn("Libellé", key: "libelle"),
                                          .amount("Débit", key: "debit"), .amount("Crédit", key: "credit")])
        lines.title = "Lignes"
        lines.rows = d.lines.map { l in
            ReportRow([.text(l.date.french), .text(l.journal), .number(l.entryNumber), .account(l.account), .text(l.label),
                       .nonZero(l.debit), .nonZero(l.credit)])
        }
        var sums = ReportTable(columns: [ReportColumn("", key: "poste"), ReportColumn("Compte", key: "compte"), .amount("Montant", key: "montant")])
        sums.title = "Totaux"
        sums.rows = [ReportRow(["Cotisations", .text(TiersDetail.cotisationAccounts), .amount(d.cotisations)]),
                     ReportRow(["Dons", .text(TiersDetail.giftAccounts), .amount(d.dons)])]
            + d.balances.map { b in
                ReportRow([.text(b.balance.isNegative ? "Dû par l'association" : "Dû à l'association"), .account(b.account), .amount(b.balance.magnitude)])
            }
        let blocks: [Block] = [.bullets(who), .table(lines), .table(sums)]
            + (d.lines.isEmpty ? [.paragraph("Aucune ligne ne porte ce tiers.")] : [])
        return ReportDocument(title: "Tiers \(t.code) — \(t.name)", subtitle: [association], blocks: blocks)
    }
}

extension String {
    /// With its first letter in capitals: « Personne ».
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
