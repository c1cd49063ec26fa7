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
                                     + "conviennent, elle reste en suspens jusqu'à compta pointer N ECRITURE (N : son « N° à pointer »). "
                                     + "Les écritures sont cherchées depuis le premier jour du premier relevé du compte, moins ces \(window) jours "
                                     + "(une écriture saisie peu avant peut être sur ce relevé) : les plus anciennes, d'avant tout relevé, "
                                     + "ne seront montrées par aucun.")))
        }
        return ReportDocument(title: "Pointage : état de rapprochement bancaire", subtitle: [association], blocks: blocks)
    }

    /// « n° 7 du 05/03/2024 (EDF) »: operations waiting on 471 that may be an entry typed again.
    static func lookalikes(_ c: [PointageCandidate]) -> String {
        c.map { "n° \($0.number) du \($0.date.french) (\($0.label))" }.joined(separator: ", ")
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
            let doubles = !p.waitingLookalikes.isEmpty
            var table = ReportTable(title: "Écritures du livre que la banque n'a pas encore montrées (depuis le \(start.french) : "
                                    + "premier relevé moins \(p.window) jours)", columns: [
                ReportColumn("Exercice", key: "exercice"), ReportColumn("N°", key: "numero"), ReportColumn("Date", key: "date"),
                .amount("Montant", key: "montant"), ReportColumn("Libellé", key: "libelle")]
                + (doubles ? [ReportColumn("Double probable : en attente sur 471", key: "double_probable")] : []))
            for e in p.unmatched {
                table.rows.append(ReportRow([.text(exercices[e.exerciceID] ?? ""), .number(e.number), .date(e.date), .amount(e.amount), .text(e.label)]
                                            + (doubles ? [.text(Self.lookalikes(p.waitingLookalikes[e.entryID] ?? []))] : [])))
            }
            table.rows.append(ReportRow(["", "", "Total", .amount(Money.sum(p.unmatched.map(\.amount))), ""] + (doubles ? [""] : []), style: .total))
            blocks.append(.table(table))
            if doubles {
                blocks.append(.paragraph(Inline("Double probable : une opération d'un relevé, du même montant à \(p.window) jours près, attend sur 471 "
                                         + "alors que l'écriture saisie pour elle est là : l'opération est dans le livre deux fois. Si c'est la même, "
                                         + "classez l'opération (compta affecter NUMERO COMPTE) et supprimez la saisie (compta supprimer N), "
                                         + "ou extournez-la si elle est validée (compta extourner N).")))
            }
        }
        if !p.held.isEmpty {
            var table = ReportTable(title: "Opérations des relevés sans écriture, en suspens : compta pointer N ECRITURE", columns: [
                ReportColumn("N° à pointer", key: "a_pointer"), ReportColumn("Date", key: "date"), .amount("Montant", key: "montant"),
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
            blocks.append(.paragraph(Inline("Aucun relevé du compte \(p.account) ne donne de solde : le pointage ci-dessus dit ce que la banque "
                                     + "n'a pas encore montré et ce qui attend d'être pointé, mais sans solde de la banque, rien ne dit si le livre "
                                     + "et la banque s'accordent. Un relevé déjà importé ne reçoit pas de solde après coup : donnez-le au prochain "
                                     + "(compta importer RELEVE --solde MONTANT --au DATE, le solde lu sur le relevé papier ou en ligne), ou, "
                                     + "tant que les écritures du dernier sont en brouillard, annulez son import (compta releves donne son "
                                     + "numéro ; compta releves annuler NUMERO) et refaites-le avec --solde MONTANT --au DATE.")))
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
            ReportRow(["Moins : écritures pas encore passées en banque", .amount(.zero - unseen)]),
            ReportRow(["Plus : opérations des relevés en suspens", .amount(held)]),
            ReportRow(["Solde que le relevé devrait donner", .amount(expected)], style: .subtotal),
            ReportRow(["Solde du dernier relevé", .amount(stated.amount)]),
            ReportRow(["Écart inexpliqué", .amount(gap)], style: .total),
        ]
        blocks.append(.table(table))
        blocks.append(.paragraph(Inline(gap.isZero
            ? "Rapprochement au \(day) : le solde du relevé s'explique entièrement par le livre et le pointage."
            : gap.isNegative
            ? "Rapprochement au \(day) : un écart de \(gap) € reste inexpliqué : le livre a \(gap.magnitude) € de plus que la banque ne "
                + "l'explique : une écriture en double (une saisie et la même opération en attente sur 471), d'un autre montant que la banque, "
                + "d'avant le premier relevé, ou un solde d'ouverture trop élevé ; compta grand-livre \(p.account) les montre."
            : "Rapprochement au \(day) : un écart de \(gap) € reste inexpliqué : il manque au livre \(gap) € : une opération du relevé, "
                + "une écriture d'avant le premier relevé, ou le solde d'ouverture ; compta grand-livre \(p.account) les montre.")))
        return blocks
    }
}
