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
    static func read(_ bytes: [UInt8], file: String, chunkSize: Int = 1 << 20) throws(LocatedError) -> ReadExport? {
        guard var export = try open(bytes, file: file, chunkSize: chunkSize) else { return nil }
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

    /// Read by pieces of any size — a character, a CRLF, a quoted field, the BOM cut in two —
    /// an export gives what it gives read whole.
    @Test(arguments: helloAssoSamples)
    func anExportReadByPiecesIsTheExportReadWhole(name: String) throws {
        let whole = try read(name)
        for size in [1, 2, 3, 5, 7, 64, 1000] {
            let pieces = try #require(try HelloAssoExport.read(try bytes("helloasso/\(name)"), file: name, chunkSize: size))
            #expect(pieces.payments == whole.payments && pieces.refunds == whole.refunds && pieces.leftOut == whole.leftOut, "\(size)")
            #expect(pieces.payouts == whole.payouts && pieces.kind == whole.kind, "\(size)")
        }
    }

    /// A file valid UTF-8 up to a byte far beyond its beginning is read as the encoding the whole
    /// file has (Windows-1252 here), as `TextDecoder` reads a file held whole.
    @Test func anExportsEncodingIsThatOfTheWholeFile() throws {
        let rows = (1...300).map { "\($0);\($0);20,00;02/03/2025;Payé;Non;;Nom;Prenom;;Adhesion 2025;Adhesion;20,00;;;;Carte\n" }.joined()
        let header = Self.header.replacingOccurrences(of: "é", with: "e").replacingOccurrences(of: "è", with: "e")
        // « Rémy » in Windows-1252, 20 000 bytes after the beginning.
        let bytes = Array((header + rows + "1;9;20,00;02/03/2025;Paye;Non;;").utf8) + [0x52, 0xE9, 0x6D, 0x79, 0x3B]
        let probe = try TextDecoder.encoding(of: MemoryChunks(bytes, size: 1000))
        #expect(probe == (try TextDecoder.utf8(bytes).encoding) && probe == .windows1252)
        #expect(try TextDecoder.encoding(of: MemoryChunks(Array("Léa;€\n".utf8), size: 1)) == .utf8, "a character cut between two pieces")
        #expect(try TextDecoder.encoding(of: MemoryChunks([0xEF, 0xBB, 0xBF] + Array("a;b".utf8), size: 1)) == .utf8)
        #expect(throws: TextDecodingError.binary) { try TextDecoder.encoding(of: MemoryChunks([0x61, 0, 0x62], size: 2)) }
        #expect(throws: TextDecodingError.empty) { try TextDecoder.encoding(of: MemoryChunks([], size: 2)) }
    }

    /// A failure to read the file, met after its beginning, is an error at the line reached:
    /// not an export cut short without a word.
    @Test func aReadFailureIsAnError() throws {
        struct Broken: Error, Equatable {}
        final class Failing: ByteChunks {
            let rest: MemoryChunks
            var failure: (any Error & Sendable)?
            init(_ bytes: [UInt8]) { rest = MemoryChunks(bytes, size: 100) }
            func next() -> [UInt8]? {
                if let chunk = rest.next() { return chunk }
                failure = Broken()
                return nil
            }
        }
        let text = Self.header + "1;2;45,00;03/04/2026;Payé;Non;;Baron;David;;Camp;Billetterie;45,00;;;;Carte bancaire\n"
        // Failing from the first reading: at the header.
        let atOpen = #expect(throws: LocatedError.self) { _ = try HelloAssoExport.open(file: "x.csv") { Failing(Array(text.utf8)) } }
        #expect(atOpen?.underlying is Broken && atOpen?.line == 1)
        // Failing while the records are read (the third reading): after the last record read.
        var openings = 0
        var export = try #require(try HelloAssoExport.open(file: "x.csv") { () -> ByteChunks in
            openings += 1
            return openings < 3 ? MemoryChunks(Array(text.utf8)) : Failing(Array(text.utf8))
        })
        let error = #expect(throws: LocatedError.self) { _ = try export.readAll() }
        #expect(error?.underlying is Broken && error?.line == 3)
    }

    @Test func aPayoutsOperationTypesAreTheReferencesAndAnUnknownOneIsRefused() throws {
        let header = "cashOutId;cashOutDate;campaignType;campaignName;operationType;credit;debit;orderId;paymentId;paymentDate;paymentMethod;paymentStatus;designation;payerCompany;payerLastName;payerFirstName;payerEmail;payerSiren\n"
        let gifts = try #require(try HelloAssoExport.read(Array((header
            + "1;10/05/2025;Donation;Dons;MonthlyDonation;10.00;;7;70;01/04/2025;Card;Paid;Don mensuel;;Roux;Lou;l@example.org;\n"
            + "1;10/05/2025;Donation;Dons;OneTimeDonation;30.00;;8;80;02/04/2025;Card;Paid;Don;La Fabrique SARL;;;f@example.org;732829320\n"
            + "1;10/05/2025;Event;Fête;OrganizationTip;2.00;;8;80;02/04/2025;Card;Paid;Contribution;;;;;\n").utf8), file: "v.csv"))
        #expect(gifts.payments.map(\.price) == [Money(cents: 1000), Money(cents: 3000)] && gifts.payments.map(\.kind) == [.donation, .donation])
        #expect(gifts.payments[1].payer.siren == "732829320" && gifts.payments[1].payer.name == "La Fabrique SARL")
        let unknown = refusal(header + "1;10/05/2025;Event;Fête;Bonus;5.00;;8;80;02/04/2025;Card;Paid;;;Roux;Lou;;\n")
        #expect(unknown?.line == 2 && unknown?.error == .unknownOperation("Bonus", known: HelloAssoVocabulary.operationNames))
        #expect(HelloAssoVocabulary.operationNames.contains("MultipleInstalmentPayment") && HelloAssoVocabulary.operationNames.contains("Credit"))
        let cancelled = refusal(header + "1;10/05/2025;Event;Fête;RefundCancelled;5.00;;8;80;02/04/2025;Card;Paid;;;Roux;Lou;;\n")
        #expect(cancelled?.line == 2 && cancelled?.error == .cancelledRefund("RefundCancelled"))
    }
}
