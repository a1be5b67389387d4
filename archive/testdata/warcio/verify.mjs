// Reads WARC files with warcio.js (webrecorder) and checks every record:
// WARC-Block-Digest over the record block, and WARC-Payload-Digest over the
// HTTP payload (chunked transfer coding removed, content coding kept) of
// every response. Prints one JSON object; exit 1 if a file is unreadable.
//
//   node verify.mjs FILE.warc.gz...
import fs from "node:fs";
import crypto from "node:crypto";
import { WARCParser } from "warcio";

const b32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
function base32(buf) {
  let bits = 0, value = 0, out = "";
  for (const byte of buf) {
    value = (value << 8) | byte; bits += 8;
    while (bits >= 5) { out += b32[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0) out += b32[(value << (5 - bits)) & 31];
  while (out.length % 8) out += "=";
  return out.replace(/=+$/, "");
}

function digestOf(label, data) {
  const [algo, want] = label.split(":", 2);
  const name = { sha1: "sha1", "sha-1": "sha1", sha256: "sha256", "sha-256": "sha256" }[algo.toLowerCase()];
  if (!name) return { ok: false, why: "unknown algorithm " + algo };
  const raw = crypto.createHash(name).update(data).digest();
  const got = want.length === 64 ? raw.toString("hex") : base32(raw);
  return { ok: got.replace(/=+$/, "") === want.replace(/=+$/, ""), got };
}

function indexOf(buf, seq, from = 0) {
  return Buffer.from(buf).indexOf(seq, from);
}

// dechunk removes the chunked transfer coding.
function dechunk(body) {
  const parts = [];
  let pos = 0;
  for (;;) {
    const eol = indexOf(body, "\r\n", pos);
    if (eol < 0) throw new Error("chunk size line not terminated");
    const size = parseInt(body.subarray(pos, eol).toString("latin1").split(";")[0].trim(), 16);
    if (Number.isNaN(size)) throw new Error("bad chunk size");
    pos = eol + 2;
    if (size === 0) break;
    parts.push(body.subarray(pos, pos + size));
    pos += size + 2;
  }
  return Buffer.concat(parts);
}

function httpPayload(block) {
  const end = indexOf(block, "\r\n\r\n");
  if (end < 0) throw new Error("no end of HTTP headers");
  const head = block.subarray(0, end).toString("latin1");
  const body = block.subarray(end + 4);
  const chunked = /^transfer-encoding:\s*.*chunked/im.test(head);
  const status = parseInt(head.split("\r\n")[0].split(" ")[1], 10);
  return { status, payload: chunked ? dechunk(body) : body };
}

const report = { files: [], records: 0, types: {}, blockDigests: 0, payloadDigests: 0, errors: [] };
for (const file of process.argv.slice(2)) {
  const parser = new WARCParser(fs.createReadStream(file), { parseHttp: false });
  let n = 0;
  try {
    for await (const record of parser) {
      n++;
      const h = record.warcHeaders.headers;
      const type = h.get("WARC-Type");
      const id = h.get("WARC-Record-ID");
      report.types[type] = (report.types[type] || 0) + 1;
      const block = Buffer.from(await record.readFully(false));
      const len = parseInt(h.get("Content-Length"), 10);
      if (block.length !== len) report.errors.push(`${file} ${id}: block is ${block.length} bytes, Content-Length says ${len}`);
      const bd = h.get("WARC-Block-Digest");
      if (!bd) report.errors.push(`${file} ${id}: no WARC-Block-Digest`);
      else {
        const r = digestOf(bd, block);
        if (r.ok) report.blockDigests++;
        else report.errors.push(`${file} ${id}: block digest ${bd} != ${r.got}`);
      }
      if (type === "response") {
        const pd = h.get("WARC-Payload-Digest");
        if (!pd) { report.errors.push(`${file} ${id}: response without WARC-Payload-Digest`); continue; }
        if (h.get("WARC-Truncated")) continue; // a cut payload cannot be checked
        try {
          const { payload } = httpPayload(block);
          const r = digestOf(pd, payload);
          if (r.ok) report.payloadDigests++;
          else report.errors.push(`${file} ${id}: payload digest ${pd} != ${r.got}`);
        } catch (e) {
          report.errors.push(`${file} ${id}: ${e.message}`);
        }
      }
    }
  } catch (e) {
    report.errors.push(`${file}: unreadable after ${n} records: ${e.message}`);
  }
  report.files.push({ file, records: n });
  report.records += n;
}
console.log(JSON.stringify(report));
process.exit(report.errors.length ? 1 : 0);
