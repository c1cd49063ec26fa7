import Testing
@testable import Ledger

@Suite struct Identifiers {
    @Test func aSIRENIsNineDigitsWithItsLuhnKey() throws {
        #expect(try SIREN(parsing: "443 061 841").digits == "443061841")
        #expect(try SIREN(parsing: "356000000").digits == "356000000")  // La Poste
        #expect(try SIREN(parsing: "123456782").description == "123456782")
        // One digit mistyped, two swapped: the key says so.
        #expect(throws: IdentifierError.sirenKey("443061842")) { try SIREN(parsing: "443061842") }
        #expect(throws: IdentifierError.sirenKey("434061841")) { try SIREN(parsing: "434061841") }
        #expect(throws: IdentifierError.sirenKey("123456789")) { try SIREN(parsing: "123456789") }
        for bad in ["12345678", "1234567890", "12345678A", "", "４４３０６１８４１"] {
            #expect(throws: IdentifierError.sirenLength(bad)) { try SIREN(parsing: bad) }
        }
    }

    @Test func anRNANumberIsWAndNineCharacters() throws {
        #expect(try RNA(parsing: "W751234567").text == "W751234567")
        #expect(try RNA(parsing: "w2a1000123").text == "W2A1000123")
        for bad in ["751234567", "W75123456", "W7512345678", "WX51234567", "443061841"] {
            #expect(throws: IdentifierError.rna(bad)) { try RNA(parsing: bad) }
        }
    }

    @Test func anEmailHasAShapeOnly() throws {
        #expect(try EmailAddress(parsing: " lea.martin@exemple.fr ").text == "lea.martin@exemple.fr")
        #expect(try EmailAddress(parsing: "tresorerie+ag@cloud-girofle.org").text == "tresorerie+ag@cloud-girofle.org")
        for bad in ["lea", "lea@", "@exemple.fr", "lea@exemple", "lea@@exemple.fr", "léa martin@exemple.fr",
                    "lea@exemple.fr.", "lea@.fr", "lea@exemple..fr", "lea@ex\u{7}emple.fr"] {
            #expect(throws: IdentifierError.email(bad)) { try EmailAddress(parsing: bad) }
        }
    }
}
