import Foundation
import Testing
@testable import compta
import Ledger

/// A published table: its rows (account, label, amount) and its total.
struct PublishedTable: Equatable {
    var rows: [[String]] = []
    var total = ""
}

/// The tables of `reference/cloud-girofle-2024.md` (the association's published 2024 accounts),
/// in order: whole association charges and produits, BL-Évolution charges and produits, Camp
/// CHATONS charges and produits.
func publishedTables() throws -> [PublishedTable] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("reference/cloud-girofle-2024.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    var tables: [PublishedTable] = []
    var current: PublishedTable? = nil
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
        guard line.hasPrefix("|") else {
            if let t = current { tables.append(t) }
            current = nil
            continue
        }
        let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
            .map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "**", with: "") }
        if cells.first == "Compte" { current = PublishedTable(); continue }
        if cells.first?.hasPrefix("---") == true || cells.first?.hasPrefix(":") == true { continue }
        guard current != nil, cells.count == 3 else { continue }
        if cells[0].isEmpty { current!.total = cells[2] } else { current!.rows.append(cells) }
    }
    return tables.filter { !$0.rows.isEmpty && $0.rows[0][0].first?.isNumber == true }
}

/// Our rendered table, from the CSV output: (account, label, amount) rows and the total.
func renderedTables(_ csv: String) -> [PublishedTable] {
    var tables: [PublishedTable] = []
    var current: PublishedTable? = nil
    for line in csv.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init) {
        let cells = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        if cells.first == "Compte" { current = PublishedTable(); continue }
        guard current != nil else { continue }
        if line.isEmpty || cells.count < 3 { tables.append(current!); current = nil; continue }
        let amount = french(cells[2])
        if cells[0].isEmpty { current!.total = amount } else { current!.rows.append([cells[0], cells[1], amount]) }
    }
    if let t = current { tables.append(t) }
    return tables
}

/// `25801,25` → `25 801,25` (the published writing, with ordinary spaces).
func french(_ plain: String) -> String {
    let parts = plain.split(separator: ",")
    var units = String(parts[0]), grouped = ""
    while units.count > 3 { grouped = " " + units.suffix(3) + grouped; units = String(units.dropLast(3)) }
    return units + grouped + "," + parts[1]
}

@Suite(.serialized) struct CloudGirofleAcceptance {
    /// The 2024 year imported from its bank statement through the real commands gives the
    /// published tables, row by row, to the cent.
    @Test func reportsReproduceThePublishedAccounts() throws {
        let s = Sandbox()
        #expect(s.run("demo").code == 0)
        let published = try publishedTables()
        #expect(published.count == 6)
        let whole = renderedTables(s.run("resultat", "--exercice", "2024", "--format", "csv").out)
        #expect(Array(whole.prefix(2)) == Array(published[0...1]))
        let bl = renderedTables(s.run("resultat", "--exercice", "2024", "--projet", "BL-EVOLUTION", "--format", "csv").out)
        #expect(Array(bl.prefix(2)) == Array(published[2...3]))
        let camp = renderedTables(s.run("resultat", "--exercice", "2024", "--projet", "CAMP-CHATONS", "--format", "csv").out)
        #expect(Array(camp.prefix(2)) == Array(published[4...5]))

        let text = s.run("resultat", "--exercice", "2024").out
        #expect(text.contains("Excédent de l'exercice   6\u{202F}711,06"))
        #expect(s.run("resultat", "--projet", "BL-EVOLUTION").out.contains("Résultat du projet : excédent de 1\u{202F}996,94 €."))
        #expect(s.run("resultat", "--projet", "CAMP-CHATONS").out.contains("Résultat du projet : excédent de 56,00 €."))

        let cash = s.run("tresorerie", "--exercice", "2024", "--format", "csv").out
        #expect(cash.contains("512;Banques;10688,94;32512,31;25801,25;17400,00"))
        #expect(cash.contains("décembre 2024;6408,24;1579,37;17400,00"))
        let bilan = s.run("bilan", "--exercice", "2024", "--format", "csv").out
        #expect(bilan.contains("Total de l'actif;17400,00;10688,94"))
        #expect(bilan.contains("Total du passif;17400,00;10688,94"))
        #expect(bilan.contains("Excédent ou déficit de l'exercice;6711,06;4320,00"))
        // 2023, not closed, has its result before the AG's decision: not a report à nouveau yet.
        #expect(bilan.contains("Résultat en instance d'affectation;4320,00;0,00"))
        #expect(!bilan.contains("Report à nouveau"))

        let n1 = s.run("resultat", "--exercice", "2024", "--comparer", "--format", "csv").out
        #expect(n1.contains("7562;Cotisations avec contrepartie;14066,81;7600,00;6466,81"))
        #expect(n1.contains(";Total des produits;32512,31;9000,00;23512,31"))
        #expect(!s.run("resultat", "--exercice", "2024", "--comparer").out.contains("la même période"), "whole exercices need no dates")
        // Half a year: the same half of 2023, whose dates the report gives.
        let half = s.run("resultat", "--du", "2024-01-01", "--au", "2024-06-30", "--comparer").out
        #expect(half.contains("Résultat de la période : excédent de 3\u{202F}798,94 €."))
        #expect(half.contains("Colonne 2023 : la même période de l'exercice précédent, du 01/01/2023 au 30/06/2023."))
        #expect(half.contains("Résultat : excédent (+) ou déficit (-)   3\u{202F}798,94  5\u{202F}728,76"))

        let byProject = s.run("resultat", "--exercice", "2024", "--par-projet", "--format", "csv").out
        #expect(byProject.contains("Compte;Libellé;BL-Évolution;Camp CHATONS;Sans projet;Total"))
        #expect(byProject.contains(";Total des charges;10803,06;5062,00;9936,19;25801,25"))

        let anc = s.run("resultat", "--exercice", "2024", "--modele", "anc", "--format", "csv").out
        #expect(anc.contains("Cotisations;14066,81"))
        #expect(anc.contains("Autres achats et charges externes;22801,25"))
        #expect(anc.contains("Excédent ou déficit;6711,06"))
    }
}

@Suite struct ReportBadInputs {
    @Test func refusedWithAMessage() throws {
        let s = Sandbox.tour()
        let cases: [([String], String)] = [
            (["resultat", "--projet", "CAMP"], "projet inconnu : CAMP. Projets du livre : BL-EVOLUTION"),
            (["resultat", "--du", "2024-06-01", "--au", "2024-05-01"], "la période est vide"),
            (["resultat", "--exercice", "2019"], "aucun exercice « 2019 »"),
            (["resultat", "--comparer"], "le livre n'a pas d'exercice avant 2024 : la comparaison N-1 est impossible"),
            (["bilan", "--exercice", "2030"], "aucun exercice « 2030 »"),
            (["tresorerie", "--au", "31/02/2024"], "n'existe pas"),
        ]
        for (args, fragment) in cases {
            let r = s.run(args)
            #expect(r.code == 1, "\(args)")
            #expect(r.err.contains(fragment), "\(args): \(r.err)")
        }
        #expect(s.run("resultat", "--modele", "pcg").code == 2)
        #expect(s.run("resultat", "--comparer", "--par-projet").code == 2)
    }

    /// During the exercice, the cash report stops at today: no month to come in its table, and
    /// none in its rate; the balance sheet is today's.
    @Test func reportsOfTheExerciceInProgressStopAtToday() throws {
        let (s, start) = Sandbox.inProgress()
        let now = today()
        let r = s.run("tresorerie")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("période du \(start.french) au \(now.french)"))
        let months = r.out.split(separator: "\n").filter { $0.contains(" \(now.year) ") || $0.contains(" \(now.year - 1) ") }
            .filter { line in Day.frenchMonthNames.contains { line.hasPrefix($0 + " ") } }
        #expect(months.count == 3, "\(months)")
        // The rate: the one month of the ledger's only entry, not the month in progress.
        #expect(r.out.contains("Rythme retenu : l'activité consomme 600,00 € par mois") && r.out.contains("en moyenne sur le mois "), "\(r.out)")
        // Asked up to the exercice's end, it shows the twelve months; the rate still counts only
        // the month the ledger covers, not the months after its last entry.
        let whole = s.run("tresorerie", "--au", start.adding(months: 12).adding(days: -1).iso)
        #expect(whole.out.contains("Rythme retenu : l'activité consomme 600,00 € par mois") && whole.out.contains("en moyenne sur le mois "), "\(whole.out)")
        #expect(!whole.out.contains("12 mois"))
        #expect(s.run("bilan").out.contains(", au \(now.french)\n"))
        let result = s.run("resultat").out
        #expect(result.contains("période du \(start.french) au \(now.french)") && result.contains("Résultat de la période : déficit de 600,00 €."))
    }

    @Test func anEmptyLedgerGivesEmptyReports() {
        let s = Sandbox.tour()
        for args in [["resultat"], ["resultat", "--modele", "anc"], ["resultat", "--par-projet"], ["bilan"], ["tresorerie"], ["balance"], ["journal"], ["grand-livre"]] {
            for format in ["texte", "md", "csv", "json"] {
                let r = s.run(args + ["--format", format])
                #expect(r.code == 0, "\(args) \(format): \(r.err)")
            }
        }
        #expect(s.run("resultat").out.contains("Aucune charge ni aucun produit sur la période."))
    }
}

@Suite struct CloudGirofleWithHledger {
    /// hledger, reading our export of the demo ledger, finds every account's balance ours.
    @Test func hledgerFindsTheSameBalances() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/hledger") else {
            print("hledger n'est pas installé : comparaison sautée (la CI l'installe).")
            return
        }
        let s = Sandbox()
        #expect(s.run("demo").code == 0)
        let journal = s.path("cg.journal")
        #expect(s.run("exporter", "--format", "hledger", "--sortie", journal).code == 0)
        for year in ["2023", "2024"] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/hledger")
            p.arguments = ["-f", journal, "balance", "--flat", "--no-total", "-O", "csv", "-b", "\(year)-01-01", "-e", "\(Int(year)! + 1)-01-01"]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            var theirs: [String: String] = [:]
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst() {
                let cells = line.trimmingCharacters(in: CharacterSet(charactersIn: "\"")).components(separatedBy: "\",\"")
                theirs[String(cells[0].split(separator: " ")[0])] = cells[1].replacingOccurrences(of: " EUR", with: "")
            }
            var ours: [String: String] = [:]
            for line in s.run("balance", "--exercice", year, "--format", "csv").out.split(separator: "\r\n").dropFirst() {
                let c = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                guard c[0] != "Total" else { continue }
                let debit = c[4].isEmpty ? "0,00" : c[4], credit = c[5].isEmpty ? "0,00" : c[5]
                ours[c[0]] = c[4].isEmpty ? "-" + credit.replacingOccurrences(of: ",", with: ".") : debit.replacingOccurrences(of: ",", with: ".")
            }
            #expect(!ours.isEmpty)
            #expect(theirs == ours, "\(year)")
        }
    }
}

/// Small counts and a result of zero read as French: « 1 écriture validée », « aucun exercice
/// clôturé », « Dernier mois », « résultat nul », and a project's own result.
@Suite struct SmallCountsAndZeros {
    @Test func wordingAgreesWithTheCounts() throws {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-01-10", "Location", "6132=600", "512").code == 0)
        #expect(s.run("saisir", "2024-01-15", "Cotisation", "512=600", "7562").code == 0)
        let result = s.run("resultat").out
        #expect(result.contains("Résultat de l'exercice (nul)"), "\(result)")
        #expect(result.contains("Résultat de l'exercice : résultat nul (ni excédent ni déficit)."))
        #expect(s.run("verifier").out.hasPrefix("Livre intègre : 2 écritures dont 0 validée (chaîne d'empreintes intacte), aucun exercice clôturé, totaux cohérents.\nAucune écriture validée"))
        #expect(s.run("valider", "--jusqu-au", "2024-01-12").out == "1 écriture validée (le 10/01/2024) : elle ne peut plus être modifiée.\n")
        let verified = s.run("verifier").out
        #expect(verified.contains("2 écritures dont 1 validée (chaîne"))
        #expect(verified.contains("(1 écriture validée, le "), "\(verified)")
        let january = s.run("tresorerie", "--au", "2024-01-31").out
        #expect(january.contains("L'activité ne consomme pas de trésorerie : ses produits égalent ses charges (")
                && january.contains("en moyenne sur le mois de janvier 2024 que le livre couvre") && !january.contains("1 mois"), "\(january)")
        #expect(s.run("saisir", "2024-02-01", "Facture", "604A=120@BL-EVOLUTION", "512").code == 0)
        let project = s.run("resultat", "--projet", "BL-EVOLUTION", "--pluriannuel").out
        #expect(project.contains("Déficit du projet") && !project.contains("de l'exercice"), "\(project)")
    }
}
