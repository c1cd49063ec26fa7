import Foundation
import Testing
@testable import compta
@testable import PlanComptable

/// The installed program is one file (`.ci/installation` copies it alone out of the checkout
/// and runs it): the data files it reads are built into it as Swift strings, written by
/// `swift run compta-embed`. Each must be its file, byte for byte, so that the files stay the
/// ones people edit.
@Suite struct BuiltInFiles {
    static func check(_ embedded: [String: String], are folder: String) throws {
        let url = packageURL(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(embedded.keys.sorted() == names, "\(folder) has other files than the program: run swift run compta-embed")
        for name in names {
            let file = Array(try Data(contentsOf: url.appendingPathComponent(name)))
            let built = Array((embedded[name] ?? "").utf8)
            if built != file {
                let same = zip(built, file).prefix { $0 == $1 }.count
                let line = file.prefix(same).filter { $0 == UInt8(ascii: "\n") }.count + 1
                Issue.record("\(folder)/\(name), line \(line): not the text built into the program; run swift run compta-embed")
            }
        }
    }

    @Test func chartsAndLayoutsAreTheirFiles() throws { try Self.check(ChartFiles.files, are: "PlanComptable/Resources") }

    @Test func demoBooksAreTheirFiles() throws { try Self.check(DemoFiles.files, are: "Fixtures/cloud-girofle-2024") }

    /// A program built without one of its data files says so in French, it does not crash.
    @Test func aMissingDataFileIsAMessage() {
        #expect(throws: PlanComptableError.missingResource("absent.csv")) { try PlanComptableData.records("absent") }
        #expect(Messages.describe(PlanComptableError.missingResource("pca-2018.csv"))
                == "ce programme a été construit sans son fichier de données pca-2018.csv : reconstruisez-le depuis le dossier "
                + "de Compta (swift run compta-embed, puis swift build -c release) et installez-le de nouveau.")
    }
}
