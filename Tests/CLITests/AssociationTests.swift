import Foundation
import Testing
@testable import compta
@testable import LedgerStore
import Ledger

/// `compta association --format json`, read back: each option's text (what it would be given),
/// nil for a field not known; and the notes.
func association(_ s: Sandbox) throws -> (fields: [String: String], notes: [String]) {
    let r = s.run("association", "--format", "json")
    #expect(r.code == 0, "\(r.err)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    let rows = try #require(((json["tableaux"] as? [[String: Any]])?.first?["lignes"]) as? [[String: Any]])
    var fields: [String: String] = [:]
    for row in rows { if let o = row["option"] as? String, let t = row["texte"] as? String { fields[o] = t } }
    return (fields, json["notes"] as? [String] ?? [])
}

@Suite struct AssociationCommand {
    @Test func showsSetsAndClearsItsFields() throws {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Cloud Girofle", "--debut", "2024-01-01", "--siren", "123 456 782").code == 0)
        var a = try association(s)
        #expect(a.fields == ["--nom": "Cloud Girofle", "--siren": "123456782", "--adhesion": "exercice"])
        let noReceipts = "L'association n'émet pas de reçus fiscaux. Pour en émettre : compta association --recus 200 (dons des "
            + "particuliers ; 238bis pour ceux des entreprises), avec sa qualité, son adresse, son objet et le signataire."
        #expect(a.notes == [noReceipts])

        var r = s.run("association", "--recus", "200, 238 bis", "--qualite", "intérêt général", "--rna", "w751234567",
                      "--signataire", "Camille Martin")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out == """
            Numéro RNA : W751234567.
            Reçus fiscaux : articles 200 et 238 bis du CGI (particuliers, entreprises).
            Qualité (reçus fiscaux) : intérêt général.
            Signataire : Camille Martin.
            Pour émettre des reçus fiscaux, il manque l'adresse, l'objet social et son rôle : compta association --adresse "12 rue des Lilas, 75011 Paris" --objet "OBJET DES STATUTS" --role-signataire "Trésorière".

            """)
        r = s.run("association", "--adresse", "12 rue des Lilas, 75011 Paris", "--objet", "Promouvoir le logiciel libre",
                  "--role-signataire", "Trésorière", "--adhesion", "12-mois", "--nom", "Cloud Girofle (association)")
        #expect(r.code == 0 && !r.out.contains("il manque"), "\(r.out)")
        a = try association(s)
        #expect(a.fields == ["--nom": "Cloud Girofle (association)", "--adresse": "12 rue des Lilas, 75011 Paris",
                             "--objet": "Promouvoir le logiciel libre", "--siren": "123456782", "--rna": "W751234567",
                             "--recus": "200,238bis", "--qualite": "interet-general", "--signataire": "Camille Martin",
                             "--role-signataire": "Trésorière", "--adhesion": "12-mois"])
        #expect(a.notes.isEmpty)
        #expect(s.run("balance").out.contains("Cloud Girofle (association)\n"), "the reports say the name")
        let text = s.run("association").out
        #expect(text.contains("\nRègle d'adhésion         12 mois : à jour douze mois après sa cotisation "), "\(text)")

        // A blank value forgets the field; the same value again changes nothing.
        r = s.run("association", "--rna", "", "--recus", "")
        #expect(r.out == "Numéro RNA retiré (c'était « W751234567 »).\nReçus fiscaux retiré (c'était « 200,238bis »).\n"
                + noReceipts + "\n")
        #expect(try association(s).fields["--rna"] == nil)
        #expect(s.run("association", "--siren", "123456782").out.hasPrefix("Rien n'a changé : l'association avait déjà ces valeurs.\n"))
        let format = s.run("association", "--siren", "123456782", "--format", "json")
        #expect(format.code == 2 && format.err.hasPrefix("compta association : --format choisit comment afficher l'association : "
                                                          + "sans option qui la modifie."), "\(format.err)")
    }

    @Test func badValuesAreRefusedAndChangeNothing() throws {
        let s = Sandbox.tour()
        #expect(s.run("association", "--siren", "123456782", "--rna", "W751234567").code == 0)
        try s.refuses(["association", "--siren", "123456789", "--adresse", "1 rue de la Paix"], says: [
            "compta association : --siren « 123456789 » : ce n'est pas un SIREN : son dernier chiffre, la clé de contrôle, ne correspond "
                + "pas aux huit autres (un chiffre mal tapé, ou deux inversés). Recopiez-le de l'avis de situation SIRENE"])
        try s.refuses(["association", "--siren", "12345678"], says: ["--siren « 12345678 » : un SIREN a 9 chiffres, celui-ci en a 8."])
        try s.refuses(["association", "--siren", "12345678A"], says: ["--siren « 12345678A » : un SIREN s'écrit avec 9 chiffres, sans lettre ni signe."])
        try s.refuses(["association", "--rna", "443061841"], says: [
            "--rna « 443061841 » : un numéro RNA s'écrit W suivi de 9 caractères (W751234567)", "Ces 9 chiffres sont plutôt un SIREN : --siren 443061841."])
        try s.refuses(["association", "--recus", "200,201"], says: [
            "--recus « 200,201 » : article « 201 » inconnu : les reçus fiscaux relèvent de l'article 200 du CGI (dons des particuliers) "
                + "ou 238 bis (dons des entreprises). Écrivez --recus 200, --recus 238bis ou --recus 200,238bis"])
        try s.refuses(["association", "--adhesion", "annuel"], says: [
            "--adhesion « annuel » : règle d'adhésion inconnue : --adhesion exercice (un membre est à jour pendant l'exercice de sa cotisation) "
                + "ou --adhesion 12-mois (pendant les douze mois qui la suivent)."])
        try s.refuses(["association", "--nom", " "], says: ["--nom «   » : l'association garde un nom : donnez-le (--nom \"Cloud Girofle\")."])
        try s.refuses(["association", "--objet", String(repeating: "x", count: 501)], says: ["--objet : "])

        // init checks the key too, and creates nothing.
        let r = s.runRaw(["init", "--nom", "Club", "--debut", "2024-01-01", "--siren", "123456789", "--livre", s.path("club.sqlite")])
        #expect(r.code == 1 && r.err.contains("compta init : --siren « 123456789 » : ce n'est pas un SIREN"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: s.path("club.sqlite")))
        // A ledger named by --livre: init says how the next commands find it.
        let named = s.runRaw(["init", "--nom", "Club", "--debut", "2024-01-01", "--livre", s.path("club.sqlite")])
        #expect(named.code == 0 && named.out.hasSuffix("Les commandes suivantes le trouvent avec --livre \(s.path("club.sqlite")) "
            + "(compta saisir ... --livre \(s.path("club.sqlite"))), ou, pour toute la session du terminal : export COMPTA_LIVRE=\(s.path("club.sqlite"))\n"),
            "\(named.out)")
        #expect(!s.runRaw(["init", "--nom", "Club", "--debut", "2024-01-01"], environment: ["COMPTA_LIVRE": s.path("autre.sqlite")]).out.contains("--livre"))
    }

    @Test func theFECTakesTheSIRENFromTheAssociation() throws {
        let s = closedDemo()
        try s.refuses(["fec", "--exercice", "2024", "--sortie", s.folder.path], says: [
            "le FEC porte le SIREN de l'association, que le livre n'a pas : enregistrez-le une fois pour toutes "
                + "(compta association --siren NUMERO), ou donnez-le pour cet export (compta fec --siren NUMERO)."])
        #expect(s.run("association", "--siren", "123456782").code == 0)
        #expect(s.run("fec", "--exercice", "2024", "--sortie", s.folder.path).code == 0)
        let notice = try String(contentsOfFile: s.path("123456782FEC20241231-notice.txt"), encoding: .utf8)
        #expect(notice.contains("Association : Cloud Girofle (SIREN 123456782)"))
        // --siren stands for one export, and is checked like the association's.
        #expect(s.run("fec", "--exercice", "2024", "--siren", "443 061 841", "--sortie", s.folder.path).code == 0)
        #expect(FileManager.default.fileExists(atPath: s.path("443061841FEC20241231.txt")))
        #expect(try association(s).fields["--siren"] == "123456782")
        try s.refuses(["fec", "--exercice", "2024", "--siren", "443061842", "--sortie", s.folder.path],
                      says: ["compta fec : --siren « 443061842 » : ce n'est pas un SIREN"])
    }

    @Test func aLedgerFromBeforeKnowsItsNameOnly() throws {
        let s = Sandbox.tour()
        // What a ledger created before the association had in `meta`: its name, and the chain's marker.
        try tamper(s, "DELETE FROM meta WHERE key NOT IN ('nom', 'chaine_v2')")
        let a = try association(s)
        #expect(a.fields == ["--nom": "Cloud Girofle", "--adhesion": "exercice"])
        #expect(a.notes.last == "Pour le FEC, il manque le SIREN : compta association --siren NUMERO (ou compta fec --siren NUMERO, pour un export).")

        // A SIREN that `init` took before its key was checked is shown for what it is, and replaced.
        try tamper(s, "INSERT INTO meta(key, value) VALUES ('siren', '123456789')")
        let refusal = "le livre garde pour l'association le SIREN « 123456789 », qui ne peut pas servir : ce n'est pas un SIREN"
        let remedy = "Corrigez-le : compta association --siren NUMERO (ou retirez-le : compta association --siren \"\")."
        try s.refuses(["association"], says: [refusal, remedy])
        try s.refuses(["fec", "--exercice", "2024"], says: [refusal])
        try s.refuses(["association", "--rna", "W751234567"], says: [refusal, remedy])
        #expect(s.run("association", "--siren", "123456782").out.hasPrefix("SIREN : 123456782.\n"))
        #expect(try association(s).fields["--siren"] == "123456782")
    }
}
