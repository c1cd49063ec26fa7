import Foundation
import Testing
import Ledger
@testable import Imports

func fixture(_ path: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent(path)
}

func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: fixture(path))) }

/// What a `Fixtures/banques/*.attendu` file says a sample statement holds.
struct Expected {
    var format = "", encoding = "", account = "", balance = "", opening = "", options = ""
    var lines: [String] = []

    init(_ name: String) throws {
        let text = try String(contentsOf: fixture("banques/\(name).attendu"), encoding: .utf8)
        for line in text.split(separator: "\n").map(String.init) where !line.hasPrefix("#") {
            if let eq = line.firstIndex(of: "="), !line.contains(";") {
                let key = String(line[..<eq]), value = String(line[line.index(after: eq)...])
                switch key {
                case "format": format = value
                case "encodage": encoding = value
                case "compte": account = value
                case "solde": balance = value
                case "ouverture": opening = value
                case "options": options = value
                default: break
                }
            } else {
                lines.append(line)
            }
        }
    }
}

let bankSamples = ["bpce.csv", "la-banque-postale.csv", "credit-mutuel.csv", "cic.csv", "credit-agricole.csv", "societe-generale.csv",
                   "societe-generale-epargne.csv", "bnp-paribas.csv", "boursorama.csv", "qonto.csv", "bpce-pro.csv", "boursobank-2025.csv",
                   "bnp-paribas-2023.csv", "lcl.csv", "qonto-fr.csv", "la-nef.csv", "releve.ofx", "releve-ofx2.ofx", "releve.qif", "releve.cfonb", "releve-camt053.xml", "releve-camt053-v08.xml", "generique.csv",
                   "colonnes.csv"]

@Suite struct BankSamples {
    func read(_ name: String, bank: String? = nil) throws -> Statement {
        let expected = try Expected(name)
        var options = ReadOptions(bank: bank)
        if expected.options.hasPrefix("--colonnes ") {
            options.columns = try CustomColumns(parsing: String(expected.options.dropFirst("--colonnes ".count)))
        }
        return try StatementFile.read(try bytes("banques/\(name)"), options: options)
    }

    @Test(arguments: bankSamples)
    func eachSampleReadsToItsExpectedOperations(name: String) throws {
        let expected = try Expected(name)
        let s = try read(name)
        #expect(s.format == expected.format)
        #expect(s.encoding.rawValue == expected.encoding)
        #expect((s.accountID ?? "") == expected.account)
        let balance = s.closingBalance.map { "\($0.plain) au \(s.closingDate?.iso ?? "?")" } ?? ""
        #expect(balance == expected.balance)
        let opening = s.openingBalance.map { "\($0.plain) au \(s.openingDate?.iso ?? "?")" } ?? ""
        #expect(opening == expected.opening)
        let lines = s.lines.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
            .map { "\($0.element.date.iso);\($0.element.amount.plain);\($0.element.label)" }
        #expect(lines == expected.lines)
    }

    @Test(arguments: BankProfile.all.map(\.id))
    func profilesChosenByNameReadTheirSample(id: String) throws {
        let name = bankSamples.first { $0.hasPrefix(id + ".") }!
        let s = try read(name, bank: id)
        #expect(s.format == id)
        #expect(s.lines.count == 5)
    }

    @Test func aliasesNameTheirProfile() {
        #expect(BankProfile.named("credit-cooperatif")?.id == "bpce")
        #expect(BankProfile.named("Crédit Coopératif")?.id == "bpce")
        #expect(BankProfile.named("Caisse d'Épargne")?.id == "bpce")
        #expect(BankProfile.named("CIC")?.id == "cic")
        #expect(BankProfile.named("Crédit Mutuel")?.id == "credit-mutuel")
        #expect(BankProfile.named("La Banque Postale")?.id == "la-banque-postale")
        #expect(BankProfile.named("Banque inconnue") == nil)
    }

    @Test func aProfileThatDoesNotFitSaysSo() throws {
        let error = #expect(throws: StatementError.self) { try read("qonto.csv", bank: "societe-generale") }
        guard case .layoutNotFound(let profile, _, let rows, _)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(profile == "Société Générale")
        #expect(rows.first?.first == "Status")
    }

    @Test func qontoImportsOnlySettledOperations() throws {
        let s = try read("qonto.csv")
        #expect(s.skipped == 1)
        #expect(!s.lines.contains { $0.label.contains("BOUTIQUE") })
    }
}

@Suite struct BadStatements {
    func error(_ data: [UInt8], _ options: ReadOptions = ReadOptions()) -> StatementError? {
        #expect(throws: StatementError.self) { try StatementFile.read(data, options: options) }
    }

    @Test func filesThatAreNotStatements() {
        #expect(error([]) == .decoding(.empty))
        #expect(error([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]) == .decoding(.binary))
        #expect(error(Array("%PDF-1.7\n%âãÏÓ\n1 0 obj".utf8)) == .pdf)
        #expect(error(Array("Nom;Prénom;Ville\nDupont;Jean;Lyon\n".utf8)) == .unknownLayout(firstRows: [["Nom", "Prénom", "Ville"], ["Dupont", "Jean", "Lyon"]]))
    }

    /// Five fields a row, a day first and an amount last, is not enough to be BNP Paribas's
    /// export of before 2023: it begins with its account line (masked number, day, balance)
    /// and writes days 05/03/2024. A file of that shape from anywhere else is not recognised.
    @Test func aFileOfFiveFieldsIsNotTakenForBNPParibas() throws {
        let rows = "05/03/2024;PRLV SEPA OVH SAS;Internet;Abonnements;-120,00\n06/03/2024;VIR CHORALE;Dons;Cotisations;45,00\n"
        for text in [rows, "2024-03-05;;; PRLV SEPA OVH SAS;-120,00\n2024-03-06;;; VIR CHORALE;45,00\n",
                     "Export;des;opérations;du;mois;de mars\n" + rows, "Compte;Association;courant;31/03/2024;;2 399,25\n" + rows,
                     "\"Compte\";\"Compte\";****1234;fin mars;;2 399,25\n" + rows] {
            guard case .unknownLayout? = error(Array(text.utf8)) else { Issue.record("taken for a bank: \(text)"); continue }
        }
        let bnp = "\"Compte de ch&eacute;ques\";\"Compte de ch&amp;eacute;ques\";****1234;31/03/2024;;2 399,25\n05/03/2024;;; PRLV SEPA OVH SAS;-120,00\n"
        #expect(try StatementFile.read(Array(bnp.utf8)).format == "bnp-paribas-2023")
        // Named, the profile still reads a file whose account line was cut off.
        #expect(try StatementFile.read(Array("05/03/2024;;; PRLV SEPA OVH SAS;-120,00\n".utf8), options: ReadOptions(bank: "bnp-paribas-2023")).lines.count == 1)
    }

    @Test func malformedLinesSayWhereAndWhat() {
        let badDate = Array("Date;Libellé;Montant\n05/03/2024;OVH;-120,00\n31/02/2024;Frais;-5,31\n".utf8)
        #expect(error(badDate) == .malformedLine(line: 3, raw: "31/02/2024 ; Frais ; -5,31", reason: .date("31/02/2024", .nonexistent)))
        let badAmount = Array("Date;Libellé;Montant\n05/03/2024;OVH;-12O,00\n".utf8)
        #expect(error(badAmount) == .malformedLine(line: 2, raw: "05/03/2024 ; OVH ; -12O,00", reason: .amount("-12O,00", .invalidCharacter("O"))))
        let middle = Array("Date;Libellé;Montant\n05/03/2024;OVH;-120,00\nligne cassée;;\n06/03/2024;Frais;-5,31\n".utf8)
        #expect(error(middle) == .malformedLine(line: 3, raw: "ligne cassée ;  ; ", reason: .date("ligne cassée", .unreadable)))
    }

    @Test func trailerLinesAreNotOperations() throws {
        let s = try StatementFile.read(Array("Date;Libellé;Montant\n05/03/2024;OVH;-120,00\nSolde final au 31/03/2024;;1 079,69\nTotal des opérations;;-120,00\n".utf8))
        #expect(s.lines.count == 1)
        #expect(s.closingBalance == Money(cents: 107_969))
    }

    /// The closing balance of a running-balance column is the one after the last operation in
    /// time, whichever way the bank lists them.
    @Test func closingBalanceIsTheOneAfterTheLastOperation() throws {
        func closing(_ rows: [String]) throws -> String {
            let s = try StatementFile.read(Array(("Date d'opération,Date de valeur,Montant,Libellé,Solde\n" + rows.joined(separator: "\n") + "\n").utf8))
            return s.closingBalance.map { "\($0.plain) au \(s.closingDate?.iso ?? "?")" } ?? "aucun"
        }
        let a = "05/10/2017,05/10/2017,100.00,VIR A,1100.00"
        let b = "06/10/2017,06/10/2017,-100.00,PRLV B,1000.00"
        let c = "06/10/2017,06/10/2017,50.00,REMISE C,1050.00"
        #expect(try closing([a, b, c]) == "1050,00 au 2017-10-06", "oldest first")
        #expect(try closing([c, b, a]) == "1050,00 au 2017-10-06", "newest first, two operations on the last day")
        let sameDay = [c, b, a].map { $0.replacingOccurrences(of: "05/10/2017", with: "06/10/2017") }
        #expect(try closing(sameDay) == "1050,00 au 2017-10-06", "one day: the balances tell the order")
        #expect(try closing(sameDay.reversed()) == "1050,00 au 2017-10-06", "one day, oldest first")
        // A balance on some rows only: the dates tell the order, the latest day's end is taken.
        let bWithout = b.replacingOccurrences(of: ",1000.00", with: ",")
        #expect(try closing([a, bWithout, c]) == "1050,00 au 2017-10-06")
        #expect(try closing([c, bWithout, a]) == "1050,00 au 2017-10-06")
    }

    @Test func mixedEncodingsAreRefused() {
        var data = Array("Date;Libelle;Montant\n05/03/2024;Crédit;10,00\n".utf8)
        data += [0x30, 0x36, 0x2F, 0x30, 0x33, 0x2F, 0x32, 0x30, 0x32, 0x34, 0x3B, 0x44, 0xE9, 0x62, 0x69, 0x74, 0x3B, 0x31, 0x0A]
        #expect(error(data) == .mixedEncodings(utf8Line: 2, otherLine: 3))
        // Forcing an encoding reads it anyway.
        #expect((try? StatementFile.read(data, options: ReadOptions(encoding: .windows1252)))?.lines.count == 2)
    }

    @Test func unknownBankAndBadColumns() {
        #expect(error(Array("x".utf8), ReadOptions(bank: "banque-de-france")) == .unknownBank("banque-de-france", known: BankProfile.all.map(\.id) + ["ofx", "qif", "cfonb", "camt053"]))
        #expect(throws: StatementError.badColumns("date=1,libelle=2")) { try CustomColumns(parsing: "date=1,libelle=2") }
        #expect(throws: StatementError.badColumns("montant=zéro")) { try CustomColumns(parsing: "date=1,libelle=2,montant=zéro") }
    }

    @Test func severalAccountsInOneFileNeedAChoice() throws {
        let text = "dateOp;dateVal;label;category;categoryParent;supplierFound;amount;comment;accountNum;accountLabel;accountbalance\n"
            + "2024-03-05;2024-03-05;\"A\";\"\";\"\";\"\";-1,00;;111111111;\"X\";1.00\n"
            + "2024-03-06;2024-03-06;\"B\";\"\";\"\";\"\";-2,00;;222222222;\"Y\";2.00\n"
        #expect(error(Array(text.utf8)) == .severalAccounts(["111111111", "222222222"]))
        let one = try StatementFile.read(Array(text.utf8), options: ReadOptions(accountNumber: "222222222"))
        #expect(one.lines.map(\.label) == ["B"])
        #expect(one.accountID == "222222222")
    }

    @Test func profileFiles() throws {
        let p = try ProfileFile(parsing: "# ma banque\nnom = Banque Locale\ncolonnes = date=1,libelle=3+4,montant=5\nseparateur = |\nencodage = utf-8\n")
        let s = try StatementFile.read(try bytes("banques/colonnes.csv"), options: ReadOptions(profileFile: p))
        #expect(s.formatName == "Banque Locale")
        #expect(s.lines.count == 5)
        #expect(throws: StatementError.badProfileFile(line: 2, text: "couleur = bleu")) { try ProfileFile(parsing: "nom = X\ncouleur = bleu\n") }
    }
}

@Suite struct Reading {
    @Test func csvQuotingAndLineEnds() throws {
        let text = "a;\"b;c\";\"d \"\"e\"\"\"\r\n\"multi\r\nligne\";f;\rg;h;i"
        let r = try CSVReader.records(text, separator: ";")
        #expect(r.map(\.fields) == [["a", "b;c", "d \"e\""], ["multi\nligne", "f", ""], ["g", "h", "i"]])
        #expect(r.map(\.line) == [1, 2, 4])
        #expect(throws: CSVError.unterminatedQuote(line: 2)) { try CSVReader.records("a;b\n\"c;d\n", separator: ";") }
        #expect(CSVReader.detectSeparator("a,b,c\n1,2,3\n") == ",")
        #expect(CSVReader.detectSeparator("a;\"b,c\";d\n1;\"2,5\";3\n") == ";")
        #expect(CSVReader.detectSeparator("a\tb\n1\t2\n") == "\t")
    }

    @Test func encodings() throws {
        #expect(try TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array("é".utf8)) == ("é", .utf8))
        #expect(try TextDecoder.decode([0x80, 0xE9]) == ("€é", .windows1252))
        #expect(try TextDecoder.decode([0xA4, 0xE9]) == ("€é", .iso885915))
        #expect(try TextDecoder.decode([0xA4], forced: .iso88591) == ("¤", .iso88591))
        #expect(throws: TextDecodingError.invalidUTF8(line: 2)) { try TextDecoder.decode(Array("a\n".utf8) + [0xE9], forced: .utf8) }
        // Every Windows-1252 and ISO-8859-15 byte becomes the same text as Foundation's decoding gives.
        let high = (0x20...0xFF).map { UInt8($0) }.filter { !(0x7F...0x9F).contains($0) }
        #expect(try TextDecoder.decode(high + [0x80, 0x99], forced: .windows1252).text
                == String(data: Data(high + [0x80, 0x99]), encoding: .windowsCP1252))
        #expect(try TextDecoder.utf8(high, forced: .iso88591).bytes == Array(String(data: Data(high), encoding: .isoLatin1)!.utf8))
        #expect(TextEncoding(name: "CP1252") == .windows1252)
        #expect(TextEncoding(name: "latin9") == .iso885915)
    }

    /// Our UTF-8 check agrees with the standard library's on tricky and random bytes.
    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        let cases: [[UInt8]] = [
            Array("Libellé € 😀 ok".utf8), [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82],
            [0x80], [0xFF], Array("abcdefgh".utf8) + [0xE9], Array("abcdefghijklmnop".utf8),
        ]
        var g = SystemRandomNumberGenerator()
        let random = (0..<2000).map { _ in (0..<Int.random(in: 0...12, using: &g)).map { _ in
            [UInt8(0x41), 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0x80, 0xFF, 0xED, 0xA0].randomElement(using: &g)! } }
        for bytes in cases + random {
            #expect(TextDecoder.isValidUTF8(bytes[...]) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }
}

@Suite struct Categorisation {
    let n = { (s: String) in AccountNumber(trusted: s) }

    @Test func firstMatchingRuleWins() throws {
        let rules = [
            Rule(position: 10, pattern: "kimsufi", account: n("604F")),
            Rule(position: 20, pattern: "OVH", account: n("604A"), project: "BL"),
            Rule(position: 30, pattern: "\\bDONS?\\b", isRegex: true, direction: .income, account: n("754")),
            Rule(position: 40, pattern: "frais", direction: .expense, maximum: Money(cents: 1000), account: n("627")),
            Rule(position: 50, pattern: "frais", account: n("6226")),
        ]
        let m = try RuleMatcher(rules)
        #expect(m.match(label: "PRLV SEPA OVH SAS KIMSUFI", amount: Money(cents: -100))?.account == n("604F"))
        #expect(m.match(label: "prlv ovh sas", amount: Money(cents: -100))?.project == "BL")
        #expect(m.match(label: "VIR DON ASSO", amount: Money(cents: 100))?.account == n("754"))
        #expect(m.match(label: "VIR DON ASSO", amount: Money(cents: -100)) == nil, "a donation rule only takes money in")
        #expect(m.match(label: "VIR LONDON", amount: Money(cents: 100)) == nil, "word boundaries")
        #expect(m.match(label: "Frais de tenue", amount: Money(cents: -531))?.account == n("627"))
        #expect(m.match(label: "Frais d'avocat", amount: Money(cents: -50000))?.account == n("6226"), "above the maximum, the next rule")
        #expect(m.match(label: "Rien à voir", amount: Money(cents: 1)) == nil)
    }

    @Test func invalidRegexIsRefused() {
        #expect(throws: RuleError(Rule(position: 7, pattern: "(ovh", isRegex: true, account: n("604A")), .invalidRegex("(ovh", .malformed(.unclosedGroup)))) {
            try RuleMatcher([Rule(position: 7, pattern: "(ovh", isRegex: true, account: n("604A"))])
        }
    }

    @Test func rulesFileRoundTrips() throws {
        let text = try String(contentsOf: fixture("cloud-girofle-2024/regles.csv"), encoding: .utf8)
        let rules = try RuleFile.read(text, file: "regles.csv")
        #expect(rules.count == 23)
        #expect(rules[1].project == "BL-EVOLUTION")
        #expect(rules.first { $0.isRegex }?.pattern == "\\bDONS?\\b")
        #expect(try RuleFile.read(RuleFile.write(rules), file: nil) == rules)
        #expect(throws: LocatedError.self) { try RuleFile.read("motif;compte;sens\nOVH;604A;peut-être\n", file: "r.csv") }
    }

    @Test func fingerprintsSeeIdenticalLinesAsTwoAndOverlapsAsSame() throws {
        let march = Statement(format: "t", formatName: "t", encoding: .utf8, accountID: nil, lines: [
            StatementLine(line: 2, date: try Day(parsing: "2024-03-06"), label: "VIR CHORALE", amount: Money(cents: 4500)),
            StatementLine(line: 3, date: try Day(parsing: "2024-03-06"), label: "VIR CHORALE", amount: Money(cents: 4500)),
            StatementLine(line: 4, date: try Day(parsing: "2024-03-20"), label: "OVH", amount: Money(cents: -100)),
        ], closingBalance: nil, closingDate: nil)
        let later = Statement(format: "t", formatName: "t", encoding: .utf8, accountID: nil, lines: [
            StatementLine(line: 2, date: try Day(parsing: "2024-03-20"), label: "ovh", amount: Money(cents: -100)),
            StatementLine(line: 3, date: try Day(parsing: "2024-04-02"), label: "OVH", amount: Money(cents: -100)),
        ], closingBalance: nil, closingDate: nil)
        let a = try BankImporter.plan(march, bankAccount: n("512"), rules: [], fileName: "a", fileHash: "a")
        let b = try BankImporter.plan(later, bankAccount: n("512"), rules: [], fileName: "b", fileHash: "b")
        #expect(Set(a.entries.map(\.fingerprint)).count == 3, "two identical lines are two lines")
        #expect(a.entries[2].fingerprint == b.entries[0].fingerprint, "the same operation in an overlapping statement")
        #expect(a.entries[2].fingerprint != b.entries[1].fingerprint)
        let other = try BankImporter.plan(later, bankAccount: n("5121"), rules: [], fileName: "b", fileHash: "b")
        #expect(other.entries[0].fingerprint != b.entries[0].fingerprint, "another bank account, another operation")
        #expect(a.entries.allSatisfy { $0.entry.lines[1].account == n("471") }, "no rule: waiting account")
    }

    /// The lines are filed on a second thread while the batch is read: read from the last line
    /// back (ahead of that thread), in order, or twice, a batch gives the same entries, and
    /// identical lines of one day keep ranks in date order (the fingerprints of a file's order).
    @Test func aBatchReadAheadOfItsFilingGivesTheSameEntries() throws {
        let days = try ["2024-03-06", "2024-03-05", "2024-03-07"].map { try Day(parsing: $0) }
        let lines = (0..<3000).map { i in
            StatementLine(line: i + 2, date: days[i % 3], label: i % 5 == 0 ? "PRLV SEPA OVH" : "VIR SEPA DE LEA MARTIN", amount: Money(cents: -100))
        }
        let statement = Statement(format: "t", formatName: "t", encoding: .utf8, accountID: nil, lines: lines, closingBalance: nil, closingDate: nil)
        let rules = [Rule(position: 1, pattern: "OVH", account: n("6262"))]
        let backwards = try BankImporter.plan(statement, bankAccount: n("512"), rules: rules, fileName: "a", fileHash: "a")
        let last = backwards.entry(at: 2999)
        let forwards = try BankImporter.plan(statement, bankAccount: n("512"), rules: rules, fileName: "a", fileHash: "a")
        #expect(Array(forwards.entries) == Array(backwards.entries) && Array(forwards.entries) == Array(forwards.entries))
        #expect(last == forwards.entry(at: 2999))
        #expect(Set(forwards.entries.map(\.fingerprint)).count == 3000, "identical lines of a day are told apart by their rank")
        #expect(forwards.entries.map(\.date) == forwards.entries.map(\.date).sorted())
        #expect(forwards.entries.map(\.sourceLine).prefix(3) == [3, 6, 9], "a day's lines in the file's order")
        #expect(forwards.entries.filter { $0.rule == 1 }.count == 600)
        #expect(forwards.entries.filter { $0.rule == nil }.allSatisfy { $0.tiers == "LEA MARTIN" })
    }

    /// A label too long for the ledger is refused before any line is filed, naming the first
    /// such line in date order, its line in the file.
    @Test func aLabelTooLongIsRefusedWithItsLine() throws {
        let day = try Day(parsing: "2024-03-06")
        var lines = (0..<500).map { StatementLine(line: $0 + 2, date: day, label: "VIR \($0)", amount: Money(cents: 100)) }
        lines[321] = StatementLine(line: 323, date: day, label: String(repeating: "A", count: String.maxLedgerText + 1), amount: Money(cents: 100))
        let statement = Statement(format: "t", formatName: "t", encoding: .utf8, accountID: nil, lines: lines, closingBalance: nil, closingDate: nil)
        let error = #expect(throws: LocatedError.self) {
            try BankImporter.plan(statement, bankAccount: n("512"), rules: [], fileName: "long.csv", fileHash: "h")
        }
        #expect(error?.file == "long.csv" && error?.line == 323)
    }
}

/// A statement label's blanks (`CSVStatementReader.collapse`): spaces, tabs and line feeds; a
/// CR/LF is one character, not a blank, and no-break spaces stay.
@Suite struct StatementLabelBlanks {
    @Test func spacesTabsAndLineFeedsCollapse() {
        #expect(CSVStatementReader.collapse("  VIR  SEPA\tDUPONT \n") == "VIR SEPA DUPONT")
        #expect(CSVStatementReader.collapse("a\r\nb") == "a\r\nb")
        #expect(CSVStatementReader.collapse("a \r\n b") == "a \r\n b")
        #expect(CSVStatementReader.collapse("a\rb ") == "a\rb")
        #expect(CSVStatementReader.collapse("a\u{A0}\u{A0}b") == "a\u{A0}\u{A0}b")
        #expect(CSVStatementReader.collapse("a \u{202F} b") == "a \u{202F} b")
        #expect(CSVStatementReader.collapse("\t \t") == "")
        #expect(CSVStatementReader.collapse("CB|CARREFOUR;x") == "CB|CARREFOUR;x")
        #expect(CSVStatementReader.collapse(" \u{301}x") == " \u{301}x")
        #expect(CSVStatementReader.collapse("Déjà propre") == "Déjà propre")
    }
}
