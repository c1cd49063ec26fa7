import Ledger

/// `compta frais-benevoles`: per volunteer, the expenses paid for the association (4681), what
/// was reimbursed, what was given up (abandon de frais, 75412), what is still owed — read from
/// the books up to a day, every exercice.
public enum VolunteerExpensesReport {
    public static func document(_ ledger: some LedgerQueries, to day: Day) throws -> ReportDocument {
        let entries = try ledger.entries(EntryQuery(to: day, accountPrefix: AccountNumber.volunteerExpenses.text))
        let states = VolunteerExpenses.states(entries)
        let catalog = try ledger.catalog()
        let openings = Set(catalog.journals.values.filter { $0.kind == .aNouveaux }.map(\.code))
        let nobody = VolunteerExpenses.withoutVolunteer(entries, openingJournals: openings)
        let subtitle = [try ledger.associationName(), "Au \(day.french), tous exercices"]
        guard !states.isEmpty else {
            return ReportDocument(title: "Frais des bénévoles", subtitle: subtitle, notes: [
                "Aucun frais de bénévole (compte 4681) au \(day.french). Une dépense payée par un bénévole : "
                + "compta frais-benevoles ajouter --tiers \"Léa Martin\" --compte 6251 --montant 42,50 --date 2025-03-14."])
        }
        var table = ReportTable(columns: [ReportColumn("Code", key: "code"), ReportColumn("Bénévole", key: "benevole"),
                                          .amount("Engagés", key: "engages"), .amount("Remboursés", key: "rembourses"),
                                          .amount("Abandonnés", key: "abandonnes"), .amount("Reste dû", key: "reste_du")])
        table.rows = states.map { s in
            ReportRow([.text(s.volunteer.code), .text(s.volunteer.name), .amount(s.engaged), .amount(s.reimbursed),
                       .amount(s.givenUp), .amount(s.owed)])
        }
        table.rows.append(ReportRow([.text("Total"), .empty, .amount(Money.sum(states.map(\.engaged))), .amount(Money.sum(states.map(\.reimbursed))),
                                     .amount(Money.sum(states.map(\.givenUp))), .amount(Money.sum(states.map(\.owed)))], style: .total))
        let owing = states.filter { $0.owed.cents > 0 }
        var notes: [String] = []
        if let first = owing.first {
            notes.append("Pour ce qui reste dû : un remboursement (le virement affecté au compte 4681 avec le bénévole), "
                         + "ou, si le bénévole y renonce par écrit, un abandon de frais qui ouvre droit à un reçu fiscal : "
                         + "compta frais-benevoles abandon --tiers \(first.volunteer.code) --piece LETTRE (la référence de sa lettre de renonciation).")
        }
        if let first = nobody.first {
            notes.append("Sans bénévole : " + nobody.map { "\($0.journal) \($0.number) (\($0.date.french), \($0.label))" }.joined(separator: ", ")
                         + " : \(nobody.count == 1 ? "sa ligne" : "leurs lignes") du compte \(AccountNumber.volunteerExpenses) ne "
                         + "\(nobody.count == 1 ? "compte" : "comptent") pour personne, et ce qu'\(nobody.count == 1 ? "elle rembourse" : "elles remboursent") "
                         + "reste dû ci-dessus. \(nobody.count == 1 ? "Donnez-lui son" : "Donnez-leur leur") bénévole : tant qu'elle est en brouillard, "
                         + "compta affecter \(first.number) \(AccountNumber.volunteerExpenses) --tiers CODE"
                         + (catalog.exercices.first { $0.id == first.exerciceId }.map { " --exercice \($0.label)" } ?? "")
                         + " ; sinon une écriture OD qui la corrige.")
        }
        if let over = states.first(where: { $0.owed.isNegative }) {
            notes.append("Un reste dû négatif (\(over.volunteer.code) : \(over.owed) €) : le bénévole a reçu plus que ses frais ; "
                         + "vérifiez le remboursement, ou enregistrez la dépense qui manque (compta frais-benevoles ajouter).")
        }
        return ReportDocument(title: "Frais des bénévoles", subtitle: subtitle, tables: [table], notes: notes)
    }
}
