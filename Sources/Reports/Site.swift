import Ledger

/// The board's static site: pages of the same `ReportDocument`s as the reports, rendered by
/// `HTMLRenderer` with relative links (the navigation, each account number to its grand livre),
/// as (path, html) pairs. Writing them to a folder is the caller's (the CLI writes them
/// atomically). One folder per exercice (`2024/`), the current exercice's home at the top
/// (`index.html`), each account's grand livre in pages of `linesPerPage` lines
/// (`2024/comptes/512.html`, `512-2.html`).
public struct Site {
    public struct Page: Sendable, Equatable {
        /// Relative to the site's folder, with `/` between folders.
        public let path: String
        public let html: String
    }

    public struct Options: Sendable {
        /// The day the site is made: an exercice in progress is shown up to it.
        public var today: Day
        /// When the site was made, as people read it (« le 15/03/2025 à 10:00 »).
        public var madeAt: String
        /// Members by name (`adherents` in full); otherwise their counts only.
        public var withNames: Bool
        /// Lines of a grand livre page at most.
        public var linesPerPage: Int

        public init(today: Day, madeAt: String, withNames: Bool = false, linesPerPage: Int = 500) {
            self.today = today
            self.madeAt = madeAt
            self.withNames = withNames
            self.linesPerPage = max(1, linesPerPage)
        }
    }

    /// The file whose presence says a folder is a site Compta made (and may replace).
    public static let marker = ".compta-site"

    /// Every page of the site of `current`, with the pages of the ledger's other exercices.
    public static func pages(_ ledger: some LedgerQueries, current: Exercice, options: Options) throws -> [Page] {
        let catalog = try ledger.catalog()
        var site = Builder(ledger: ledger, catalog: catalog, current: current, options: options, association: try ledger.associationName())
        for exercice in catalog.exercices { try site.add(exercice) }
        return site.pages
    }

    /// The folder of an exercice's pages: its label when it is a plain name, else its number.
    static func folder(_ e: Exercice) -> String {
        let plain = !e.label.isEmpty && e.label.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
        return plain ? e.label : "exercice-\(e.id)"
    }

    /// `target` (from the site's folder) as seen from the page at `page`: `../` for each folder `page` is in.
    static func relative(_ target: String, from page: String) -> String {
        var folders = page.split(separator: "/").dropLast()
        var rest = target.split(separator: "/", omittingEmptySubsequences: false)
        while let f = folders.first, rest.count > 1, rest[0] == f {
            folders.removeFirst()
            rest.removeFirst()
        }
        return String(repeating: "../", count: folders.count) + rest.joined(separator: "/")
    }

    /// The pages of one exercice, in the order of the navigation.
    enum Kind: CaseIterable {
        case home, resultat, budget, projets, tresorerie, bilan, balance, adherents, rapportAG

        var file: String {
            switch self {
            case .home: "index.html"
            case .resultat: "resultat.html"
            case .budget: "budget.html"
            case .projets: "projets.html"
            case .tresorerie: "tresorerie.html"
            case .bilan: "bilan.html"
            case .balance: "balance.html"
            case .adherents: "adherents.html"
            case .rapportAG: "rapport-ag.html"
            }
        }

        var title: String {
            switch self {
            case .home: "Accueil"
            case .resultat: "Compte de résultat"
            case .budget: "Budget"
            case .projets: "Projets"
            case .tresorerie: "Trésorerie"
            case .bilan: "Bilan"
            case .balance: "Balance"
            case .adherents: "Adhérents"
            case .rapportAG: "Rapport de l'AG"
            }
        }
    }

    struct Builder<L: LedgerQueries> {
        let ledger: L
        let catalog: Catalog
        let current: Exercice
        let options: Options
        let association: String
        var pages: [Page] = []

        /// Where a page of `e` lives: the current exercice's home at the top.
        func path(_ kind: Kind, of e: Exercice) -> String {
            kind == .home && e == current ? "index.html" : Site.folder(e) + "/" + kind.file
        }

        /// The AG document is made for an exercice ended by the day the site is made.
        func kinds(of e: Exercice, hasEntries: Bool) -> [Kind] {
            Kind.allCases.filter { $0 != .rapportAG || (hasEntries && e.end < options.today) }
        }

        func navigation(of e: Exercice, kinds: [Kind], from page: String) -> [HTMLRenderer.Link] {
            kinds.map { HTMLRenderer.Link(title: $0.title, href: Site.relative(path($0, of: e), from: page), isCurrent: path($0, of: e) == page) }
                + catalog.exercices.filter { $0 != e }.map { HTMLRenderer.Link(title: "Exercice \($0.label)", href: Site.relative(path(.home, of: $0), from: page)) }
        }

        mutating func add(_ e: Exercice) throws {
            let period = try Period(exercice: e).until(options.today)
            let hasEntries = !(try ledger.totals(TotalsQuery(from: e.start, to: e.end)).isEmpty)
            let kinds = kinds(of: e, hasEntries: hasEntries)
            let balance = try Balance(ledger, period: period)
            let accounts = Set(hasEntries ? balance.rows.map(\.account) : [])
            let folder = Site.folder(e)
            let madeAt = options.madeAt
            func pageOptions(_ page: String) -> HTMLRenderer.Options {
                let prefix = Site.relative(folder + "/comptes/", from: page)
                return HTMLRenderer.Options(accountLink: { accounts.contains($0) ? prefix + $0.text + ".html" : nil },
                                            navigation: navigation(of: e, kinds: kinds, from: page), byline: "Site établi \(madeAt)")
            }
            for kind in kinds {
                let page = path(kind, of: e)
                var doc = try document(kind, of: e, period: period, hasEntries: hasEntries, balance: balance)
                var links: [HTMLRenderer.Link] = []
                if kind == .projets && hasEntries {
                    links = try projects(e).map { HTMLRenderer.Link(title: $0.name, href: Site.relative("\(folder)/projet-\($0.code).html", from: page)) }
                }
                if !hasEntries { doc = ReportDocument(title: doc.title, subtitle: doc.subtitle, blocks: [.paragraph(Inline(Site.noEntries(e)))] + (kind == .home ? doc.blocks : [])) }
                var o = pageOptions(page)
                if kind == .rapportAG { o.sectionsOnNewPages = true }
                pages.append(Page(path: page, html: try Site.render(doc, options: o, links: links)))
            }
            guard hasEntries else { return }
            for p in try projects(e) {
                let page = "\(folder)/projet-\(p.code).html"
                let column = FigureColumn(title: e.label, key: "n", from: period.from, to: period.to, project: .code(p.code))
                let doc = try CompteDeResultat(ledger, columns: [column], chart: e.chart)
                    .document(model: .parCompte, title: "Projet \(p.name)", subtitle: [association, period.caption, "Projet \(p.name) (\(p.code))"],
                              partOfExercice: !period.isWholeExercice)
                pages.append(Page(path: page, html: try Site.render(doc, options: pageOptions(page))))
            }
            for a in accounts.sorted() {
                let more = try accountPages(a, of: e, period: period, options: pageOptions)
                pages += more
            }
        }

        /// The projects with a charge or a produit in `e`.
        func projects(_ e: Exercice) throws -> [Project] {
            let moved = try ledger.totals(TotalsQuery(from: e.start, to: e.end, groupByProject: true, accountPrefixes: AccountNature.prefixes(.charge, .produit)))
            return Set(moved.compactMap(\.project)).sorted().map { catalog.projects[$0] ?? Project(code: $0, name: $0) }
        }

        func document(_ kind: Kind, of e: Exercice, period: Period, hasEntries: Bool, balance: Balance) throws -> ReportDocument {
            let request = ReportRequest(period: period, today: options.today)
            let subtitle = [association, period.caption]
            switch kind {
            case .home: return try home(e, period: period, hasEntries: hasEntries)
            case .resultat:
                guard hasEntries else { return ReportDocument(title: "Compte de résultat", subtitle: subtitle, blocks: []) }
                let previous = try catalog.previous(e).flatMap { p in
                    try ledger.totals(TotalsQuery(from: p.start, to: p.end, accountPrefixes: AccountNature.prefixes(.charge, .produit))).isEmpty ? nil : p
                }
                let columns = try FigureColumn.columns(for: period, catalog: catalog, comparing: previous != nil, ledger: ledger)
                return try CompteDeResultat(ledger, columns: columns, showsVariation: previous != nil, chart: e.chart)
                    .document(model: .parCompte, title: "Compte de résultat", subtitle: subtitle, partOfExercice: !period.isWholeExercice)
            case .budget:
                guard let budget = try ledger.budget(e, version: nil) else {
                    return ReportDocument(title: "Budget", subtitle: subtitle,
                                          blocks: [.paragraph("Aucun budget prévisionnel n'est chargé pour l'exercice \(e.label).")])
                }
                guard var doc = try BudgetReport.document(ledger, request) else { return ReportDocument(title: "Budget", blocks: []) }
                let asOf = e.isInProgress(on: options.today) ? options.today : nil
                let byProject = BudgetByProject.self
                doc.blocks += [.heading("Par projet", level: 1)] + (try byProject.init(ledger, budget: budget, asOf: asOf).document(title: "", subtitle: []).blocks)
                return doc
            case .projets:
                var summary = ReportTable(columns: [ReportColumn("Projet", key: "projet"), .amount("Charges", key: "charges"),
                                                    .amount("Produits", key: "produits"), .amount("Résultat", key: "resultat")])
                for (title, filter) in try projects(e).map({ ($0.name, ProjectFilter.code($0.code)) }) + [("Sans projet", .none)] {
                    let p = try CompteDeResultat(ledger, columns: [FigureColumn(title: e.label, key: "n", from: period.from, to: period.to, project: filter)], chart: e.chart)
                    if p.isEmpty { continue }
                    summary.rows.append(ReportRow([.text(title), .amount(p.totalCharges[0]), .amount(p.totalProduits[0]), .amount(p.result[0])]))
                }
                let blocks: [Block] = try projects(e).isEmpty ? [.paragraph("Aucune charge ni aucun produit n'est rattaché à un projet dans l'exercice \(e.label).")]
                    : [.table(summary), .paragraph("Le compte de résultat de chaque projet :")]
                return ReportDocument(title: "Projets", subtitle: subtitle, blocks: blocks)
            case .tresorerie:
                let cash = try Tresorerie(ledger, period: period)
                var doc = cash.document(title: "Trésorerie", subtitle: subtitle)
                if hasEntries, let i = doc.blocks.indices.dropFirst().first {
                    doc.blocks.insert(.figure(try BilanFinancier.cashFigure(ledger, cash: cash, previous: catalog.previous(e))), at: i + 1)
                }
                return doc
            case .bilan: return try Bilan.document(ledger, request) ?? ReportDocument(title: "Bilan", blocks: [])
            case .balance: return balance.document(association: association)
            case .adherents:
                let members = try Members(ledger, period: period, standing: min(options.today, period.to), rule: ledger.association().membership)
                if options.withNames { return members.document(association: association) }
                if members.isEmpty {
                    return ReportDocument(title: "Adhérents", subtitle: subtitle, blocks: [.paragraph("Aucune cotisation d'adhérent (756) dans l'exercice \(e.label).")])
                }
                return ReportDocument(title: "Adhérents", subtitle: subtitle, blocks: [
                    .table(members.figuresTable(title: period.isWholeExercice ? e.label : "\(e.label) au \(period.to.french)")),
                    .paragraph("Les chiffres seulement : la liste nominative reste chez le ou la trésorière (\(code: "compta site --avec-noms") la publie)."),
                ])
            case .rapportAG:
                return try BilanFinancier(ledger, exercice: e, generatedOn: options.today).document
            }
        }

        /// The home page: the figures a board looks at first, and how fresh they are.
        func home(_ e: Exercice, period: Period, hasEntries: Bool) throws -> ReportDocument {
            var blocks: [Block] = []
            let partial = !period.isWholeExercice
            let at = partial ? "au \(period.to.french)" : "de l'exercice"
            if hasEntries {
                blocks.append(.heading("Résultat", level: 1))
                let previous = catalog.previous(e)
                let columns = try FigureColumn.columns(for: period, catalog: catalog, comparing: previous != nil, ledger: ledger)
                let r = try CompteDeResultat(ledger, columns: columns, chart: e.chart)
                var table = ReportTable(columns: [ReportColumn("", key: "ligne")] + columns.enumerated().map { i, c in
                    ReportColumn(c.title + (partial ? (i == 0 ? " au \(period.to.french)" : " à la même date") : ""), key: c.key, .amount)
                })
                table.rows = [ReportRow([.text("Charges")] + r.totalCharges.map(Cell.amount)), ReportRow([.text("Produits")] + r.totalProduits.map(Cell.amount)),
                              ReportRow([.text("Résultat")] + r.result.map(Cell.amount), style: .total)]
                blocks.append(.paragraph("Résultat \(at) : \(strong: CompteDeResultat.resultWords(r.result[0]))."))
                blocks.append(.table(table))

                blocks.append(.heading("Trésorerie", level: 1))
                let cash = try Tresorerie(ledger, period: period)
                blocks.append(.paragraph("Trésorerie au \(period.to.french) : \(strong: "\(cash.closing) €") (au \(period.from.french) : \(cash.opening) €)."))
                blocks.append(.figure(try BilanFinancier.cashFigure(ledger, cash: cash, previous: previous)))
                blocks.append(.paragraph(Inline(cash.runwaySentence())))
                blocks += cash.alerts().map { .paragraph(Inline($0)) }

                blocks.append(.heading("Budget", level: 1))
                if let budget = try ledger.budget(e, version: nil) {
                    let asOf = e.isInProgress(on: options.today) ? options.today : nil
                    blocks += try BudgetReport(ledger, budget: budget, asOf: asOf).document(title: "", subtitle: []).blocks
                } else {
                    blocks.append(.paragraph("Aucun budget prévisionnel n'est chargé pour l'exercice \(e.label)."))
                }
            }
            blocks.append(.heading("Fraîcheur des chiffres", level: 1))
            let waiting = try ledger.waitingLines(exercice: nil)
            // The last one imported (statements are numbered in the order of their import).
            let statement = try ledger.statements().max { $0.id < $1.id }
            blocks.append(.bullets([
                waiting.isEmpty ? "Aucune opération n'attend d'être classée (compte 471)."
                    : "\(strong: waiting.count) opération\(waiting.count > 1 ? "s attendent" : " attend") d'être classée\(waiting.count > 1 ? "s" : "") (compte 471, \(Money.sum(waiting.map(\.amount))) €) : les chiffres ne la\(waiting.count > 1 ? "s" : "") comptent pas encore.",
                statement.map { s in
                    "Dernier relevé importé : \(s.fileName.split(separator: "/").last.map(String.init) ?? s.fileName), opérations \(s.firstDate.map { "du \($0.french) " } ?? "")\(s.lastDate.map { "au \($0.french)" } ?? ""), importé \(s.importedAt.local.map { "le \($0.day.french) à \($0.time)" } ?? s.importedAt.utc)."
                } ?? "Aucun relevé de banque importé : les chiffres sont ceux des écritures saisies.",
                Inline("Site établi \(options.madeAt)."),
            ]))
            return ReportDocument(title: "\(association) — exercice \(e.label)", subtitle: [period.caption], blocks: blocks)
        }

        /// The grand livre of `a` alone (its sub-accounts have their own), by pages.
        func accountPages(_ a: AccountNumber, of e: Exercice, period: Period, options pageOptions: (String) -> HTMLRenderer.Options) throws -> [Page] {
            let full = try GrandLivre(ledger, period: period, accountPrefix: a.text).document(association: association)
            guard var table = full.tables.first else { return [] }
            var pages: [Page] = []
            var rows: [ReportRow] = []
            try table.forEachRow { row in if row.cells.last == .account(a) { rows.append(row) } }
            table.stream = nil
            // Without names, no tiers column: a member's name would show on each cotisation line.
            if !options.withNames, let i = table.columns.firstIndex(where: { $0.key == "tiers" }) {
                table.columns.remove(at: i)
                rows = rows.map { var r = $0; if i < r.cells.count { r.cells.remove(at: i) }; return r }
            }
            let count = max(1, (rows.count + options.linesPerPage - 1) / options.linesPerPage)
            let name = catalog.label(of: a, in: e.chart)
            func file(_ n: Int) -> String { "\(Site.folder(e))/comptes/\(a.text)\(n == 1 ? "" : "-\(n)").html" }
            for n in 1...count {
                table.rows = Array(rows.dropFirst((n - 1) * options.linesPerPage).prefix(options.linesPerPage))
                let doc = ReportDocument(title: "Grand livre du compte \(a.text) \(name)",
                                         subtitle: full.subtitle + (count > 1 ? ["Page \(n) sur \(count)"] : []),
                                         // Its notes first: « no à-nouveaux, balances start from zero » explains a bank in the red in January.
                                         blocks: full.blocks.filter { if case .paragraph = $0 { true } else { false } } + [.table(table)])
                var turns: [HTMLRenderer.Link] = []
                if n > 1 { turns.append(HTMLRenderer.Link(title: "← Page précédente", href: Site.relative(file(n - 1), from: file(n)))) }
                if n < count { turns.append(HTMLRenderer.Link(title: "Page suivante →", href: Site.relative(file(n + 1), from: file(n)))) }
                pages.append(Page(path: file(n), html: try Site.render(doc, options: pageOptions(file(n)), links: turns)))
            }
            return pages
        }
    }

    static func noEntries(_ e: Exercice) -> String {
        "Aucune écriture dans l'exercice \(e.label) (du \(e.start.french) au \(e.end.french)) : rien à montrer pour l'instant."
    }

    /// A page: the document, then `links` (a list of projects, the pages of a long grand livre).
    static func render(_ doc: ReportDocument, options: HTMLRenderer.Options, links: [HTMLRenderer.Link] = []) throws -> String {
        try ReportOutput.collect { out in
            try HTMLRenderer.writePage(title: doc.title, options: options, to: &out) { out in
                try HTMLRenderer.writeBody(doc, options: options, to: &out)
                guard !links.isEmpty else { return }
                try out.write("<ul class=\"liens\">\n" + links.map { "<li><a href=\"\(HTMLRenderer.escape($0.href))\">\(HTMLRenderer.escape($0.title))</a></li>\n" }.joined() + "</ul>\n")
            }
        }
    }
}
