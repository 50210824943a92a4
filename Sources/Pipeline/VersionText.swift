/// What `shelfcast version` prints.
public enum VersionText {
  public static let version = "0.1.0"

  public static func render() -> String {
    "shelfcast \(version)"
  }
}
