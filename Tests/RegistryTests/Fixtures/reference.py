"""Reference values for RegistryTests, computed independently of ShelfCast with hashlib.

Run:  python3 Tests/RegistryTests/Fixtures/reference.py > Tests/RegistryTests/Fixtures/reference.json

- audit: the hash chain of three entries, each hash = SHA-256(previous hash as 32 raw bytes ||
  canonical bytes), the canonical bytes being seq, at, user, host, action, subject, details,
  each as "<UTF-8 byte count>:<bytes>\n" (see AuditEntry).
- fingerprint: DataFingerprint of a two-store panel (see DataFingerprint).
"""
import datetime
import hashlib
import json
import struct

# --- Audit chain -------------------------------------------------------------------------
at = datetime.datetime(2026, 1, 2, 3, 4, 5, 250000, tzinfo=datetime.timezone.utc)
at_text = "2026-01-02T03:04:05.250Z"
user, host = "josé", "shop:01"
entries = [
    ("register", "v0001", {"reason": "first | model", "series": "3"}),
    ("promote", "v0001", {"reason": "first model", "replaced": ""}),
    ("ingest", "demand_2026-01.csv", {"rows": "12", "sha256": "ab"}),
]


def field(text):
    data = text.encode("utf-8")
    return str(len(data)).encode("ascii") + b":" + data + b"\n"


previous = "0" * 64
chain = []
for seq, (action, subject, details) in enumerate(entries, start=1):
    details_json = json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    canonical = b"".join(
        field(x) for x in [str(seq), at_text, user, host, action, subject, details_json])
    digest = hashlib.sha256(bytes.fromhex(previous) + canonical).hexdigest()
    chain.append({
        "seq": seq, "action": action, "subject": subject, "details": details_json,
        "prev_hash": previous, "hash": digest,
    })
    previous = digest

# --- Demand fingerprint ------------------------------------------------------------------
# Store S1: SKUs P1, P2 over 2026-03-01 ... 2026-03-03; store S2: SKU P9.
stores = [
    ("S1", ["P1", "P2"], [[1.0, 0.0, 2.5], [0.0, 3.0, 0.25]], [[0, 0, 1], [0, 0, 0]]),
    ("S2", ["P9"], [[7.0, 8.0, 0.0]], [[0, 1, 0]]),
]
start, days = "2026-03-01", 3
outer = hashlib.sha256(b"shelfcast-demand-v1\n")
for store, skus, values, censored in stores:
    header = f"shelfcast-demand-store-v1\nstore:{store}\nstart:{start}\ndays:{days}\n"
    header += f"series:{len(skus)}\n" + "".join(sku + "\n" for sku in skus)
    h = hashlib.sha256(header.encode("utf-8"))
    for row in values:
        for v in row:
            h.update(struct.pack("<d", v))
    h.update(bytes(c for row in censored for c in row))
    outer.update(h.digest())

print(json.dumps({
    "audit": {"at_epoch_seconds": at.timestamp(), "at": at_text, "user": user, "host": host,
              "chain": chain},
    "fingerprint": {"stores": [
        {"store": s, "skus": k, "values": v, "censored": c} for s, k, v, c in stores],
        "start": start, "days": days, "sha256": outer.hexdigest()},
}, indent=2, ensure_ascii=False))
