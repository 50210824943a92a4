/// Which demand model a chain is drawn from.
///
/// The raw values are the spellings of `shelfcast generate --profile` and of `chain.json`.
public enum GeneratorProfile: String, Sendable, Codable, CaseIterable {
  /// Demand shaped exactly like a ridge model's features: series level × per-category weekday
  /// profile × a two-harmonic yearly curve per category × holidays × listed price and promotion
  /// effects, with independent negative binomial noise. The default; its files never change
  /// for a given seed.
  case simple
  /// Demand with the drivers real retail data has and the master files do not show: a latent
  /// AR(1) level with unannounced level shifts, store-specific weekday shapes, per-SKU yearly
  /// cycles, unlisted price changes and markdowns, promotions that were cancelled, shifted or
  /// never listed and the dip after them, unflagged off-shelf spells, occasional bulk buys,
  /// M5-like dispersion and volume, and stock-out flags that miss some stock-outs.
  /// See `RealisticCatalog` and `RealisticSeriesState` for the parameters.
  case realistic
}
