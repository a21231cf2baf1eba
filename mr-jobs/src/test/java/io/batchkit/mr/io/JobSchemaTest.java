package io.batchkit.mr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.batchkit.core.schema.Schema;
import io.batchkit.core.schema.SchemaChange;
import io.batchkit.core.schema.SchemaChanges;
import io.batchkit.core.schema.SchemaParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class JobSchemaTest {
  private static final String RIDES =
      """
      name: rides
      format: {delimiter: ",", header: true}
      columns:
        - {name: id, type: int, required: true, min: 1}
        - {name: at, type: timestamp, min: "2024-01-01 00:00:00"}
      """;

  private static Configuration stored(String yaml, List<SchemaChange> changes, SchemaChanges p) {
    Configuration conf = new Configuration(false);
    JobSchema.store(conf, yaml.getBytes(StandardCharsets.UTF_8), "rides.yaml", changes, p);
    return conf;
  }

  @Test
  void aStoredSchemaIsParsedOnceAndEachStoredVersionIsItsOwn() {
    Configuration plain = stored(RIDES, List.of(), null);
    Schema first = JobSchema.load(plain);
    assertEquals(SchemaParser.parse(RIDES.getBytes(StandardCharsets.UTF_8), "rides.yaml"), first);
    assertSame(first, JobSchema.load(stored(RIDES, List.of(), null)), "the same stored schema");

    Schema renamed = JobSchema.load(stored(RIDES.replace("rides", "trips"), List.of(), null));
    assertEquals("trips", renamed.name());

    Schema open = JobSchema.load(stored(RIDES, List.of(), SchemaChanges.ADD_COLUMNS));
    assertEquals(SchemaChanges.ADD_COLUMNS, open.schemaChanges());
    assertEquals(SchemaChanges.FAIL, JobSchema.load(plain).schemaChanges());

    SchemaChange tip =
        new SchemaChange(SchemaChange.Kind.ADDED, "tip", "double", List.of(), null, null);
    Schema added = JobSchema.load(stored(RIDES, List.of(tip), null));
    assertEquals(List.of("id", "at", "tip"), added.columns().stream().map(c -> c.name()).toList());
    assertEquals(2, JobSchema.load(plain).columns().size());
  }
}
