/// Why an `ingest` call as a whole could not run (problems with single files are in the report).
public enum IngestError: Error, Equatable, Sendable, CustomStringConvertible {
  case masterDataTooLarge(stores: Int, skus: Int)

  public var description: String {
    switch self {
    case .masterDataTooLarge(let stores, let skus):
      return "The master data holds \(stores) stores and \(skus) SKUs; one workspace takes fewer "
        + "than \(KeySlots.maximumStores) stores and \(KeySlots.maximumSKUs) SKUs. "
        + "Please split the chain into several workspaces."
    }
  }
}
