import GRDB

extension ModelRegistry {
  /// The version `rollback()` would return to now: the archived version that left the
  /// champion's place most recently, or `nil` when there is none. Retention keeps its artifact
  /// and card at any age, as it keeps the champion's.
  public func rollbackTarget() throws -> ModelVersion? {
    try database.read { db in try Self.previousChampion(db) }
  }
}
