#!/usr/bin/env python3
"""Builds src/index/lexicon-nb.tsv.gz, the word list the Norwegian analyzer splits compounds with.

Source: wordfreq 3.1.1 (https://github.com/rspeer/wordfreq, data CC BY-SA 4.0, see THIRD-PARTY.md),
its `large_nb` list: Norwegian word forms with their frequency, in buckets of 0.01 orders of
magnitude (bucket b means a frequency of about 10^(-b/100)). Kept: lower-case alphabetic forms of
two letters or more with a bucket of at most 800 (a frequency of 1e-8 or more).

    pip install wordfreq==3.1.1 msgpack
    python3 tools/lexicon/build.py

The output is deterministic (sorted, gzip without a timestamp), so a rebuild changes nothing unless
the source does.
"""

import gzip
import io
import pathlib
import re

import msgpack
import wordfreq

MAX_BUCKET = 800
WORD = re.compile(r"[a-zæøåéèêóòôüöäáà]{2,}")

source = pathlib.Path(wordfreq.__file__).parent / "data" / "large_nb.msgpack.gz"
buckets = msgpack.unpackb(gzip.decompress(source.read_bytes()), raw=False)
header, buckets = buckets[0], buckets[1:]
assert header == {"format": "cB", "version": 1}, header

best: dict[str, int] = {}
for bucket, words in enumerate(buckets):
    if bucket > MAX_BUCKET:
        break
    for word in words:
        if WORD.fullmatch(word) and word not in best:
            best[word] = bucket

lines = "".join(f"{word}\t{bucket}\n" for word, bucket in sorted(best.items()))
out = pathlib.Path(__file__).resolve().parents[2] / "src" / "index" / "lexicon-nb.tsv.gz"
buffer = io.BytesIO()
with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
    gz.write(lines.encode("utf-8"))
out.write_bytes(buffer.getvalue())
print(f"{out}: {len(best)} words, {len(buffer.getvalue())} bytes")
