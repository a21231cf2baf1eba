package io.batchkit.mr.infer;

import io.batchkit.core.infer.ColumnEvidence;
import io.batchkit.core.infer.PairKeys;
import io.batchkit.core.infer.SchemaProposal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one task learned from its files, shipped to the reducer as bytes and merged there: record
 * counts, each column's evidence, the pair keys, and each file's header as written.
 */
final class SampleEvidence {
  /** Whether this is the held-out tenth's evidence. */
  final boolean heldOut;

  long records;
  long multiline;
  long ragged;
  final List<ColumnEvidence> columns = new ArrayList<>();
  PairKeys pairs;

  /** File -> its header record, as text. */
  final Map<String, String> headers = new TreeMap<>();

  SampleEvidence(int columns, boolean heldOut) {
    this.heldOut = heldOut;
    for (int c = 0; c < columns; c++) {
      this.columns.add(new ColumnEvidence());
    }
    this.pairs = new PairKeys(columns);
  }

  void merge(SampleEvidence o) {
    records += o.records;
    multiline += o.multiline;
    ragged += o.ragged;
    for (int c = 0; c < columns.size(); c++) {
      columns.get(c).merge(o.columns.get(c));
    }
    pairs.merge(o.pairs);
    headers.putAll(o.headers);
  }

  SchemaProposal.Evidence evidence() {
    return new SchemaProposal.Evidence(records, multiline, ragged, columns, pairs);
  }

  byte[] toBytes() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeBoolean(heldOut);
      out.writeLong(records);
      out.writeLong(multiline);
      out.writeLong(ragged);
      out.writeInt(columns.size());
      for (ColumnEvidence c : columns) {
        c.write(out);
      }
      pairs.write(out);
      out.writeInt(headers.size());
      for (Map.Entry<String, String> h : headers.entrySet()) {
        out.writeUTF(h.getKey());
        out.writeUTF(
            h.getValue().length() > 20_000 ? h.getValue().substring(0, 20_000) : h.getValue());
      }
    }
    return bytes.toByteArray();
  }

  static SampleEvidence fromBytes(byte[] b, int length) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b, 0, length))) {
      boolean heldOut = in.readBoolean();
      long records = in.readLong();
      long multiline = in.readLong();
      long ragged = in.readLong();
      int n = in.readInt();
      SampleEvidence s = new SampleEvidence(0, heldOut);
      s.records = records;
      s.multiline = multiline;
      s.ragged = ragged;
      for (int c = 0; c < n; c++) {
        s.columns.add(ColumnEvidence.read(in));
      }
      s.pairs = PairKeys.read(in);
      int h = in.readInt();
      for (int i = 0; i < h; i++) {
        s.headers.put(in.readUTF(), in.readUTF());
      }
      return s;
    }
  }
}
