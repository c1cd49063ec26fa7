import Testing
@testable import Ledger

@Suite struct AssociationValue {
    let complete = Association(
        name: "Cloud Girofle", address: "12 rue des Lilas, 75011 Paris", purpose: "Promouvoir le logiciel libre",
        siren: try! SIREN(parsing: "123456782"), rna: try! RNA(parsing: "W751234567"),
        receiptArticles: [.article200, .article238bis], qualite: .interetGeneral, signer: "Camille Martin",
        signerRole: "Trésorière", membership: .twelveMonths)

    @Test func itsFieldsReadBackAsTheyAre() throws {
        #expect(complete.fields[.receiptArticles] == "200,238bis")
        #expect(complete.fields[.membership] == "12-mois")
        #expect(try Association(fields: complete.fields) == complete)
        let other = Association(name: "Chorale", qualite: .other("association cultuelle"))
        #expect(try Association(fields: other.fields) == other)
        // The rule by default is not written: a ledger that never chose one reads as one that did.
        #expect(Association(name: "Chorale").fields == [.name: "Chorale"])
    }

    @Test func aBlankFieldIsNotKnownButTheNameIsRequired() throws {
        let a = try Association(fields: [.name: "  Cloud Girofle ", .address: "", .rna: " ", .receiptArticles: "", .membership: ""])
        #expect(a == Association(name: "Cloud Girofle"))
        let cleaned = try Association(fields: [.name: "Chorale\u{202E}", .purpose: "Chanter\nensemble"])
        #expect(cleaned.name == "Chorale" && cleaned.purpose == "Chanter ensemble")
        for blank in [nil, "", " \u{A0}"] as [String?] {
            #expect(throws: AssociationError(field: .name, text: blank ?? "", reason: .blank)) {
                try Association(fields: blank.map { [.name: $0] } ?? [.siren: "123456782"])
            }
        }
    }

    @Test func identifiersAreCheckedAndNamed() throws {
        #expect(try Association(fields: [.name: "A", .siren: "123 456 782"]).siren?.digits == "123456782")
        #expect(throws: AssociationError(field: .siren, text: "123456789", reason: .identifier(.sirenKey("123456789")))) {
            try Association(fields: [.name: "A", .siren: "123456789"])
        }
        #expect(throws: AssociationError(field: .siren, text: "12345678", reason: .identifier(.sirenLength("12345678")))) {
            try Association(fields: [.name: "A", .siren: "12345678"])
        }
        #expect(throws: AssociationError(field: .rna, text: "443061841", reason: .identifier(.rna("443061841")))) {
            try Association(fields: [.name: "A", .rna: "443061841"])
        }
    }

    @Test func receiptArticlesAreTwoAndWrittenAsPeopleDo() throws {
        func articles(_ text: String) throws -> Set<ReceiptArticle> {
            try Association(fields: [.name: "A", .receiptArticles: text]).receiptArticles
        }
        #expect(try articles("200") == [.article200])
        #expect(try articles("238 bis") == [.article238bis])
        #expect(try articles("200, 238-bis") == [.article200, .article238bis])
        #expect(try articles("238BIS,200,200") == [.article200, .article238bis])
        #expect(throws: AssociationError(field: .receiptArticles, text: "200,201", reason: .unknownArticle("201"))) {
            try articles("200,201")
        }
    }

    @Test func qualiteIsOneOfTwoCasesOrATextKept() {
        #expect(Qualite(parsing: "interet-general") == .interetGeneral)
        #expect(Qualite(parsing: "Intérêt général") == .interetGeneral)
        #expect(Qualite(parsing: "utilité publique") == .utilitePublique)
        #expect(Qualite(parsing: " association cultuelle ") == .other("association cultuelle"))
    }

    @Test func theMembershipRuleIsTheExerciceOrTwelveMonths() throws {
        #expect(try Association(fields: [.name: "A"]).membership == .exercice)
        #expect(try Association(fields: [.name: "A", .membership: "12 mois"]).membership == .twelveMonths)
        #expect(try Association(fields: [.name: "A", .membership: "Exercice"]).membership == .exercice)
        #expect(throws: AssociationError(field: .membership, text: "annuel", reason: .unknownMembershipRule)) {
            try Association(fields: [.name: "A", .membership: "annuel"])
        }
    }

    @Test func whatEachDocumentStillNeeds() {
        var a = Association(name: "Chorale")
        #expect(a.missing(for: .fec) == [.siren])
        #expect(a.missing(for: .taxReceipts) == [], "no receipts, nothing needed for them")
        a.receiptArticles = [.article200]
        #expect(a.missing(for: .taxReceipts) == [.address, .purpose, .qualite, .signer, .signerRole])
        a.address = "1 place de la Mairie, 35000 Rennes"
        a.signer = "Léa Martin"
        #expect(a.missing(for: .taxReceipts) == [.purpose, .qualite, .signerRole])
        #expect(complete.missing(for: .taxReceipts) == [] && complete.missing(for: .fec) == [])
    }
}
