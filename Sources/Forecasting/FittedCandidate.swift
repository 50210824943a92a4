import Models

/// A fitted per-series model with the catalog tag it is stored under.
public struct FittedCandidate: Sendable {
  public let kind: String
  public let model: any FittedModel

  public init(kind: String, model: any FittedModel) {
    self.kind = kind
    self.model = model
  }
}

extension FittedCandidate: Codable {
  private enum CodingKeys: String, CodingKey { case kind, model }

  /// The `MethodCatalog` a decoder uses to rebuild fitted models, passed in `userInfo`.
  public static let catalogKey = CodingUserInfoKey(rawValue: "shelfcast.methodCatalog")!

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    kind = try container.decode(String.self, forKey: .kind)
    guard let catalog = decoder.userInfo[Self.catalogKey] as? MethodCatalog else {
      throw DecodingError.dataCorruptedError(
        forKey: .kind, in: container, debugDescription: "no method catalog given to the decoder")
    }
    guard let entry = catalog.entry(kind: kind) else {
      throw DecodingError.dataCorruptedError(
        forKey: .kind, in: container, debugDescription: "unknown model kind \(kind)")
    }
    model = try entry.decode(container.superDecoder(forKey: .model))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(kind, forKey: .kind)
    try model.encode(to: container.superEncoder(forKey: .model))
  }
}
