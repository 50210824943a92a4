/// What a decoder refused, in words: shared by the configuration file's errors
/// (`ConfigurationFile`) and the HTTP API's (`ProblemMiddleware`), which both decode closed
/// sets of words into enums.
public enum DecodingErrorText {
  /// The word an enum refused, from the decoder's "Cannot initialize X from invalid String
  /// value Y" (Y); nil for any other corruption.
  public static func refusedWord(_ context: DecodingError.Context) -> String? {
    guard let range = context.debugDescription.range(of: "invalid String value ") else {
      return nil
    }
    return String(context.debugDescription[range.upperBound...])
  }
}
