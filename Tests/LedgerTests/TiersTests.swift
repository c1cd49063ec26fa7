import Testing
@testable import Ledger

@Suite struct TiersValues {
    @Test func searchKeysIgnoreCaseAccentsAndPunctuation() {
        #expect(searchKey("Cotisation  ANNUELLE – Éloïse") == "cotisation annuelle eloise")
        #expect(searchKey("PRLV SEPA OVH-SAS / réf:12") == "prlv sepa ovh sas ref 12")
        #expect(searchKey("Œuvre d’art") == "oeuvre d art")
    }

    @Test func codesAreTheNumberOnFourDigitsAtLeast() {
        #expect(Tiers.code(number: 3) == "T0003")
        #expect(Tiers.code(number: 12345) == "T12345")
        #expect(Tiers.code(in: " t0003 ") == "T0003")
        #expect(Tiers.code(in: "T003") == "T0003")
        #expect(Tiers.code(in: "t1") == "T0001")
        #expect(Tiers.code(in: "T12345") == "T12345")
        for name in ["T", "Léa", "T00x3", "T00O1", "TOTAL", "T99999999999999999999"] { #expect(Tiers.code(in: name) == nil, "\(name)") }
    }

    @Test func aPersonIsNamedByFirstAndLastNameAnOrganisationByItsRaisonSociale() throws {
        let lea = try TiersFields(firstName: " Léa ", lastName: "Martin", email: "lea@exemple.fr").applied(to: nil, code: "T0001")
        #expect(lea.kind == .person)
        #expect(lea.name == "Léa Martin")
        #expect(lea.key == "lea martin")
        #expect(lea.email?.text == "lea@exemple.fr")
        let ovh = try TiersFields(organisation: "OVH SAS", siren: "424 761 419").applied(to: nil, code: "T0002")
        #expect(ovh.kind == .organisation)
        #expect(ovh.name == "OVH SAS")
        #expect(ovh.siren?.digits == "424761419")
    }

    @Test func badFieldsAreRefused() {
        #expect(throws: TiersError.noName(.person)) { try TiersFields(firstName: " ", lastName: "").applied(to: nil, code: "T0001") }
        #expect(throws: TiersError.noName(.organisation)) { try TiersFields(kind: .organisation, organisation: "—").applied(to: nil, code: "T0001") }
        #expect(throws: TiersError.identifier(.email("lea@exemple"))) { try TiersFields(lastName: "Léa", email: "lea@exemple").applied(to: nil, code: "T0001") }
        #expect(throws: TiersError.identifier(.sirenKey("424761418"))) { try TiersFields(organisation: "OVH", siren: "424761418").applied(to: nil, code: "T0001") }
        #expect(throws: TiersError.sirenForPerson) { try TiersFields(lastName: "Léa", siren: "424761419").applied(to: nil, code: "T0001") }
        #expect(throws: TiersError.mixedKinds) { try TiersFields(firstName: "Léa", organisation: "OVH").applied(to: nil, code: "T0001") }
    }

    @Test func aChangeKeepsWhatItDoesNotNameAndClearsWhatIsEmpty() throws {
        let lea = try TiersFields(firstName: "Léa", lastName: "Martin", email: "lea@exemple.fr", addedAliases: ["MARTIN LEA"])
            .applied(to: nil, code: "T0001")
        let moved = try TiersFields(email: "", address: "3 rue des Lilas", addedAliases: ["L. Martin", "martin léa"], removedAliases: [])
            .applied(to: lea, code: lea.code)
        #expect(moved.name == "Léa Martin")
        #expect(moved.email == nil)
        #expect(moved.address == "3 rue des Lilas")
        #expect(moved.aliases == ["MARTIN LEA", "L. Martin"], "a spelling already there is not added twice")
        #expect(try TiersFields(removedAliases: ["Martin Lea"]).applied(to: moved, code: lea.code).aliases == ["L. Martin"])
        #expect(throws: TiersError.noSuchAlias(code: "T0001", alias: "Léa M")) { try TiersFields(removedAliases: ["Léa M"]).applied(to: moved, code: lea.code) }
        #expect(throws: TiersError.noName(.person)) { try TiersFields(firstName: "", lastName: "").applied(to: moved, code: lea.code) }
    }

    /// A name of the other kind changes the kind; the names of the old kind go, the rest stays.
    @Test func aTiersChangesKind() throws {
        let lea = try TiersFields(firstName: "Léa", lastName: "Martin", email: "lea@exemple.fr").applied(to: nil, code: "T0001")
        let firm = try TiersFields(organisation: "Martin SARL", siren: "424761419").applied(to: lea, code: lea.code)
        #expect(firm == Tiers(code: "T0001", kind: .organisation, organisation: "Martin SARL", siren: try SIREN(parsing: "424761419"),
                              email: try EmailAddress(parsing: "lea@exemple.fr")))
        let back = try TiersFields(lastName: "Martin").applied(to: firm, code: lea.code)
        #expect(back.kind == .person && back.name == "Martin" && back.siren == nil && back.organisation == nil && back.email == lea.email)
        #expect(throws: TiersError.mixedKinds) { try TiersFields(firstName: "Léa", organisation: "Martin SARL").applied(to: lea, code: lea.code) }
        #expect(throws: TiersError.sirenForPerson) { try TiersFields(siren: "424761419").applied(to: lea, code: lea.code) }
        #expect(try TiersFields(organisation: "").applied(to: lea, code: lea.code) == lea, "clearing a field of the other kind changes nothing")
    }

    @Test func anonymisingKeepsTheCodeKindAndMergeOnly() throws {
        let lea = try TiersFields(firstName: "Léa", lastName: "Martin", email: "lea@exemple.fr", address: "3 rue des Lilas",
                                  addedAliases: ["MARTIN LEA"]).applied(to: nil, code: "T0001")
        let gone = lea.anonymised(on: Day(year: 2025, month: 3, day: 1)!)
        #expect(gone == Tiers(code: "T0001", kind: .person, anonymisedOn: Day(year: 2025, month: 3, day: 1)!))
        #expect(gone.name == "Anonyme T0001" && gone.key.isEmpty)
        #expect(throws: TiersError.anonymisedUnchangeable(gone)) { try TiersFields(lastName: "Martin").applied(to: gone, code: gone.code) }
    }

    @Test func namesResembleByTheirWordsOrATypo() {
        #expect(Tiers.resemble(searchKey("Petit Éloïse"), searchKey("éloïse PETIT"), close: false))
        #expect(!Tiers.resemble(searchKey("Eloise Petti"), searchKey("Éloïse Petit"), close: false))
        #expect(Tiers.resemble(searchKey("Eloise Petti"), searchKey("Éloïse Petit"), close: true), "two letters swapped in a long name")
        #expect(Tiers.resemble("lea martin", "lea martun", close: true))
        #expect(!Tiers.resemble("paul", "paula martin", close: true))
        #expect(!Tiers.resemble("zoe", "lea", close: true), "short names a letter apart need the letter")
        #expect(Tiers.resemble("zoe", "zoe", close: true) && Tiers.resemble("ana", "anna", close: true))
        #expect(!Tiers.resemble("", "", close: true))
    }

    /// A bank writes « M LEFEBVRE » or « LEFEBVRE MARC » for Marc Lefebvre: an initial is close.
    @Test func anInitialIsCloseToTheName() {
        #expect(Tiers.resemble(searchKey("M LEFEBVRE"), searchKey("Marc Lefebvre"), close: true))
        #expect(Tiers.resemble(searchKey("Marc Lefebvre"), searchKey("LEFEBVRE M"), close: true))
        #expect(Tiers.resemble("j p durand", "jean pierre durand", close: true))
        #expect(!Tiers.resemble("m lefebvre", "marc lefebvre", close: false), "only a warning's closeness, never the same name")
        #expect(!Tiers.resemble("l lefebvre", "marc lefebvre", close: true), "another initial")
        #expect(!Tiers.resemble("m durand", "marc lefebvre", close: true), "another name")
        #expect(!Tiers.resemble("m", "marc", close: true) && !Tiers.resemble("m l", "marc lefebvre", close: true), "initials alone")
        #expect(!Tiers.resemble("marc lefebvre", "marc lefebvre durand", close: true), "a word more")
    }

    /// A name read in a file or typed on a line is an organisation's when a legal form is among its words.
    @Test func aLegalFormMakesAnOrganisation() throws {
        for name in ["OVH SAS", "Free S.A.S.", "SARL Le Fournil", "Association des Amis du Parc", "scop le relais", "Boulangerie Dupont EURL"] {
            #expect(TiersFields.named(name) == TiersFields(kind: .organisation, organisation: name), "\(name)")
        }
        for name in ["Léa Martin", "Sasha Dupont", "Martin Sarlat"] {
            #expect(TiersFields.named(name) == TiersFields(kind: .person, lastName: name), "\(name)")
        }
    }

    /// Version 3 of the chain covers each line's tiers by its code; versions 1 and 2 stay the
    /// texts existing links were hashed on, and an entry without tiers reads in version 3 as in 2.
    @Test func chainVersion3CoversTheLineTiers() {
        func link(_ version: Int, tiers: String?) -> Chain.Link {
            Chain.Link(version: version, exercice: "2024", exerciceStart: Day(year: 2024, month: 1, day: 1)!, exerciceEnd: Day(year: 2024, month: 12, day: 31)!,
                       journal: "BQ", journalKind: "banque", validationNumber: 1, number: 2, date: Day(year: 2024, month: 3, day: 5)!, label: "Cotisation",
                       piece: nil, validatedOn: Day(year: 2024, month: 4, day: 1)!,
                       lines: [Chain.Line(account: "512", debit: 3000, credit: 0, label: nil, project: nil),
                               Chain.Line(account: "7561", debit: 0, credit: 3000, label: nil, project: nil, tiers: tiers)])
        }
        #expect(link(3, tiers: "T0003").canonical != link(3, tiers: "T0004").canonical)
        #expect(link(3, tiers: "T0003").canonical != link(3, tiers: nil).canonical)
        #expect(link(3, tiers: "T0003").canonical.hasPrefix("v3|2024|"))
        #expect(link(3, tiers: "T0003").canonical.hasSuffix("\n512|3000|0|∅|∅|∅\n7561|0|3000|∅|∅|T0003"))
        #expect(link(3, tiers: nil).canonical == link(2, tiers: nil).canonical, "an entry without tiers hashes as before tiers")
        #expect(link(2, tiers: "T0003").canonical == link(2, tiers: nil).canonical, "version 2 is the text of links written before tiers")
        #expect(link(2, tiers: nil).canonical.hasSuffix("\n512|3000|0|∅|∅\n7561|0|3000|∅|∅"))
    }

    @Test func anExtourneKeepsTheLinesTiers() {
        let day = Day(year: 2024, month: 3, day: 5)!
        let lea = LineTiers(recorded: "T0002", code: "T0001", name: "Léa Martin")
        let original = Entry(id: 1, exerciceId: 1, number: 1, journal: "BQ", date: day, label: "Cotisation", piece: nil, validation: nil, lines: [
            Entry.Line(id: 1, account: AccountNumber(trusted: "512"), debit: Money(cents: 3000), credit: .zero, label: nil, project: nil),
            Entry.Line(id: 2, account: AccountNumber(trusted: "7561"), debit: .zero, credit: Money(cents: 3000), label: nil, project: nil, tiers: lea),
        ])
        let reversal = EntryDraft.reversal(of: original)
        #expect(reversal.lines.map(\.tiers) == [nil, "T0001"], "the tiers the line counts for today")
    }

    /// `affecter` files a line with its tiers: the parts keep the filed line's tiers unless
    /// given one, and the lines that stay keep theirs.
    @Test func aRefilingKeepsTheTiersOfTheLinesItFilesAndKeeps() throws {
        let lea = LineTiers(recorded: "T0001", code: "T0001", name: "Léa Martin")
        func line(_ id: Int64, _ account: String, _ cents: Int64, _ tiers: LineTiers?) -> Entry.Line {
            Entry.Line(id: id, account: AccountNumber(trusted: account), debit: Money(cents: max(cents, 0)), credit: Money(cents: max(-cents, 0)),
                       label: nil, project: nil, tiers: tiers)
        }
        let e = Entry(id: 1, exerciceId: 1, number: 7, journal: "BQ", date: Day(year: 2024, month: 3, day: 5)!, label: "VIR MARTIN", piece: nil,
                      validation: nil, lines: [line(1, "512", 4500, lea), line(2, "471", -4500, lea)])
        let parts = [AssignmentPart(AccountNumber(trusted: "7561"), amount: Money(cents: 3000)),
                     AssignmentPart(AccountNumber(trusted: "754"), tiers: "T0002")]
        let plan = try Refiling.plan(e, waiting: true, bankAccount: AccountNumber(trusted: "512"), parts: parts, project: nil, label: nil)
        #expect(plan.entry.lines.map(\.tiers) == ["T0001", "T0001", "T0002"])
        let given = try Refiling.plan(e, waiting: true, bankAccount: nil, parts: [AssignmentPart(AccountNumber(trusted: "7561"))], project: nil,
                                      tiers: .given("T0003"), label: nil)
        #expect(given.added.map(\.tiers) == ["T0003"])
        // A rule that says « aucun »: the filed part has no tiers, the bank's line keeps its own.
        let cleared = try Refiling.plan(e, waiting: true, bankAccount: nil, parts: [AssignmentPart(AccountNumber(trusted: "7561"))], project: nil,
                                        tiers: .none, label: nil)
        #expect(cleared.added.map(\.tiers) == [nil] && cleared.entry.lines.map(\.tiers) == ["T0001", nil])
    }
}
