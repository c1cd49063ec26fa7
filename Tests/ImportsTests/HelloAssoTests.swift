import Testing
import Ledger
@testable import Imports

/// What a `Fixtures/helloasso/*.attendu` file says an export gives: its kind, the payments left
/// out, and the expected entries' lines (pièce;date;compte;débit;crédit;tiers).
struct ExpectedHelloAsso {
    var settings: [String: String] = [:]
    var lines: [[String]] = []

    init(_ name: String) throws {
        let text = try String(contentsOf: fixture("helloasso/\(name).attendu"), encoding: .utf8)
        for line in text.split(separator: "\n").map(String.init) where !line.hasPrefix("#") {
            if let eq = line.firstIndex(of: "="), !line[..<eq].contains(";") {
                settings[String(line[..<eq])] = String(line[line.index(after: eq)...])
            } else {
                lines.append(line.split(separator: ";", omittingEmptySubsequences: false).map(String.init))
            }
        }
    }

    /// The transit account's debits: one per payment, `pièce date montant`.
    var payments: [String] { lines.filter { $0[2] == PlatformAccounts.transit.text && !$0[3].isEmpty }.map { "\($0[0]) \($0[1]) \($0[3])" } }
}

/// An export read whole, as the tests look at it.
struct ReadExport {
    let kind: HelloAssoExportKind
    let payments: [PlatformPayment]
    let refunds: [PlatformRefund]
    let payouts: [PlatformPayout]
    let leftOut: [LeftOutPayment]
}

extension HelloAssoExport {
    static func read(_ bytes: [UInt8], file: String) throws(LocatedError) -> ReadExport? {
        guard var export = try open(bytes, file: file) else { return nil }
        let payments = try export.readAll()
        return ReadExport(kind: export.kind, payments: payments, refunds: export.refunds, payouts: export.payouts, leftOut: export.leftOut)
    }
}

let helloAssoSamples = ["paiements-mars.csv", "paiements-mars-tableur.csv", "paiements-avril.csv", "adhesion-2025.csv",
                        "camp-chatons-2025.csv", "soutenir-le-lavoir.csv", "versement-2025-04-10.csv", "versement-2025-05-10.csv"]

@Suite struct HelloAssoExports {
    func read(_ name: String) throws -> ReadExport {
        try #require(try HelloAssoExport.read(try bytes("helloasso/\(name)"), file: name))
    }

    @Test(arguments: helloAssoSamples)
    func eachExportReadsToItsExpectedPayments(name: String) throws {
        let expected = try ExpectedHelloAsso(name)
        let export = try read(name)
        let kinds = ["paiements": HelloAssoExportKind.payments, "adhesion": .membership, "billetterie": .campaign, "versement": .payout]
        #expect(export.kind == kinds[expected.settings["genre"] ?? ""])
        // An April export read alone brings every payment it has; the .attendu says what the ledger adds after March.
        let already = Set((expected.settings["deja"] ?? "").split(separator: " ").map { "HA-\($0)" })
        let read = export.payments.filter { !already.contains($0.piece) }.map { "\($0.piece) \($0.date.iso) \($0.total)" }
        let payments = expected.payments.filter { !$0.hasPrefix("HA-R") }
        if name.hasPrefix("versement-2025-05") {
            #expect(read.filter { payments.contains($0) } == payments)
        } else {
            #expect(read == payments)
        }
        #expect(export.leftOut.filter { $0.reason == .offline }.map(\.reference).joined(separator: " ") == (expected.settings["ecartes"] ?? ""))
        if let payout = expected.settings["versement"] {
            #expect(export.payouts.map { "\($0.id);\($0.date.iso);\($0.amount)" } == [payout])
        }
        let refunds = expected.lines.filter { $0[0].hasPrefix("HA-R") && $0[2] == PlatformAccounts.transit.text }
        #expect(export.refunds.map { "HA-R\($0.reference) \($0.date.iso) \($0.amount)" } == refunds.map { "\($0[0]) \($0[1]) \($0[4])" })
        #expect(export.payments.filter(\.receiptIssued).map { $0.reference ?? $0.order } == (expected.settings["recu-helloasso"]).map { [$0] } ?? [])
    }

    @Test func aSpreadsheetResaveReadsAsTheExport() throws {
        #expect(try read("paiements-mars-tableur.csv").payments.map(\.total) == read("paiements-mars.csv").payments.map(\.total))
    }

    @Test func theMemberOfAMembershipIsNotThePayer() throws {
        let p = try read("adhesion-2025.csv").payments
        #expect(p[0].beneficiary?.name == "Chloé Roux" && p[0].payer.name == "Antoine Roux")
        #expect(p[1].beneficiary == nil)
    }

    @Test func aTicketsParticipantIsItsBeneficiary() throws {
        let text = "Référence commande;Date de la commande;Statut de la commande;Nom participant;Prénom participant;Nom payeur;Prénom payeur;Email payeur;Billet;Montant tarif\n"
            + "1;09/10/2025 21:59;Validé;Baron;Lou;Baron;David;d@example.net;Entrée;5,00\n"
        let export = try #require(try HelloAssoExport.read(Array(text.utf8), file: "fete.csv"))
        #expect(export.kind == .campaign && export.payments.map(\.kind) == [.event] && export.payments[0].beneficiary?.name == "Lou Baron")
    }

    @Test func aBankStatementIsNoExport() throws {
        #expect(try HelloAssoExport.read(try bytes("helloasso/releve-avril-mai.csv"), file: "releve.csv") == nil)
        #expect(try HelloAssoExport.read(try bytes("banques/qonto.csv"), file: "qonto.csv") == nil)
    }

    func refusal(_ text: String) -> (line: Int, error: PlatformError)? {
        do {
            _ = try HelloAssoExport.read(Array(text.utf8), file: "x.csv")
            return nil
        } catch {
            return (error.line, error.underlying as! PlatformError)
        }
    }

    @Test func anotherPlatformsExportIsNamed() throws {
        let r = refusal(String(decoding: try bytes("helloasso/autre-plateforme.csv"), as: UTF8.self))
        #expect(r?.line == 1 && r?.error == .otherPlatform("PayPal"))
    }

    static let header = "Référence commande;Référence paiement;Montant total;Date du paiement;Statut du paiement;Versé;Date du versement;Nom payeur;Prénom payeur;Email payeur;Campagne;Type de campagne;Montant du tarif;Montant des options;Don supplémentaire;Montant du code promo;Moyen de paiement\n"

    @Test func amountsThatDoNotAddUpAreRefusedAtTheirLine() {
        let r = refusal(Self.header + "1;2;45,00;03/04/2026 18:23:13;Payé;Non;;Baron;David;d@example.net;Camp;Billetterie;40,00;;;;Carte bancaire\n")
        #expect(r?.line == 2)
        #expect(r?.error == .amountsDoNotAddUp(total: Money(cents: 4500), price: Money(cents: 4000), options: .zero, donation: .zero, promo: .zero))
    }

    @Test func anUnknownCampaignTypeIsRefused() {
        let r = refusal(Self.header + "1;2;45,00;03/04/2026;Payé;Non;;Baron;David;;Loto;Tombola;45,00;;;;Carte bancaire\n")
        #expect(r?.error == .unknownCampaignType("Tombola", known: ["Adhésion", "Billetterie", "Don", "Boutique", "Crowdfunding", "Vente"]))
    }

    @Test func anUnknownStatusIsRefused() {
        let r = refusal(Self.header + "1;2;45,00;03/04/2026;En attente;Non;;Baron;David;;Camp;Billetterie;45,00;;;;Carte bancaire\n")
        #expect(r?.line == 2 && r?.error == .unknownStatus("En attente", known: ["Payé", "Hors Ligne", "Remboursé"]))
    }

    @Test func anUnreadableDateAmountOrEmptyReferenceIsRefusedAtItsLine() {
        let date = refusal(Self.header + "1;2;45,00;31/02/2025 10:00;Payé;Non;;Baron;David;;Camp;Billetterie;45,00;;;;Carte bancaire\n")
        #expect(date?.line == 2 && date?.error == .date(column: "Date du paiement", text: "31/02/2025 10:00", .nonexistent))
        let amount = refusal(Self.header + "1;2;45,00;03/04/2025;Payé;Non;;Baron;David;;Camp;Billetterie;quarante;;;;Carte bancaire\n")
        guard case .amount(let column, "quarante", _)? = amount?.error else { Issue.record("\(String(describing: amount))"); return }
        #expect(column == "Montant du tarif")
        let empty = refusal(Self.header + "1;;45,00;03/04/2025;Payé;Non;;Baron;David;;Camp;Billetterie;45,00;;;;Carte bancaire\n")
        #expect(empty?.line == 2 && empty?.error == .emptyField("Référence paiement"))
    }

    @Test func aCampaignExportsCashPaymentIsLeftOut() throws {
        let text = "Référence commande;Date de la commande;Statut de la commande;Nom payeur;Prénom payeur;Email payeur;Moyen de paiement;Tarif;Montant tarif\n"
            + "1;09/10/2025 21:59;Validé;Baron;David;d@example.net;Espèces;Repas;5,00\n"
        let export = try #require(try HelloAssoExport.read(Array(text.utf8), file: "repas.csv"))
        #expect(export.payments.isEmpty && export.leftOut == [LeftOutPayment(line: 2, reference: "1", reason: .offline)])
    }
}
