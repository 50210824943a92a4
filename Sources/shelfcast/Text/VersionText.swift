import LinearAlgebra
import Pipeline
import _BuildInfo

/// What `shelfcast version` prints: the version, and the BLAS kernels the numerics will run on.
enum VersionText {
  public static let version = "0.1.0"

  static func render() -> String {
    let blas = BLASInfo.current
    var text = """
      shelfcast \(version)
      commit: \(BuildInfo.gitCommit)
      BLAS: OpenBLAS core \(blas.corename), \(blas.threads) thread\(blas.threads == 1 ? "" : "s")
      BLAS build: \(blas.config)
      """
    if ["prescott", "katmai", "atom", "core2", "nehalem"].contains(blas.corename.lowercased()) {
      text += """

        note: OpenBLAS is using generic kernels for this CPU; if it supports AVX2 or AVX-512,
        set OPENBLAS_CORETYPE=Haswell or SkylakeX (see docs/engineering.md, "BLAS on new CPUs").
        """
    }
    return text
  }
}
