import GRDB

/// A name that follows the registry's state, usable wherever a version id is (with or without
/// a leading `@`, as in MLflow's `models:/name@champion`).
public enum VersionAlias: String, Sendable, CaseIterable {
  /// The version in service.
  case champion
  /// The newest version judged or waiting to be judged against the champion that did not win:
  /// the newest `candidate` or `rejected` version that is not a judged winner (a winner's refit
  /// is what served).
  case challenger
  /// The version `registry rollback` returns to: the archived version that left the
  /// champion's place most recently.
  case previous

  /// The alias `reference` names, if it is one (`champion`, `@champion`, any case).
  public init?(reference: String) {
    let name = reference.hasPrefix("@") ? String(reference.dropFirst()) : reference
    self.init(rawValue: name.lowercased())
  }
}

extension ModelRegistry {
  /// The version id `reference` names: an alias resolved now, or the id itself.
  /// - Throws: `RegistryError.aliasUnset` when the alias names no version now;
  ///   `.unknownVersion` for an id the registry does not hold.
  public func resolve(_ reference: String) throws -> String {
    try database.read { db in
      guard let alias = VersionAlias(reference: reference) else {
        return try Self.version(reference, db).id
      }
      switch alias {
      case .champion:
        guard let version = try Self.champion(db) else {
          throw RegistryError.aliasUnset(
            alias: alias.rawValue, hint: "nothing was promoted yet; `shelfcast train` first.")
        }
        return version.id
      case .previous:
        guard let version = try Self.previousChampion(db) else {
          throw RegistryError.aliasUnset(
            alias: alias.rawValue, hint: "no earlier champion is archived.")
        }
        return version.id
      case .challenger:
        guard let version = try Self.challenger(db) else {
          throw RegistryError.aliasUnset(
            alias: alias.rawValue, hint: "no candidate or rejected version is newer.")
        }
        return version.id
      }
    }
  }

  /// The version `VersionAlias.challenger` names, or `nil`.
  static func challenger(_ db: Database) throws -> ModelVersion? {
    try Row.fetchOne(
      db,
      sql: """
        SELECT * FROM model_version v
        WHERE v.status IN ('candidate', 'rejected')
          AND NOT EXISTS (SELECT 1 FROM model_version r WHERE r.refit_of = v.id)
        ORDER BY v.number DESC LIMIT 1
        """
    ).map(ModelVersion.init(row:))
  }

  /// The aliases that name `id` now, in `VersionAlias` order.
  public func aliases(of id: String) throws -> [VersionAlias] {
    VersionAlias.allCases.filter { alias in
      (try? resolve(alias.rawValue)) == id
    }
  }
}
