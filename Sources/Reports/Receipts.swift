import Ledger

/// The text of a tax receipt: every mention of the cerfa, in the cerfa's order, as a document
/// pandoc turns into a page (cerfa 11580*05 for individuals, article 200; cerfa 16216*02 for
/// companies, article 238 bis). It is written once, at issue, and the ledger keeps it as it was.
public enum ReceiptText {
    /// The receipt as PDF-ready Markdown.
    public static func markdown(_ r: ReceiptDraft, association: Association) -> String {
        // A document without a stream of rows, written to a string: nothing can fail.
        try! MarkdownRenderer.render(document(r, association: association, boxes: .builtIn), options: .init(metadata: .printedA4(date: r.issuedOn.longFrench)))
    }

    static func box(_ ticked: Bool, _ label: String) -> Inline { Inline((ticked ? "☒ " : "☐ ") + label) }

    /// `boxes`: what « Forme du don » and « Nature du don » tick for each nature of gift (data).
    public static func document(_ r: ReceiptDraft, association a: Association, boxes boxTexts: ReceiptBoxes) -> ReportDocument {
        let forCompany = r.article == .article238bis
        let title = forCompany
            ? "Reçu des dons et versements effectués par les entreprises au titre de l'article 238 bis du code général des impôts"
            : "Reçu au titre des dons à certains organismes d'intérêt général"
        let model = forCompany ? "Modèle cerfa n° 16216*02" : "Articles 200, 238 bis et 978 du code général des impôts — modèle cerfa n° 11580*05"
        var blocks: [Block] = [.paragraph("\(model)"), .paragraph("Numéro d'ordre du reçu : \(strong: r.number)")]

        blocks.append(.heading("Bénéficiaire des versements", level: 1))
        var beneficiary: [Inline] = ["Nom ou dénomination : \(a.name)", "Adresse : \(a.address ?? "")"]
        if let siren = a.siren { beneficiary.append("SIREN : \(siren.digits)") }
        if let rna = a.rna { beneficiary.append("Numéro RNA : \(rna.text)") }
        beneficiary.append("Objet : \(a.purpose ?? "")")
        blocks.append(.bullets(beneficiary))
        let qualite: Inline
        switch a.qualite {
        case .utilitePublique?: qualite = box(true, "Association ou fondation reconnue d'utilité publique")
        case .interetGeneral?: qualite = box(true, "Œuvre ou organisme d'intérêt général")
        case .other(let text)?: qualite = box(true, text)
        case nil: qualite = ""
        }
        blocks.append(.paragraph("Qualité de l'organisme :"))
        blocks.append(.bullets([qualite]))

        blocks.append(.heading("Donateur", level: 1))
        let d = r.donor
        var donor: [Inline]
        switch d.kind {
        case .person:
            // A name the ledger holds whole (typed on a line, read from a bank label) is not
            // split by guess: it is written whole, in one field.
            donor = d.firstName == nil ? ["Nom et prénoms : \(d.lastName ?? "")"] : ["Nom : \(d.lastName ?? "")", "Prénoms : \(d.firstName ?? "")"]
        case .organisation: donor = ["Dénomination : \(d.organisation ?? "")"] + (d.siren.map { ["SIREN : \($0.digits)"] } ?? [])
        }
        donor.append("Adresse : \(d.address ?? "")")
        blocks.append(.bullets(donor))

        blocks.append(.heading("Versements", level: 1))
        blocks.append(.paragraph("Le bénéficiaire reconnaît avoir reçu au titre des dons et versements ouvrant droit à réduction d'impôt, la somme de :"))
        blocks.append(.paragraph("\(code: "***\(r.amount) €***")"))
        blocks.append(.paragraph("Somme en toutes lettres : \(r.amount.frenchWords)"))
        if r.isSummary {
            let span = r.gifts.count == 1 ? "le \(r.firstDay.french)" : "du \(r.firstDay.french) au \(r.lastDay.french)"
            blocks.append(.paragraph("Date du versement ou du don : \(strong: "cumul \(r.year)") (\(french(r.gifts.count, "versement")), \(span))"))
            var table = ReportTable(columns: [ReportColumn("Date", key: "date"), .amount("Montant", key: "montant"), ReportColumn("Nature", key: "nature"),
                                              ReportColumn("Mode de versement", key: "mode")])
            table.rows = r.gifts.map { g in
                ReportRow([.date(g.date), .amount(g.amount), .text(natureWords(g.nature)), .text(g.nature == .money ? modeWords(g.mode) : "—")])
            }
            blocks.append(.table(table))
        } else {
            blocks.append(.paragraph("Date du versement ou du don : \(r.firstDay.french)"))
        }

        blocks.append(.paragraph("Le bénéficiaire certifie sur l'honneur que les dons et versements qu'il reçoit ouvrent droit à la réduction d'impôt prévue à l'article :"))
        blocks.append(.bullets(forCompany ? [box(true, "238 bis du code général des impôts")]
                               : [box(r.article == .article200, "200 du CGI"), box(false, "238 bis du CGI"), box(false, "978 du CGI")]))
        blocks.append(.paragraph("Forme du don :"))
        blocks.append(.bullets(boxes(["Acte authentique", "Acte sous seing privé", "Déclaration de don manuel"],
                                     ticked: r.natures.map { boxTexts.form[$0] ?? "Autres" })))
        blocks.append(.paragraph("Nature du don :"))
        blocks.append(.bullets(boxes(["Numéraire", "Titres de sociétés cotés"], ticked: r.natures.map { boxTexts.nature[$0] ?? "Autres" })))
        if r.natures.contains(.money) {
            let modes = Set(r.modes)
            blocks.append(.paragraph("En cas de don en numéraire, mode de versement du don :"))
            blocks.append(.bullets(PaymentMode.allCases.map { box(modes.contains($0), modeWords($0)) }))
        }

        blocks.append(.heading("Date et signature", level: 1))
        blocks.append(.paragraph("Fait le \(r.issuedOn.longFrench)."))
        blocks.append(.paragraph("\(a.signer ?? ""), \(a.signerRole ?? "")"))
        return ReportDocument(title: title, subtitle: ["Reçu n° \(r.number)"], blocks: blocks)
    }

    /// The cerfa's boxes `named`, then « Autres »: a text of `ticked` that is a box's name ticks
    /// it; any other ticks « Autres », followed by the text unless it is « Autres » itself.
    static func boxes(_ named: [String], ticked: [String]) -> [Inline] {
        let others = ticked.filter { !named.contains($0) }
        let precisions = others.map { $0.hasPrefix("Autres") ? String($0.dropFirst("Autres".count).drop { $0 == " " || $0 == ":" }) : $0 }
            .filter { !$0.isEmpty }
        return named.map { box(ticked.contains($0), $0) }
            + [box(!others.isEmpty, precisions.isEmpty ? "Autres" : "Autres : " + precisions.joined(separator: " ; "))]
    }

    static func modeWords(_ m: PaymentMode) -> String {
        switch m {
        case .cash: "Remise d'espèces"
        case .cheque: "Chèque"
        case .transfer: "Virement, prélèvement, carte bancaire"
        }
    }

    static func natureWords(_ n: GiftNature) -> String {
        switch n {
        case .money: "Numéraire"
        case .expenseWaiver: "Abandon de frais"
        }
    }
}

/// The documents of `compta recus`: what an issue did (or would do), the register, and the
/// figures of the annual declaration.
public enum ReceiptReports {
    /// What `recus emettre` issued (or, `dryRun`, would issue), and every gift it left out.
    public static func issue(_ plan: ReceiptPlan, association: String, dryRun: Bool) -> ReportDocument {
        var table = ReportTable(columns: [ReportColumn("Numéro", key: "numero"), ReportColumn("Donateur", key: "donateur"),
                                          ReportColumn("Nom", key: "nom"), .amount("Montant", key: "montant"),
                                          ReportColumn("Dons", key: "dons", .number), ReportColumn("Cerfa", key: "cerfa")])
        table.rows = plan.receipts.map { r in
            ReportRow([.text(r.number), .text(r.donor.code), .text(r.donor.name), .amount(r.amount), .number(r.gifts.count),
                       .text(r.article == .article200 ? "11580*05" : "16216*02")])
        }
        table.rows.append(ReportRow([.text("Total"), .empty, .empty, .amount(Money.sum(plan.receipts.map(\.amount))),
                                     .number(plan.receipts.reduce(0) { $0 + $1.gifts.count }), .empty], style: .total))
        let head = dryRun ? "Essai : \(french(plan.receipts.count, "reçu serait émis", plural: "reçus seraient émis")), rien n'est écrit."
            : "\(french(plan.receipts.count, "reçu émis", plural: "reçus émis")) : le livre garde le texte de chacun tel quel."
        let whole = plan.receipts.map(\.donor).filter { $0.kind == .person && $0.firstName == nil }
        let names = whole.isEmpty ? [] : ["Nom écrit en entier, sans prénom distinct : " + whole.map { "\($0.code) \($0.name)" }.joined(separator: ", ")
            + " (le reçu porte « Nom et prénoms : … »). Pour séparer prénom et nom"
            + (dryRun ? " avant d'émettre" : " sur un prochain reçu") + " : compta tiers modifier \(whole[0].code) --prenom … --nom …"]
        return ReportDocument(title: "Reçus fiscaux \(plan.year)\(dryRun ? " (essai)" : "")", subtitle: [association],
                              tables: [table], notes: [head] + names + leftOut(plan))
    }

    /// A sentence for each group of gifts the plan leaves out, with what to do.
    public static func leftOut(_ plan: ReceiptPlan) -> [String] {
        var notes: [String] = []
        for l in plan.leftOut {
            switch l.reason {
            case .noAddress:
                notes.append("Sans reçu : \(l.donor.code) \(l.donor.name), \(french(l.gifts.count, "don")) (\(l.amount) €) : son adresse postale manque "
                              + "(le reçu porte l'adresse complète du donateur). Ajoutez-la : compta tiers modifier \(l.donor.code) --adresse \"…\", "
                              + "puis compta recus emettre --annee \(plan.year).")
            case .articleNotStated(let article):
                notes.append("Sans reçu : \(l.donor.code) \(l.donor.name), \(french(l.gifts.count, "don")) (\(l.amount) €) : "
                              + (article == .article238bis
                                 ? "une organisation reçoit un reçu au titre de l'article 238 bis, que l'association ne déclare pas (compta association --recus 200,238bis)."
                                 : "une personne reçoit un reçu au titre de l'article 200, que l'association ne déclare pas (compta association --recus 200,238bis)."))
            case .returnInDraft(let returns):
                notes.append("Sans reçu : \(l.donor.code) \(l.donor.name), \(french(l.gifts.count, "don")) (\(l.amount) €) : de l'argent lui est rendu "
                              + "dans une écriture en brouillard (" + returns.map { "\($0.entry), \($0.amount) €" }.joined(separator: " ; ")
                              + "), que le reçu doit déduire. Validez-la (compta valider), puis émettez à nouveau.")
            }
        }
        if !plan.partlyGivenBack.isEmpty {
            notes.append("Dons rendus en partie : " + plan.partlyGivenBack.map {
                "\($0.entry) (\($0.donor.code)), \($0.amount + $0.givenBack) € moins \($0.givenBack) € rendus, reçu pour \($0.amount) €"
            }.joined(separator: " ; ") + ". Le reçu porte ce que le donateur a donné, ce qui lui a été rendu (un débit du compte de dons à son nom) déduit.")
        }
        if !plan.givenBackAfterReceipt.isEmpty {
            let numbers = Set(plan.givenBackAfterReceipt.compactMap(\.coveredBy)).sorted()
            notes.append("Rendus après le reçu : " + plan.givenBackAfterReceipt.map {
                "\($0.entry) (\($0.donor.code)) figure pour \($0.coveredAmount ?? .zero) € au reçu \($0.coveredBy ?? ""), il en reste \($0.amount) €"
            }.joined(separator: " ; ") + ". Le reçu dit plus que le don : annulez-le (compta recus annuler \(numbers[0]) --motif \"don rendu en partie\"), "
                + "puis émettez à nouveau : le nouveau reçu portera ce qui reste.")
        }
        if !plan.unmatchedReturns.isEmpty {
            notes.append("Rendus sans don de l'année avant eux : " + plan.unmatchedReturns.map { "\($0.entry) (\($0.donor)), \($0.amount) €" }
                .joined(separator: " ; ") + ". Compta ne déduit un rendu que des dons de la même année faits avant lui : s'il rend un don d'une "
                + "année passée, vérifiez le reçu de ce don (compta recus), et annulez-le s'il dit plus que ce qui a été donné.")
        }
        if !plan.inDrafts.isEmpty {
            notes.append("Sans reçu : \(french(plan.inDrafts.count, "don")) en brouillard (\(Money.sum(plan.inDrafts.map(\.amount))) €) : "
                         + "un reçu ne couvre que des écritures validées, qui ne changent plus (" + plan.inDrafts.map(\.entry).joined(separator: ", ")
                         + "). Validez-les (compta valider), puis émettez à nouveau.")
        }
        if !plan.withoutDonor.isEmpty {
            notes.append("Sans reçu : \(french(plan.withoutDonor.count, "don")) sans tiers (\(Money.sum(plan.withoutDonor.map(\.credit))) €) : "
                         + plan.withoutDonor.map { "\($0.journal) \($0.entryNumber) du \($0.date.french)" }.joined(separator: ", ")
                         + ". Un don porte son donateur (7541=-50#T0003) ; une ligne validée ne change plus : une écriture d'extourne et une nouvelle la corrigent.")
        }
        if !plan.refunded.isEmpty {
            notes.append("Dons rendus (extournés ou remboursés) : \(french(plan.refunded.count, "don")) (\(Money.sum(plan.refunded.map(\.amount))) €), "
                         + "sans reçu (" + plan.refunded.map(\.entry).joined(separator: ", ") + ").")
        }
        if !plan.receiptedByPlatform.isEmpty {
            notes.append("Reçus émis par HelloAsso : \(french(plan.receiptedByPlatform.count, "don")) (\(Money.sum(plan.receiptedByPlatform.map(\.amount))) €), "
                         + "sans second reçu (" + plan.receiptedByPlatform.map(\.entry).joined(separator: ", ") + ").")
        }
        if !plan.covered.isEmpty {
            let numbers = Set(plan.covered.compactMap(\.coveredBy)).sorted()
            notes.append("Déjà couverts : \(french(plan.covered.count, "don")) (\(Money.sum(plan.covered.map(\.amount))) €), par "
                         + (numbers.count > 1 ? "les reçus " : "le reçu ") + numbers.joined(separator: ", ") + " (compta recus).")
        }
        return notes
    }

    /// A copy of receipt `r` to give or send: its text as issued, and, for a cancelled receipt,
    /// a notice above it — the text itself never changes.
    public static func copy(_ r: IssuedReceipt) -> String {
        guard let c = r.cancellation else { return r.text }
        return "> **REÇU ANNULÉ** le \(c.on.french) : \(c.reason). Ce reçu ne vaut plus ; il reste au registre de l'association.\n\n" + r.text
    }

    /// The register: every receipt of `year` (or all), cancelled ones marked.
    public static func register(_ receipts: [IssuedReceipt], association: String, year: Int?) -> ReportDocument {
        var table = ReportTable(columns: [ReportColumn("Numéro", key: "numero"), ReportColumn("Émis le", key: "emis_le"),
                                          ReportColumn("Donateur", key: "donateur"), ReportColumn("Nom", key: "nom"),
                                          .amount("Montant", key: "montant"), ReportColumn("Article", key: "article"),
                                          ReportColumn("État", key: "etat")])
        table.rows = receipts.map { r in
            ReportRow([.text(r.number), .date(r.issuedOn), .text(r.donor.code), .text(r.donor.name), .amount(r.amount),
                       .text(r.article == .article200 ? "200" : "238 bis"),
                       .text(r.cancellation.map { "annulé le \($0.on.french) : \($0.reason)" } ?? "émis")])
        }
        let live = receipts.filter(\.isLive)
        table.rows.append(ReportRow([.text("Total des reçus en vigueur"), .empty, .empty, .empty, .amount(Money.sum(live.map(\.amount))), .empty,
                                     .text(french(live.count, "reçu"))], style: .total))
        let notes = receipts.isEmpty
            ? ["Aucun reçu émis\(year.map { " pour \($0)" } ?? ""). Pour les émettre : compta recus emettre --annee \(year ?? 2025) --essai, puis sans --essai."]
            : ["Un reçu émis ne change plus ; une erreur se corrige en l'annulant (compta recus annuler NUMERO --motif \"…\") puis en émettant à nouveau."]
        return ReportDocument(title: "Registre des reçus fiscaux", subtitle: [association] + (year.map { ["Dons de \($0)"] } ?? []),
                              tables: [table], notes: notes)
    }

    /// The two figures to declare (art. 222 bis CGI): total amount and count of the receipts in
    /// force for the gifts of the period, the period, the deadline and where to file.
    public static func declaration(_ d: ReceiptDeclaration, association: String, year: Int) -> ReportDocument {
        var table = ReportTable(columns: [ReportColumn("Chiffre à déclarer", key: "chiffre"), ReportColumn("Valeur", key: "valeur")])
        table.rows = [ReportRow([.text("Montant total des dons portés sur les reçus"), .text("\(d.total) €")]),
                      ReportRow([.text("Nombre de reçus délivrés"), .text("\(d.count)")])]
        let cancelled = d.cancelled > 0 ? "\(french(d.cancelled, "reçu annulé")) non compté\(d.cancelled > 1 ? "s" : "")." : "aucun reçu annulé."
        var period = d.exercice.map {
            "Période : les dons reçus pendant l'exercice \($0) (du \(d.start.french) au \(d.end.french)), qui ne coïncide pas avec l'année "
                + "civile : l'article 222 bis compte alors les dons du dernier exercice clos ; "
        } ?? "Période : les reçus des dons de l'année civile \(year) (du \(d.start.french) au \(d.end.french)), "
        period += cancelled
        if !d.straddling.isEmpty {
            period += " " + (d.straddling.count > 1 ? "Les reçus " : "Le reçu ") + d.straddling.joined(separator: ", ")
                + " couvre\(d.straddling.count > 1 ? "nt" : "") aussi des dons d'avant ou d'après la période : compté\(d.straddling.count > 1 ? "s" : ""), "
                + "seuls ses dons de la période sont dans le montant."
        }
        if d.count == 0 { period += " Aucun reçu en vigueur : rien à déclarer pour cette période." }
        let deadline = d.endsOnDecember31
            ? "Échéance : le deuxième jour ouvré qui suit le 1er mai \(d.end.year + 1), soit le \(declarationDeadline(year: d.end.year + 1).longFrench), "
                + "l'exercice étant clos le 31 décembre (article 222 bis du CGI, qui renvoie aux délais de l'article 223)."
            : "Échéance : dans les trois mois de la clôture de l'exercice, soit le \(d.end.adding(months: 3).longFrench) "
                + "(article 222 bis du CGI, qui renvoie aux délais de l'article 223)."
        let notes = [
            period, deadline,
            "Où : la plupart des associations sur https://www.demarches-simplifiees.fr/commencer/declaration-des-dons ; "
                + "celles qui déposent une 2065-SD, au cadre L de la 2065-bis-SD ; celles qui déposent une 2070-SD, au cadre prévu de la 2070.",
            "Sans déclaration deux années de suite, l'amende est de 1 500 € (article 1729 B du CGI).",
        ]
        return ReportDocument(title: "Déclaration des reçus fiscaux \(d.exercice ?? String(year)) (article 222 bis du CGI)", subtitle: [association],
                              tables: [table], notes: notes)
    }

    /// The second working day after 1 May of `year`: weekends, 1 and 8 May and Ascension
    /// Thursday are not working days.
    public static func declarationDeadline(year: Int) -> Day {
        let ascension = easter(year).adding(days: 39)
        var day = Day(year: year, month: 5, day: 1)!, counted = 0
        while counted < 2 {
            day = day.adding(days: 1)
            let weekday = (day.ordinal % 7 + 7 + 3) % 7 // 1970-01-01, ordinal 0, was a Thursday: Monday is 0.
            if weekday < 5 && day != Day(year: year, month: 5, day: 8)! && day != ascension { counted += 1 }
        }
        return day
    }

    /// Easter Sunday of `year` (Gregorian calendar, the anonymous algorithm of Meeus).
    static func easter(_ year: Int) -> Day {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451
        return Day(year: year, month: (h + l - 7 * m + 114) / 31, day: (h + l - 7 * m + 114) % 31 + 1)!
    }
}
