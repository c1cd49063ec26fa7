import Ledger

/// The bilan financier presented to the general assembly: one document of sections,
/// sentences, tables and charts, written in Markdown for pandoc (YAML metadata, pipe tables,
/// SVG charts beside it), readable as plain text too, or as one HTML page (`htmlOptions`).
public struct BilanFinancier: Sendable {
    public let document: ReportDocument
    /// Pandoc's metadata: the day it was made, A4 pages.
    public let metadata: PandocMetadata

    /// Builds the document of `exercice`: up to `generatedOn` while it runs, or up to `at` (a
    /// board meeting's date, `rapport-ag --au`).
    public init(_ ledger: some LedgerQueries, exercice: Exercice, generatedOn: Day, at: Day? = nil,
                model: CompteDeResultat.Model = .parCompte, fingerprint: Chain.Anchor? = nil) throws {
        let catalog = try ledger.catalog()
        let name = try ledger.associationName()
        let period = try Period(exercice: exercice)
        if try ledger.totals(TotalsQuery(from: exercice.start, to: exercice.end)).isEmpty {
            throw ReportError.noEntries(exercice)
        }
        let previous = catalog.previous(exercice)
        let hasPrevious = try previous.map { !(try ledger.totals(TotalsQuery(from: $0.start, to: $0.end, accountPrefixes: AccountNature.prefixes(.charge, .produit)))).isEmpty } ?? false
        let y = exercice.label
        var blocks: [Block] = []
        func section(_ title: String, level: Int = 1) { blocks.append(.heading(title, level: level)) }
        func tables(_ tables: some Sequence<ReportTable>) { blocks += tables.map(Block.table) }

        // Made during the exercice (a board meeting), the figures are the day's, compared with
        // the same part of the previous exercice.
        let soFar = try at.map { try Period(exercice: exercice, to: $0) } ?? period.until(generatedOn)
        let partial = !soFar.isWholeExercice
        let columns = try FigureColumn.columns(for: soFar, catalog: catalog, comparing: hasPrevious, ledger: ledger)
        let resultat = try CompteDeResultat(ledger, columns: columns, showsVariation: hasPrevious, chart: exercice.chart)
        let cash = try Tresorerie(ledger, period: soFar)

        // 1. Synthèse.
        section("Synthèse")
        let r = resultat.result[0]
        blocks.append(.bullets([
            "Total des charges : \(strong: "\(resultat.totalCharges[0]) €")",
            "Total des produits : \(strong: "\(resultat.totalProduits[0]) €")",
            "Résultat \(partial ? "au \(soFar.to.french)" : "de l'exercice") : \(strong: CompteDeResultat.resultWords(r))",
            """
            Trésorerie : \(strong: "\(cash.opening) €") au \(exercice.start.french), \(strong: "\(cash.closing) €") au \(soFar.to.french) \
            (\(BilanFinancier.signed(cash.closing - cash.opening)) €)
            """,
            "Point bas de la trésorerie : \(strong: "\(cash.lowPoint.balance) €") le \(cash.lowPoint.day.french)",
        ] + (cash.receivables.isEmpty && cash.debts.isEmpty ? [] : [
            """
            Au \(soFar.to.french), créances : \(strong: "\(cash.totalReceivables) €") ; dettes : \(strong: "\(cash.totalDebts) €") ; \
            trésorerie une fois les unes encaissées et les autres payées : \(strong: "\(cash.position) €")
            """,
        ])))
        if let funds = try BilanFinancier.fundsSentence(ledger, result: r, period: soFar) {
            blocks.append(.paragraph(Inline(funds)))
        }
        if let financing = BilanFinancier.resultAndCash(r, cash: cash) { blocks.append(.paragraph(Inline(financing))) }
        blocks += cash.alerts().map { .paragraph(Inline($0)) }
        if let volunteering = try BilanFinancier.volunteeringSentence(ledger, resultat: resultat, period: soFar) {
            blocks.append(.paragraph(Inline(volunteering)))
        }
        if hasPrevious, let p = previous {
            let sentences = BilanFinancier.changes(resultat, catalog: catalog, current: y, previous: p.label)
            if !sentences.isEmpty {
                blocks.append(.paragraph("Principales évolutions par rapport à \(p.label)\(partial ? " à la même date" : "") :"))
                blocks.append(.bullets(sentences.map { Inline($0) }))
            }
        }
        blocks.append(.paragraph(Inline(cash.runwaySentence())))

        // 2. Compte de résultat.
        section("Compte de résultat")
        blocks.append(.paragraph(Inline("Chaque compte avec son propre solde, en euros"
            + (hasPrevious ? (partial ? ", avec la même période de l'exercice précédent" : ", avec l'exercice précédent") + " et la variation" : "") + ".")))
        blocks += try resultat.document(model: .parCompte, title: "", subtitle: [], partOfExercice: partial).blocks
        if model == .anc {
            section("Présentation réglementaire (règlement ANC 2018-06)", level: 2)
            tables(try resultat.document(model: .anc, title: "", subtitle: []).tables)
        }

        // 3. Comptes par projet.
        let moved = try ledger.totals(TotalsQuery(from: exercice.start, to: exercice.end, groupByProject: true, accountPrefixes: AccountNature.prefixes(.charge, .produit)))
        let codes = Set(moved.compactMap(\.project)).sorted()
        if !codes.isEmpty {
            section("Comptes par projet")
            var summary = ReportTable(columns: [ReportColumn("Projet", key: "projet"), .amount("Charges", key: "charges"),
                                                .amount("Produits", key: "produits"), .amount("Résultat", key: "resultat")])
            var sections: [Block] = []
            for (title, filter) in codes.map({ (catalog.projects[$0]?.name ?? $0, ProjectFilter.code($0)) }) + [("Le reste (sans projet)", .none)] {
                let c = FigureColumn(title: y, key: "n", from: exercice.start, to: exercice.end, project: filter)
                let p = try CompteDeResultat(ledger, columns: [c], chart: exercice.chart)
                if p.isEmpty { continue }
                summary.rows.append(ReportRow([.text(title), .amount(p.totalCharges[0]), .amount(p.totalProduits[0]), .amount(p.result[0])]))
                sections.append(.heading(title, level: 2))
                sections += p.byAccountTables().prefix(2).map(Block.table)
                sections.append(.paragraph("Résultat : \(CompteDeResultat.resultWords(p.result[0]))."))
            }
            summary.rows.append(ReportRow([.text("Total"), .amount(resultat.totalCharges[0]), .amount(resultat.totalProduits[0]), .amount(r)], style: .total))
            blocks += [.table(summary)] + sections
        }

        // 4. Bilan.
        section("Bilan au \(soFar.to.french)")
        blocks += try Bilan(ledger, period: soFar).document(title: "", subtitle: []).blocks

        // The annex's follow-up of the fonds dédiés, when there are any: it ties to the bilan.
        let funds = try FondsDedies(ledger, exercice: exercice)
        if !funds.movements.isEmpty {
            section("Fonds dédiés")
            blocks += funds.document(title: "", subtitle: []).blocks
        }

        // 5. Trésorerie, with the month-end chart (N-1 as a second line).
        section("Trésorerie")
        // The liquidity table only when there is more than the cash to show.
        tables(cash.document(title: "", subtitle: []).tables.prefix(cash.receivables.isEmpty && cash.debts.isEmpty ? 2 : 3))
        blocks.append(.figure(try BilanFinancier.cashFigure(ledger, cash: cash, previous: hasPrevious ? previous : nil)))
        if let t = cash.transfersSentence() { blocks.append(.paragraph(Inline(t))) }
        blocks.append(.paragraph(Inline(cash.lowPointSentence())))
        blocks.append(.paragraph(Inline(cash.runwaySentence())))

        // 6. Budget.
        if let budget = try ledger.budget(exercice, version: nil) {
            let report = try BudgetReport(ledger, budget: budget, asOf: partial ? soFar.to : nil)
            section("Budget prévisionnel et réalisé")
            blocks.append(.paragraph("Budget « \(budget.version) » voté pour \(y), comparé au réalisé."))
            blocks += report.document(title: "", subtitle: []).blocks
            let postes = report.lines.filter { $0.side == .depense } + report.lines.filter { $0.side == .recette }
            let depenses = postes.filter { $0.side == .depense }.count
            let budgetDescription = "Pour chaque poste de \(y), montant prévu (barre foncée) et réalisé (barre claire), en euros."
            blocks.append(.figure(Figure(name: "budget.svg", description: budgetDescription, svg: SVGChart.bars(
                title: "Budget \(y) : prévu et réalisé par poste", description: budgetDescription, categories: postes.map(\.label),
                series: [SVGChart.Series(name: "Prévu", values: postes.map(\.prevu)), SVGChart.Series(name: "Réalisé", values: postes.map(\.realise))],
                sections: [("Dépenses", 0), ("Recettes", depenses)]))))
        }
        if let next = catalog.exercices.first(where: { $0.start > exercice.end }), let nextBudget = try ledger.budget(next, version: nil) {
            section("Budget prévisionnel \(next.label)")
            for side in Budget.Side.allCases {
                var t = ReportTable(title: side.title, columns: [ReportColumn("Poste", key: "poste"), .amount("Montant", key: "montant"), ReportColumn("Remarque", key: "remarque")])
                for p in nextBudget.postes where p.side == side { t.rows.append(ReportRow([.text(p.label), .amount(p.amount), .text(p.remark ?? "")])) }
                t.rows.append(ReportRow([.text("Total"), .amount(nextBudget.total(side)), ""], style: .total))
                blocks.append(.table(t))
            }
        }

        // 7. Adhérents: counts only, when the ledger knows members.
        let members = try Members(ledger, period: soFar, standing: soFar.to, rule: ledger.association().membership)
        if !members.isEmpty {
            section("Adhérents")
            let rule = members.rule == .exercice ? "une cotisation dans l'exercice" : "une cotisation dans les douze mois"
            blocks.append(.paragraph(Inline("Est adhérent qui a payé \(rule) ; nouveau, qui n'avait jamais cotisé ; non renouvelé, "
                + "qui avait cotisé l'exercice précédent et pas \(partial ? "depuis" : "en \(y)"). Une cotisation compte quand sa ligne porte "
                + "l'adhérent : un versement groupé sans le détail des payeurs (une plateforme) n'entre pas dans ces chiffres.")))
            blocks.append(.table(members.figuresTable(title: partial ? "\(y) au \(soFar.to.french)" : y)))
        }

        // 8. Annexe.
        section("Annexe")
        section("Méthodes", level: 2)
        blocks.append(.bullets([
            "Comptes tenus en partie double selon le \(exercice.chart.title).",
            Inline("Exercice du \(exercice.start.french) au \(exercice.end.french)"
                + (exercice.isClosed ? ", clôturé." : ", non clôturé : le résultat figure au bilan avant affectation.")),
            Inline(try BilanFinancier.methodSentence(ledger, exercice: exercice)),
            "Projets analytiques : chaque ligne de charge ou de produit peut être rattachée à un projet ; « le reste » regroupe les lignes sans projet.",
        ]))
        section("Comptes utilisés", level: 2)
        let used = try ledger.totals(TotalsQuery(from: exercice.start, to: exercice.end)).map(\.account)
        var accounts = ReportTable(columns: [ReportColumn("Compte", key: "compte"), ReportColumn("Libellé", key: "libelle"), ReportColumn("Origine", key: "origine")])
        for a in Set(used).sorted() {
            accounts.rows.append(ReportRow([.account(a), .text(catalog.label(of: a, in: exercice.chart)), .text(catalog.accounts[a]?.isCustom == true ? "propre à l'association" : "plan comptable")]))
        }
        blocks.append(.table(accounts))
        if let f = fingerprint {
            // The head of the chain enters the AG's minutes: the books approved can be proved unchanged later.
            let drafts = try ledger.entryKeys(EntryQuery(from: exercice.start, to: exercice.end, onlyDrafts: true)).count
            section("Intégrité des comptes", level: 2)
            blocks.append(.paragraph("""
                Chaque écriture validée porte une empreinte SHA-256 liée à celle de la précédente. Empreinte du livre le \
                \(generatedOn.french) : \(code: f.text) (\(f.count) écritures validées, la dernière le \(f.date.french)). \
                Reportée au procès-verbal de l'assemblée générale, elle permet de vérifier plus tard que les écritures \
                approuvées n'ont pas changé : \(code: "compta verifier --empreinte \(f.text)").
                """))
            if drafts > 0 {
                let plural = drafts > 1
                blocks.append(.paragraph(Inline("\(drafts) écriture\(plural ? "s" : "") de l'exercice \(plural ? "sont" : "est") encore en brouillard : "
                    + "l'empreinte ne les couvre pas.")))
            }
        }
        document = ReportDocument(title: "Bilan financier \(y) — \(name)",
                                  subtitle: ["Exercice du \(exercice.start.longFrench) au \(exercice.end.longFrench)"], blocks: blocks)
        metadata = .printedA4(date: generatedOn.longFrench)
    }

    /// The document for pandoc; its charts are `document.figures`, to write in `chartsFolder`
    /// (relative to the document: `bilan-financier-2024-graphiques`).
    public func markdown(chartsFolder: String) throws -> String {
        try MarkdownRenderer.render(document, options: .init(metadata: metadata, figuresFolder: chartsFolder))
    }

    /// The month-end cash of `cash`'s exercice as a line chart, with `previous`'s months as a
    /// second line when they are as many: the AG's chart, and the board's site's.
    public static func cashFigure(_ ledger: some LedgerQueries, cash: Tresorerie, previous: Exercice?) throws -> Figure {
        let y = cash.period.exercice.label
        let monthNames = cash.months.map { Day.frenchMonthNames[$0.month.month - 1] + " " + String($0.month.year) }
        var series = [SVGChart.Series(name: y, values: cash.months.map(\.closing))]
        var titles = [monthNames.map { _ in "" }]
        titles[0] = zip(monthNames, cash.months).map { "\($0) : \($1.closing) €" }
        if let p = previous {
            let before = try Tresorerie(ledger, period: Period(exercice: p))
            if before.months.count == cash.months.count {
                series.append(SVGChart.Series(name: p.label, values: before.months.map(\.closing)))
                titles.append(before.months.map { Day.frenchMonthNames[$0.month.month - 1] + " " + String($0.month.year) + " : \($0.closing) €" })
            }
        }
        let shortMonths = cash.months.map { BilanFinancier.shortMonth($0.month.month) }
        let cashDescription = "Solde des comptes de banque et de caisse à la fin de chaque mois de \(y)"
            + (series.count > 1 ? " (ligne pleine) et de \(series[1].name) (ligne pointillée)" : "")
            + " ; de \(cash.months.first?.closing ?? .zero) € fin \(monthNames.first ?? "") à \(cash.closing) € fin \(monthNames.last ?? "")."
        return Figure(name: "tresorerie.svg", description: cashDescription, svg: SVGChart.lines(
            title: "Trésorerie en fin de mois", description: cashDescription, xLabels: shortMonths, pointTitles: titles, series: series))
    }

    /// How the result and the cash moved apart, from the movements of the period: for a deficit,
    /// how it was paid for (the cash it took — reserves used —, the debts grown, the receivables:
    /// a produit not yet collected did not bring money, one collected from before did, and what
    /// else moved the cash: investments, loans, non-cash charges); for a deficit while the cash
    /// grew, or a result of zero or more while it fell, the same movements as why. Nil for an
    /// excédent with the cash not lower: nothing to explain.
    static func resultAndCash(_ result: Money, cash: Tresorerie) -> String? {
        let change = cash.closing - cash.opening
        let grownDebts = cash.totalDebts - cash.openingDebts
        let grownReceivables = cash.totalReceivables - cash.openingReceivables
        guard result.isNegative || change.isNegative else { return nil }
        var parts: [String] = []
        if grownDebts.cents > 0 { parts.append("les dettes ont augmenté de \(grownDebts) € (charges pas encore payées)") }
        if grownDebts.cents < 0 { parts.append("des dettes ont été payées pour \(-grownDebts) €" + (result.isNegative ? ", en plus du déficit" : "")) }
        if grownReceivables.cents > 0 { parts.append("les créances ont augmenté de \(grownReceivables) € (produits pas encore encaissés, qui n'ont pas apporté d'argent)") }
        if grownReceivables.cents < 0 { parts.append("des créances antérieures ont été encaissées pour \(-grownReceivables) €") }
        // The cash identity: Δcash = result + Δdebts − Δreceivables + the rest.
        let rest = change - result - grownDebts + grownReceivables
        if !rest.isZero { parts.append("d'autres mouvements (investissements, emprunts, charges sans sortie d'argent) ont fait varier la trésorerie de \(BilanFinancier.signed(rest)) €") }
        if result.isNegative && change.cents > 0 {
            return "Malgré le déficit de \(-result) €, la trésorerie a augmenté de \(change) € : " + parts.joined(separator: " ; ") + "."
        }
        if result.isNegative {
            if change.isNegative { parts.insert("la trésorerie a baissé de \(-change) € (réserves utilisées)", at: 0) }
            return parts.isEmpty ? nil : "Comment le déficit de \(-result) € a été financé : " + parts.joined(separator: " ; ") + "."
        }
        let despite = result.isZero ? "Avec un résultat nul" : "Malgré l'excédent de \(result) €"
        return "\(despite), la trésorerie a baissé de \(-change) € : " + parts.joined(separator: " ; ") + "."
    }

    /// The options of its HTML page: the day it was made under the title, and on paper each
    /// main section on a page of its own.
    public var htmlOptions: HTMLRenderer.Options {
        HTMLRenderer.Options(byline: metadata.date.map { "Établi le \($0)" }, sectionsOnNewPages: true)
    }

    /// How the books record operations, as the ledger shows it: lines on third-party or
    /// regularisation accounts of class 4 (the waiting account 471 aside) mean receivables and
    /// debts are recorded (commitment accounting); without any, the books follow the money
    /// (comptabilité de trésorerie).
    static func methodSentence(_ ledger: some LedgerQueries, exercice: Exercice) throws -> String {
        let totals = try ledger.totals(TotalsQuery(from: try ledger.balanceBase(for: exercice), to: exercice.end,
                                                          accountPrefixes: AccountGroup.receivablesAndDebts))
        let accounts = Set(totals.filter { !$0.debit.isZero || !$0.credit.isZero }.map(\.account)).sorted()
        if accounts.isEmpty {
            return "Comptabilité de trésorerie : chaque opération est enregistrée à la date de son passage en banque ou en caisse ; "
                + "aucune créance ni dette n'est inscrite au bilan."
        }
        let shown = accounts.prefix(6).map(\.text).joined(separator: ", ") + (accounts.count > 6 ? "…" : "")
        return "Les créances et les dettes sont enregistrées sur les comptes de tiers et de régularisation (\(shown)) ; "
            + "les opérations de banque, à la date du relevé."
    }

    /// The contributions volontaires en nature of the period in one sentence, with the volunteer
    /// hours the entries of `compta benevolat` count (`Volunteering.hours(inLabel:)`); nil without any.
    static func volunteeringSentence(_ ledger: some LedgerQueries, resultat: CompteDeResultat, period: Period) throws -> String? {
        let total = Money.sum(resultat.cvnProduits.map { $0.values[0] })
        guard !total.isZero else { return nil }
        let entries = try ledger.entries(EntryQuery(from: period.from, to: period.to, accountPrefix: Volunteering.emplois.text))
        let hours = entries.compactMap { Volunteering.hours(inLabel: $0.label) }.reduce(0, +)
        guard hours > 0 else { return "Contributions volontaires en nature : \(total) €, hors du résultat (en pied du compte de résultat)." }
        return "Les bénévoles ont donné \(Volunteering.hoursText(hours).dropLast(2)) heures à l'association, valorisées avec les autres "
            + "contributions volontaires en nature à \(total) € : hors du résultat, elles figurent en pied du compte de résultat."
    }

    /// « Sans le report en fonds dédiés de 45 000,00 € …, le résultat serait un déficit de … »:
    /// a result that fonds dédiés move (689 reports, 789 utilisations), in one sentence.
    static func fundsSentence(_ ledger: some LedgerQueries, result: Money, period: Period) throws -> String? {
        let totals = try ledger.totals(TotalsQuery(from: period.from, to: period.to,
                                                   accountPrefixes: [AccountGroup.fundReports, AccountGroup.fundUtilisations], openings: .exclude))
        let reports = Money.sum(totals.filter { $0.account.isUnder(AccountGroup.fundReports) }.map(\.balance))
        let utilisations = -Money.sum(totals.filter { $0.account.isUnder(AccountGroup.fundUtilisations) }.map(\.balance))
        guard !reports.isZero || !utilisations.isZero else { return nil }
        var moves: [String] = []
        if !reports.isZero { moves.append("le report en fonds dédiés de \(reports) € (ressources reçues pour des projets et pas encore dépensées)") }
        if !utilisations.isZero { moves.append("l'utilisation de \(utilisations) € de fonds dédiés des exercices précédents (dépensés cette année)") }
        let without = result + reports - utilisations
        return "Sans " + moves.joined(separator: " et ") + ", le résultat serait "
            + (without.isZero ? "nul" : "un " + CompteDeResultat.resultWords(without)) + " : les fonds dédiés rattachent chaque ressource affectée à l'année où le projet la dépense."
    }

    static func signed(_ m: Money) -> String { m.isNegative ? m.description : "+" + m.description }

    static func shortMonth(_ m: Int) -> String {
        ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."][m - 1]
    }

    /// The largest changes against N-1, by three-digit account group, as short sentences:
    /// « Cotisations : 7 600 € en 2023, 14 067 € en 2024 (+85 %). »
    static func changes(_ r: CompteDeResultat, catalog: Catalog, current: String, previous: String) -> [String] {
        var groups: [String: (Money, Money)] = [:]
        var members: [String: Set<AccountNumber>] = [:]
        for row in r.charges + r.produits {
            let key = String(row.account.text.prefix(3))
            let v = groups[key] ?? (.zero, .zero)
            groups[key] = (v.0 + row.values[0], v.1 + row.values[1])
            members[key, default: []].insert(row.account)
        }
        // The group's name: its own account's label, or its single account's, or its nearest parent's.
        func label(_ key: String) -> String {
            func named(_ number: String) -> String? {
                let a = AccountNumber(trusted: number)
                return catalog.accounts[a] == nil ? nil : catalog.label(of: a, in: r.chart)
            }
            if let own = named(key) { return own }
            if let only = members[key], only.count == 1 { return catalog.label(of: only.first!, in: r.chart) }
            var prefix = key
            while prefix.count > 1 {
                prefix.removeLast()
                if let parent = named(prefix) { return parent }
            }
            return key
        }
        let significant = groups.filter { _, v in
            let change = (v.0 - v.1).magnitude
            return change.cents >= 50_000 && (v.1.isZero || change.cents * 5 >= v.1.magnitude.cents)
        }
        return significant.sorted { ($0.value.0 - $0.value.1).magnitude > ($1.value.0 - $1.value.1).magnitude }.prefix(5).map { key, v in
            let label = label(key)
            let (n, n1) = v
            if n1.isZero { return "\(label) : \(n.roundedEuros) € en \(current) (rien en \(previous))." }
            if n.isZero { return "\(label) : plus rien en \(current) (\(n1.roundedEuros) € en \(previous))." }
            let rounded = wholePercent(n - n1, of: n1.magnitude) ?? 0
            let percent = (rounded >= 0 ? "+" : "-") + Money(cents: Int64(abs(rounded)) * 100).roundedEuros + "\u{A0}%"
            return "\(label) : \(n1.roundedEuros) € en \(previous), \(n.roundedEuros) € en \(current) (\(percent))."
        }
    }
}
