import Testing
@testable import compta
@testable import LedgerStore

@Suite struct SchemaRefusalMessages {
    /// A trigger's refusal is said in the trigger's own words, as when its text was passed on:
    /// the schema's texts and the CLI's sentences stay the same, byte for byte.
    @Test func eachRefusalSaysItsTriggersWords() {
        for (text, refusal) in Schema.refusals {
            #expect(Messages.describe(StoreError.refusedBySchema(refusal)) == text + ".")
        }
    }
}
