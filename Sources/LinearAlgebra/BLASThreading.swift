import _CBLAS

/// OpenBLAS runs on the calling thread only.
///
/// ShelfCast parallelises over stores itself (`_Parallel`), and the products it hands to
/// OpenBLAS are small (a 4,000 × 32 block into a 32 × 32 Gram matrix): letting OpenBLAS start
/// its own threads inside each store's task oversubscribes the cores, and its threads spin in
/// `sched_yield` waiting for work (a tenth of a training run's time before this). One thread
/// also makes every result independent of the machine's core count. Every entry point of this
/// module that calls OpenBLAS or LAPACK touches `configured` first; the setting is made once.
enum BLASThreading {
  static let configured: Void = openblas_set_num_threads(1)
}
