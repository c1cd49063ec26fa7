import Foundation
import Testing

/// How long the money lasts, on the books of two real boards' situations (Fixtures/tresorerie):
/// one owed 20 000 €, owing 12 900 €, with 9 850 € in the bank and 1 500 € a month of deficit
/// (its entries stop at the end of June); the other spent a year's grant, paid in two parts, and
/// came close to 0 € in October.
@Suite struct Runway {
    static let clock = ["TZ": "Europe/Paris", "COMPTA_MAINTENANT": "2025-03-15T10:00:00+01:00"]

    func first() -> Sandbox {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Première", "--debut", "2024-01-01").code == 0)
        #expect(s.run("saisir", "--fichier", fixturePath("tresorerie/creances-et-dettes-2024.csv")).code == 0)
        return s
    }

    func second() -> Sandbox {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Deuxième", "--debut", "2024-01-01").code == 0)
        #expect(s.run("projets", "ajouter", "EMPLOI-2024", "Emploi aidé 2024").code == 0)
        #expect(s.run("saisir", "--fichier", fixturePath("tresorerie/subvention-2024.csv")).code == 0)
        return s
    }

    /// The board's two numbers from one command: the cash alone, and once the receivables are
    /// collected and the debts paid, at the rate of the activity (charges − produits), not at
    /// the cash flow that mixes the deficit with the 2023 debts repaid.
    @Test func theFirstBoardGetsItsTwoNumbers() throws {
        let s = first()
        let r = s.run(["tresorerie", "--au", "2024-06-30"], environment: Self.clock)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Créances : Usagers et comptes rattachés                  5\u{202F}000,00"), "\(r.out)")
        #expect(r.out.contains("Créances : État et autres collectivités publiques       15\u{202F}000,00"))
        #expect(r.out.contains("Dettes : Fournisseurs et comptes rattachés              -4\u{202F}800,00"))
        #expect(r.out.contains("Dettes : Sécurité sociale et autres organismes sociaux  -8\u{202F}100,00"))
        #expect(r.out.contains("Trésorerie + créances − dettes                          16\u{202F}950,00  environ 11 mois"))
        #expect(r.out.contains("Rythme retenu : l'activité consomme 1\u{202F}500,00 € par mois"))
        #expect(r.out.contains("en moyenne sur les 6 mois de janvier 2024 à juin 2024 que le livre couvre"))
        #expect(r.out.contains("À ce rythme, la trésorerie (9\u{202F}850,00 €) couvre environ 6 mois ; une fois les créances encaissées et les dettes payées (16\u{202F}950,00 €), environ 11 mois."))
        #expect(r.out.contains("Attention : les dettes à payer (12\u{202F}900,00 €) dépassent la trésorerie (9\u{202F}850,00 €)."))
        #expect(!r.out.contains("fonds propres sont négatifs"))
        // The books stop in June: asked at the end of the year, the rate is still the one of
        // January to June, not a rate over twelve months of which six are empty.
        let year = s.run(["tresorerie", "--exercice", "2024"], environment: Self.clock)
        #expect(year.out.contains("en moyenne sur les 6 mois de janvier 2024 à juin 2024 que le livre couvre"), "\(year.out)")
        #expect(year.out.contains("couvre environ 6 mois ; une fois les créances encaissées et les dettes payées (16\u{202F}950,00 €), environ 11 mois."))
        // The same as data.
        let json = s.run(["tresorerie", "--au", "2024-06-30", "--format", "json"], environment: Self.clock)
        #expect(json.code == 0 && json.out.contains("\"montant\": 1695000, \"couverture\": \"environ 11 mois\""), "\(json.out)")
    }

    /// Fonds dédiés move no money: a grant's unspent part set aside (6894 → 194) and a former
    /// one used (194 → 7894) change the result, not the rate nor the months of cover.
    @Test func fondsDedieEntriesAreNotConsumption() throws {
        let s = first()
        #expect(s.run("saisir", "2024-06-30", "Report en fonds dédiés", "6894=3000", "194").code == 0)
        #expect(s.run("saisir", "2024-06-30", "Utilisation de fonds dédiés", "194=1000", "7894").code == 0)
        let r = s.run(["tresorerie", "--au", "2024-06-30"], environment: Self.clock)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Rythme retenu : l'activité consomme 1\u{202F}500,00 € par mois"), "\(r.out)")
        #expect(r.out.contains("À ce rythme, la trésorerie (9\u{202F}850,00 €) couvre environ 6 mois ; une fois les créances encaissées et les dettes payées (16\u{202F}950,00 €), environ 11 mois."))
        // The result did change: the entries are in the books.
        #expect(s.run("resultat", "--au", "2024-06-30", "--format", "csv").out.contains("6894"))
    }

    /// The voted budget's rate instead of the past's: its « (trésorerie) » poste balances the
    /// budget from the reserves and its dotations move no money; neither is consumption.
    @Test func theRateCanBeTheVotedBudgets() throws {
        let s = first()
        try s.refuses(["tresorerie", "--selon", "budget", "--au", "2024-06-30"],
                      says: ["l'exercice 2024 n'a pas de budget", "compta budget importer FICHIER --exercice 2024"], environment: Self.clock)
        #expect(s.run("budget", "importer", fixturePath("tresorerie/budget-creances-et-dettes-2024.csv"), "--exercice", "2024").code == 0)
        let r = s.run(["tresorerie", "--selon", "budget", "--au", "2024-06-30"], environment: Self.clock)
        #expect(r.out.contains("Rythme retenu : le budget prévoit 1\u{202F}500,00 € de dépenses de plus que de recettes par mois (budget « initial » de l'exercice 2024 sur 12 mois"), "\(r.out)")
        #expect(r.out.contains("couvre environ 6 mois"))
        let misuse = s.run(["tresorerie", "--selon", "avenir"], environment: Self.clock)
        #expect(misuse.code == 2 && misuse.err.contains("base de rythme inconnue : avenir (passe ou budget)"), "\(misuse.err)")
    }

    /// The second board: the low point of the year in October, with its day; a year's grant
    /// makes the activity a surplus, said in words; without the finished project, the rest of the
    /// activity consumes 100 € a month, which the cash covers far beyond three years.
    @Test func theSecondBoardSeesItsOctoberLowPoint() throws {
        let s = second()
        let r = s.run(["tresorerie", "--exercice", "2024"], environment: Self.clock)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Point bas de la trésorerie : 200,00 € le 28/10/2024."), "\(r.out)")
        #expect(r.out.contains("octobre 2024           400,00       1\u{202F}880,00                200,00"))
        #expect(r.out.contains("L'activité ne consomme pas de trésorerie : ses produits dépassent ses charges de 1\u{202F}020,00 € par mois"))
        #expect(r.out.contains("sans limite à ce rythme") && !r.out.contains("couvre environ"))
        let without = s.run(["tresorerie", "--exercice", "2024", "--hors-projet", "emploi-2024"], environment: Self.clock)
        #expect(without.out.contains("Rythme retenu : l'activité consomme 100,00 € par mois"), "\(without.out)")
        #expect(without.out.contains("Le projet Emploi aidé 2024 (EMPLOI-2024) n'y est pas compté (--hors-projet)."))
        #expect(without.out.contains("la trésorerie (15\u{202F}240,00 €) couvre plus de trois ans.") && !without.out.contains("152 mois"))
        // Unknown: the codes of the ledger, the close one first; nothing to create.
        let unknown = try s.refuses(["tresorerie", "--exercice", "2024", "--hors-projet", "EMPLOI-2023"],
                                    says: ["projet inconnu : EMPLOI-2023. Vouliez-vous dire EMPLOI-2024 ? Projets du livre : ", "EMPLOI-2024"],
                                    environment: Self.clock)
        #expect(!unknown.contains("compta projets ajouter"), "\(unknown)")
        let far = try s.refuses(["tresorerie", "--exercice", "2024", "--hors-projet", "KERMESSE"],
                                says: ["projet inconnu : KERMESSE. Projets du livre : ", "EMPLOI-2024", "(compta projets les liste avec leur nom)"],
                                environment: Self.clock)
        #expect(!far.contains("Vouliez-vous dire") && !far.contains("compta projets ajouter"), "\(far)")
        try s.refuses(["tresorerie", "--hors-projet", "emploi 2024"], says: ["code de projet « emploi 2024 » : espace interdite"], environment: Self.clock)
    }

    /// The AG's document at a board meeting's date: the low point so far, the grant still to
    /// come in as a receivable.
    @Test func theAGDocumentAtADate() throws {
        let s = second()
        let r = s.run(["rapport-ag", "--au", "2024-10-31", "--sortie", s.path("ca.md")], environment: Self.clock)
        #expect(r.code == 0, "\(r.err)")
        let md = try String(contentsOfFile: s.path("ca.md"), encoding: .utf8)
        #expect(md.contains("- Résultat au 31/10/2024 : **excédent de"), "\(md)")
        #expect(md.contains("- Point bas de la trésorerie : **200,00 €** le 28/10/2024"))
        #expect(md.contains("- Au 31/10/2024, créances : **18\u{202F}000,00 €** ; dettes : **0,00 €** ; trésorerie une fois les unes encaissées et les autres payées : **18\u{202F}200,00 €**"))
        #expect(md.contains("| Créances : État et autres collectivités publiques |"))
        #expect(!md.contains("| novembre 2024 |"))
        // The page says the same as the Markdown: the date, not the exercice's end.
        let page = s.run(["rapport-ag", "--au", "2024-10-31", "--format", "html", "--sortie", s.path("ca.html")], environment: Self.clock)
        #expect(page.code == 0, "\(page.err)")
        let html = try String(contentsOfFile: s.path("ca.html"), encoding: .utf8)
        #expect(html.contains("Résultat au 31/10/2024") && html.contains("Au 31/10/2024, créances"), "\(html)")
        #expect(!html.contains("Au 31/12/2024, créances") && !html.contains("novembre 2024"), "\(html)")
        try s.refuses(["rapport-ag", "--au", "2025-02-01", "--exercice", "2024"], says: ["le 01/02/2025 (--au) n'est pas dans l'exercice 2024"], environment: Self.clock)
        try s.refuses(["rapport-ag", "--au", "2023-06-30", "--sortie", s.path("x.md")], says: ["le 30/06/2023 (--au) n'est pas dans l'exercice 2024"], environment: Self.clock)
        try s.refuses(["rapport-ag", "--au", "31/13/2024", "--sortie", s.path("x.md")], says: ["--au : la date « 31/13/2024 » n'existe pas"], environment: Self.clock)
        #expect(!FileManager.default.fileExists(atPath: s.path("x.md")))
    }

    /// The first board's AG: its deficit was financed by the reserves and by debts left unpaid;
    /// the receivables carried from 2023 were partly collected.
    @Test func theAGSaysHowTheDeficitWasFinanced() throws {
        let s = first()
        #expect(s.run(["rapport-ag", "--exercice", "2024", "--sortie", s.path("ag.md")], environment: Self.clock).code == 0)
        let md = try String(contentsOfFile: s.path("ag.md"), encoding: .utf8)
        #expect(md.contains("- Résultat de l'exercice : **déficit de 9\u{202F}400,00 €**"), "\(md)")
        #expect(md.contains("Comment le déficit de 9\u{202F}400,00 € a été financé : la trésorerie a baissé de 4\u{202F}000,00 € (réserves utilisées) ; "
            + "les dettes ont augmenté de 5\u{202F}000,00 € (charges pas encore payées) ; "
            + "d'autres mouvements (investissements, emprunts, charges sans sortie d'argent) ont fait varier la trésorerie de +400,00 €."))
        #expect(md.contains("Attention : les dettes à payer (12\u{202F}900,00 €) dépassent la trésorerie (9\u{202F}850,00 €)."))
    }
}
