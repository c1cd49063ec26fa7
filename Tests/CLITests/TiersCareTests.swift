import Foundation
import Testing
@testable import compta
import Ledger
import LedgerStore

/// What a newcomer stumbled on with the tiers: a second record of one person made unseen, a
/// kind that could not change, merges that could not be undone, a legal form read as a person.
@Suite struct TiersCare {
    /// A 2024 ledger with Éloïse Petit (T0001, alias « PETIT E ») and OVH SAS (T0002).
    func club() -> Sandbox {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2024-01-01").code == 0)
        #expect(s.run("tiers", "ajouter", "--prenom", "Éloïse", "--nom", "Petit", "--alias", "PETIT E").code == 0)
        #expect(s.run("tiers", "ajouter", "--organisation", "OVH SAS", "--siren", "424 761 419").code == 0)
        return s
    }

    @Test func aNameAnotherTiersHasIsAddedWithAWarning() throws {
        let s = club()
        let r = s.run("tiers", "ajouter", "--prenom", "PETIT", "--nom", "eloise")
        #expect(r.code == 0 && r.out == "Tiers T0003 « PETIT eloise » ajouté.\n")
        #expect(r.err == "Attention : T0001 (Éloïse Petit) porte déjà ce nom (ou l'un de ses autres noms). "
            + "Si c'est le même tiers : compta tiers fusionner T0001 T0003.\n")
        let alias = s.run("tiers", "ajouter", "--nom", "E. Petit")
        #expect(alias.code == 0 && alias.err.contains("T0001 (Éloïse Petit) porte déjà ce nom"), "« E. Petit » is T0001's alias « PETIT E »")
        #expect(s.run("tiers", "ajouter", "--nom", "Zoé Blanc").err.isEmpty)
        try s.refuses(["tiers", "ajouter", "--organisation", "OVH", "--siren", "424761419"],
                      says: ["le SIREN 424761419 est déjà celui de T0002 (OVH SAS)", "compta tiers fusionner T0002 CODE"])
        #expect(s.run("tiers", "ajouter", "--organisation", "Le Local").code == 0)
        try s.refuses(["tiers", "modifier", "Le Local", "--siren", "424 761 419"], says: ["déjà celui de T0002 (OVH SAS)"])
    }

    @Test func aCreatedTiersNamesTheTiersOfACloseName() throws {
        let s = club()
        let typo = s.run("saisir", "2024-02-01", "Cotisation", "512=30", "7561#Eloise Petti")
        #expect(typo.out.hasPrefix("Tiers créé : T0003 « Eloise Petti ». Nom proche de T0001 (Éloïse Petit). "
            + "S'il existait déjà sous un autre nom : compta tiers fusionner T0001 T0003.\n"), "\(typo.out)")
        let other = s.run("saisir", "2024-02-02", "Don", "512=30", "754#Marc Lefebvre")
        #expect(other.out.hasPrefix("Tiers créé : T0004 « Marc Lefebvre ». S'il existait déjà sous un autre nom : compta tiers fusionner CODE T0004.\n"))
    }

    @Test func aPersonAndAnOrganisationMergeOnlyWhenForced() throws {
        let s = club()
        try s.refuses(["tiers", "fusionner", "T0002", "T0001"], says: [
            "T0001 (Éloïse Petit) est une personne et T0002 (OVH SAS) une organisation",
            "compta tiers modifier T0001 --organisation", "--forcer", "Une fusion ne se défait pas"])
        let forced = s.run("tiers", "fusionner", "T0002", "T0001", "--forcer")
        #expect(forced.code == 0 && forced.out.hasSuffix("Une fusion ne se défait pas.\n"))
        // Asked again, or the other way round: nothing to do, and the message says which keeps.
        let again = "T0001 (Éloïse Petit) est déjà fusionné dans T0002 (OVH SAS) : ses lignes comptent pour T0002, il n'y a rien à faire."
        try s.refuses(["tiers", "fusionner", "T0002", "T0001"], says: [again])
        try s.refuses(["tiers", "fusionner", "T0001", "T0002", "--forcer"], says: [again, "Une fusion ne se défait pas : T0002 garde"])
        #expect(s.run("tiers", "ajouter", "--nom", "Bernard").code == 0)
        try s.refuses(["tiers", "fusionner", "T0003", "T0001"], says: ["T0001 (Éloïse Petit) est déjà fusionné dans T0002", "compta tiers fusionner T0003 T0002"])
    }

    @Test func aTiersChangesKind() throws {
        let s = club()
        #expect(s.run("tiers", "ajouter", "--nom", "Les Amis du Parc", "--email", "amis@exemple.fr").code == 0)
        let r = s.run("tiers", "modifier", "T0003", "--organisation", "Les Amis du Parc")
        #expect(r.code == 0 && r.out == "Tiers T0003 « Les Amis du Parc » modifié : c'est désormais une organisation.\n", "\(r.err)")
        #expect(s.run("tiers", "--format", "csv").out.contains("T0003;Les Amis du Parc;organisation;amis@exemple.fr;\r\n"))
        let back = s.run("tiers", "modifier", "T0002", "--prenom", "Octave", "--nom", "Klaba")
        #expect(back.out == "Tiers T0002 « Octave Klaba » modifié : c'est désormais une personne.\n")
        #expect(s.run("tiers", "exporter", "T0002", "--format", "csv").out.contains("Raison sociale;\r\nSIREN;\r\n"), "the SIREN went with the raison sociale")
        try s.refuses(["tiers", "modifier", "T0001", "--siren", "424761419"], says: ["seule une organisation a un SIREN"])
    }

    @Test func importerFECMakesALegalFormAnOrganisation() throws {
        let s = Sandbox()
        let header = "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise"
        let file = s.write("123456782FEC20241231.txt", [header,
            "OD\tOpérations diverses\tOD-1\t20240305\t6132\tHébergement\t\t\tF1\t20240305\tOVH\t100,00\t0,00\t\t\t\t\t",
            "OD\tOpérations diverses\tOD-1\t20240305\t401\tFournisseurs\t401OVH\tOVH SAS\tF1\t20240305\tOVH\t0,00\t100,00\t\t\t\t\t",
            "OD\tOpérations diverses\tOD-2\t20240306\t4671\tAvances\t467DUP\tPaul Durand\tF2\t20240306\tAvance\t50,00\t0,00\t\t\t\t\t",
            "OD\tOpérations diverses\tOD-2\t20240306\t512\tBanque\t\t\tF2\t20240306\tAvance\t0,00\t50,00\t\t\t\t\t"]
            .joined(separator: "\r\n"))
        let r = s.run("importer-fec", file, "--nom", "Club")
        #expect(r.code == 0, "\(r.err)")
        #expect(s.run("tiers", "--format", "csv").out.hasSuffix("T0001;OVH SAS;organisation;;\r\nT0002;Paul Durand;personne;;\r\n"))
    }

    @Test func aMemberNotUpToDateReadsNonInEveryTextFormat() throws {
        let s = club()
        #expect(s.run("exercices", "ajouter", "--debut", "2025-01-01").code == 0)
        #expect(s.run("saisir", "2024-02-01", "Cotisation", "512=30", "7561#T0001").code == 0)
        let later = ["COMPTA_MAINTENANT": "2025-06-15T10:00:00+02:00"]
        let text = s.run(["adherents", "--anciens"], environment: later).out
        #expect(text.contains("T0001  Éloïse Petit  01/02/2024             30,00  non\n"), "\(text)")
        #expect(s.run(["adherents", "--anciens", "--format", "md"], environment: later).out.contains("| 01/02/2024 | 30,00 | non |"))
        #expect(s.run(["adherents", "--anciens", "--format", "json"], environment: later).out.contains(#""a_jour": false"#))
    }

    @Test func aNameAfterTheProjectsMarkIsToldToGoAfterTheTiersMark() throws {
        let s = club()
        try s.refuses(["saisir", "2024-02-01", "Don", "512=50", "754@Éloïse Petit"], says: [
            "« 754@Éloïse Petit » : code de projet « Éloïse Petit »", "un tiers s'écrit après # : 754#Éloïse Petit."])
        try s.refuses(["saisir", "2024-02-01", "Don", "512=50", "754=-50@Éloïse"], says: ["un tiers s'écrit après # : 754=-50#Éloïse."])
    }
}
