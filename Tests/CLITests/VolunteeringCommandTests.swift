import Foundation
import Testing
@testable import compta

/// `compta benevolat`: a month of volunteer hours booked 864 / 875, outside the result, counted
/// in the AG document; bad hours, rates and months refused with nothing written.
@Suite struct VolunteeringCommand {
    @Test func aMonthOfHoursIsBookedOutsideTheResultAndCountedForTheAG() throws {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2025-01-01").code == 0)
        #expect(s.run("saisir", "2025-02-10", "Loyer", "613=300", "512").code == 0)
        var r = s.run("benevolat", "2025-03", "--heures", "120", "--taux", "smic")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("120 h à 11,88 €/h, soit 1\u{202F}425,60 €"), "\(r.out)")
        r = s.run("benevolat", "2025-04", "--heures", "7,5", "--taux", "18")
        #expect(r.code == 0, "\(r.err)")
        let journal = s.run("journal", "--format", "csv").out
        #expect(journal.contains("Bénévolat mars 2025 : 120 h à 11,88 €/h") && journal.contains("31/03/2025"), "\(journal)")
        let resultat = s.run("resultat").out
        #expect(resultat.contains("déficit de 300,00 €"), "class 8 does not change the result: \(resultat)")
        #expect(resultat.contains("Total des ressources  1\u{202F}560,60"), "\(resultat)")
        r = s.run("rapport-ag", "--exercice", "2025", "--sortie", s.path("ag.md"))
        #expect(r.code == 0, "\(r.err)")
        let md = try String(contentsOfFile: s.path("ag.md"), encoding: .utf8)
        #expect(md.contains("Les bénévoles ont donné 127,5 heures à l'association, valorisées avec les autres contributions volontaires en nature à 1\u{202F}560,60 €"), "\(md)")
        #expect(md.components(separatedBy: "## Contributions volontaires en nature : ressources").count == 2, "once, at the foot of the compte de résultat")
    }

    /// A month counted twice is booked (hours of another group of volunteers may come later),
    /// and the treasurer is told, with how to remove the new entry if it is a slip.
    @Test func aMonthCountedTwiceIsPointedOut() throws {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2025-01-01").code == 0)
        #expect(s.run("projets", "ajouter", "CAMP", "Camp").code == 0)
        #expect(s.run("benevolat", "2025-03", "--heures", "10", "--taux", "18").err.isEmpty)
        #expect(s.run("benevolat", "2025-03", "--heures", "4", "--taux", "18", "--projet", "CAMP").err.isEmpty, "another project")
        #expect(s.run("benevolat", "2025-04", "--heures", "10", "--taux", "18").err.isEmpty, "another month")
        let again = s.run("benevolat", "2025-03", "--heures", "10", "--taux", "18")
        #expect(again.code == 0 && again.err == "Attention : l'écriture n° 1 compte déjà des heures de ce mois (« Bénévolat mars 2025 : 10 h à 18,00 €/h »). "
                + "Si la nouvelle est un doublon, supprimez-la tant qu'elle est en brouillard : compta supprimer 4.\n", "\(again.err)")
        #expect(s.run("supprimer", "4").code == 0)
    }

    @Test func badHoursRatesAndMonthsAreRefused() throws {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2022-01-01").code == 0)
        _ = try s.refuses(["benevolat", "2022-03", "--heures", "10", "--taux", "smic"],
                          says: ["Compta ne connaît pas le SMIC de mars 2022 (ses valeurs commencent le 01/01/2023)", "--taux 11,27"])
        _ = try s.refuses(["benevolat", "2022-03", "--heures", "0", "--taux", "12"], says: ["--heures « 0 »", "nombre positif"])
        _ = try s.refuses(["benevolat", "2022-03", "--heures", "-4", "--taux", "12"], says: ["--heures « -4 »"])
        _ = try s.refuses(["benevolat", "2022-03", "--heures", "4", "--taux", "0"], says: ["--taux 0,00", "montant positif"])
        _ = try s.refuses(["benevolat", "2022-13", "--heures", "4", "--taux", "12"],
                          says: ["MOIS « 2022-13 » : il n'y a pas de mois 13, les mois vont de 01 (janvier) à 12 (décembre)", "Écrivez AAAA-MM"])
        _ = try s.refuses(["benevolat", "2022-03-15", "--heures", "4", "--taux", "12"],
                          says: ["MOIS « 2022-03-15 » illisible : un mois s'écrit AAAA-MM", "sans le jour"])
        _ = try s.refuses(["benevolat", "2030-01", "--heures", "4", "--taux", "12"], says: ["2030"])
        _ = try s.refuses(["saisir", "2022-03-03", "Repas offert", "864=10", "512"],
                          says: ["le compte 864 est une contribution volontaire en nature (classe 8) et le compte 512 n'en est pas une"])
    }
}
