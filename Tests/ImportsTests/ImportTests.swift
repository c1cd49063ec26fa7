import Foundation
import Testing
import Ledger
import LedgerStore
@testable import Imports

func day(_ s: String) -> Day { try! Day(parsing: s) }

extension Now {
    /// The machine's time, as a command run now sees it (no `COMPTA_MAINTENANT`).
    static var machine: Now { Now(at: Date(), in: .current)! }
}

/// A 2024 ledger with the accounts and projects the Cloud Girofle rules use.
func girofle() throws -> Store {
    let store = try Store.inMemory(name: "Cloud Girofle", start: day("2024-01-01"), now: .machine)
    for (n, l) in [("604A", "OVH"), ("604B", "Globenet"), ("604C", "Retzo"), ("604D", "Prestation Gab"), ("604E", "Mailcow"), ("604F", "Kimsufi"), ("5122", "Livret")] {
        try store.addAccount(AccountNumber(trusted: n), label: l)
    }
    try store.addProject(code: "BL-EVOLUTION", name: "BL-Évolution")
    try store.addProject(code: "CAMP-CHATONS", name: "Camp CHATONS")
    let rules = try RuleFile.read(try String(contentsOf: fixture("cloud-girofle-2024/regles.csv"), encoding: .utf8), file: nil)
    try store.replaceRules(rules)
    return store
}

func options(_ name: String, dryRun: Bool = false, account: String = "512") -> ImportOptions {
    ImportOptions(fileName: name, bankAccount: AccountNumber(trusted: account), dryRun: dryRun)
}

/// Lines of a CSV (generic layout) statement.
func csv(_ rows: [String]) -> [UInt8] { Array(("Date;Libellé;Montant\n" + rows.joined(separator: "\n") + "\n").utf8) }

@Suite struct Importing {
    @Test func theCloudGirofleYearImportsOnceAndOnlyOnce() throws {
        let store = try girofle()
        let data = try bytes("cloud-girofle-2024/releve-2024.csv")
        let first = try BankImporter.run(data, options: options("releve-2024.csv"), ledger: store)
        #expect(first.linesRead == 207)
        #expect(first.newLines == 207)
        #expect(first.waiting.count == 1)
        #expect(first.waiting[0].entry.bankLabel.contains("PETITS DEBROUILLARDS"))
        #expect(first.filedByRule == 206)
        let dump = try store.dump()
        let second = try BankImporter.run(data, options: options("releve-2024.csv"), ledger: store)
        #expect(second.newLines == 0)
        #expect(second.alreadyThere == 207)
        #expect(second.outcome.sameFileImportedOn != nil)
        #expect(try store.dump().replacingOccurrences(of: "\n", with: "").count > 0)
        // Only the statement record of the second import is new: no entry, no line.
        #expect(try store.entries(EntryQuery()).count == 207)
        _ = dump
        let totals = try store.totals(TotalsQuery(accountPrefixes: ["512"]))
        #expect(Money.sum(totals.map(\.balance)) == Money(cents: 671_106))
    }

    /// Operations already on another bank account are found day by day (a day's lines of the
    /// other accounts are read once): the same day, amount and label. Half the statement or more
    /// there is refused, naming the account and its statement; fewer is written.
    @Test func operationsOfAnotherAccountAreFoundDayByDay() throws {
        let store = try girofle()
        let first = try BankImporter.run(csv(["04/03/2024;VIR DUPONT;10,00", "04/03/2024;VIR MARTIN;20,00", "05/03/2024;VIR ECOLE;30,00",
                                               "06/03/2024;VIR DURAND;40,00"]), options: options("512.csv"), ledger: store)
        let statement = try #require(first.outcome.statementID)
        // Three of four on 512, over two days (the fourth has another amount): refused.
        #expect(throws: BankAccountError.operationsOfAnotherAccount(found: 3, count: 4, importedInto: AccountNumber(trusted: "512"),
                                                                    statement: statement, asked: AccountNumber(trusted: "5122"))) { try bare {
            try BankImporter.run(csv(["04/03/2024;VIR MARTIN;20,00", "04/03/2024;VIR DUPONT;10,00", "05/03/2024;VIR ECOLE;30,00",
                                      "06/03/2024;VIR DURAND;41,00"]), options: options("b.csv", account: "5122"), ledger: store)
        } }
        // One of four (another label, another amount, a day after): written.
        let second = try BankImporter.run(csv(["04/03/2024;VIR DUPONT;10,00", "05/03/2024;VIR ECOLES;30,00", "06/03/2024;VIR DURAND;41,00",
                                               "07/03/2024;VIR DUPONT;10,00"]), options: options("c.csv", account: "5122"), ledger: store)
        #expect(second.newLines == 4)
    }

    @Test func overlappingStatementsAddOnlyTheNewLines() throws {
        let store = try girofle()
        let march = csv(["01/03/2024;OVH SAS;-10,00", "15/03/2024;VIR CHORALE COTISATION;45,00", "15/03/2024;VIR CHORALE COTISATION;45,00",
                         "31/03/2024;FRAIS COTIS OFFRE ASSOCIATIVE;-5,31"])
        let overlap = csv(["15/03/2024;VIR CHORALE COTISATION;45,00", "15/03/2024;VIR CHORALE COTISATION;45,00",
                           "31/03/2024;FRAIS COTIS OFFRE ASSOCIATIVE;-5,31", "02/04/2024;OVH SAS;-10,00", "15/04/2024;VIR CHORALE COTISATION;45,00"])
        let a = try BankImporter.run(march, options: options("mars.csv"), ledger: store)
        #expect(a.newLines == 4)
        let b = try BankImporter.run(overlap, options: options("mars-avril.csv"), ledger: store)
        #expect(b.newLines == 2)
        #expect(b.alreadyThere == 3)
        let chorale = try store.totals(TotalsQuery(accountPrefixes: ["7562"]))
        #expect(Money.sum(chorale.map(\.credit)) == Money(cents: 13_500), "the two identical lines stay two lines, plus April")
        // Lines are looked up only on the days the ledger has bank lines for: its first day (1 March) and
        // its last (15 April) are among them, February and May are not.
        let around = csv(["28/02/2024;OVH SAS;-10,00", "01/03/2024;OVH SAS;-10,00", "15/04/2024;VIR CHORALE COTISATION;45,00",
                          "02/05/2024;OVH SAS;-10,00"])
        let c = try BankImporter.run(around, options: options("fevrier-mai.csv"), ledger: store)
        #expect(c.newLines == 2)
        #expect(c.alreadyThere == 2)
    }

    @Test func dryRunWritesNothingButSaysEverything() throws {
        let store = try girofle()
        let before = try store.dump()
        let r = try BankImporter.run(try bytes("banques/bpce.csv"), options: options("bpce.csv", dryRun: true), ledger: store)
        #expect(r.newLines == 5)
        #expect(r.dryRun)
        #expect(try store.dump() == before)
    }

    @Test func reconciliationComparesTheBankAndTheLedger() throws {
        let store = try girofle()
        try store.post(EntryDraft(journal: "AN", date: day("2024-01-01"), label: "Ouverture", lines: [
            LineDraft(account: AccountNumber(trusted: "512"), amount: Money(cents: 120_000)),
            LineDraft(account: AccountNumber(trusted: "1021"), amount: Money(cents: -120_000)),
        ]))
        let r = try BankImporter.run(try bytes("banques/credit-agricole.csv"), options: options("ca.csv"), ledger: store)
        #expect(r.batch.closingBalance == Money(cents: 239_925))
        #expect(r.outcome.ledgerBalance == Money(cents: 239_925))
        #expect(r.reconciliation?.difference == .zero)
        var stated = options("x.csv")
        stated.statedBalance = (Money(cents: 100), day("2024-03-31"))
        let again = try BankImporter.run(try bytes("banques/credit-agricole.csv"), options: stated, ledger: store)
        #expect(again.reconciliation?.difference == Money(cents: 100 - 239_925))
    }

    /// A difference is split between the days before the statement (an opening balance missing)
    /// and the statement's own days (an entry on the bank account that the bank does not have).
    @Test func reconciliationSaysWhereTheDifferenceLies() throws {
        let store = try girofle()
        // No opening balance: the bank had 1 200,00 € before its first operation (06/03), the ledger nothing.
        let first = try BankImporter.run(try bytes("banques/credit-agricole.csv"), options: options("ca.csv", dryRun: true), ledger: store)
        let r = try #require(first.reconciliation)
        #expect(r.before?.day == day("2024-03-04"))
        #expect(r.before?.statement == Money(cents: 120_000))
        #expect(r.before?.ledger == .zero)
        #expect(r.differenceBefore == Money(cents: 120_000))
        #expect(r.differenceDuring == .zero)
        // With the opening balance, and a payment typed by hand on 512 that the bank never made.
        try store.post(EntryDraft(journal: "AN", date: day("2024-01-01"), label: "Ouverture", lines: [
            LineDraft(account: AccountNumber(trusted: "512"), amount: Money(cents: 120_000)),
            LineDraft(account: AccountNumber(trusted: "1021"), amount: Money(cents: -120_000)),
        ]))
        try store.post(EntryDraft(journal: "BQ", date: day("2024-03-20"), label: "Chèque", lines: [
            LineDraft(account: AccountNumber(trusted: "6063"), amount: Money(cents: 4_990)),
            LineDraft(account: AccountNumber(trusted: "512"), amount: Money(cents: -4_990)),
        ]))
        let second = try #require(try BankImporter.run(try bytes("banques/credit-agricole.csv"), options: options("ca.csv"), ledger: store).reconciliation)
        #expect(second.differenceBefore == .zero)
        #expect(second.differenceDuring == Money(cents: 4_990))
        #expect(second.difference == Money(cents: 4_990))
    }

    /// An operation another statement brought under another label (the same account exported
    /// in another format) is pointed out, one for one: never more than the ledger has of that
    /// day and amount, less those this statement found again by their fingerprint.
    @Test func probableDuplicatesArePointedOut() throws {
        let store = try girofle()
        try store.addAccount(AccountNumber(trusted: "5121"), label: "Crédit Agricole bis")
        _ = try BankImporter.run(try bytes("banques/credit-agricole.csv"), options: options("ca.csv"), ledger: store)
        let other = csv(["06/03/2024;VIR CHORALE COTIS;45,00", "06/03/2024;VIR CHORALE COTIS;45,00", "06/03/2024;VIR CHORALE COTIS;45,00",
                         "12/03/2024;FRAIS TENUE DE COMPTE 03/2024;-5,31", "12/03/2024;COMMISSION;-5,31",
                         "19/03/2024;VIR M LEFEBVRE;1234,56", "02/04/2024;PRLV OVH;-120,00"])
        let r = try BankImporter.run(other, options: options("export.csv", dryRun: true), ledger: store)
        #expect(r.alreadyThere == 1, "the fees, same label: found by their fingerprint")
        // Two of the three 45,00 € (the ledger has two); not the second 5,31 € (the first was found
        // again); not 19/03 (another day) nor April.
        let flagged = r.outcome.probableDuplicates.map { r.batch.entry(at: $0.position) }.map { "\($0.sourceLine) \($0.amount.plain)" }
        #expect(flagged == ["2 45,00", "3 45,00"])
        #expect(r.outcome.probableDuplicates.first?.earlierLabel == "VIREMENT EN VOTRE FAVEUR CHORALE COTISATION 2024")
        #expect(r.outcome.probableDuplicates.first?.earlierStatement == 1)
        // Another account of the ledger: nothing to compare with.
        let elsewhere = try BankImporter.run(other, options: options("export.csv", dryRun: true, account: "5121"), ledger: store)
        #expect(elsewhere.outcome.probableDuplicates.isEmpty)
    }

    /// `--du`: the operations before the day are left out, and counted.
    @Test func operationsBeforeADayAreLeftOut() throws {
        let store = try girofle()
        let data = csv(["28/03/2024;A;-1,00", "31/03/2024;B;-2,00", "01/04/2024;C;-3,00", "02/04/2024;D;-4,00"])
        var o = options("x.csv")
        o.from = day("2024-04-01")
        let r = try BankImporter.run(data, options: o, ledger: store)
        #expect(r.linesRead == 4)
        #expect(r.newLines == 2)
        #expect(r.reading.before == 2)
        #expect(r.batch.entries.map(\.bankLabel) == ["C", "D"])
        o.from = day("2024-04-03")
        let before = try store.dump()
        #expect(throws: StatementError.noOperationsFrom(day("2024-04-03"), lastDate: day("2024-04-02"))) {
            try BankImporter.run(data, options: o, ledger: store)
        }
        #expect(try store.dump() == before)
    }

    /// A line of no amount (a fee waived) moves no money: left out, and counted.
    @Test func operationsOfNoAmountAreLeftOut() throws {
        let store = try girofle()
        let r = try BankImporter.run(csv(["05/03/2024;OVH;-12,00", "06/03/2024;COTISATION CARTE OFFERTE;0,00", "07/03/2024;DON;10,00"]),
                                     options: options("x.csv"), ledger: store)
        #expect(r.linesRead == 3)
        #expect(r.newLines == 2)
        #expect(r.reading.zeroAmounts == 1)
        #expect(r.batch.entries.map(\.bankLabel) == ["OVH", "DON"])
    }

    @Test func errorsWriteNothing() throws {
        let store = try girofle()
        _ = try BankImporter.run(try bytes("banques/societe-generale.csv"), options: options("sg.csv"), ledger: store)
        let before = try store.dump()
        // A malformed line in the middle of a statement.
        #expect(throws: StatementError.self) {
            try BankImporter.run(csv(["05/04/2024;OVH;-10,00", "06/04/2024;Frais;-1,2,3"]), options: options("bad.csv"), ledger: store)
        }
        // An operation outside every exercice: nothing of the file is written.
        let outside = #expect(throws: LocatedError.self) { try bare {
            try BankImporter.run(csv(["05/04/2024;OVH;-10,00", "05/01/2025;OVH;-10,00"]), options: options("2025.csv"), ledger: store)
        } }
        #expect(outside?.line == 3)
        // The same bank account imported into another ledger account.
        #expect(throws: BankAccountError.statementOfAnotherAccount(bankAccountID: "00012345678", importedInto: AccountNumber(trusted: "512"),
                                                                    asked: AccountNumber(trusted: "5122"))) { try bare {
            try BankImporter.run(try bytes("banques/societe-generale.csv"), options: options("sg.csv", account: "5122"), ledger: store)
        } }
        // A ledger account that is not a bank account.
        #expect(throws: BankAccountError.notATreasuryAccount(AccountNumber(trusted: "604A"))) {
            try BankImporter.run(try bytes("banques/bpce.csv"), options: options("bpce.csv", account: "604A"), ledger: store)
        }
        // Rules pointing to an account the ledger does not have.
        var bad = options("bpce.csv")
        bad.rules = [Rule(position: 1, pattern: "OVH", account: AccountNumber(trusted: "604Z"))]
        #expect(throws: RuleError.self) { try BankImporter.run(try bytes("banques/bpce.csv"), options: bad, ledger: store) }
        #expect(try store.dump() == before)
    }

    @Test func waitingLinesAreFiledAndTheRuleRemembered() throws {
        let store = try girofle()
        let r = try BankImporter.run(csv(["05/04/2024;VIR LES PETITS DEBROUILLARDS;120,00"]), options: options("a.csv"), ledger: store)
        let number = r.waiting[0].number
        #expect(try store.waitingLines().count == 1)
        let e = try store.exercice(nil)
        _ = try store.assign(entryNumber: number, exercice: nil, to: [AssignmentPart(AccountNumber(trusted: "7562"))], project: nil, label: "Cotisation")
        try store.addRule(Rule(pattern: "PETITS DEBROUILLARDS", account: AccountNumber(trusted: "7562")))
        #expect(try store.waitingLines(exercice: e).isEmpty)
        // Still a draft: filing it again moves its line, it does not add one.
        let again = try store.assign(entryNumber: number, exercice: e, to: [AssignmentPart(AccountNumber(trusted: "754"))], project: nil, label: nil)
        #expect(again.number == number && again.operation?.amount == Money(cents: 12_000))
        #expect(Money.sum(try store.totals(TotalsQuery(accountPrefixes: ["754"])).map(\.credit)) == Money(cents: 12_000))
        _ = try store.assign(entryNumber: number, exercice: e, to: [AssignmentPart(AccountNumber(trusted: "7562"))], project: nil, label: nil)
        #expect(try store.totals(TotalsQuery(accountPrefixes: ["754"])).allSatisfy { $0.balance.isZero })
        let next = try BankImporter.run(csv(["05/05/2024;VIR LES PETITS DEBROUILLARDS;120,00"]), options: options("b.csv"), ledger: store)
        #expect(next.waiting.isEmpty, "next month's statement is filed by the new rule")
        #expect(Money.sum(try store.totals(TotalsQuery(accountPrefixes: ["7562"])).map(\.credit)) == Money(cents: 24_000))
        #expect(Money.sum(try store.totals(TotalsQuery(accountPrefixes: ["471"])).map(\.balance)).isZero, "the filed line left 471's totals")
        #expect(try store.verify().problems.isEmpty, "totals are still the sum of the lines")
    }

    /// Ventilation: one operation filed under several accounts and projects, in a draft or, once
    /// validated, by an OD; a part left on 471 keeps waiting; a split draft is filed again whole.
    @Test func anOperationIsSplitAmongAccounts() throws {
        let store = try girofle()
        let r = try BankImporter.run(csv(["05/04/2024;VIR PAYOUT;245,00", "06/04/2024;VIR COLLECTE;100,00"]), options: options("a.csv"), ledger: store)
        let (payout, gifts) = (r.waiting[0].number, r.waiting[1].number)
        let e = try store.exercice(nil)
        func balance(_ account: String) throws -> Money { try store.balance(of: account, at: e.end) }
        let done = try store.assign(entryNumber: payout, exercice: e, to: [
            AssignmentPart(AccountNumber(trusted: "7562"), amount: Money(cents: 20_000)),
            AssignmentPart(AccountNumber(trusted: "754"), project: "CAMP-CHATONS"),
            AssignmentPart(AccountNumber(trusted: "627"), amount: Money(cents: -500)),
        ], project: nil, label: nil)
        #expect(done.parts.map(\.amount) == [Money(cents: 20_000), Money(cents: 5_000), Money(cents: -500)])
        #expect(try balance("7562") == Money(cents: -20_000) && balance("754") == Money(cents: -5_000) && balance("627") == Money(cents: 500))
        #expect(try store.totals(TotalsQuery(project: .code("CAMP-CHATONS"))).map(\.credit) == [Money(cents: 5_000)])
        #expect(try store.waitingLines(exercice: e).map(\.entry.number) == [gifts])
        // Filed again, whole: the three lines give way to one.
        _ = try store.assign(entryNumber: payout, exercice: e, to: [AssignmentPart(AccountNumber(trusted: "7562"))], project: nil, label: nil)
        #expect(try store.entry(number: payout, in: e).lines.count == 2)
        #expect(try balance("7562") == Money(cents: -24_500) && balance("754").isZero && balance("627").isZero)
        // 60 € known, the rest left on 471 until someone knows.
        _ = try store.assign(entryNumber: gifts, exercice: e, to: [AssignmentPart(AccountNumber(trusted: "754"), amount: Money(cents: 6_000)),
                                                                 AssignmentPart(AccountNumber(trusted: "471"))], project: nil, label: nil)
        #expect(try store.waitingLines(exercice: e).map(\.amount) == [Money(cents: 4_000)])
        // Validated: an OD files the 40 € still waiting, in two parts.
        _ = try store.validate()
        let od = try store.assign(entryNumber: gifts, exercice: e, to: [AssignmentPart(AccountNumber(trusted: "754"), amount: Money(cents: 1_500)),
                                                                      AssignmentPart(AccountNumber(trusted: "7562"))], project: nil, label: nil)
        #expect(od.number != gifts)
        #expect(try store.entry(number: od.number, in: e).lines.map { "\($0.account.text) \(($0.debit - $0.credit).cents)" } == ["471 4000", "754 -1500", "7562 -2500"])
        #expect(try store.waitingLines(exercice: e).isEmpty)
        #expect(try balance("471").isZero && balance("754") == Money(cents: -7_500))
        #expect(try store.verify().problems.isEmpty)
    }

    /// A validated line is filed by an OD that corrects it: it no longer waits, and cannot be filed
    /// twice; cancelling that OD (extourne) puts it back in waiting; an extourned line waits no more.
    @Test func correctionsSettleValidatedWaitingLines() throws {
        let store = try girofle()
        let r = try BankImporter.run(csv(["05/04/2024;VIR LES PETITS DEBROUILLARDS;120,00", "06/04/2024;PRLV INCONNU;-30,00"]),
                                     options: options("a.csv"), ledger: store)
        let (gift, unknown) = (r.waiting[0].number, r.waiting[1].number)
        _ = try store.validate()
        let e = try store.exercice(nil)
        func waiting() throws -> [Int: Money] {
            Dictionary(uniqueKeysWithValues: try store.waitingLines(exercice: e).map { ($0.entry.number, $0.amount) })
        }
        #expect(try waiting() == [gift: Money(cents: 12_000), unknown: Money(cents: -3_000)])
        let od = try store.assign(entryNumber: gift, exercice: e, to: [AssignmentPart(AccountNumber(trusted: "7562"))], project: nil, label: nil).number
        #expect(try waiting() == [unknown: Money(cents: -3_000)], "neither the filed line nor the OD that filed it waits")
        let twice = #expect(throws: StoreError.self) {
            try store.assign(entryNumber: gift, exercice: e, to: [AssignmentPart(AccountNumber(trusted: "7562"))], project: nil, label: nil)
        }
        guard case .notWaiting(gift)? = twice else { Issue.record("\(String(describing: twice))"); return }
        // The OD chose the wrong account: its extourne puts the line back in waiting, to be filed again.
        _ = try store.validate()
        _ = try store.reverse(number: od, in: e)
        #expect(try waiting() == [gift: Money(cents: 12_000), unknown: Money(cents: -3_000)])
        _ = try store.assign(entryNumber: gift, exercice: e, to: [AssignmentPart(AccountNumber(trusted: "754"))], project: nil, label: nil)
        // The unknown debit was a mistake of the bank, cancelled by an extourne.
        _ = try store.reverse(number: unknown, in: e)
        #expect(try waiting().isEmpty)
        #expect(try store.balance(of: "471", at: e.end).isZero)
        #expect(try store.balance(of: "7562", at: e.end).isZero)
        #expect(try store.balance(of: "754", at: e.end) == Money(cents: -12_000))
        #expect(try store.verify().problems.isEmpty)
    }
}

/// The refusal a store call meets, bare (`StoreError.refusal`): a closing's, a budget's, an
/// entry's at its file line.
func bare<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as StoreError { throw e.refusal }
}
