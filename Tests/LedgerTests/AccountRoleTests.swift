import Testing
@testable import Ledger

// The roles of the chart are named once (Accounts.swift): each name must be what both charts
// call it, and an account's nature what its class makes it.

@Suite struct AccountRoles {
    @Test(arguments: ChartVersion.allCases)
    func theNamedAccountsAreTheChartsOnes(_ chart: ChartVersion) throws {
        let labels = Dictionary(try PlanComptableData.accounts(chart).map { ($0.number, $0.label) }, uniquingKeysWith: { a, _ in a })
        // 471 is the PCG's, added by the store to every ledger (the association charts lack it).
        #expect(labels[AccountNumber.waiting.text] == nil)
        #expect(labels[AccountNumber.excedent.text]?.contains("excédent") == true)
        #expect(labels[AccountNumber.deficit.text]?.contains("déficit") == true)
        #expect(labels[AccountNumber.reportCrediteur.text]?.contains("créditeur") == true)
        #expect(labels[AccountNumber.reportDebiteur.text]?.contains("débiteur") == true)
        #expect(labels[AccountGroup.bank]?.hasPrefix("Banques") == true)
        #expect(labels[AccountGroup.cash]?.hasPrefix("Caisse") == true)
        #expect(labels[AccountGroup.internalTransfers]?.hasPrefix("Virements internes") == true)
        #expect(labels[AccountGroup.cvnEmplois]?.contains("contributions volontaires") == true)
        #expect(labels[AccountGroup.cvnContributions]?.lowercased().hasPrefix("contributions volontaires") == true)
        for prefix in AccountGroup.treasury + AccountGroup.allocationDestinations + AccountGroup.receivablesAndDebts
            + [AccountGroup.transitory, AccountGroup.financial] {
            #expect(labels.keys.contains { $0.hasPrefix(prefix) }, "\(prefix) in \(chart)")
        }
    }

    @Test func aNatureIsItsClassesAndNoOther() {
        for digit in 1...8 {
            let nature = AccountNature(classDigit: digit)
            #expect(nature.prefixes.contains(String(digit)))
            #expect(nature.isResult == (digit == 6 || digit == 7))
            #expect(AccountNumber(trusted: "\(digit)01").nature == nature)
        }
        #expect(AccountNature.prefixes(.charge, .produit, .contributionEnNature) == ["6", "7", "8"])
        #expect(AccountNature.bilan.prefixes == ["1", "2", "3", "4", "5"])
    }
}
