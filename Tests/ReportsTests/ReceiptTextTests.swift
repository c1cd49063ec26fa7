import Testing
import Ledger
import Reports

/// The boxes « Forme du don » and « Nature du don » a receipt ticks come from data
/// (`recus-cases.csv`): what the built-in file says, and what a corrected one would.
@Suite struct ReceiptBoxesFromData {
    let lea = Tiers(code: "T0001", kind: .person, firstName: "Léa", lastName: "Martin", address: "3 rue des Lilas, 75011 Paris")
    let association = Association(name: "Les Amis du Parc", address: "1 place du Marché, 69001 Lyon", purpose: "Le parc",
                                  receiptArticles: [.article200], qualite: .interetGeneral, signer: "Camille Martin", signerRole: "Trésorière")

    func receipt(_ accounts: [String]) throws -> ReceiptDraft {
        let gifts = try accounts.enumerated().map { i, a in
            Gift(lineID: Int64(i + 1), entry: "BQ \(i + 1)", date: Day(year: 2025, month: 3, day: 1 + i)!, account: try AccountNumber(a),
                 amount: Money(cents: 10_000), donor: lea, mode: .transfer, validated: true)
        }
        return ReceiptDraft(number: "2025-0001", year: 2025, issuedOn: Day(year: 2026, month: 1, day: 15)!, donor: lea, article: .article200,
                            gifts: gifts, isSummary: true)
    }

    func text(_ r: ReceiptDraft, _ boxes: ReceiptBoxes) throws -> String {
        try MarkdownRenderer.render(ReceiptText.document(r, association: association, boxes: boxes), options: .init())
    }

    @Test func theBuiltInFileGivesEveryNatureItsBoxes() throws {
        #expect(ReceiptBoxes.builtIn.form == [.money: "Déclaration de don manuel", .expenseWaiver: "Autres"])
        #expect(ReceiptBoxes.builtIn.nature == [.money: "Numéraire", .expenseWaiver: "abandon de frais engagés par un bénévole"])
        let money = try text(try receipt(["7541"]), .builtIn)
        for m in ["☐ Acte sous seing privé", "☒ Déclaration de don manuel", "☐ Autres\n", "☒ Numéraire", "☐ Titres de sociétés cotés"] {
            #expect(money.contains(m), "\(m)")
        }
        #expect(!money.contains("abandon de frais"), "a gift in money says nothing of an abandon de frais")
        let both = try text(try receipt(["7541", "75412"]), .builtIn)
        for m in ["☒ Déclaration de don manuel", "☒ Autres\n", "☒ Numéraire", "☒ Autres : abandon de frais engagés par un bénévole"] {
            #expect(both.contains(m), "\(m)")
        }
    }

    /// The form of an abandon de frais, uncertain, corrected in the data: that box ticks, not « Autres ».
    @Test func aCorrectedFileTicksOtherBoxes() throws {
        let corrected = ReceiptBoxes(form: [.money: "Déclaration de don manuel", .expenseWaiver: "Déclaration de don manuel"],
                                     nature: [.money: "Numéraire", .expenseWaiver: "Autres : renonciation au remboursement de frais"])
        let t = try text(try receipt(["75412"]), corrected)
        for m in ["☒ Déclaration de don manuel", "☐ Autres\n", "☐ Numéraire", "☒ Autres : renonciation au remboursement de frais"] {
            #expect(t.contains(m), "\(m)\n\(t)")
        }
    }
}
