// OpenSSL's libcrypto (Debian: libssl-dev), for its message digests only; module _Digest is
// the one module that calls it.
#include <openssl/evp.h>
