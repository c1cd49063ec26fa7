import Foundation
import Testing
import Ledger
@testable import Imports

/// camt.053: the samples `Fixtures/banques/releve-camt053*.xml` are read by `BankSamples`; here,
/// the files that must be refused, and why.
@Suite struct Camt053 {
    let sample: String
    init() throws { sample = String(decoding: try bytes("banques/releve-camt053.xml"), as: UTF8.self) }

    func error(_ text: String, number: String? = nil) -> StatementError? {
        #expect(throws: StatementError.self) { try StatementFile.read(Array(text.utf8), options: ReadOptions(accountNumber: number)) }
    }

    /// « Billion laughs »: ten levels of ten references would make a thousand million « lol ».
    /// Refused before any parsing, so at once and in little memory.
    @Test func anXMLBombIsRefusedUnread() {
        var entities = "<!ENTITY lol0 \"lol\">\n"
        for i in 1...9 { entities += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">\n" }
        let bomb = sample.replacingOccurrences(of: "<Document ", with: "<!DOCTYPE Document [\n\(entities)]>\n<Document ")
            .replacingOccurrences(of: "FRAIS TENUE DE COMPTE 03/2024", with: "&lol9;")
        let start = Date()
        #expect(error(bomb) == .camt(.dtd))
        #expect(Date().timeIntervalSince(start) < 1)
    }

    @Test func aTruncatedFileSaysWhereItStops() {
        let cut = String(sample.prefix(sample.count / 2))
        guard case .camt(.malformed(let line))? = error(cut) else { Issue.record("not refused as malformed: \(String(describing: error(cut)))"); return }
        #expect(line > 40 && line <= cut.split(separator: "\n").count + 1)
    }

    @Test func anotherMessageOrVersionSaysWhatItIs() {
        #expect(error(sample.replacingOccurrences(of: "camt.053.001.02", with: "camt.054.001.08")) == .camt(.otherMessage("camt.054.001.08")))
        #expect(error(sample.replacingOccurrences(of: "camt.053.001.02", with: "camt.052.001.02")) == .camt(.otherMessage("camt.052.001.02")))
        #expect(error(sample.replacingOccurrences(of: "camt.053.001.02", with: "camt.053.001.01")) == .camt(.otherMessage("camt.053.001.01")))
    }

    /// A file whose elements carry a prefix (`<ns2:Ntry>`) reads as the same file without, and
    /// the prefixed root's namespace still says the message.
    @Test func aPrefixedFileReadsAsTheSame() throws {
        var prefixed = sample.replacingOccurrences(of: "xmlns=\"urn:", with: "xmlns:ns2=\"urn:")
        prefixed = prefixed.replacing(#/<(/?)([A-Za-z])/#) { "<\($0.output.1)ns2:\($0.output.2)" }
        #expect(prefixed.contains("<ns2:Ntry>") && prefixed.contains("</ns2:Document>"))
        let plain = try StatementFile.read(Array(sample.utf8)), read = try StatementFile.read(Array(prefixed.utf8))
        #expect(read.lines == plain.lines && read.lines.count == 5)
        #expect(read.closingBalance == plain.closingBalance && read.accountID == plain.accountID)
        #expect(error(prefixed.replacingOccurrences(of: "camt.053.001.02", with: "camt.054.001.08")) == .camt(.otherMessage("camt.054.001.08")))
    }

    @Test func entriesMustSayTheirDirectionAndAmount() {
        let noSign = sample.replacingOccurrences(of: "<Amt Ccy=\"EUR\">5.31</Amt>\n        <CdtDbtInd>DBIT</CdtDbtInd>", with: "<Amt Ccy=\"EUR\">5.31</Amt>")
        guard case .camt(.missing("CdtDbtInd", _))? = error(noSign) else { Issue.record("missing CdtDbtInd not refused"); return }
        guard case .camt(.amount("-5.31", _))? = error(sample.replacingOccurrences(of: ">5.31<", with: ">-5.31<")) else {
            Issue.record("a negative amount is not one of the schema"); return
        }
        guard case .camt(.currency("USD", _))? = error(sample.replacingOccurrences(of: "<Amt Ccy=\"EUR\">5.31", with: "<Amt Ccy=\"USD\">5.31")) else {
            Issue.record("another currency is refused"); return
        }
    }

    /// Given more than 10 MB at once, the XML parser on Linux stopped short (libxml2's limit on
    /// one chunk): a year of a large association's statement is more.
    @Test func aStatementOfMoreThanTenMegabytesIsRead() throws {
        let entry = "<Ntry><Amt Ccy=\"EUR\">5.31</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2024-03-12</Dt></BookgDt>"
            + "<AddtlNtryInf>FRAIS TENUE DE COMPTE 03/2024 ET AUTRES FRAIS DE GESTION DU COMPTE DE L'ASSOCIATION</AddtlNtryInf></Ntry>\n"
        let count = 11_000_000 / entry.utf8.count
        let big = sample.replacingOccurrences(of: "    </Stmt>", with: String(repeating: entry, count: count) + "    </Stmt>")
        #expect(big.utf8.count > 11_000_000)
        #expect(try StatementFile.read(Array(big.utf8)).lines.count == 5 + count)
    }

    @Test func severalAccountsNeedANumber() throws {
        let stmt = sample[sample.range(of: "    <Stmt>")!.lowerBound..<sample.range(of: "</Stmt>\n")!.upperBound]
        let other = stmt.replacingOccurrences(of: "FR7630004001230001234567890", with: "FR7630004001230009876543210")
        let two = sample.replacingOccurrences(of: "  </BkToCstmrStmt>", with: other + "  </BkToCstmrStmt>")
        #expect(error(two) == .severalAccounts(["FR7630004001230001234567890", "FR7630004001230009876543210"]))
        let chosen = try StatementFile.read(Array(two.utf8), options: ReadOptions(accountNumber: "FR76 3000 4001 2300 0987 6543 210"))
        #expect(chosen.accountID == "FR7630004001230009876543210")
        #expect(chosen.lines.count == 5)
    }
}
