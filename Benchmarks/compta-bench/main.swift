// compta-bench: writes deterministic synthetic books for the benchmarks (Benchmarks/run.sh).
//
//   compta-bench N DOSSIER
//
// N transactions from 2020 to 2024 on two bank accounts (5121 courant, 5122 livret), as
//   - releve-5121.csv and releve-5122.csv: statements in the generic CSV layout (Date;Libellé;Montant);
//   - regles.csv: the categorisation rules, a few with projects; comptes.txt, projets.txt: what to create;
//   - releve-5121.rules: the same rules for hledger's CSV reader (the import's peer);
//   - budget-2024.csv: a budget for the last exercice;
//   - journal.ledger: the same transactions as a journal hledger and ledger-cli read;
//   - cotisations.csv: whatever N, 100 000 cotisations of 20 000 members over 2023-2024, as an
//     entries file with a tiers column (the members' listing, `compta adherents`);
//   - releve.cfonb and releve-camt053.xml: N operations of one account in the two standard
//     formats (CFONB 120 with a name complement per operation, camt.053.001.02 with details);
//   - releve-tiers.csv: whatever N, a 2024 statement of 100 000 lines (for account 5123) whose
//     labels name some 20 000 people in the shapes the import reads (« /DE X /MOTIF »,
//     « DE: X MOTIF: », « VIR SEPA RECU X », « PRLV SEPA X »).
import Foundation
import Ledger

struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}

/// What a kind of operation looks like: bank label, account, project, sign, typical amount.
struct Kind {
    let label: String
    let account: String
    let project: String?
    let income: Bool
    let cents: Int
}

let kinds: [Kind] = [
    Kind(label: "PRLV SEPA OVH SAS", account: "604A", project: nil, income: false, cents: 5_500),
    Kind(label: "PRLV SEPA OVH SAS PUBLIC CLOUD", account: "604A", project: "BL-EVOLUTION", income: false, cents: 32_000),
    Kind(label: "PRLV SEPA RETZO", account: "604C", project: nil, income: false, cents: 5_500),
    Kind(label: "VIR SEPA GABRIEL MARTIN FACTURE", account: "604D", project: "BL-EVOLUTION", income: false, cents: 84_000),
    Kind(label: "CB LDLC", account: "6063", project: nil, income: false, cents: 12_000),
    Kind(label: "CB SNCF CONNECT", account: "625", project: nil, income: false, cents: 8_000),
    Kind(label: "CB LA POSTE", account: "626", project: nil, income: false, cents: 1_500),
    Kind(label: "COTIS OFFRE ASSOCIATIVE FRAIS", account: "627", project: nil, income: false, cents: 531),
    Kind(label: "VIR SEPA GITE DU MOULIN CAMP", account: "6132", project: "CAMP-CHATONS", income: false, cents: 90_000),
    Kind(label: "VIR SEPA TRAITEUR CAMP", account: "604", project: "CAMP-CHATONS", income: false, cents: 40_000),
    Kind(label: "VIR SEPA SOUTIEN", account: "6571", project: nil, income: false, cents: 50_000),
    Kind(label: "VIR SEPA URSSAF", account: "645", project: nil, income: false, cents: 60_000),
    Kind(label: "VIR SEPA SALAIRE", account: "641", project: nil, income: false, cents: 150_000),
    Kind(label: "VIR SEPA RECU HELLOASSO COTISATIONS", account: "7562", project: nil, income: true, cents: 80_000),
    Kind(label: "VIR SEPA RECU COTISATION", account: "7562", project: nil, income: true, cents: 4_500),
    Kind(label: "VIR SEPA RECU BL EVOLUTION SAS FACTURE", account: "706", project: "BL-EVOLUTION", income: true, cents: 320_000),
    Kind(label: "VIR SEPA RECU INSCRIPTION CAMP", account: "754", project: "CAMP-CHATONS", income: true, cents: 15_000),
    Kind(label: "VIR SEPA RECU DON", account: "754", project: nil, income: true, cents: 3_000),
    Kind(label: "VIR SEPA RECU SUBVENTION MAIRIE", account: "740", project: nil, income: true, cents: 200_000),
    Kind(label: "VIR SEPA RECU VENTE STICKERS", account: "707", project: nil, income: true, cents: 2_000),
    Kind(label: "VIR SEPA RECU INCONNU", account: "471", project: nil, income: true, cents: 1_000),
]

let accountLabels = ["604A": "OVH", "604C": "Retzo", "604D": "Prestation Gab", "5121": "Compte courant", "5122": "Livret", "5123": "Compte des adhésions"]

let args = CommandLine.arguments
guard args.count == 3, let n = Int(args[1]), n > 0 else {
    FileHandle.standardError.write(Data("usage : compta-bench N DOSSIER\n".utf8))
    exit(2)
}
let folder = URL(fileURLWithPath: args[2])
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

var g = Generator(state: 20_240_101)
let first = Day(year: 2020, month: 1, day: 1)!, days = Day(year: 2024, month: 12, day: 31)!.ordinal - first.ordinal + 1
var statements: [String: String] = ["5121": "Date;Libellé;Montant\n", "5122": "Date;Libellé;Montant\n"]
var journal = "; Synthetic books, \(n) transactions\ncommodity 1000.00 EUR\n\n"
statements.reserveCapacity(2)
var lines5121 = [String](), lines5122 = [String]()
lines5121.reserveCapacity(n)
for i in 0..<n {
    let day = Day(ordinal: first.ordinal + (i * days) / n)
    let onLivret = g.next(20) == 0
    let kind = onLivret ? Kind(label: "INTERETS LIVRET", account: "768", project: nil, income: true, cents: 900) : kinds[g.next(kinds.count)]
    let amount = max(1, kind.cents / 2 + g.next(kind.cents + 1))
    let signed = kind.income ? amount : -amount
    let bank = onLivret ? "5122" : "5121"
    let label = "\(kind.label) \(g.next(100))"
    let text = "\(day.french);\(label);\(Money(cents: Int64(signed)).plain)\n"
    if onLivret { lines5122.append(text) } else { lines5121.append(text) }
    let euros = { (c: Int) in Money(cents: Int64(c)).plain.replacingOccurrences(of: ",", with: ".") }
    journal += "\(day.iso) \(label)\n    \(bank)  \(euros(signed)) EUR\n    \(kind.account)  \(euros(-signed)) EUR\(kind.project.map { "  ; projet:\($0)" } ?? "")\n\n"
}
try (statements["5121"]! + lines5121.joined()).write(to: folder.appendingPathComponent("releve-5121.csv"), atomically: true, encoding: .utf8)
try (statements["5122"]! + lines5122.joined()).write(to: folder.appendingPathComponent("releve-5122.csv"), atomically: true, encoding: .utf8)
try journal.write(to: folder.appendingPathComponent("journal.ledger"), atomically: true, encoding: .utf8)

// 50 first names by 400 last names (two syllables each): 20 000 people.
let firstNames = ["LEA", "ZOE", "ELOISE", "CHLOE", "EMMA", "JADE", "LOUISE", "ALICE", "INES", "LINA", "ROSE", "ANNA", "MILA", "JULIA",
                  "NINA", "IRIS", "CLARA", "SARAH", "CAMILLE", "LUCIE", "MANON", "PAULINE", "ELISE", "HELENE", "JEANNE", "GABRIEL",
                  "LEO", "RAPHAEL", "ARTHUR", "LOUIS", "JULES", "ADAM", "MAEL", "LUCAS", "HUGO", "NOAH", "PAUL", "SACHA", "TOM",
                  "THEO", "VICTOR", "OSCAR", "SAMIR", "KARIM", "FARID", "BASILE", "DENIS", "MARC", "BRUNO", "QUENTIN"]
let syllables = ["MAR", "TIN", "DU", "RAND", "BER", "NARD", "PE", "TIT", "RO", "BLAN", "FAU", "GAR", "NIER", "LE", "FEB", "VRE",
                 "CHE", "VAL", "LIER", "MO"]
let lastNames = syllables.flatMap { a in syllables.map { a + $0 } }
var tiersLines = ["Date;Libellé;Montant\n"]
tiersLines.reserveCapacity(100_001)
let year = Day(year: 2024, month: 1, day: 1)!
for i in 0..<100_000 {
    let day = Day(ordinal: year.ordinal + (i * 366) / 100_000)
    let person = g.next(firstNames.count * lastNames.count)
    let name = "\(firstNames[person % firstNames.count]) \(lastNames[person / firstNames.count])"
    let label: String, cents: Int
    switch g.next(4) {
    case 0: label = "VIR SEPA RECU /DE \(name) /MOTIF COTISATION 2024 /REF \(100_000 + g.next(900_000))"; cents = 1_000 + g.next(5_000)
    case 1: label = "VIR RECU \(10_000_000_000 + g.next(1_000_000)) DE: \(name) MOTIF: DON \(g.next(100))"; cents = 500 + g.next(20_000)
    case 2: label = "VIR SEPA RECU \(name) ADHESION 2024"; cents = 1_000 + g.next(5_000)
    default: label = "PRLV SEPA \(name) ECHEANCE \(day.french.prefix(5))"; cents = -(500 + g.next(3_000))
    }
    tiersLines.append("\(day.french);\(label);\(Money(cents: Int64(cents)).plain)\n")
}
try tiersLines.joined().write(to: folder.appendingPathComponent("releve-tiers.csv"), atomically: true, encoding: .utf8)

var rules = "position;motif;regex;sens;min;max;compte;projet;libelle\n"
for (i, k) in kinds.enumerated() where k.account != "471" {
    rules += "\(i + 1);\(k.label);;\(k.income ? "recette" : "depense");;;\(k.account);\(k.project ?? "");\n"
}
rules += "100;INTERETS LIVRET;;recette;;;768;;\n"
try rules.write(to: folder.appendingPathComponent("regles.csv"), atomically: true, encoding: .utf8)
// hledger applies every matching `if` block, the last one winning: the first rule goes last.
var hledgerRules = "skip 1\nseparator ;\nfields date, description, amount\ndate-format %d/%m/%Y\ndecimal-mark ,\naccount1 5121\naccount2 471\n"
for k in kinds.reversed() where k.account != "471" {
    hledgerRules += "\nif \(k.label)\n  account2 \(k.account)\n"
}
try hledgerRules.write(to: folder.appendingPathComponent("releve-5121.rules"), atomically: true, encoding: .utf8)
try accountLabels.sorted { $0.key < $1.key }.map { "\($0.key);\($0.value)\n" }.joined()
    .write(to: folder.appendingPathComponent("comptes.txt"), atomically: true, encoding: .utf8)
try "BL-EVOLUTION;BL-Évolution\nCAMP-CHATONS;Camp CHATONS\n".write(to: folder.appendingPathComponent("projets.txt"), atomically: true, encoding: .utf8)
let budget = """
poste;sens;montant;comptes;projet;remarque
Hébergement;dépense;\(n * 3);604A 604C;;
Prestations;dépense;\(n * 2);604 604D;;
Personnel;dépense;\(n * 8);641 645;;
Fonctionnement;dépense;\(n);6063 625 626 627;;
Soutiens;dépense;\(n);6571;;
Camp;dépense;\(n);6132;CAMP-CHATONS;
Cotisations;recette;\(n * 6);756;;
Prestations BL;recette;\(n * 4);706;;
Dons et inscriptions;recette;\(n * 2);754;;
Subventions;recette;\(n * 3);74;;
"""
try budget.write(to: folder.appendingPathComponent("budget-2024.csv"), atomically: true, encoding: .utf8)
// Members: 20 000 people (a few share a surname and first name pattern), each paying now and then.
var cotisations = "date;journal;piece;libelle;compte;debit;credit;projet;ecriture;tiers\n"
let memberFirstNames = ["Léa", "Paul", "Zoé", "Marc", "Inès", "Hugo", "Chloé", "Nabil", "Anne", "Yann"]
let start2023 = Day(year: 2023, month: 1, day: 1)!
for i in 0..<100_000 {
    let member = g.next(20_000)
    let day = Day(ordinal: start2023.ordinal + (i * 731) / 100_000)
    let euros = Money(cents: Int64(500 + g.next(60) * 100)).plain
    let who = "\(memberFirstNames[member % memberFirstNames.count]) Membre\(member)"
    cotisations += "\(day.french);BQ;;Cotisation;512;\(euros);;;\(i + 1);\n\(day.french);BQ;;Cotisation;7562;;\(euros);;\(i + 1);\(who)\n"
}
try cotisations.write(to: folder.appendingPathComponent("cotisations.csv"), atomically: true, encoding: .utf8)
print("\(n) transactions écrites dans \(folder.path) (\(lines5121.count) sur 5121, \(lines5122.count) sur 5122).")

// The standard formats: N operations of one account, over the same five years.
func overpunch(_ cents: Int) -> String {
    let digits = String(format: "%014d", abs(cents))
    let last = Int(String(digits.last!))!
    let table = Array(cents < 0 ? "}JKLMNOPQR" : "{ABCDEFGHI")
    return digits.dropLast() + String(table[last])
}
func field(_ s: String, _ n: Int) -> String { s.count >= n ? String(s.prefix(n)) : s + String(repeating: " ", count: n - s.count) }
func yymmdd(_ d: Day) -> String { String(format: "%02d%02d%02d", d.day, d.month, d.year % 100) }
let account = "00012345678", head = "30004    00123EUR2 " + account
var cfonb = ["01" + head + "  " + yymmdd(first) + String(repeating: " ", count: 50) + overpunch(1_000_000) + String(repeating: " ", count: 16)]
cfonb.reserveCapacity(2 * n + 2)
var camt = """
<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2025-01-01T00:00:00</CreDtTm></GrpHdr>
<Stmt><Id>BENCH</Id><Acct><Id><IBAN>FR7630004001230001234567890</IBAN></Id></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">10000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2020-01-01</Dt></Dt></Bal>

"""
var g2 = Generator(state: 20_250_101)
var balance = 1_000_000
for i in 0..<n {
    let day = Day(ordinal: first.ordinal + (i * days) / n)
    let kind = kinds[g2.next(kinds.count)]
    let amount = max(1, kind.cents / 2 + g2.next(kind.cents + 1))
    let signed = kind.income ? amount : -amount
    balance += signed
    let label = "\(kind.label) \(g2.next(100))"
    let name = "TIERS \(g2.next(500))"
    let date = yymmdd(day)
    cfonb.append("04" + head + "05" + date + "  " + date + field(label, 31) + "  0000000" + "00" + overpunch(signed) + String(repeating: " ", count: 16))
    cfonb.append("05" + head + "05" + date + "     " + (kind.income ? "NPY" : "NBE") + field(name, 70) + "  ")
    let euros = Money(cents: Int64(amount)).plain.replacingOccurrences(of: ",", with: ".")
    camt += "<Ntry><Amt Ccy=\"EUR\">\(euros)</Amt><CdtDbtInd>\(kind.income ? "CRDT" : "DBIT")</CdtDbtInd><Sts>BOOK</Sts>"
        + "<BookgDt><Dt>\(day.iso)</Dt></BookgDt><NtryDtls><TxDtls><AmtDtls><TxAmt><Amt Ccy=\"EUR\">\(euros)</Amt></TxAmt></AmtDtls>"
        + "<RltdPties><\(kind.income ? "Dbtr" : "Cdtr")><Nm>\(name)</Nm></\(kind.income ? "Dbtr" : "Cdtr")></RltdPties>"
        + "<RmtInf><Ustrd>\(label)</Ustrd></RmtInf></TxDtls></NtryDtls><AddtlNtryInf>\(kind.label)</AddtlNtryInf></Ntry>\n"
}
let last = Day(ordinal: first.ordinal + days - 1)
cfonb.append("07" + head + "  " + yymmdd(last) + String(repeating: " ", count: 50) + overpunch(balance) + String(repeating: " ", count: 16))
try (cfonb.joined(separator: "\r\n") + "\r\n").write(to: folder.appendingPathComponent("releve.cfonb"), atomically: true, encoding: .utf8)
let closing = Money(cents: Int64(abs(balance))).plain.replacingOccurrences(of: ",", with: ".")
camt += "<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">\(closing)</Amt><CdtDbtInd>\(balance < 0 ? "DBIT" : "CRDT")</CdtDbtInd>"
    + "<Dt><Dt>\(last.iso)</Dt></Dt></Bal>\n</Stmt></BkToCstmrStmt></Document>\n"
try camt.write(to: folder.appendingPathComponent("releve-camt053.xml"), atomically: true, encoding: .utf8)
