#!/usr/bin/env python3
"""Writes the hostile-input fixtures of issue 7 and their manifest, expected.csv.

Run from anywhere: python3 Tests/Fixtures/bad-input/make_fixtures.py
The output is deterministic; the committed files are exactly what this script writes.

Every file is ingested, one at a time and in manifest order, into ONE workspace whose master
data is 00_stores.csv and 00_skus.csv (S001 opened 2020-01-01, S002 opened 2025-03-01; SKUs
P001-P003), with as-of date 2025-03-31 (see HostileInputTests.swift). Later files see what
earlier ones stored: the re-delivery files depend on that order.

The expected outcomes were worked out by hand from each file's bytes and the rules (then in the README,
now in docs/files.md and docs/reliability.md), not by running ShelfCast.

Files too big or too special to commit are made by the test in its temporary directory; their
`setup` column says how:
  generated-binary               64 KiB of SplitMix64 bytes (seed 7)
  generated-binary-after-header  the transactions header, then 64 KiB of SplitMix64 bytes (seed 8)
  generated-long-line            a good row, a 10,000,000-byte line, a good row
  generated-long-first-line      a 10,000,000-byte first line, then a row
  fifo                           mkfifo
  symlink:<target>               a symbolic link to <target> (a fixture, /dev/zero, itself, ...)
  directory                      a folder named like a CSV, holding inner_tx.csv and a folder
                                 nested.csv/ (skipped: folders are searched for files only)
  changed-while-reading          a valid file to which a row is appended once its bytes are read
  replaced-before-reading        a transactions file swapped for a daily-demand file between
                                 recognition and reading

Columns of expected.csv:
  file              name in this folder (or made by the test)
  hostility         what is wrong with it
  setup             committed, or how the test makes it (above)
  max_reject_share  the --max-reject-share the file is ingested with
  outcome           ingested | refused | failed | already_ingested
  rows_read, rows_stored, rows_quarantined, rows_duplicate
                    the manifest's counts; * where they depend on random bytes (the test then
                    checks only that they reconcile)
  expect_text       must appear in the file's message or in one of its quarantine entries
                    written as `file:line: column N 'name': reason`
  report_name       the file name the report carries, when not `file` (a folder's content)
"""

import csv
import gzip
import io
import os

HERE = os.path.dirname(os.path.abspath(__file__))
H = "date,store_id,sku_id,quantity,unit_price,promo,txn_id"
rows = []  # manifest rows
files = {}  # name -> bytes


def tx(stem, i, date="2025-03-10", store="S001", sku="P001", qty="1", price="1.20", promo="0"):
    return f"{date},{store},{sku},{qty},{price},{promo},{stem}-{i}"


def good(stem, n, start=1, **kw):
    return [tx(stem, start + k, **kw) for k in range(n)]


def add(name, hostility, outcome, read, stored, quarantined, duplicate=0, expect="",
        share="0.01", setup="committed", data=None, report_name=""):
    if data is not None:
        files[name] = data if isinstance(data, bytes) else data.encode("utf-8")
    rows.append([name, hostility, setup, share, outcome, read, stored, quarantined, duplicate,
                 expect, report_name])


def text(lines, end="\n", final=True):
    return end.join(lines) + (end if final else "")


# ---- baseline master data (not hostile)
add("00_stores.csv", "none: baseline master data (stores)", "ingested", 2, 2, 0,
    data="store_id,name,region,format,open_date\nS001,Central,North,hyper,2020-01-01\n"
    "S002,Harbour,South,super,2025-03-01\n")
add("00_skus.csv", "none: baseline master data (SKUs)", "ingested", 3, 3, 0,
    data="sku_id,name,category,unit_cost,unit_price,case_pack,lead_time_days,min_order_qty\n"
    "P001,Milk,dairy,0.60,1.20,12,2,24\nP002,Bread,bakery,0.80,2.50,10,1,10\n"
    "P003,Eggs,dairy,1.50,3.00,6,3,6\n")

# ---- empty and nearly empty
add("empty.csv", "empty file (0 bytes)", "failed", 0, 0, 0,
    expect="empty.csv: the file is empty; expected a header line.", data=b"")
add("header_only.csv", "header line and nothing else", "ingested", 0, 0, 0, data=H + "\n")
add("blank_lines_only.csv", "only blank lines (LF, CRLF, CR)", "failed", 0, 0, 0,
    expect="blank_lines_only.csv: the file is empty", data=b"\n\r\n\r\n\n")
add("spaces_header.csv", "a header of spaces", "failed", 0, 0, 0,
    expect="spaces_header.csv:1: column 1 has no name in the header.",
    data="   \n2025-03-01,S001,P001,1\n")

# ---- truncation
s = "truncated_last_line"
add(f"{s}.csv", "last line cut off mid-row (no line end)", "ingested", 5, 4, 1,
    share="0.25", expect=f"{s}.csv:6: column 4 'quantity': 3 fields where the header has 7",
    data=text([H] + good(s, 4)) + "2025-03-02,S001,P0")
s = "truncated_mid_quote"
add(f"{s}.csv", "last line cut off inside a quoted field", "refused", 4, 0, 1,
    expect=f"{s}.csv:5: column 7 'txn_id': a quote opened in field 7 is never closed",
    data=text([H] + good(s, 3)) + '2025-03-02,S001,P001,1,2.50,0,"trunc')

# ---- binary
add("binary_garbage.csv", "64 KiB of random bytes", "failed", 0, 0, 0,
    setup="generated-binary", expect="binary_garbage.csv:1:")
add("binary_after_header.csv", "a valid header, then 64 KiB of random bytes", "refused",
    "*", 0, "*", setup="generated-binary-after-header",
    expect="nothing of the file was stored")
s = "nul_in_field"
add(f"{s}.csv", "a NUL byte inside a SKU id", "ingested", 4, 3, 1, share="0.3",
    expect=f"{s}.csv:5: column 3 'sku_id': SKU 'P0\\u{{00}}01' is not in the master data",
    data=text([H] + good(s, 3) + [f"2025-03-10,S001,P0\x0001,1,1.20,0,{s}-9"]))
add("nul_in_header.csv", "NUL bytes in the header", "failed", 0, 0, 0,
    expect="the file does not look like UTF-8 text",
    data="date\x00,store_id\x00,sku_id,quantity\n2025-03-01,S001,P001,1\n")
add("utf16le.csv", "UTF-16LE with its byte-order mark", "failed", 0, 0, 0,
    expect="the file looks like UTF-16 text; export it as UTF-8",
    data=b"\xff\xfe" + (H + "\n2025-03-10,S001,P001,1,1.20,0,u16-1\n").encode("utf-16-le"))
gz = io.BytesIO()
with gzip.GzipFile(fileobj=gz, mode="wb", mtime=0) as g:
    g.write((text([H] + good("gz", 20))).encode())
add("gzip_disguised.csv", "a gzip archive named .csv", "failed", 0, 0, 0,
    expect="gzip_disguised.csv:1:", data=gz.getvalue())

# ---- long lines
add("long_line_10mb.csv", "a 10 MB line between two good rows", "ingested", 3, 2, 1,
    share="0.5", setup="generated-long-line",
    expect="long_line_10mb.csv:3: line longer than 1048576 bytes")
add("long_first_line_10mb.csv", "a 10 MB first line (no header)", "failed", 0, 0, 0,
    setup="generated-long-first-line",
    expect="long_first_line_10mb.csv:1: the first line is over 64 KiB")
add("too_many_columns.csv", "a header of 600 columns", "failed", 0, 0, 0,
    expect="too_many_columns.csv:1: the header line cannot be read: more than 512 fields",
    data=",".join(["date", "store_id", "sku_id", "quantity"] + [f"c{i}" for i in range(596)])
    + "\n")

# ---- delimiters and headers
add("semicolons.csv", "semicolon-separated", "failed", 0, 0, 0,
    expect="the header is separated by semicolons",
    data=text([H.replace(",", ";"), "2025-03-10;S001;P001;1;1.20;0;sc-1"]))
add("tabs.csv", "tab-separated", "failed", 0, 0, 0,
    expect="the header is separated by tabs",
    data=text([H.replace(",", "\t"), "2025-03-10\tS001\tP001\t1\t1.20\t0\ttb-1"]))
s = "comma_header_semicolon_rows"
add(f"{s}.csv", "comma header, semicolon rows", "refused", 3, 0, 3,
    expect=f"{s}.csv:2: column 2 'store_id': 1 fields where the header has 7",
    data=text([H] + [r.replace(",", ";") for r in good(s, 3)]))
add("missing_header.csv", "no header: the first line is data", "failed", 0, 0, 0,
    expect="the first line looks like a data row; the file seems to have no header line",
    data=text(good("mh", 3)))
add("duplicate_header.csv", "a column named twice", "failed", 0, 0, 0,
    expect="duplicate_header.csv:1: column 'store_id' appears twice (columns 2 and 5)",
    data="date,store_id,sku_id,quantity,store_id\n2025-03-10,S001,P001,1,S001\n")
add("duplicate_header_spelling.csv", "two spellings of one column (Store ID, store-id)",
    "failed", 0, 0, 0,
    expect="column 'store_id' appears twice (columns 2 and 3)",
    data="date,Store ID,store-id,sku_id,quantity\n2025-03-10,S001,S001,P001,1\n")
# Found by fuzzing (Fuzz/regressions): the name of a column given twice was shown raw, so a
# control character in it reached the terminal; and a header matching nothing was shown with its
# bidirectional overrides, which turn the text around.
add("control_char_in_duplicate_header.csv",
    "a control character (0x04) in a column named twice", "failed", 0, 0, 0,
    expect="column 'store_i\\u{04}' appears twice (columns 2 and 3)",
    data="date,Store I\x04,store-i\x04,sku_id,quantity\n2025-03-10,S001,S001,P001,1\n")
add("bidi_override_in_header.csv",
    "a right-to-left override (U+202E) in a header that matches nothing", "failed", 0, 0, 0,
    expect="the header (date,sto?re_id,sku_id,quantity) matches no input",
    data="date,sto\u202ere_id,sku_id,quantity\n2025-03-10,S001,P001,1\n")
s = "repeated_header"
add(f"{s}.csv", "two exports joined: the header again mid-file", "ingested", 5, 4, 1,
    share="0.3",
    expect=f"{s}.csv:4: column 1 'date': 'date' is not a date",
    data=text([H] + good(s, 2) + [H] + good(s, 2, start=3)))
add("double_bom.csv", "two UTF-8 byte-order marks (joined exports)", "ingested", 2, 2, 0,
    data=b"\xef\xbb\xbf\xef\xbb\xbf" + text([H] + good("dbom", 2)).encode())

# ---- quoting
s = "unbalanced_quote_recovered"
body = good(s, 199)
body.insert(99, f'2025-03-10,S001,"P001,1,1.20,0,{s}-x')
add(f"{s}.csv", "a quote never closed on line 101 of 200 rows", "ingested", 200, 199, 1,
    expect=f"{s}.csv:101: column 3 'sku_id': a quote opened in field 3 is never closed",
    data=text([H] + body))
add("unbalanced_quote_header.csv", "a quote never closed in the header", "failed", 0, 0, 0,
    expect="unbalanced_quote_header.csv:1: the header line cannot be read: a quote opened in "
    "field 2 is never closed",
    data='date,"store_id,sku_id,quantity\n2025-03-10,S001,P001,1\n')
s = "text_after_quote"
add(f"{s}.csv", "text after a closing quote", "ingested", 4, 3, 1, share="0.3",
    expect=f"{s}.csv:5: column 2 'store_id': text follows the closing quote of field 2",
    data=text([H] + good(s, 3) + [f'2025-03-10,"S001"x,P001,1,1.20,0,{s}-9']))
s = "quoted_newlines"
add(f"{s}.csv", "line breaks inside quoted fields (a txn id, a store id)", "ingested",
    4, 3, 1, share="0.3",
    expect=f"{s}.csv:5: column 2 'store_id': store 'S0\\u{{0A}}01' is not in the master data",
    data=text([H, f'2025-03-10,S001,P001,1,1.20,0,"{s}\n1"', tx(s, 2),
               f'2025-03-10,"S0\n01",P001,1,1.20,0,{s}-3', tx(s, 4)]))

# ---- encodings and line endings
add("bom.csv", "UTF-8 byte-order mark", "ingested", 3, 3, 0,
    data=b"\xef\xbb\xbf" + text([H] + good("bom", 3)).encode())
add("crlf.csv", "CRLF line endings", "ingested", 3, 3, 0,
    data=text([H] + good("crlf", 3), end="\r\n"))
s = "bare_cr"
add(f"{s}.csv", "bare CR line endings, a bad row on line 4", "ingested", 4, 3, 1,
    share="0.3", expect=f"{s}.csv:4: column 2 'store_id': store 'S009' is not in the master data",
    data=text([H, tx(s, 1), tx(s, 2), tx(s, 3, store="S009"), tx(s, 4)], end="\r"))
add("mixed_line_endings.csv", "LF, CR and CRLF mixed", "ingested", 3, 3, 0,
    data=H + "\r\n" + tx("mix", 1) + "\n" + tx("mix", 2) + "\r" + tx("mix", 3) + "\r\n")
add("latin1_store_names.csv", "stores master data in Latin-1 (Caf\\xe9)", "refused", 2, 0, 1,
    expect="latin1_store_names.csv:2: column 2 'name': 'Caf\ufffd du Nord' is not UTF-8 text "
    "(byte 0xE9 at byte 4); export the file as UTF-8",
    data="store_id,name,region,format,open_date\n".encode()
    + "S003,Café du Nord,North,super,2021-01-01\n".encode("latin-1")
    + b"S004,Plain,North,super,2021-01-01\n")
s = "latin1_sku_ids"
add(f"{s}.csv", "a Latin-1 byte in a SKU id", "ingested", 4, 3, 1, share="0.3",
    expect=f"{s}.csv:5: column 3 'sku_id': SKU 'P\ufffd01' is not in the master data",
    data=text([H] + good(s, 3)).encode() + f"2025-03-10,S001,P\xd601,1,1.20,0,{s}-9\n"
    .encode("latin-1"))

# ---- numbers
s = "overflowing_numbers"
add(f"{s}.csv", "numbers beyond Double or beyond 18 digits", "ingested", 6, 3, 3, share="0.5",
    expect=f"{s}.csv:4: column 4 'quantity': '99999999999999999999999' is too large",
    data=text([H, tx(s, 1), tx(s, 2), tx(s, 3, qty="99999999999999999999999"),
               tx(s, 4, qty="1e400"), tx(s, 5, price="1e309"), tx(s, 6)]))
s = "nan_inf"
add(f"{s}.csv", "NaN and infinities", "ingested", 4, 1, 3, share="0.8",
    expect=f"{s}.csv:2: column 4 'quantity': 'NaN' is not a finite number",
    data=text([H, tx(s, 1, qty="NaN"), tx(s, 2, price="Inf"), tx(s, 3, qty="-infinity"),
               tx(s, 4)]))
s = "negative_values"
add(f"{s}.csv", "a negative quantity (a return) and a negative price", "ingested", 3, 2, 1,
    share="0.4", expect=f"{s}.csv:3: column 5 'unit_price': must not be negative (got -1.5)",
    data=text([H, tx(s, 1, qty="-2"), tx(s, 2, price="-1.50"), tx(s, 3)]))
s = "huge_quantities"
add(f"{s}.csv", "quantities at and beyond the ±10,000 limit", "ingested", 5, 2, 3,
    share="0.7",
    expect=f"{s}.csv:3: column 4 'quantity': quantity 10001.0 is beyond the plausible limit",
    data=text([H, tx(s, 1, qty="10000"), tx(s, 2, qty="10001"), tx(s, 3, qty="-50000"),
               tx(s, 4, qty="1e6"), tx(s, 5)]))
s = "decimal_comma"
add(f"{s}.csv", "decimal commas (quoted)", "ingested", 3, 1, 2, share="0.7",
    expect=f"{s}.csv:2: column 4 'quantity': '1,5' is not a number",
    data=text([H, tx(s, 1, qty='"1,5"'), tx(s, 2, price='"2,50"'), tx(s, 3)]))
s = "empty_fields"
add(f"{s}.csv", "empty required fields", "ingested", 3, 1, 2, share="0.7",
    expect=f"{s}.csv:3: column 4 'quantity': empty, but a value is required",
    data=text([H, ",,,,,,", "2025-03-10,S001,P001,,,,", tx(s, 3)]))
s = "promo_garbage"
add(f"{s}.csv", "a promo flag that is not a flag", "ingested", 2, 1, 1, share="0.5",
    expect=f"{s}.csv:2: column 6 'promo': 'maybe' is not 0/1 or true/false",
    data=text([H, tx(s, 1, promo="maybe"), tx(s, 2)]))

# ---- dates
s = "impossible_dates"
add(f"{s}.csv", "2025-02-30, month 13, unpadded, US order, 2025-02-29", "ingested", 7, 2, 5,
    share="0.8", expect=f"{s}.csv:2: column 1 'date': '2025-02-30' is not a date",
    data=text([H, tx(s, 1, date="2025-02-30"), tx(s, 2, date="2025-13-01"),
               tx(s, 3, date="2025-2-3"), tx(s, 4, date="03/01/2025"),
               tx(s, 5, date="2024-02-29"), tx(s, 6, date="2025-02-29"), tx(s, 7)]))
s = "dates_1900_2200"
add(f"{s}.csv", "1900-01-01, 2200-01-01, 1899-12-31, 2199-12-31", "ingested", 5, 1, 4,
    share="0.9",
    expect=f"{s}.csv:2: column 1 'date': date 1900-01-01 is before the store opened on 2020-01-01",
    data=text([H, tx(s, 1, date="1900-01-01"), tx(s, 2, date="2200-01-01"),
               tx(s, 3, date="1899-12-31"), tx(s, 4, date="2199-12-31"), tx(s, 5)]))
s = "future_dates"
add(f"{s}.csv", "a date after the as-of date", "ingested", 2, 1, 1, share="0.5",
    expect=f"{s}.csv:2: column 1 'date': date 2025-04-01 is after the as-of date 2025-03-31",
    data=text([H, tx(s, 1, date="2025-04-01"), tx(s, 2)]))

# ---- master-data references
s = "unknown_store_and_sku"
add(f"{s}.csv", "unknown store, unknown SKU, both, and a sale before a store opened",
    "ingested", 5, 1, 4, share="0.8",
    expect=f"{s}.csv:2: column 2 'store_id': store 'S999' is not in the master data",
    data=text([H, tx(s, 1, store="S999"), tx(s, 2, sku="P999"),
               tx(s, 3, store="S998", sku="P998"), tx(s, 4, store="S002", date="2025-02-01"),
               tx(s, 5)]))

# ---- formula injection (accepted as data; neutralised in every CSV written)
add("formula_skus.csv", "SKU names that spreadsheets would run as formulas", "ingested", 5, 5, 0,
    data="sku_id,name,category,unit_cost,unit_price,case_pack,lead_time_days\n"
    'P010,"=HYPERLINK(""http://evil.example"",""open"")",dairy,1,2,1,1\n'
    'P011,"+SUM(1,2)",dairy,1,2,1,1\nP012,-2+3,dairy,1,2,1,1\nP013,@cmd,dairy,1,2,1,1\n'
    'P014,"\tTab",dairy,1,2,1,1\n')
add("formula_stores.csv", "a store whose name, region and format are formulas", "ingested",
    1, 1, 0,
    data="store_id,name,region,format,open_date\nS005,=cmd|' /C calc'!A0,+1,@x,2020-01-01\n")
s = "formula_transactions"
add(f"{s}.csv", "formulas in a date, a txn id and a store id", "ingested", 4, 2, 2, share="0.6",
    expect=f"{s}.csv:2: column 1 'date': '=1+2' is not a date",
    data=text([H, tx(s, 1, date="=1+2"),
               '2025-03-10,S001,P001,1,1.20,0,"=HYPERLINK(""http://evil.example"")"',
               tx(s, 3, store="@S001"), tx(s, 4)]))

# ---- not regular files
add("fifo.csv", "a FIFO (named pipe) named like a CSV", "failed", 0, 0, 0, setup="fifo",
    expect="is a FIFO (named pipe), not a regular file")
add("symlink_target.txt", "none: the target of symlink_to_file.csv (not ingested itself)",
    "skip", 0, 0, 0, data=text([H] + good("link", 2)))
add("symlink_to_file.csv", "a symbolic link to a regular file (followed)", "ingested", 2, 2, 0,
    setup="symlink:symlink_target.txt")
add("symlink_to_dev_zero.csv", "a symbolic link to /dev/zero", "failed", 0, 0, 0,
    setup="symlink:/dev/zero", expect="is a device, not a regular file")
add("symlink_loop.csv", "a symbolic link to itself", "failed", 0, 0, 0,
    setup="symlink:symlink_loop.csv",
    expect="symlink_loop.csv: a symbolic link that leads to nothing readable")
add("symlink_dangling.csv", "a symbolic link to a missing file", "failed", 0, 0, 0,
    setup="symlink:gone.csv",
    expect="symlink_dangling.csv: a symbolic link that leads to nothing readable")
add("directory_given.csv", "a folder named like a CSV, given as input", "ingested", 2, 2, 0,
    setup="directory", report_name="inner_tx.csv")

# ---- changing files
add("changed_while_reading.csv", "a row appended while the file is being read", "failed",
    0, 0, 0, setup="changed-while-reading",
    expect="changed_while_reading.csv: the file changed while it was being read",
    data=text([H] + good("cwr", 3)))
add("replaced_before_reading.csv", "replaced by another kind of file after recognition",
    "failed", 0, 0, 0, setup="replaced-before-reading",
    expect="replaced_before_reading.csv: the file was replaced while it was being read",
    data=text([H] + good("rbr", 3)))

# ---- other kinds of input
s = "ragged_rows"
add(f"{s}.csv", "rows with too few and too many fields", "ingested", 4, 2, 2, share="0.5",
    expect=f"{s}.csv:4: column 8: 9 fields where the header has 7",
    data=text([H, tx(s, 1), "2025-03-10,S001,P001,1,1.20", tx(s, 3) + ",x,y", tx(s, 4)]))
add("daily_duplicate_key.csv", "daily demand giving one store/SKU/day twice", "ingested",
    3, 2, 1, share="0.4",
    expect="daily_duplicate_key.csv:4: repeats the store/SKU/date of line 2",
    data="store_id,sku_id,date,units\nS001,P001,2025-03-05,3\nS001,P002,2025-03-05,1\n"
    "S001,P001,2025-03-05,4\n")
add("snapshot_without_date.csv", "a stock snapshot with no date anywhere", "failed", 0, 0, 0,
    expect="snapshot_without_date.csv: an inventory snapshot needs a 'date' column",
    data="store_id,sku_id,on_hand\nS001,P001,4\n")
add("negative_stock_2025-03-10.csv", "a negative stock level (a book stock below zero)",
    "ingested", 2, 2, 0,
    expect="1 row has a negative on_hand (a book stock below zero), read as 0 on hand",
    data="store_id,sku_id,on_hand\nS001,P001,-5\nS001,P002,7\n")
s = "personal_data"
add(f"{s}.csv", "customer e-mail column and a bad row to quarantine", "ingested", 2, 1, 1,
    share="0.5", expect="[removed]",
    data=text([H + ",email", tx(s, 1, store="S777") + ",x@example.com",
               tx(s, 2) + ",y@example.com"]))

# ---- re-delivered exports (same txn_id, store, day and SKU)
orig = [tx("R", 1, date="2025-03-20"), tx("R", 1, date="2025-03-20"),
        tx("R", 1, date="2025-03-20", sku="P002", price="2.50"),
        tx("R", 2, date="2025-03-20", qty="2"),
        tx("R", 3, date="2025-03-20", sku="P003", price="3.00"),
        tx("R", 4, date="2025-03-21", sku="P002", price="2.50")]
add("redelivery_original.csv", "none yet: the first delivery (R-1 scans P001 twice)",
    "ingested", 6, 6, 0, data=text([H] + orig))
add("redelivery_same_bytes.csv", "the same bytes under another name", "already_ingested",
    0, 0, 0, expect="already ingested as redelivery_original.csv", data=text([H] + orig))
renamed = [orig[i] for i in (5, 3, 0, 4, 2, 1)]
renamed = [r.rsplit(",", 1)[0] + ',"' + r.rsplit(",", 1)[1] + '"' for r in renamed]
add("redelivery_renamed.csv", "the same lines re-exported: reordered, CRLF, quoted txn ids",
    "ingested", 6, 0, 0, 6,
    expect="redelivery_renamed.csv:2: column 7 'txn_id': duplicate of an earlier delivery "
    "(file redelivery_original.csv)",
    data=text([H] + renamed, end="\r\n"))
add("redelivery_overlap.csv",
    "overlaps the first: 2 old lines, R-1 P001 once (part of R-1 again), 2 new lines",
    "ingested", 5, 2, 0, 3,
    expect="redelivery_overlap.csv:2: column 7 'txn_id': duplicate of an earlier delivery "
    "(file redelivery_original.csv)",
    data=text([H, orig[4], orig[5], orig[0], tx("R", 5, date="2025-03-20"),
               tx("R", 6, date="2025-03-22", sku="P002", price="2.50")]))
add("redelivery_overlap_again.csv",
    "R-1 P001 three times (the first had two: the third is new), R-5 again (from the overlap "
    "file) and one new line", "ingested", 5, 2, 0, 3,
    expect="redelivery_overlap_again.csv:5: column 7 'txn_id': duplicate of an earlier delivery "
    "(file redelivery_overlap.csv)",
    data=text([H, orig[0], orig[0], orig[0], tx("R", 5, date="2025-03-20"),
               tx("R", 7, date="2025-03-20", sku="P003")]))


def main():
    for name in os.listdir(HERE):
        if name != "make_fixtures.py" and not name.startswith(".") and os.path.isfile(
                os.path.join(HERE, name)):
            os.remove(os.path.join(HERE, name))
    for name, data in files.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
    with open(os.path.join(HERE, "expected.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file", "hostility", "setup", "max_reject_share", "outcome", "rows_read",
                    "rows_stored", "rows_quarantined", "rows_duplicate", "expect_text",
                    "report_name"])
        w.writerows(rows)
    hostile = [r for r in rows if not r[1].startswith("none")]
    print(f"{len(files)} files written, {len(rows)} manifest rows, {len(hostile)} hostile")


main()
