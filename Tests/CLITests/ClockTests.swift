import Foundation
import Testing
@testable import compta
import LedgerStore
import Ledger

/// One clock per command, passed down: at 00:30 in Paris on 1 January it is still 31 December
/// in UTC, and everything a command stamps, counts to or names is Paris's day.
@Suite struct OneClock {
    static let newYear = ["TZ": "Europe/Paris", "COMPTA_MAINTENANT": "2024-12-31T23:30:00Z"]
    static let firstOfJanuary = Day(year: 2025, month: 1, day: 1)!

    /// An exercice from 1 July 2024 to 30 June 2025, a rent paid on 1 January, a budget.
    static func midYear() -> Sandbox {
        let s = Sandbox()
        #expect(s.run(["init", "--nom", "Club", "--debut", "2024-07-01"], environment: newYear).code == 0)
        #expect(s.run(["saisir", firstOfJanuary.iso, "Location", "6132=600", "512"], environment: newYear).code == 0)
        let budget = s.write("budget.csv", "poste;sens;montant;comptes\nLocation;dépense;1200;6132\n")
        #expect(s.run(["budget", "importer", budget], environment: newYear).code == 0)
        return s
    }

    @Test func validerStampsAndValidatesTheLocalDay() throws {
        let s = Self.midYear()
        let r = s.run(["valider"], environment: Self.newYear)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.hasPrefix("1 écriture validée (le \(Self.firstOfJanuary.french))"), "\(r.out)")
        let entries = try Store.open(path: s.ledger, now: .machine).entries(EntryQuery())
        #expect(entries.map { $0.validation?.date } == [Self.firstOfJanuary])
    }

    @Test func budgetCountsTheFirstOfJanuaryAsElapsed() throws {
        let s = Self.midYear()
        let r = s.run(["budget"], environment: Self.newYear)
        #expect(r.code == 0, "\(r.err)")
        let start = Day(year: 2024, month: 7, day: 1)!
        #expect(r.out.contains("Au \(Self.firstOfJanuary.french), \(start.daysThrough(Self.firstOfJanuary)) jours sur "), "\(r.out)")
    }

    @Test func theBackupIsNamedAfterTheLocalDay() throws {
        let s = Self.midYear()
        let r = s.run(["sauvegarder"], environment: Self.newYear)
        #expect(r.code == 0, "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: s.path("compta-sauvegarde-\(Self.firstOfJanuary.iso).sqlite")))
    }

    /// The instant stays UTC in the ledger; the import day and time are shown as the user's clock said.
    @Test func anImportIsStampedInUTCAndShownInLocalTime() throws {
        let s = Self.midYear()
        let statement = s.write("releve.csv", "Date;Libellé;Montant\n31/12/2024;COTISATION;20,00\n")
        #expect(s.run(["importer", statement], environment: Self.newYear).code == 0)
        let list = s.run(["releves", "--format", "csv", "--sans-bom"], environment: Self.newYear).out
        let row = list.split(separator: "\r\n").dropFirst().first.map { $0.split(separator: ";").map(String.init) } ?? []
        #expect(row.dropFirst(3).prefix(2) == [Self.firstOfJanuary.french, "2024-12-31T23:30:00Z"], "\(list)")
        let again = s.run(["importer", statement], environment: Self.newYear)
        #expect(again.out.contains("Ce fichier a déjà été importé (le \(Self.firstOfJanuary.french) à 00:30)"), "\(again.out)")
    }

    /// Closing at 00:30 on 1 January: the exercice is closed on that day, its à-nouveaux validated on it.
    @Test func aClosingIsDatedTheLocalDay() throws {
        let s = Sandbox()
        #expect(s.run(["init", "--nom", "Club", "--debut", "2024-01-01"], environment: Self.newYear).code == 0)
        #expect(s.run(["saisir", "2024-12-31", "Cotisation", "512=50", "756"], environment: Self.newYear).code == 0)
        #expect(s.run(["valider"], environment: Self.newYear).code == 0)
        let r = s.run(["cloturer", "--exercice", "2024"], environment: Self.newYear)
        #expect(r.code == 0, "\(r.err)")
        let store = try Store.open(path: s.ledger, now: .machine)
        #expect(Set(try store.entries(EntryQuery()).map { $0.validation?.date }) == [Self.firstOfJanuary])
        let exercices = try store.dump().components(separatedBy: "## exercice\n")[1].split(separator: "\n").prefix { !$0.hasPrefix("##") }
        let closed = exercices.first { $0.hasPrefix("1|2024|") }.map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) } ?? []
        #expect(closed.contains(Self.firstOfJanuary.iso), "\(exercices)")
    }

    @Test func aMalformedClockIsRefused() throws {
        let s = Self.midYear()
        for bad in ["demain", "2025-01-01", "2025-01-01T00:30:00"] {
            try s.refuses(["saisir", Self.firstOfJanuary.iso, "Location", "6132=600", "512"], says: [
                "compta saisir : COMPTA_MAINTENANT : « \(bad) » n'est pas un instant ISO 8601 (par exemple 2025-01-01T00:30:00+01:00)",
                "retirez-la pour que compta lise l'heure de la machine"], environment: ["COMPTA_MAINTENANT": bad])
        }
    }
}
