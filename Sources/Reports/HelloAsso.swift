import Ledger

/// What `compta importer` did with a HelloAsso export: what it held, what was written, what
/// was left out and why; `detailed` lists the entries written (JSON, `--essai`).
public struct HelloAssoImportSummary: Sendable {
    public let result: HelloAssoImportResult
    public let detailed: Bool

    public init(_ result: HelloAssoImportResult, detailed: Bool) {
        self.result = result
        self.detailed = detailed
    }

    static let kinds: [HelloAssoExportKind: String] = [
        .payments: "export des paiements", .membership: "export d'une campagne d'adhésion",
        .campaign: "export d'une campagne", .payout: "détail de versement",
    ]

    public var document: ReportDocument {
        let r = result, o = r.outcome
        var notes: [String] = []
        if r.dryRun { notes.append("Essai : rien n'a été écrit.") }
        notes.append("Paiements lus : \(r.paymentsRead) · écritures ajoutées : \(o.recordedCount) · déjà dans le livre : \(o.alreadyThere)")
        let offline = r.leftOut.filter { $0.reason == .offline }, refunded = r.leftOut.filter { $0.reason == .refunded }
        if !offline.isEmpty {
            notes.append("Laissés de côté, hors ligne (espèces, chèque, virement : l'argent ne passe pas par HelloAsso, il s'écrit là où il arrive, "
                         + "relevé bancaire ou caisse) : \(offline.map(\.reference).joined(separator: ", ")).")
        }
        if !refunded.isEmpty {
            notes.append("Remboursés, laissés de côté (le remboursement d'un paiement du livre s'écrit avec le versement qui le retient) : "
                         + "\(refunded.map(\.reference).joined(separator: ", ")).")
        }
        let free = r.leftOut.filter { $0.reason == .free }
        if !free.isEmpty { notes.append("Gratuits, laissés de côté (aucun argent) : \(free.map(\.reference).joined(separator: ", ")).") }
        if !o.refunded.isEmpty || o.refundsAlreadyThere > 0 {
            notes.append("Remboursements écrits : \(o.refunded.count)" + (o.refundsAlreadyThere > 0 ? " · déjà dans le livre : \(o.refundsAlreadyThere)" : ""))
        }
        if !o.newPayouts.isEmpty {
            notes.append("Versements : " + o.newPayouts.map { "n° \($0.id) du \($0.date.french), \($0.amount.formatted()) €" }.joined(separator: " ; ")
                         + ". Leur état : compta helloasso")
        }
        // Under --essai, what the import would do: nothing was written.
        let (created, added) = r.dryRun ? ("serait créé", "serait ajoutée") : ("créé", "ajoutée")
        if !o.tiersCreated.isEmpty {
            notes.append((r.dryRun ? "Tiers qui seraient créés : " : "Tiers créés : ") + "\(o.tiersCreated.count) (compta tiers).")
        }
        if o.transitCreated {
            notes.append("Compte \(PlatformAccounts.transit) « \(PlatformAccounts.transitLabel) » \(created) : les paiements HelloAsso y attendent leur versement.")
        }
        if let rule = o.ruleAdded {
            notes.append("Règle n° \(rule.position) \(added) : « \(rule.pattern) » → \(rule.account) (les versements du relevé bancaire vont au compte de transit).")
        }
        if !o.refiled.isEmpty {
            notes.append("Versements du relevé qui attendaient sur 471, \(r.dryRun ? "qui seraient classés" : "classés") au compte de transit : écritures n° "
                         + o.refiled.map(String.init).joined(separator: ", ") + ".")
        }
        var tables: [ReportTable] = []
        if detailed && !(o.recorded.isEmpty && o.refunded.isEmpty) {
            var table = ReportTable(title: "Écritures", columns: [ReportColumn("Pièce", key: "piece"), ReportColumn("N°", key: "numero")])
            table.rows = (o.recorded + o.refunded).map { ReportRow([.text($0.piece), .number($0.number)]) }
            tables.append(table)
        }
        return ReportDocument(title: "Import HelloAsso", subtitle: ["Fichier : \(r.file) (\(Self.kinds[r.kind] ?? r.kind.rawValue))"], tables: tables, notes: notes)
    }
}

/// `compta helloasso campagnes`: the campaigns booked under an account of the user's choice.
public struct HelloAssoCampaigns: Sendable {
    public let settings: [CampaignSetting]

    public init(_ settings: [CampaignSetting]) { self.settings = settings.sorted { searchKey($0.campaign) < searchKey($1.campaign) } }

    public var document: ReportDocument {
        var table = ReportTable(columns: [ReportColumn("Campagne", key: "campagne"), ReportColumn("Compte", key: "compte"),
                                          ReportColumn("Projet", key: "projet")])
        table.rows = settings.map { ReportRow([.text($0.campaign), .account($0.account), .text($0.project ?? "")]) }
        let defaults = CampaignKind.allCases.map { "\($0.rawValue) \(PlatformAccounts.revenue[$0]!)" }.joined(separator: ", ")
        return ReportDocument(title: "Campagnes HelloAsso", tables: settings.isEmpty ? [] : [table], notes: [
            settings.isEmpty ? "Aucune campagne réglée : chacune va au compte de son type." : "Les autres campagnes vont au compte de leur type.",
            "Comptes par type de campagne : \(defaults) ; don supplémentaire \(PlatformAccounts.additionalDonation).",
        ])
    }
}

/// `compta helloasso`: the transit account's state.
public struct HelloAssoState: Sendable {
    public let state: PlatformState

    public init(_ state: PlatformState) { self.state = state }

    public var document: ReportDocument {
        let s = state
        var tables: [ReportTable] = []
        var notes: [String] = []
        if !s.matched.isEmpty {
            var t = ReportTable(title: "Versements rapprochés", columns: [
                ReportColumn("Versement", key: "versement"), ReportColumn("Date", key: "date"), .amount("Montant HelloAsso", key: "montant"),
                ReportColumn("Écriture banque", key: "ecriture"), ReportColumn("Date banque", key: "date_banque"),
                .amount("Montant banque", key: "montant_banque"), .amount("Écart", key: "ecart")])
            t.rows = s.matched.map { m in
                ReportRow([.text(m.payout.id), .date(m.payout.date), .amount(m.payout.amount), .number(m.bank.entry), .date(m.bank.date),
                           .amount(m.bank.amount), .amount(m.bank.amount - m.payout.amount)])
            }
            tables.append(t)
            for m in s.matched where m.bank.amount != m.payout.amount {
                notes.append("Versement \(m.payout.id) : la banque a reçu \(m.bank.amount.formatted()) €, ses paiements font \(m.payout.amount.formatted()) € "
                             + "(écart \((m.bank.amount - m.payout.amount).formatted()) €) : un remboursement ou une contestation retenus ? "
                             + "Importez le détail de ce versement (export « versement » de HelloAsso) ; rien n'est forcé.")
            }
        }
        if !s.notOnTheBank.isEmpty {
            var t = ReportTable(title: "Versements pas encore sur le relevé bancaire", columns: [
                ReportColumn("Versement", key: "versement"), ReportColumn("Date", key: "date"), .amount("Montant", key: "montant")])
            t.rows = s.notOnTheBank.map { ReportRow([.text($0.id), .date($0.date), .amount($0.amount)]) }
            tables.append(t)
            notes.append("Un versement est rapproché de la ligne de relevé qui donne son numéro, sinon d'une ligne arrivée "
                         + (s.bankDelay == 0 ? "le jour même" : s.bankDelay == 1 ? "le jour même ou le lendemain" : "dans les \(s.bankDelay) jours qui suivent sa date")
                         + " (compta helloasso fenetre JOURS pour en changer).")
        }
        if !s.withoutPayout.isEmpty {
            var t = ReportTable(title: "Versements du relevé sans leurs paiements (export manquant)", columns: [
                ReportColumn("Écriture", key: "ecriture"), ReportColumn("Date", key: "date"), .amount("Montant", key: "montant"),
                ReportColumn("Libellé", key: "libelle")])
            t.rows = s.withoutPayout.map { ReportRow([.number($0.entry), .date($0.date), .amount($0.amount), .text($0.label)]) }
            tables.append(t)
        }
        if !s.pending.isEmpty {
            var t = ReportTable(title: "Paiements pas encore versés", columns: [
                ReportColumn("Pièce", key: "piece"), ReportColumn("Date", key: "date"), .amount("Montant", key: "montant")])
            t.rows = s.pending.map { ReportRow([.text($0.piece), .date($0.date), .amount($0.amount)]) }
            tables.append(t)
        }
        if s.matched.isEmpty && s.notOnTheBank.isEmpty && s.withoutPayout.isEmpty && s.pending.isEmpty && s.transitBalance.isZero {
            notes.append("Le livre ne tient encore aucun paiement ni versement HelloAsso : importez un export de HelloAsso "
                         + "(compta importer export-paiements.csv), le format est reconnu tout seul.")
        } else {
            notes.append("Compte de transit \(PlatformAccounts.transit) : solde \(s.transitBalance.formatted()) €"
                         + (s.transitBalance.isZero ? " : tout ce que HelloAsso a encaissé est arrivé à la banque." : "."))
        }
        return ReportDocument(title: "HelloAsso", tables: tables, notes: notes)
    }
}
