import Ledger

/// The état de rapprochement bancaire (`compta pointage`): for each bank account, the entries of
/// the ledger the bank has not shown yet, the statement lines held without an entry, and the
/// ledger's balance taken to the last statement's by them.
public struct PointageReport: Sendable {
    public let accounts: [BankPointage]
    /// Each exercice's label, by id: the exercice an entry's number belongs to.
    let exercices: [Int64: String]

    public init(_ ledger: some LedgerQueries, account: AccountNumber? = nil) throws {
        accounts = try ledger.pointage(account: account)
        exercices = Dictionary(try ledger.catalog().exercices.map { ($0.id, $0.label) }) { a, _ in a }
    }

    public func document(association: String) -> ReportDocument {
        var blocks: [Block] = []
        if accounts.isEmpty {
            blocks.append(.paragraph(Inline("Aucun relevé importé : le pointage compare le livre aux relevés de la banque (compta importer RELEVE).")))
        }
        for p in accounts {
            blocks.append(.heading("Compte \(p.account)", level: 1))
            blocks += self.blocks(p)
        }
        if let window = accounts.first?.window {
            blocks.append(.paragraph(Inline("À l'import, une opération du relevé est pointée avec l'écriture déjà saisie sur le compte qui a son montant, "
                                     + "datée à \(window) jours près (compta pointage fenetre JOURS pour changer) ; si plusieurs écritures "
                                     + "conviennent, elle reste en suspens jusqu'à compta pointer LIGNE ECRITURE.")))
        }
        return ReportDocument(title: "Pointage : état de rapprochement bancaire", subtitle: [association], blocks: blocks)
    }

    func blocks(_ p: BankPointage) -> [Block] {
        var blocks: [Block] = []
        guard let start = p.coverageStart else {
            return [.paragraph(Inline("Aucun relevé importé dans le compte \(p.account) : rien à pointer (compta importer RELEVE --compte \(p.account))."))]
        }
        if p.unmatched.isEmpty && p.held.isEmpty {
            blocks.append(.paragraph(Inline("Tout est pointé : chaque écriture du compte \(p.account) depuis le \(start.french) est sur un relevé, "
                                     + "et chaque opération des relevés a son écriture.")))
        }
        if !p.unmatched.isEmpty {
            var table = ReportTable(title: "Écritures du livre que la banque n'a pas encore montrées (depuis le \(start.french))", columns: [
                ReportColumn("Exercice", key: "exercice"), ReportColumn("N°", key: "numero"), ReportColumn("Date", key: "date"),
                .amount("Montant", key: "montant"), ReportColumn("Libellé", key: "libelle")])
            for e in p.unmatched {
                table.rows.append(ReportRow([.text(exercices[e.exerciceID] ?? ""), .number(e.number), .date(e.date), .amount(e.amount), .text(e.label)]))
            }
            table.rows.append(ReportRow(["", "", "Total", .amount(Money.sum(p.unmatched.map(\.amount))), ""], style: .total))
            blocks.append(.table(table))
        }
        if !p.held.isEmpty {
            var table = ReportTable(title: "Opérations des relevés sans écriture, en suspens : compta pointer LIGNE ECRITURE", columns: [
                ReportColumn("LIGNE", key: "ligne"), ReportColumn("Date", key: "date"), .amount("Montant", key: "montant"),
                ReportColumn("Libellé", key: "libelle"), ReportColumn("Écritures possibles", key: "ecritures")])
            for h in p.held {
                table.rows.append(ReportRow([.number(h.id), .date(h.date), .amount(h.amount), .text(h.label),
                                             .text(h.candidates.isEmpty ? "aucune (saisissez l'opération, puis pointez-la)"
                                                   : ImportSummary.candidates(h.candidates))]))
            }
            table.rows.append(ReportRow(["", "Total", .amount(Money.sum(p.held.map(\.amount))), "", ""], style: .total))
            blocks.append(.table(table))
        }
        guard let stated = p.statementBalance, let ledger = p.ledgerBalance, let expected = p.expectedStatementBalance,
              let gap = p.unexplained else {
            blocks.append(.paragraph(Inline("Aucun relevé du compte \(p.account) ne donne de solde : le rapprochement des soldes attend un relevé "
                                     + "qui en donne un (ou compta importer RELEVE --solde MONTANT --au DATE).")))
            return blocks
        }
        let day = stated.day.french
        let unseen = Money.sum(p.unmatchedToStatement.map(\.amount))
        let held = Money.sum(p.held.filter { $0.date <= stated.day }.map(\.amount))
        var table = ReportTable(title: "État de rapprochement au \(day)", columns: [
            ReportColumn("", key: "poste"), .amount("Montant", key: "montant")])
        table.rows = [
            ReportRow([.text("Solde du compte \(p.account) dans le livre"), .amount(ledger)]),
            // Each correction is written as it changes the ledger's balance into the bank's.
            ReportRow(["Correction : écritures que la banque n'a pas encore montrées (leur total retiré)", .amount(.zero - unseen)]),
            ReportRow(["Correction : opérations du relevé en suspens (ajoutées)", .amount(held)]),
            ReportRow(["Solde que le relevé devrait donner", .amount(expected)], style: .subtotal),
            ReportRow(["Solde du dernier relevé", .amount(stated.amount)]),
            ReportRow(["Écart inexpliqué", .amount(gap)], style: .total),
        ]
        blocks.append(.table(table))
        blocks.append(.paragraph(Inline(gap.isZero
            ? "Rapprochement au \(day) : le solde du relevé s'explique entièrement par le livre et le pointage."
            : "Rapprochement au \(day) : un écart de \(gap) € reste inexpliqué : une opération du relevé manque au livre, ou une écriture "
                + "d'avant le premier relevé, ou le solde d'ouverture ; compta grand-livre \(p.account) les montre.")))
        return blocks
    }
}
