/// French agreement of a word with a count: the singular for 0 and 1 (« 0 écriture validée »,
/// « 1 écriture », « 2 écritures »), a final s otherwise (or the plural given).
public func french(_ n: Int, _ singular: String, plural: String? = nil) -> String {
    "\(n) " + frenchAgreeing(n, singular, plural: plural)
}

/// The word alone, agreeing with `n`: « validée » / « validées ».
public func frenchAgreeing(_ n: Int, _ singular: String, plural: String? = nil) -> String {
    n > 1 ? plural ?? singular + "s" : singular
}
